using Clearinghouse.Activities;
using Clearinghouse.Countries;
using Clearinghouse.Web.Shared;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Clearinghouse.Web.Activities;

/// <summary>
/// The donor inventory and the editors' exchange rates through /api/v1: the same figures as /activities/donors and
/// /activities/donor, from the same <see cref="DonorInventory"/>. Published activities only, for everyone.
/// </summary>
internal static class DonorsApi
{
    private const string MoneyRules =
        "Amounts are summed only within a currency ('amounts', one entry per currency). With 'convert' (an ISO 4217 code the "
        + "editors keep rates into, see /api/v1/activities/exchange-rates) each result also has 'converted': the total in that "
        + "currency, each amount at the rate of its activity's start year, and the amounts that had no rate ('notConverted'), "
        + "never guessed. A converted total is an estimate by the Clearinghouse's editors, not a figure the donors reported.";

    public static void MapDonorsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/activities").WithTags("Donors").RequireRateLimiting(WebShell.ApiRateLimit);
        api.MapGet("/donors", Donors).WithName("ListDonors")
            .WithSummary("Who funds what: per donor, the activities, countries, period and amounts")
            .WithDescription("With 'country' (ISO 3166-1 alpha-2), who funds what in that country; an amount belongs to the whole activity "
                + "and is not split between its countries. Largest number of activities first. " + MoneyRules)
            .ProducesValidationProblem();
        api.MapGet("/funding", Funding).WithName("ListFunding")
            .WithSummary("One donor's funding lines: each activity it funds, with amount, currency, countries and dates")
            .WithDescription("Name the donor by 'organisation' (its directory id) or, for a donor not in the directory, by 'name' as the "
                + "activities give it. 'country' narrows to one country. " + MoneyRules)
            .ProducesValidationProblem();
        api.MapGet("/exchange-rates", ExchangeRatesList).WithName("ListExchangeRates")
            .WithSummary("The exchange rates the editors keep for converted totals (one per currency pair and year)");
    }

    private static async Task<Results<Ok<DonorInventoryDto>, ValidationProblem>> Donors(
        string? country, string? convert, DonorInventory inventory, CountryCatalog countries, CancellationToken cancellationToken)
    {
        var (code, rates, errors) = await CheckAsync(country, convert, inventory, countries, cancellationToken);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var donors = await inventory.SummariesAsync(code, rates, cancellationToken);
        return TypedResults.Ok(new DonorInventoryDto(code, rates?.Currency, [.. donors.Select(DonorSummaryDto.Of)]));
    }

    private static async Task<Results<Ok<FundingDto>, ValidationProblem>> Funding(
        Guid? organisation, string? name, string? country, string? convert, DonorInventory inventory, CountryCatalog countries, CancellationToken cancellationToken)
    {
        var (code, rates, errors) = await CheckAsync(country, convert, inventory, countries, cancellationToken);
        if (organisation is null && string.IsNullOrWhiteSpace(name))
        {
            errors["organisation"] = ["Name the donor: 'organisation' (its directory id) or 'name'."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var key = DonorKey.Of(organisation, name);
        var lines = await inventory.LinesAsync(code, key, cancellationToken);
        return TypedResults.Ok(new FundingDto(
            DonorDto.Of(key, lines.FirstOrDefault()?.DonorName ?? name?.Trim(), lines.FirstOrDefault()?.DonorSlug),
            code,
            MoneyDto.From(MoneyTotals.Of(lines, rates)),
            [.. lines.Select(l => new FundingLineDto(l.ActivityId, l.Slug, l.Title, l.Status, l.StartDate, l.EndDate, l.Countries, l.IsRegional, l.Amount, l.Currency))]));
    }

    private static async Task<Ok<IReadOnlyList<ExchangeRateDto>>> ExchangeRatesList(ExchangeRates rates, CancellationToken cancellationToken) =>
        TypedResults.Ok<IReadOnlyList<ExchangeRateDto>>([.. (await rates.CurrentAsync(cancellationToken)).Select(r => new ExchangeRateDto(r.Currency, r.ToCurrency, r.Year, r.Rate, r.Source))]);

    /// <summary>The country (upper-case code) and the rate table asked for, or the fields that are wrong.</summary>
    private static async Task<(string? Country, RateTable? Rates, Dictionary<string, string[]> Errors)> CheckAsync(
        string? country, string? convert, DonorInventory inventory, CountryCatalog countries, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        string? code = null;
        if (!string.IsNullOrWhiteSpace(country))
        {
            code = countries.Find(country.Trim())?.Code;
            if (code is null)
            {
                errors["country"] = [$"'{country}' is not a country code here (ISO 3166-1 alpha-2, e.g. MD)."];
            }
        }

        RateTable? rates = null;
        if (!string.IsNullOrWhiteSpace(convert))
        {
            var offered = await inventory.ConversionCurrenciesAsync(cancellationToken);
            rates = offered.Contains(convert.Trim().ToUpperInvariant(), StringComparer.Ordinal) ? await inventory.RatesAsync(convert, cancellationToken) : null;
            if (rates is null)
            {
                errors["convert"] = [offered.Count == 0
                    ? "The editors keep no exchange rates yet, so no total can be converted."
                    : $"'{convert}' is not a currency the editors keep rates into. Use one of: {string.Join(", ", offered)}."];
            }
        }

        return (code, rates, errors);
    }
}

internal sealed record DonorInventoryDto(string? Country, string? ConvertedTo, IReadOnlyList<DonorSummaryDto> Donors);

/// <summary>A donor: its directory organisation (id and slug) if it has one, and its name.</summary>
internal sealed record DonorDto(Guid? Organisation, string? Slug, string? Name)
{
    public static DonorDto Of(DonorKey key, string? name, string? slug) => new(key.OrganisationId, slug, name ?? key.Name);
}

internal sealed record DonorSummaryDto(DonorDto Donor, int Activities, IReadOnlyList<string> Countries, bool Regional, DateOnly? From, DateOnly? To, MoneyDto Money)
{
    public static DonorSummaryDto Of(DonorSummary s) =>
        new(DonorDto.Of(s.Key, s.Name, s.Slug), s.Activities, s.Countries, s.Regional, s.From, s.To, MoneyDto.From(s.Money));
}

internal sealed record AmountDto(string Currency, decimal Amount);

internal sealed record ConversionDto(string Currency, decimal Total, int AmountsConverted, IReadOnlyList<AmountDto> NotConverted);

internal sealed record MoneyDto(IReadOnlyList<AmountDto> Amounts, ConversionDto? Converted)
{
    public static MoneyDto From(MoneyTotals totals) => new(
        [.. totals.PerCurrency.Select(p => new AmountDto(p.Key, p.Value))],
        totals.Converted is { } c ? new ConversionDto(c.Currency, c.Total, c.AmountsConverted, [.. c.NotConverted.Select(p => new AmountDto(p.Key, p.Value))]) : null);
}

internal sealed record FundingLineDto(
    Guid Activity, string Slug, string Title, ActivityStatus Status, DateOnly? StartDate, DateOnly? EndDate, IReadOnlyList<string> Countries, bool Regional, decimal? Amount, string? Currency);

internal sealed record FundingDto(DonorDto Donor, string? Country, MoneyDto Money, IReadOnlyList<FundingLineDto> Lines);

internal sealed record ExchangeRateDto(string Currency, string ToCurrency, int Year, decimal Rate, string? Source);
