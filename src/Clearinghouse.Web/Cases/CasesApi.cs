using Clearinghouse.Accounts;
using Clearinghouse.Cases;
using Clearinghouse.Web.Accounts;
using Clearinghouse.Web.Shared;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;

namespace Clearinghouse.Web.Cases;

internal sealed record CaseSummaryDto(Guid Id, string CaseNumber, CaseState State, IdentificationStatus IdentificationStatus, DateOnly IdentifiedOn);

internal sealed record CaseDto(
    Guid Id,
    string CaseNumber,
    int Version,
    CaseState State,
    CaseInput Details);

internal sealed record CaseRegisteredDto(Guid Id, string CaseNumber, IReadOnlyList<string> PossibleDuplicatesAt);

/// <summary>
/// /api/v1/cases: the same rules as the pages — case roles only, the case team only (others get 404), and two-factor:
/// a browser session signed in with a code, or an API token of an account with two-factor sign-in on.
/// Writes need an API token. Every read and write is audited.
/// </summary>
internal static class CasesApi
{
    public static RouteGroupBuilder MapCasesApi(this WebApplication app)
    {
        var group = app.MapGroup("/api/v1/cases").WithTags("Cases").RequireRateLimiting(WebShell.ApiRateLimit)
            .RequireAuthorization(CasesWeb.CaseWork).AddEndpointFilter(RequireTwoFactorAsync);

        group.MapGet("/", async Task<Ok<List<CaseSummaryDto>>> (CaseRegistry registry, CancellationToken cancellationToken) =>
        {
            var cases = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(
                registry.LatestOfMyOrganisation(500).OrderByDescending(c => c.CreatedAt)
                    .Select(c => new CaseSummaryDto(c.Id, c.CaseNumber, c.State, c.IdentificationStatus, c.IdentifiedOn)), cancellationToken);
            return TypedResults.Ok(cases);
        });

        group.MapGet("/{id:guid}", async Task<Results<Ok<CaseDto>, NotFound>> (Guid id, CaseRegistry registry, CancellationToken cancellationToken) =>
        {
            var view = await registry.ViewAsync(id, cancellationToken);
            return view is null
                ? TypedResults.NotFound()
                : TypedResults.Ok(new CaseDto(view.Case.Id, view.Case.CaseNumber, view.Case.Version, view.Case.State, CaseInput.From(view.Case, view.Personal ?? new CasePersonalData())));
        });

        group.MapGet("/tasks", async Task<Ok<TaskDashboard>> (CaseTasks tasks, CancellationToken cancellationToken) =>
            TypedResults.Ok(await tasks.ForMeAsync(cancellationToken)));

        group.MapPost("/", async Task<Results<Created<CaseRegisteredDto>, ValidationProblem>> (CaseInput input, CaseRegistry registry, CancellationToken cancellationToken) =>
        {
            var result = await registry.RegisterAsync(input, cancellationToken);
            return result.Case is null
                ? TypedResults.ValidationProblem(result.Errors)
                : TypedResults.Created($"/api/v1/cases/{result.Case.Id}", new CaseRegisteredDto(result.Case.Id, result.Case.CaseNumber, [.. result.Duplicates.Select(d => d.OrganisationName).Distinct()]));
        }).RequireAuthorization(Policies.ApiWriter);

        return group;
    }

    private static async ValueTask<object?> RequireTwoFactorAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var ok = CasesWeb.UsedTwoFactor(http.User);
        if (!ok && http.User.Identity?.AuthenticationType == ApiTokenHandler.SchemeName)
        {
            var user = await http.RequestServices.GetRequiredService<UserManager<AppUser>>().GetUserAsync(http.User);
            ok = user?.TwoFactorEnabled == true;
        }

        return ok
            ? await next(context)
            : TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Two-factor sign-in required", detail: "Case data needs an account with two-factor sign-in (set it up at /cases/two-factor).");
    }
}
