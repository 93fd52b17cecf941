using System.Text.Json.Serialization;
using Clearinghouse.Common;
using Clearinghouse.Countries;

namespace Clearinghouse.Services;

/// <summary>
/// What a user may set on a service, from the edit form or the API. One validator for both; it returns every problem
/// at once, keyed by field name. Occupancy is not here: the shelter reports it separately (<see cref="OccupancyInput"/>).
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
internal sealed record ServiceInput
{
    public Guid? OrganisationId { get; init; }

    public ServiceKind? Kind { get; init; }

    public string? Name { get; init; }

    public string? Description { get; init; }

    public string? NameRu { get; init; }

    public string? DescriptionRu { get; init; }

    public ServiceVisibility? Visibility { get; init; }

    public int? MinimumAge { get; init; }

    public int? MaximumAge { get; init; }

    public IReadOnlyList<EligibleSex> Sexes { get; init; } = [];

    public IReadOnlyList<string> Nationalities { get; init; } = [];

    public IReadOnlyList<FormOfExploitation> FormsOfExploitation { get; init; } = [];

    public string? EligibilityNote { get; init; }

    public IReadOnlyList<string> Languages { get; init; } = [];

    public IReadOnlyList<string> CountriesServed { get; init; } = [];

    public string? RegionsServed { get; init; }

    public string? Hours { get; init; }

    public string? Website { get; init; }

    public string? Email { get; init; }

    public string? Phone { get; init; }

    public string? Address { get; init; }

    public string? City { get; init; }

    public string? Country { get; init; }

    public int? Beds { get; init; }

    public bool SuitableForWitnessProtection { get; init; }

    public bool AcceptsChildren { get; init; }

    /// <summary>The version the caller last saw (for updates).</summary>
    public int? Version { get; init; }

    public Dictionary<string, string[]> Validate(CountryCatalog countries)
    {
        var errors = new ValidationErrors();
        if (OrganisationId is null || OrganisationId == Guid.Empty)
        {
            errors.Add(nameof(OrganisationId), "Choose the organisation that provides the service.");
        }

        if (Kind is not { } kind || !Enum.IsDefined(kind))
        {
            errors.Add(nameof(Kind), "Choose the kind of service.");
        }

        if (Visibility is { } visibility && !Enum.IsDefined(visibility))
        {
            errors.Add(nameof(Visibility), "Choose who may see the service.");
        }

        errors.Required(nameof(Name), Name, "Enter the service's name.", 300);
        errors.MaxLength(nameof(Description), Description, 4000);
        errors.MaxLength(nameof(NameRu), NameRu, 300);
        errors.MaxLength(nameof(DescriptionRu), DescriptionRu, 4000);
        if (MinimumAge is < 0 or > 120)
        {
            errors.Add(nameof(MinimumAge), "Enter an age from 0 to 120.");
        }

        if (MaximumAge is < 0 or > 120)
        {
            errors.Add(nameof(MaximumAge), "Enter an age from 0 to 120.");
        }

        if (MinimumAge is { } min && MaximumAge is { } max && min > max)
        {
            errors.Add(nameof(MaximumAge), "The maximum age must not be below the minimum age.");
        }

        if (Sexes.Any(s => !Enum.IsDefined(s)))
        {
            errors.Add(nameof(Sexes), "Choose one of the options listed.");
        }

        if (FormsOfExploitation.Any(f => !Enum.IsDefined(f)))
        {
            errors.Add(nameof(FormsOfExploitation), "Choose one of the options listed.");
        }

        foreach (var code in Nationalities.Where(c => !countries.Exists(c.Trim())))
        {
            errors.Add(nameof(Nationalities), $"'{code}' is not a known country code.");
        }

        foreach (var code in CountriesServed.Where(c => !countries.Exists(c.Trim())))
        {
            errors.Add(nameof(CountriesServed), $"'{code}' is not a known country code.");
        }

        foreach (var code in Languages.Where(c => !LanguageCodes.Exists(c)))
        {
            errors.Add(nameof(Languages), $"'{code}' is not a known language code (use ISO 639-1, e.g. sq, ru, ro).");
        }

        if (!string.IsNullOrWhiteSpace(Country) && !countries.Exists(Country.Trim()))
        {
            errors.Add(nameof(Country), $"'{Country}' is not a known country code (use ISO 3166 alpha-2, e.g. MD, or XK for Kosovo).");
        }

        errors.MaxLength(nameof(EligibilityNote), EligibilityNote, 1000);
        errors.MaxLength(nameof(RegionsServed), RegionsServed, 500);
        errors.MaxLength(nameof(Hours), Hours, 300);
        errors.Url(nameof(Website), Website);
        errors.Email(nameof(Email), Email);
        errors.MaxLength(nameof(Phone), Phone, 50);
        errors.MaxLength(nameof(Address), Address, 500);
        errors.MaxLength(nameof(City), City, 100);
        if (Kind == ServiceKind.Shelter)
        {
            if (Beds is null)
            {
                errors.Add(nameof(Beds), "Enter the number of beds in the shelter.");
            }
            else if (Beds is < 0 or > 10000)
            {
                errors.Add(nameof(Beds), "Enter a number of beds from 0 to 10000.");
            }
        }
        else if (Beds is not null)
        {
            errors.Add(nameof(Beds), "Only a shelter has beds.");
        }

        return errors.ToDictionary();
    }

