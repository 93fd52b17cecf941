namespace Clearinghouse.Web.Accounts;

internal static class AccountsApi
{
    public static RouteGroupBuilder MapAccountsApi(this IEndpointRouteBuilder app) => app.MapGroup("/api/v1/me");
}
