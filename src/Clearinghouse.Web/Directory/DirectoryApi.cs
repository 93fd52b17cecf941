namespace Clearinghouse.Web.Directory;

internal static class DirectoryApi
{
    public static RouteGroupBuilder MapDirectoryApi(this IEndpointRouteBuilder app) => app.MapGroup("/api/v1");
}
