using Clearinghouse.Common;
using Clearinghouse.Directory;
using Clearinghouse.Web.Shared;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Clearinghouse.Web.Directory;

/// <summary>Reading the directory through /api/v1 (public, with restricted fields for partners).</summary>
internal static class DirectoryApi
{
    public static RouteGroupBuilder MapDirectoryApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").WithTags("Directory").RequireRateLimiting(WebShell.ApiRateLimit);

        api.MapGet("/organisations", ListOrganisations)
            .WithName("ListOrganisations")
            .WithSummary("List and search organisations")
            .WithDescription("Filters combine with AND. 'q' matches words in the name, acronym, translations and description. Sorted by name. pageSize is at most 100.");
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
        var (number, size) = Paging.Normalize(page, pageSize);
        var query = directory.Organisations(filter);
        var total = await query.CountAsync(cancellationToken);
        var items = await query.OrderBy(o => o.Name).ThenBy(o => o.Id).Skip((number - 1) * size).Take(size).ToListAsync(cancellationToken);
        return TypedResults.Ok(PageDto.From(new Page<Organisation>(items, number, size, total), OrganisationDto.From));
    }

    private static async Task<Results<Ok<OrganisationDto>, NotFound>> GetOrganisation(Guid id, DirectorySearch directory, CancellationToken cancellationToken) =>
        await directory.FindOrganisationAsync(id, cancellationToken) is { } organisation
            ? TypedResults.Ok(OrganisationDto.From(organisation))
            : TypedResults.NotFound();
}
