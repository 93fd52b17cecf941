using Clearinghouse.Common;
using Clearinghouse.Services;
using Clearinghouse.Web.Directory;

namespace Clearinghouse.Web.Services;

// The service directory as the API shows it. Restricted fields (a shelter's address and telephone; beds, occupancy and
// the witness-protection flag) are null unless the caller may see them; they are blanked in the query (ServiceDirectory).

internal sealed record ServiceDto(
    Guid Id,
    Guid OrganisationId,
    string OrganisationSlug,
    string OrganisationName,
    ServiceKind Kind,
    string Name,
    string? Description,
    string OriginalLanguage,
    IReadOnlyList<TranslationDto> Translations,
    ServiceVisibility Visibility,
    int? MinimumAge,
    int? MaximumAge,
    IReadOnlyList<EligibleSex> Sexes,
    IReadOnlyList<string> Nationalities,
    IReadOnlyList<FormOfExploitation> FormsOfExploitation,
    string? EligibilityNote,
    IReadOnlyList<string> Languages,
    IReadOnlyList<string> CountriesServed,
    string? RegionsServed,
    string? Hours,
    string? Website,
    string? Email,
    string? Phone,
    string? Address,
    string? City,
    string? Country,
    int? Beds,
    int? Occupancy,
    DateTimeOffset? OccupancyUpdatedAt,
    bool? SuitableForWitnessProtection,
    bool AcceptsChildren,
    bool Retired,
    int Version)
{
    /// <summary>The service as the caller may see it; <paramref name="seesCapacity"/> says whether capacity fields were read.</summary>
    public static ServiceDto From(Service s, bool seesCapacity) => new(
        s.Id,
        s.OrganisationId,
        s.Organisation?.Slug ?? string.Empty,
        s.Organisation?.Name ?? string.Empty,
        s.Kind,
        s.Name,
        s.Description,
        s.OriginalLanguage,
        [.. s.Translations.Select(t => new TranslationDto(t.Language, t.Name, t.Description))],
        s.Visibility,
        s.MinimumAge,
        s.MaximumAge,
        s.Sexes,
        s.Nationalities,
        s.FormsOfExploitation,
        s.EligibilityNote,
        s.Languages,
        s.CountriesServed,
        s.RegionsServed,
        s.Hours,
        s.Website,
        s.Email,
        s.Phone,
        s.Address,
        s.City,
        s.CountryCode,
        s.Beds,
        s.Occupancy,
        s.OccupancyUpdatedAt,
        seesCapacity && s.IsShelter ? s.SuitableForWitnessProtection : null,
        s.AcceptsChildren,
        s.RetiredAt is not null,
        s.Version);
}

/// <summary>One shelter on the board.</summary>
internal sealed record ShelterDto(
    Guid Id,
    string Name,
    Guid OrganisationId,
    string OrganisationName,
    string? City,
    string? Country,
    int? Beds,
    int? Occupancy,
    int? FreeBeds,
    DateTimeOffset? OccupancyUpdatedAt,
    bool SuitableForWitnessProtection,
    bool AcceptsChildren,
    IReadOnlyList<string> Languages);

/// <summary>The shelter board: each shelter and the totals.</summary>
internal sealed record ShelterBoardDto(IReadOnlyList<ShelterDto> Shelters, int Beds, int Occupancy, int FreeBeds);

internal sealed record NoticePartnerDto(
    Guid OrganisationId,
    string OrganisationName,
    int Shelters,
    int Beds,
    int FreeBeds,
    int FreeBedsForChildren,
    bool OccupancyUnknown,
    int TemporaryPlaces,
    string? Note,
    DateTimeOffset? UpdatedAt);

/// <summary>A planned-operation notice with the partners' capacity (only its filer and its partners ever get one).</summary>
internal sealed record NoticeDto(
    Guid Id,
    Guid FiledByOrganisationId,
    string FiledByOrganisationName,
    DateTimeOffset FiledAt,
    DateOnly OperationDate,
    string Area,
    string? Country,
    int ExpectedPersons,
    int ExpectedChildren,
    IReadOnlyList<string> Languages,
    string? Needs,
    bool Withdrawn,
    IReadOnlyList<NoticePartnerDto> Partners,
    int FreeBeds,
    int TemporaryPlaces,
    int Available,
    bool CapacitySuffices,
    bool CapacitySufficesForChildren,
    IReadOnlyList<string> LanguagesNotCovered)
{
    public static NoticeDto From(PlannedOperationNotice n, NoticeCapacity c) => new(
        n.Id,
        n.FiledByOrganisationId,
        n.FiledByOrganisation?.Name ?? string.Empty,
        n.FiledAt,
        n.OperationDate,
        n.Area,
        n.CountryCode,
        n.ExpectedPersons,
        n.ExpectedChildren,
        n.Languages,
        n.Needs,
        n.RetiredAt is not null,
        [.. c.Partners.Select(p => new NoticePartnerDto(p.OrganisationId, p.OrganisationName, p.Shelters, p.Beds, p.FreeBeds, p.FreeBedsForChildren, p.OccupancyUnknown, p.TemporaryPlaces, p.Note, p.UpdatedAt))],
        c.FreeBeds,
        c.TemporaryPlaces,
        c.Available,
        c.Suffices,
        c.SufficesForChildren,
        c.MissingLanguages);
}
