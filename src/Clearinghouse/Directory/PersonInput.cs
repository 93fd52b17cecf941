using System.Text.Json.Serialization;
using Clearinghouse.Common;

namespace Clearinghouse.Directory;

/// <summary>What a user may set on a contact person (form, API or import); validated in one place.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
internal sealed record PersonInput
{
    public Guid? OrganisationId { get; init; }

    public string? GivenName { get; init; }

    public string? FamilyName { get; init; }

    public string? JobTitle { get; init; }

    public FocalPointRole? Role { get; init; }

    public string? PublicEmail { get; init; }

    public string? PublicPhone { get; init; }

    /// <summary>Restricted: shown to signed-in partners only.</summary>
    public string? DirectPhone { get; init; }

    /// <summary>Restricted: shown to signed-in partners only.</summary>
    public string? PersonalEmail { get; init; }

    /// <summary>The version the caller last saw (for updates); a different stored version means someone else changed it.</summary>
    public int? Version { get; init; }

    public Dictionary<string, string[]> Validate()
    {
        var errors = new ValidationErrors();
        if (OrganisationId is null || OrganisationId == Guid.Empty)
        {
            errors.Add(nameof(OrganisationId), "Choose the organisation this person works for.");
        }

        errors.Required(nameof(GivenName), GivenName, "Enter the given name.", 100);
        errors.Required(nameof(FamilyName), FamilyName, "Enter the family name.", 100);
        errors.MaxLength(nameof(JobTitle), JobTitle, 200);
        errors.Email(nameof(PublicEmail), PublicEmail);
        errors.Email(nameof(PersonalEmail), PersonalEmail);
        errors.MaxLength(nameof(PublicPhone), PublicPhone, 50);
        errors.MaxLength(nameof(DirectPhone), DirectPhone, 50);
        return errors.ToDictionary();
    }

    public static PersonInput From(Person p) => new()
    {
        OrganisationId = p.OrganisationId,
        GivenName = p.GivenName,
        FamilyName = p.FamilyName,
        JobTitle = p.JobTitle,
        Role = p.Role,
        PublicEmail = p.PublicEmail,
        PublicPhone = p.PublicPhone,
        DirectPhone = p.DirectPhone,
        PersonalEmail = p.PersonalEmail,
        Version = p.Version,
    };

    public void ApplyTo(Person p)
    {
        p.OrganisationId = OrganisationId!.Value;
        p.GivenName = GivenName!.Trim();
        p.FamilyName = FamilyName!.Trim();
        p.JobTitle = ValidationErrors.Clean(JobTitle);
        p.Role = Role ?? FocalPointRole.Contact;
        p.PublicEmail = ValidationErrors.Clean(PublicEmail);
        p.PublicPhone = ValidationErrors.Clean(PublicPhone);
        p.DirectPhone = ValidationErrors.Clean(DirectPhone);
        p.PersonalEmail = ValidationErrors.Clean(PersonalEmail);
    }
}

/// <summary>What a user may set on a co-ordination body, including its members.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
internal sealed record CoordinationBodyInput
{
    public string? Name { get; init; }

    public CoordinationBodyKind? Kind { get; init; }

    public string? Country { get; init; }

    public Guid? ConvenorId { get; init; }

    public string? Description { get; init; }

    public string? Established { get; init; }

    public string? Website { get; init; }

    public string? NameRu { get; init; }

    public string? DescriptionRu { get; init; }

    public IReadOnlyList<MemberInput> Members { get; init; } = [];

    public int? Version { get; init; }

    public Dictionary<string, string[]> Validate(Countries.CountryCatalog countries)
    {
        var errors = new ValidationErrors();
        errors.Required(nameof(Name), Name, "Enter the name of the body.", 300);
        if (Kind is null)
        {
            errors.Add(nameof(Kind), "Choose the kind of body.");
        }

        if (!string.IsNullOrWhiteSpace(Country) && !countries.Exists(Country))
        {
            errors.Add(nameof(Country), $"'{Country}' is not a known country code (use ISO 3166 alpha-2, e.g. MD, or XK for Kosovo).");
        }

        errors.MaxLength(nameof(Description), Description, 4000);
        errors.MaxLength(nameof(Established), Established, 10);
        errors.Url(nameof(Website), Website);
        if (Members.GroupBy(m => m.OrganisationId).Any(g => g.Count() > 1))
        {
            errors.Add(nameof(Members), "An organisation can be listed only once.");
        }

        return errors.ToDictionary();
    }
}

[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
internal sealed record MemberInput(Guid OrganisationId, MembershipRole Role);
