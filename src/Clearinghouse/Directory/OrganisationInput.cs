using System.Text.Json.Serialization;
using Clearinghouse.Common;
using Clearinghouse.Countries;

namespace Clearinghouse.Directory;

/// <summary>
/// What a user may set on an organisation, from a form, the API or an import row. One validator serves all three,
/// and returns every problem at once, keyed by field name.
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
internal sealed record OrganisationInput
{
    public string? Name { get; init; }

    public string? Acronym { get; init; }

    public OrganisationType? Type { get; init; }

    public string? Country { get; init; }

    public IReadOnlyList<string> CountriesActive { get; init; } = [];

    public IReadOnlyList<ThematicArea> ThematicAreas { get; init; } = [];

    public IReadOnlyList<TargetGroup> TargetGroups { get; init; } = [];

    public string? Description { get; init; }

    public string? Website { get; init; }

    public string? PublicEmail { get; init; }

    public string? PublicPhone { get; init; }

    public string? Address { get; init; }

    public string? NameRu { get; init; }

    public string? DescriptionRu { get; init; }

    /// <summary>The version the caller last saw (for updates); a different stored version means someone else changed it.</summary>
    public int? Version { get; init; }

    public Dictionary<string, string[]> Validate(CountryCatalog countries)
    {
        var errors = new ValidationErrors();
        errors.Required(nameof(Name), Name, "Enter the organisation's name.", 300);
        errors.MaxLength(nameof(Acronym), Acronym, 50);
        if (Type is null)
        {
            errors.Add(nameof(Type), "Choose the type of organisation.");
        }

        if (!string.IsNullOrWhiteSpace(Country) && !countries.Exists(Country.Trim()))
        {
            errors.Add(nameof(Country), $"'{Country}' is not a known country code (use ISO 3166 alpha-2, e.g. MD, or XK for Kosovo).");
        }

        foreach (var code in CountriesActive.Where(c => !countries.Exists(c.Trim())))
        {
            errors.Add(nameof(CountriesActive), $"'{code}' is not a known country code.");
        }

        errors.Email(nameof(PublicEmail), PublicEmail);
        errors.MaxLength(nameof(PublicPhone), PublicPhone, 50);
        errors.Url(nameof(Website), Website);
        errors.MaxLength(nameof(Description), Description, 4000);
        errors.MaxLength(nameof(Address), Address, 500);
        errors.MaxLength(nameof(NameRu), NameRu, 300);
        errors.MaxLength(nameof(DescriptionRu), DescriptionRu, 4000);
        return errors.ToDictionary();
    }

    public static OrganisationInput From(Organisation o)
    {
        var ru = o.Translations.FirstOrDefault(t => t.Language == "ru");
        return new OrganisationInput
        {
            Name = o.Name,
            Acronym = o.Acronym,
            Type = o.Type,
            Country = o.CountryCode,
            CountriesActive = o.CountriesActive,
            ThematicAreas = o.ThematicAreas,
            TargetGroups = o.TargetGroups,
            Description = o.Description,
            Website = o.Website,
            PublicEmail = o.PublicEmail,
            PublicPhone = o.PublicPhone,
            Address = o.Address,
            NameRu = ru?.Name,
            DescriptionRu = ru?.Description,
            Version = o.Version,
        };
    }

    /// <summary>Copies validated input onto an entity (never binds the entity itself to a form).</summary>
    public void ApplyTo(Organisation o)
    {
        o.Name = Name!.Trim();
        o.Acronym = ValidationErrors.Clean(Acronym);
        o.Type = Type!.Value;
        o.CountryCode = ValidationErrors.Clean(Country)?.ToUpperInvariant();
        o.CountriesActive = [.. CountriesActive.Select(c => c.Trim().ToUpperInvariant()).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
        o.ThematicAreas = [.. ThematicAreas.Distinct().Order()];
        o.TargetGroups = [.. TargetGroups.Distinct().Order()];
        o.Description = ValidationErrors.Clean(Description);
        o.Website = ValidationErrors.Clean(Website);
        o.PublicEmail = ValidationErrors.Clean(PublicEmail);
        o.PublicPhone = ValidationErrors.Clean(PublicPhone);
        o.Address = ValidationErrors.Clean(Address);
        var others = o.Translations.Where(t => t.Language != "ru").ToList();
        if (!string.IsNullOrWhiteSpace(NameRu))
        {
            others.Add(new Translation { Language = "ru", Name = NameRu.Trim(), Description = ValidationErrors.Clean(DescriptionRu) });
        }

        o.Translations = others;
    }
}
