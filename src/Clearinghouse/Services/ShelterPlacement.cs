namespace Clearinghouse.Services;

/// <summary>
/// The rule from the Kosovo shelter co-ordination: a low-security victim-assistance shelter is not a witness-protection
/// facility, so a witness-protection case is never placed in a shelter not marked as suitable for witnesses.
/// </summary>
internal static class ShelterPlacement
{
    public const string NotSuitableForWitnesses =
        "This shelter is not suitable for witness-protection cases. Choose a shelter marked as suitable for witnesses.";

    public const string NotAShelter = "Choose a shelter: this service does not place persons.";

    /// <summary>The reason the placement is refused, or null when it may go ahead.</summary>
    public static string? Refusal(Service shelter, bool witnessProtectionCase) =>
        shelter.Kind != ServiceKind.Shelter ? NotAShelter
        : witnessProtectionCase && !shelter.SuitableForWitnessProtection ? NotSuitableForWitnesses
        : null;
}
