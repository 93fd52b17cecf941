using Clearinghouse.Countries;
using Clearinghouse.Web.Shared;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Clearinghouse.Web.Countries;

internal sealed record CountryDto(string Code, string Alpha3, string? NumericCode, string NameEn, string NameRu, OsceStatus OsceStatus, string Region);

/// <summary>The country code list and country profiles through /api/v1/countries.</summary>
internal static class CountriesApi
{
    public static RouteGroupBuilder MapCountriesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/countries").WithTags("Countries").RequireRateLimiting(WebShell.ApiRateLimit);
        api.MapGet(string.Empty, (CountryCatalog countries, bool? all) =>
                TypedResults.Ok((all == true ? countries.All : countries.Region).Select(ToDto).ToList()))
            .WithName("ListCountries")
            .WithSummary("List countries")
            .WithDescription("By default the OSCE participating States and Kosovo (XK); all=true lists every ISO 3166-1 country.");
        api.MapGet("/{code}", GetProfile)
            .WithName("GetCountryProfile")
            .WithSummary("A country's profile: national co-ordinator, co-ordination bodies and organisations");
        return api;
    }

    private static async Task<Results<Ok<CountryProfile>, NotFound>> GetProfile(string code, CountryProfiles profiles, string? language, CancellationToken cancellationToken) =>
        await profiles.GetAsync(code, language == "ru" ? "ru" : "en", cancellationToken) is { } profile
            ? TypedResults.Ok(profile)
            : TypedResults.NotFound();

    private static CountryDto ToDto(Country c) => new(c.Code, c.Alpha3, c.NumericCode, c.NameEn, c.NameRu, c.OsceStatus, c.Region);
}