    public static ServiceInput From(Service s)
    {
        var ru = s.Translations.FirstOrDefault(t => t.Language == "ru");
        return new ServiceInput
        {
            OrganisationId = s.OrganisationId,
            Kind = s.Kind,
            Name = s.Name,
            Description = s.Description,
            NameRu = ru?.Name,
            DescriptionRu = ru?.Description,
            Visibility = s.Visibility,
            MinimumAge = s.MinimumAge,
            MaximumAge = s.MaximumAge,
            Sexes = s.Sexes,
            Nationalities = s.Nationalities,
            FormsOfExploitation = s.FormsOfExploitation,
            EligibilityNote = s.EligibilityNote,
            Languages = s.Languages,
            CountriesServed = s.CountriesServed,
            RegionsServed = s.RegionsServed,
            Hours = s.Hours,
            Website = s.Website,
            Email = s.Email,
            Phone = s.Phone,
            Address = s.Address,
            City = s.City,
            Country = s.CountryCode,
            Beds = s.Beds,
            SuitableForWitnessProtection = s.SuitableForWitnessProtection,
            AcceptsChildren = s.AcceptsChildren,
            Version = s.Version,
        };
    }

    /// <summary>Copies validated input onto an entity (the provider is set only when the service is created).</summary>
    public void ApplyTo(Service s)
    {
        s.Kind = Kind!.Value;
        s.Name = Name!.Trim();
        s.Description = ValidationErrors.Clean(Description);
        s.Visibility = Visibility ?? ServiceVisibility.Public;
        s.MinimumAge = MinimumAge;
        s.MaximumAge = MaximumAge;
        s.Sexes = [.. Sexes.Distinct().Order()];
        s.Nationalities = Codes(Nationalities, upper: true);
        s.FormsOfExploitation = [.. FormsOfExploitation.Distinct().Order()];
        s.EligibilityNote = ValidationErrors.Clean(EligibilityNote);
        s.Languages = Codes(Languages, upper: false);
        s.CountriesServed = Codes(CountriesServed, upper: true);
        s.RegionsServed = ValidationErrors.Clean(RegionsServed);
        s.Hours = ValidationErrors.Clean(Hours);
        s.Website = ValidationErrors.Clean(Website);
        s.Email = ValidationErrors.Clean(Email);
        s.Phone = ValidationErrors.Clean(Phone);
        s.Address = ValidationErrors.Clean(Address);
        s.City = ValidationErrors.Clean(City);
        s.CountryCode = ValidationErrors.Clean(Country)?.ToUpperInvariant();
        var shelter = s.Kind == ServiceKind.Shelter;
        s.Beds = shelter ? Beds : null;
        s.SuitableForWitnessProtection = shelter && SuitableForWitnessProtection;
        s.AcceptsChildren = shelter && AcceptsChildren;
        if (!shelter)
        {
            s.Occupancy = null;
            s.OccupancyUpdatedAt = null;
            s.OccupancyUpdatedBy = null;
        }

        var others = s.Translations.Where(t => t.Language != "ru").ToList();
        if (!string.IsNullOrWhiteSpace(NameRu))
        {
            others.Add(new Translation { Language = "ru", Name = NameRu.Trim(), Description = ValidationErrors.Clean(DescriptionRu) });
        }

        s.Translations = others;
        s.RefreshSearchText();
    }

    private static List<string> Codes(IEnumerable<string> codes, bool upper) =>
        [.. codes.Select(c => upper ? c.Trim().ToUpperInvariant() : c.Trim().ToLowerInvariant()).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
}

/// <summary>A shelter's report of how many beds are taken.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
internal sealed record OccupancyInput
{
    public int? Occupancy { get; init; }

    /// <summary>Occupancy above the number of beds is allowed: an overcrowded shelter must be able to say so.</summary>
    public Dictionary<string, string[]> Validate()
    {
        var errors = new ValidationErrors();
        if (Occupancy is not { } occupancy)
        {
            errors.Add(nameof(Occupancy), "Enter the number of beds taken.");
        }
        else if (occupancy < 0)
        {
            errors.Add(nameof(Occupancy), "The number of beds taken cannot be negative.");
        }
        else if (occupancy > 10000)
        {
            errors.Add(nameof(Occupancy), "Enter a number of beds from 0 to 10000.");
        }
        return errors.ToDictionary();
    }
}
