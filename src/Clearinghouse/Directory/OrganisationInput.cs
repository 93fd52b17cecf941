using System.ComponentModel.DataAnnotations;
using Clearinghouse.Common;
using Clearinghouse.Countries;

namespace Clearinghouse.Directory;

/// <summary>
/// What a user may set on an organisation, from a form, the API or an import row. One validator serves all three,
/// and returns every problem at once, keyed by field name.
/// </summary>
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

    public Dictionary<string, string[]> Validate(CountryCatalog countries)
    {
        var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        void Add(string field, string message)
        {
            if (!errors.TryGetValue(field, out var list))
            {
                errors[field] = list = [];
            }

            list.Add(message);
        }

        if (string.IsNullOrWhiteSpace(Name))
        {
            Add(nameof(Name), "Enter the organisation's name.");
        }
        else if (Name.Length > 300)
        {
            Add(nameof(Name), "The name must be 300 characters or fewer.");
        }

        if (Acronym is { Length: > 50 })
        {
            Add(nameof(Acronym), "The acronym must be 50 characters or fewer.");
        }

        if (Type is null)
        {
            Add(nameof(Type), "Choose the type of organisation.");
        }

        if (!string.IsNullOrWhiteSpace(Country) && !countries.Exists(Country))
        {
            Add(nameof(Country), $"'{Country}' is not a known country code (use ISO 3166 alpha-2, e.g. MD, or XK for Kosovo).");
        }

        foreach (var code in CountriesActive.Where(c => !countries.Exists(c)))
        {
            Add(nameof(CountriesActive), $"'{code}' is not a known country code.");
        }

        if (!string.IsNullOrWhiteSpace(PublicEmail) && !new EmailAddressAttribute().IsValid(PublicEmail.Trim()))
        {
            Add(nameof(PublicEmail), $"'{PublicEmail}' is not a valid e-mail address.");
        }

        if (!string.IsNullOrWhiteSpace(Website) && !IsHttpUrl(Website.Trim()))
        {
            Add(nameof(Website), "The website must be a full address starting with https:// or http://.");
        }

        if (Description is { Length: > 4000 } || DescriptionRu is { Length: > 4000 })
        {
            Add(nameof(Description), "The description must be 4,000 characters or fewer.");
        }

        return errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);
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
        };
    }

    /// <summary>Copies validated input onto an entity (never binds the entity itself to a form).</summary>
    public void ApplyTo(Organisation o)
    {
        o.Name = Name!.Trim();
        o.Acronym = Clean(Acronym);
        o.Type = Type!.Value;
        o.CountryCode = Clean(Country)?.ToUpperInvariant();
        o.CountriesActive = [.. CountriesActive.Select(c => c.Trim().ToUpperInvariant()).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
        o.ThematicAreas = [.. ThematicAreas.Distinct().Order()];
        o.TargetGroups = [.. TargetGroups.Distinct().Order()];
        o.Description = Clean(Description);
        o.Website = Clean(Website);
        o.PublicEmail = Clean(PublicEmail);
        o.PublicPhone = Clean(PublicPhone);
        o.Address = Clean(Address);
        var others = o.Translations.Where(t => t.Language != "ru").ToList();
        if (!string.IsNullOrWhiteSpace(NameRu))
        {
            others.Add(new Translation { Language = "ru", Name = NameRu.Trim(), Description = Clean(DescriptionRu) });
        }

        o.Translations = others;
    }

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static bool IsHttpUrl(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);
}
