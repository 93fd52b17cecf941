using System.Globalization;
using System.Text.Json.Serialization;
using Clearinghouse.Common;
using Clearinghouse.Countries;

namespace Clearinghouse.Cases;

/// <summary>
/// What a case worker enters when registering or editing a case (form and API alike). One validator explains
/// every field. The identifiers (names to narrative) are sealed; the rest is statistics kept in the clear.
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
internal sealed record CaseInput
{
    // ---- Sealed identifiers ----
    public string? GivenName { get; init; }

    public string? FamilyName { get; init; }

    /// <summary>Other names the person is known by, one per line.</summary>
    public string? Aliases { get; init; }

    public DateOnly? DateOfBirth { get; init; }

    public DocumentKind? DocumentKind { get; init; }

    public string? DocumentNumber { get; init; }

    public string? DocumentCountry { get; init; }

    public string? Phone { get; init; }

    public string? Email { get; init; }

    public string? Address { get; init; }

    public string? Narrative { get; init; }

    // ---- Statistics ----
    public Gender? Gender { get; init; }

    public int? AgeAtIdentification { get; init; }

    public AgeGroup? AgeGroup { get; init; }

    public List<string> Citizenship { get; init; } = [];

    public string? CountryOfExploitation { get; init; }

    public TraffickingScope? Scope { get; init; }

    public List<FormOfExploitation> FormsOfExploitation { get; init; } = [];

    public LabourSector? LabourSector { get; init; }

    public List<MethodOfControl> MethodsOfControl { get; init; } = [];

    public IdentificationChannel? IdentificationChannel { get; init; }

    /// <summary>The identifying organisation; empty means the caller's own.</summary>
    public Guid? IdentifyingOrganisationId { get; init; }

    public DateOnly? IdentifiedOn { get; init; }

    public IdentificationStatus? IdentificationStatus { get; init; }

    public bool IsChild { get; init; }

    public bool HasDisability { get; init; }

    public bool IsPregnant { get; init; }

    public RiskLevel? RiskLevel { get; init; }

    public bool WitnessProtection { get; init; }

    public DateOnly? GuardianAppointedOn { get; init; }

    public DateOnly? BestInterestAssessmentOn { get; init; }

    /// <summary>The version the editor last saw; a different stored version means someone else changed the case.</summary>
    public int? Version { get; init; }

