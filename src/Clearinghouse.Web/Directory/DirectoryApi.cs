using System.Linq.Expressions;
using Clearinghouse.Common;
using Clearinghouse.Directory;
using Clearinghouse.Web.Shared;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Clearinghouse.Web.Directory;

/// <summary>Reading the directory through /api/v1 (public, with restricted fields for partners).</summary>
internal static class DirectoryApi
{
    // Every column the DTO shows; not SearchText, which is as long as all the texts together and only used to filter.
    private static readonly Expression<Func<Organisation, Organisation>> ListedColumns = o => new Organisation
    {
        Id = o.Id,
        Slug = o.Slug,
        Name = o.Name,
        Acronym = o.Acronym,
        OriginalLanguage = o.OriginalLanguage,
        Type = o.Type,
        CountryCode = o.CountryCode,
        CountriesActive = o.CountriesActive,
        ThematicAreas = o.ThematicAreas,
        TargetGroups = o.TargetGroups,
        Description = o.Description,
        Website = o.Website,
        PublicEmail = o.PublicEmail,
        PublicPhone = o.PublicPhone,
        Address = o.Address,
        Translations = o.Translations,
        RetiredAt = o.RetiredAt,
        Version = o.Version,
    };

    public static RouteGroupBuilder MapDirectoryApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").WithTags("Directory").RequireRateLimiting(WebShell.ApiRateLimit);

        api.MapGet("/organisations", ListOrganisations)
            .WithName("ListOrganisations")
            .WithSummary("List and search organisations")
            .WithDescription("Filters combine with AND. 'q' matches words in the name, acronym, translations and description. Sorted by name. pageSize is at most 100. Matches are counted up to 1,000: beyond that totalCount is 1000 and totalIsLowerBound is true.");
        api.MapGet("/organisations/{id:guid}", GetOrganisation).WithName("GetOrganisation").WithSummary("Get one organisation");
        return api;
    }

    private static async Task<Ok<PageDto<OrganisationDto>>> ListOrganisations(
        DirectorySearch directory,
        string? q,
        string? country,
        OrganisationType? type,
        ThematicArea? area,
        TargetGroup? targetGroup,
        bool? includeRetired,
        int? page,
        int? pageSize,
        CancellationToken cancellationToken)
    {
        var filter = new DirectoryFilter { Q = q, Country = country, Type = type, Area = area, TargetGroup = targetGroup, IncludeRetired = includeRetired == true };
        var result = await directory.PageAsync(filter, page, pageSize, ListedColumns, cancellationToken);
        return TypedResults.Ok(PageDto.From(result, OrganisationDto.From));
    }

    private static async Task<Results<Ok<OrganisationDto>, NotFound>> GetOrganisation(Guid id, DirectorySearch directory, CancellationToken cancellationToken) =>
        await directory.FindOrganisationAsync(id, cancellationToken) is { } organisation
            ? TypedResults.Ok(OrganisationDto.From(organisation))
            : TypedResults.NotFound();
}
