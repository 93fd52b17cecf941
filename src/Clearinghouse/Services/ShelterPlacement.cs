using Clearinghouse.Common;

namespace Clearinghouse.Services;

/// <summary>What a referral needs to know of the person to check a service's rules: statistics only, no identifier.</summary>
internal sealed record PlacementPerson(
    bool WitnessProtection,
    bool IsChild,
    int? Age,
    EligibleSex? Sex,
    IReadOnlyCollection<string> Citizenship,
    IReadOnlyCollection<FormOfExploitation> FormsOfExploitation);

/// <summary>
/// The rules a referral to a specific service must pass. From the Kosovo shelter co-ordination: a low-security
/// victim-assistance shelter is not a witness-protection facility, so a witness-protection case is never placed in a
/// shelter not marked as suitable for witnesses; a shelter with no free bed takes nobody; a shelter that does not take
/// children takes no child. Any service: the person must meet its eligibility (age, sex, nationality, form of
/// exploitation) as far as the case records them — what the case does not know refuses nothing.
/// </summary>
internal static class ShelterPlacement
{
    public const string NotSuitableForWitnesses =
        "This shelter is not suitable for witness-protection cases. Choose a shelter marked as suitable for witnesses.";

    public const string NotAShelter = "Choose a shelter: this service does not place persons.";

    public const string NoFreeBeds = "This shelter has no free bed. Choose another shelter or ask the shelter to update its occupancy.";

    public const string NoChildren = "This shelter does not take children. Choose a shelter that takes children.";

    public const string AgeNotEligible = "The person's age is outside the ages this service accepts.";

    public const string SexNotEligible = "This service does not accept persons of the person's sex.";

    public const string NationalityNotEligible = "This service does not accept persons of the person's citizenship.";

    public const string ExploitationNotEligible = "This service does not assist persons exploited in the way recorded on the case.";

    /// <summary>The reason the placement is refused, or null when it may go ahead.</summary>
    public static string? Refusal(Service shelter, bool witnessProtectionCase) =>
        shelter.Kind != ServiceKind.Shelter ? NotAShelter
        : witnessProtectionCase && !shelter.SuitableForWitnessProtection ? NotSuitableForWitnesses
        : null;

    /// <summary>Every reason a referral of the person to the service is refused; empty when it may go ahead.</summary>
    public static IReadOnlyList<string> Refusals(Service service, PlacementPerson person)
    {
        var reasons = new List<string>();
        if (service.Kind == ServiceKind.Shelter)
        {
            if (Refusal(service, person.WitnessProtection) is { } witness)
            {
                reasons.Add(witness);
            }

            if (person.IsChild && !service.AcceptsChildren)
            {
                reasons.Add(NoChildren);
            }

            if (service.FreeBeds == 0)
            {
                reasons.Add(NoFreeBeds);
            }
        }

        var tooYoung = person.Age is { } age ? service.MinimumAge > age : service.MinimumAge >= 18 && person.IsChild;
        var tooOld = person.Age is { } years && service.MaximumAge < years;
        if (tooYoung || tooOld)
        {
            reasons.Add(AgeNotEligible);
        }

        if (person.Sex is { } sex && service.Sexes.Count > 0 && !service.Sexes.Contains(sex))
        {
            reasons.Add(SexNotEligible);
        }

        if (person.Citizenship.Count > 0 && service.Nationalities.Count > 0 && !person.Citizenship.Any(service.Nationalities.Contains))
        {
            reasons.Add(NationalityNotEligible);
        }

        if (person.FormsOfExploitation.Count > 0 && service.FormsOfExploitation.Count > 0 && !person.FormsOfExploitation.Any(service.FormsOfExploitation.Contains))
        {
            reasons.Add(ExploitationNotEligible);
        }

        return reasons;
    }
}