    public Dictionary<string, string[]> Validate(CountryCatalog countries, DateOnly today)
    {
        var errors = new ValidationErrors();
        if (string.IsNullOrWhiteSpace(GivenName) && string.IsNullOrWhiteSpace(FamilyName) && string.IsNullOrWhiteSpace(Aliases))
        {
            errors.Add(nameof(GivenName), "Enter at least one name (given name, family name or a name the person is known by), so the duplicate check can work. It is stored encrypted.");
        }

        errors.MaxLength(nameof(GivenName), GivenName, 100);
        errors.MaxLength(nameof(FamilyName), FamilyName, 100);
        errors.MaxLength(nameof(Aliases), Aliases, 1000);
        errors.MaxLength(nameof(Phone), Phone, 50);
        errors.Email(nameof(Email), Email);
        errors.MaxLength(nameof(Address), Address, 500);
        errors.MaxLength(nameof(Narrative), Narrative, 20000);
        if (DateOfBirth is { } birth && (birth > today || birth < today.AddYears(-110)))
        {
            errors.Add(nameof(DateOfBirth), "Enter a date of birth in the past (within 110 years), or leave it empty if not known.");
        }

        if (!string.IsNullOrWhiteSpace(DocumentNumber))
        {
            errors.MaxLength(nameof(DocumentNumber), DocumentNumber, 50);
            if (DocumentKind is null)
            {
                errors.Add(nameof(DocumentKind), "Choose what kind of document the number belongs to.");
            }
        }

        if (!string.IsNullOrWhiteSpace(DocumentCountry) && !countries.Exists(DocumentCountry.Trim().ToUpperInvariant()))
        {
            errors.Add(nameof(DocumentCountry), "Choose the country that issued the document from the list.");
        }

        if (Gender is null)
        {
            errors.Add(nameof(Gender), "Choose the person's gender; choose \"Not specified or unknown\" if it is not known.");
        }

        if (AgeAtIdentification is < 0 or > 110)
        {
            errors.Add(nameof(AgeAtIdentification), "Enter the age in whole years between 0 and 110, or leave it empty and choose an age group.");
        }

        if (AgeAtIdentification is null && AgeGroup is null or Cases.AgeGroup.Unknown && DateOfBirth is null)
        {
            errors.Add(nameof(AgeGroup), "Enter the age at identification or choose an age group (\"Unknown\" is not enough for statistics unless the date of birth is known).");
        }

        foreach (var code in Citizenship.Where(c => !countries.Exists(c.Trim().ToUpperInvariant())))
        {
            errors.Add(nameof(Citizenship), $"'{code}' is not a known country code.");
        }

        if (CountryOfExploitation is not null && !countries.Exists(CountryOfExploitation.Trim().ToUpperInvariant()))
        {
            errors.Add(nameof(CountryOfExploitation), "Choose the country where the person was exploited from the list.");
        }

        if (FormsOfExploitation.Count == 0)
        {
            errors.Add(nameof(FormsOfExploitation), "Choose at least one form of exploitation (\"Other\" if none fits).");
        }

        if (LabourSector is not null && !FormsOfExploitation.Any(f => f is FormOfExploitation.ForcedLabour or FormOfExploitation.ChildLabour or FormOfExploitation.Servitude))
        {
            errors.Add(nameof(LabourSector), "A labour sector applies only to forced labour, child labour or servitude.");
        }

        if (IdentificationChannel is null)
        {
            errors.Add(nameof(IdentificationChannel), "Choose how the person was identified.");
        }

        if (IdentifiedOn is null)
        {
            errors.Add(nameof(IdentifiedOn), "Enter the date of identification.");
        }
        else if (IdentifiedOn > today)
        {
            errors.Add(nameof(IdentifiedOn), "The date of identification cannot be in the future.");
        }

        if (IdentificationStatus is null)
        {
            errors.Add(nameof(IdentificationStatus), "Choose the identification status (presumed, formally identified or not a trafficking case).");
        }

        if (RiskLevel is null)
        {
            errors.Add(nameof(RiskLevel), "Choose the risk level (\"Not assessed yet\" is allowed).");
        }

        var child = IsChildCase(today);
        if (!child && (GuardianAppointedOn is not null || BestInterestAssessmentOn is not null))
        {
            errors.Add(nameof(GuardianAppointedOn), "A guardian and a best-interest assessment are recorded for children only; tick \"The person is a child\" or clear these dates.");
        }

        if (GuardianAppointedOn > today || BestInterestAssessmentOn > today)
        {
            errors.Add(nameof(BestInterestAssessmentOn), "These dates cannot be in the future.");
        }

        return errors.ToDictionary();
    }

    /// <summary>A child by the box, the age, the age group or the date of birth.</summary>
    public bool IsChildCase(DateOnly today) =>
        IsChild || AgeAtIdentification is < 18 || (AgeGroup?.IsChildGroup() ?? false) || (DateOfBirth is { } b && b > today.AddYears(-18));

