using System.ComponentModel;
using Clearinghouse.Common;
using Clearinghouse.Directory;

namespace Clearinghouse.Web.Directory;

// The directory as the API shows it. Restricted contact fields are null unless the caller is a signed-in partner;
// they are blanked in the query (DirectorySearch), not here.

/// <summary>One page of results.</summary>
internal sealed record PageDto<T>(
    IReadOnlyList<T> Items,
    int Page,
    int PageSize,
    [property: Description("The number of matches. Large organisation lists are counted only up to 1,000: then totalCount is 1000 and totalIsLowerBound is true.")]
    int TotalCount,
    [property: Description("The number of pages as far as it is known; with totalIsLowerBound there may be more: ask for the next page while pages are full.")]
    int PageCount,
    [property: Description("True when more records match than totalCount says (counting stopped at 1,000); narrow the filters for an exact count.")]
    bool TotalIsLowerBound);

internal sealed record TranslationDto(string Language, string Name, string? Description);

internal sealed record OrganisationDto(
    Guid Id,
    string Slug,
    string Name,
    string? Acronym,
    OrganisationType Type,
    string? Country,
    IReadOnlyList<string> CountriesActive,
    IReadOnlyList<ThematicArea> ThematicAreas,
    IReadOnlyList<TargetGroup> TargetGroups,
    string? Description,
    string? Website,
    string? PublicEmail,
    string? PublicPhone,
    string? Address,
    string OriginalLanguage,
    IReadOnlyList<TranslationDto> Translations,
    bool Retired,
    int Version)
{
    public static OrganisationDto From(Organisation o) => new(
        o.Id,
        o.Slug,
        o.Name,
        o.Acronym,
        o.Type,
        o.CountryCode,
        o.CountriesActive,
        o.ThematicAreas,
        o.TargetGroups,
        o.Description,
        o.Website,
        o.PublicEmail,
        o.PublicPhone,
        o.Address,
        o.OriginalLanguage,
        [.. o.Translations.Select(t => new TranslationDto(t.Language, t.Name, t.Description))],
        o.RetiredAt is not null,
        o.Version);
}

internal sealed record PersonDto(
    Guid Id,
    Guid OrganisationId,
    string GivenName,
    string FamilyName,
    string? JobTitle,
    FocalPointRole Role,
    string? PublicEmail,
    string? PublicPhone,
    string? DirectPhone,
    string? PersonalEmail,
    bool Retired)
{
    /// <summary>The stored version; send it back with an update.</summary>
    public int Version { get; init; }

    public static PersonDto From(PersonView p) => new(
        p.Id, p.OrganisationId, p.GivenName, p.FamilyName, p.JobTitle, p.Role, p.PublicEmail, p.PublicPhone, p.DirectPhone, p.PersonalEmail, p.IsRetired)
    { Version = p.Version };
}

internal sealed record MemberDto(Guid OrganisationId, string OrganisationSlug, string OrganisationName, MembershipRole Role);

internal sealed record CoordinationBodyDto(
    Guid Id,
    string Slug,
    string Name,
    CoordinationBodyKind Kind,
    string? Country,
    Guid? ConvenorId,
    string? Description,
    string? Established,
    string? Website,
    string OriginalLanguage,
    IReadOnlyList<TranslationDto> Translations,
    IReadOnlyList<MemberDto> Members,
    bool Retired,
    int Version);

internal static class PageDto
{
    public static PageDto<TOut> From<TIn, TOut>(Page<TIn> page, Func<TIn, TOut> map) =>
        new([.. page.Items.Select(map)], page.PageNumber, page.PageSize, page.TotalCount, page.PageCount, page.TotalIsLowerBound);
}
