using Clearinghouse.Accounts;
using Clearinghouse.Web.Shared;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Clearinghouse.Web.Accounts;

internal sealed record MeDto(Guid Id, string Name, IReadOnlyList<string> Roles, Guid? OrganisationId, bool SeesRestrictedContacts, bool EditsDirectory);

/// <summary>Who the API thinks the caller is: lets a script check its token.</summary>
internal static class AccountsApi
{
    public static RouteGroupBuilder MapAccountsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/me").WithTags("Accounts").RequireAuthorization(Policies.Partner).RequireRateLimiting(WebShell.ApiRateLimit);
        api.MapGet(string.Empty, (CurrentUser user) => TypedResults.Ok(new MeDto(
                user.UserId!.Value, user.Name, [.. user.Roles.Order(StringComparer.Ordinal)], user.OrganisationId, user.SeesRestrictedContacts, user.IsEditor)))
            .WithName("GetMe")
            .WithSummary("The signed-in user or token owner");
        return api;
    }
}