    public CasePersonalData ToPersonalData() => new()
    {
        GivenName = ValidationErrors.Clean(GivenName),
        FamilyName = ValidationErrors.Clean(FamilyName),
        Aliases = [.. (Aliases ?? string.Empty).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)],
        DateOfBirth = DateOfBirth,
        Documents = string.IsNullOrWhiteSpace(DocumentNumber)
            ? []
            : [new IdentityDocument { Kind = DocumentKind ?? Cases.DocumentKind.Other, Number = DocumentNumber.Trim(), IssuingCountry = ValidationErrors.Clean(DocumentCountry)?.ToUpperInvariant() }],
        Phone = ValidationErrors.Clean(Phone),
        Email = ValidationErrors.Clean(Email),
        Address = ValidationErrors.Clean(Address),
        Narrative = ValidationErrors.Clean(Narrative),
    };

    public void ApplyTo(Case c, DateOnly today)
    {
        c.Gender = Gender ?? Cases.Gender.NonSpecifiedUnknown;
        c.AgeAtIdentification = AgeAtIdentification;
        var age = AgeAtIdentification ?? (DateOfBirth is { } b && IdentifiedOn is { } on ? YearsBetween(b, on) : null);
        c.AgeGroup = age is not null ? AgeGroups.For(age) : AgeGroup ?? Cases.AgeGroup.Unknown;
        c.Citizenship = [.. Citizenship.Select(x => x.Trim().ToUpperInvariant()).Distinct(StringComparer.Ordinal)];
        c.CountryOfExploitation = ValidationErrors.Clean(CountryOfExploitation)?.ToUpperInvariant();
        c.Scope = Scope ?? TraffickingScope.Unknown;
        c.FormsOfExploitation = [.. FormsOfExploitation.Distinct()];
        c.LabourSector = LabourSector;
        c.MethodsOfControl = [.. MethodsOfControl.Distinct()];
        c.IdentificationChannel = IdentificationChannel ?? Cases.IdentificationChannel.Other;
        c.IdentifiedOn = IdentifiedOn ?? today;
        c.IdentificationStatus = IdentificationStatus ?? Cases.IdentificationStatus.Presumed;
        c.IsChild = IsChildCase(today);
        c.HasDisability = HasDisability;
        c.IsPregnant = IsPregnant;
        c.RiskLevel = RiskLevel ?? Cases.RiskLevel.NotAssessed;
        c.WitnessProtection = WitnessProtection;
        c.GuardianAppointedOn = GuardianAppointedOn;
        c.BestInterestAssessmentOn = BestInterestAssessmentOn;
    }

    public static CaseInput From(Case c, CasePersonalData p) => new()
    {
        GivenName = p.GivenName,
        FamilyName = p.FamilyName,
        Aliases = string.Join('\n', p.Aliases),
        DateOfBirth = p.DateOfBirth,
        DocumentKind = p.Documents.FirstOrDefault()?.Kind,
        DocumentNumber = p.Documents.FirstOrDefault()?.Number,
        DocumentCountry = p.Documents.FirstOrDefault()?.IssuingCountry,
        Phone = p.Phone,
        Email = p.Email,
        Address = p.Address,
        Narrative = p.Narrative,
        Gender = c.Gender,
        AgeAtIdentification = c.AgeAtIdentification,
        AgeGroup = c.AgeGroup,
        Citizenship = c.Citizenship,
        CountryOfExploitation = c.CountryOfExploitation,
        Scope = c.Scope,
        FormsOfExploitation = c.FormsOfExploitation,
        LabourSector = c.LabourSector,
        MethodsOfControl = c.MethodsOfControl,
        IdentificationChannel = c.IdentificationChannel,
        IdentifyingOrganisationId = c.IdentifyingOrganisationId,
        IdentifiedOn = c.IdentifiedOn,
        IdentificationStatus = c.IdentificationStatus,
        IsChild = c.IsChild,
        HasDisability = c.HasDisability,
        IsPregnant = c.IsPregnant,
        RiskLevel = c.RiskLevel,
        WitnessProtection = c.WitnessProtection,
        GuardianAppointedOn = c.GuardianAppointedOn,
        BestInterestAssessmentOn = c.BestInterestAssessmentOn,
        Version = c.Version,
    };

    private static int YearsBetween(DateOnly from, DateOnly to)
    {
        var years = to.Year - from.Year;
        return from.AddYears(years) > to ? years - 1 : years;
    }

    internal static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
