namespace Clearinghouse.Web.Countries;

internal static class CountriesApi
{
    public static RouteGroupBuilder MapCountriesApi(this IEndpointRouteBuilder app) => app.MapGroup("/api/v1/countries");
}
