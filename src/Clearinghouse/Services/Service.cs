using Clearinghouse.Common;
using Clearinghouse.Directory;

namespace Clearinghouse.Services;

/// <summary>
/// A service a provider (an organisation in the directory) offers to trafficked persons: shelter, legal aid, a hotline,
/// return assistance... Public services are listed to everyone; restricted ones only to signed-in partners. A shelter's
/// address and telephone are never public, whatever its visibility.
/// </summary>
internal sealed class Service : IHasHistory
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    /// <summary>The provider, an organisation in the directory.</summary>
    public Guid OrganisationId { get; set; }

    public Organisation? Organisation { get; set; }

    public ServiceKind Kind { get; set; }

    public required string Name { get; set; }

    public string? Description { get; set; }

    /// <summary>ISO 639-1 code of the language <see cref="Name"/> and <see cref="Description"/> are written in.</summary>
    public string OriginalLanguage { get; set; } = "en";

    public List<Translation> Translations { get; set; } = [];

    public ServiceVisibility Visibility { get; set; } = ServiceVisibility.Public;

    // ---- eligibility (empty list = no restriction). Children only: MaximumAge 17; adults only: MinimumAge 18.

    public int? MinimumAge { get; set; }

    public int? MaximumAge { get; set; }

    public List<EligibleSex> Sexes { get; set; } = [];

    /// <summary>Citizenships accepted (ISO 3166 alpha-2 or XK); empty = any.</summary>
    public List<string> Nationalities { get; set; } = [];

    public List<FormOfExploitation> FormsOfExploitation { get; set; } = [];

    /// <summary>Other conditions, in words (e.g. "in the IOM return programme").</summary>
    public string? EligibilityNote { get; set; }

    /// <summary>Languages the service works in (ISO 639-1 codes).</summary>
    public List<string> Languages { get; set; } = [];

    /// <summary>Countries served (ISO 3166 alpha-2 or XK).</summary>
    public List<string> CountriesServed { get; set; } = [];

    /// <summary>Regions or towns served, in words (e.g. "Pristina and Mitrovica regions").</summary>
    public string? RegionsServed { get; set; }

    /// <summary>Opening hours in words (e.g. "24 hours, every day").</summary>
    public string? Hours { get; set; }

    public string? Website { get; set; }

    public string? Email { get; set; }

    /// <summary>Never public for a shelter.</summary>
    public string? Phone { get; set; }

    /// <summary>Street address. Never public for a shelter.</summary>
    public string? Address { get; set; }

    public string? City { get; set; }

    /// <summary>Country of the address (ISO 3166 alpha-2 or XK).</summary>
    public string? CountryCode { get; set; }

    // ---- shelters

    public int? Beds { get; set; }

    /// <summary>Beds taken, as last reported by the shelter.</summary>
    public int? Occupancy { get; set; }

    public DateTimeOffset? OccupancyUpdatedAt { get; set; }

    public string? OccupancyUpdatedBy { get; set; }

    /// <summary>False for a low-security shelter: a witness-protection case is never placed there.</summary>
    public bool SuitableForWitnessProtection { get; set; }

    public bool AcceptsChildren { get; set; }

    /// <summary>Lower-cased name, description and translations, for free-text search on any provider.</summary>
    public string SearchText { get; set; } = string.Empty;

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? RetiredAt { get; set; }

    public int Version { get; set; }

    public bool IsShelter => Kind == ServiceKind.Shelter;

    /// <summary>Free beds (never below zero); null when beds or occupancy are not known.</summary>
    public int? FreeBeds => Beds is { } beds && Occupancy is { } taken ? Math.Max(0, beds - taken) : null;

    public LocalizedText Localize(string language) =>
        Translations.Localize(language, Name, Description, OriginalLanguage);

    public void RefreshSearchText() =>
        SearchText = SearchTextBuilder.Build([Name, Description, RegionsServed, .. Translations.SelectMany(t => new[] { t.Name, t.Description })]);
}

internal enum ServiceVisibility
{
    /// <summary>Listed to everyone (a shelter's address and telephone still stay with partners).</summary>
    Public,

    /// <summary>Listed only to signed-in partners.</summary>
    Restricted,
}

/// <summary>Sex a service accepts (HTCDS vic_Gender: female, male, other).</summary>
internal enum EligibleSex
{
    Female,
    Male,
    Other,
}

/// <summary>
/// Police tell named shelter partners in advance of a planned operation, so that they can see whether shelter capacity
/// suffices and arrange temporary places. Only the filing organisation and the named partners know it exists: anyone
/// else gets "not found".
/// </summary>
internal sealed class PlannedOperationNotice : IHasHistory
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    /// <summary>The organisation that filed the notice (a police unit).</summary>
    public Guid FiledByOrganisationId { get; set; }

    public Organisation? FiledByOrganisation { get; set; }

    /// <summary>User name of the person who filed it.</summary>
    public required string FiledBy { get; set; }

    public DateTimeOffset FiledAt { get; set; }

    public DateOnly OperationDate { get; set; }

    /// <summary>Area of the operation, in words (e.g. "Pristina region").</summary>
    public required string Area { get; set; }

    public string? CountryCode { get; set; }

    public int ExpectedPersons { get; set; }

    /// <summary>Of <see cref="ExpectedPersons"/>, how many are expected to be children.</summary>
    public int ExpectedChildren { get; set; }

    /// <summary>Languages the persons are expected to speak (ISO 639-1 codes).</summary>
    public List<string> Languages { get; set; } = [];

    /// <summary>Other needs, in words (medical care, interpreters...).</summary>
    public string? Needs { get; set; }

    public List<NoticePartner> Partners { get; set; } = [];

    /// <summary>Set when the filing organisation withdraws the notice.</summary>
    public DateTimeOffset? RetiredAt { get; set; }

    public int Version { get; set; }
}

/// <summary>A shelter partner named on a notice, with the temporary places it arranged.</summary>
internal sealed class NoticePartner
{
    public Guid NoticeId { get; set; }

    public PlannedOperationNotice? Notice { get; set; }

    public Guid OrganisationId { get; set; }

    public Organisation? Organisation { get; set; }

    /// <summary>Extra places the partner arranged for this operation (beyond its shelters' free beds).</summary>
    public int TemporaryPlaces { get; set; }

    public string? Note { get; set; }

    public DateTimeOffset? UpdatedAt { get; set; }

    public string? UpdatedBy { get; set; }
}
