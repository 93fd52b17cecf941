using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Clearinghouse.Accounts;
using Clearinghouse.Activities;
using Clearinghouse.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Clearinghouse.Tests.Activities.ActivitiesApiTests;

namespace Clearinghouse.Tests.Activities;

/// <summary>The donor inventory: per donor and per country, amounts summed only within a currency or converted with the editors' rates.</summary>
public sealed class DonorInventoryTests(Apps apps) : IClassFixture<Apps>
{
    [Theory]
    [MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task Donor_amounts_are_summed_per_currency_and_converted_only_with_a_rate_for_the_start_year(Provider provider)
    {
        var app = await apps.For(provider);
        var donor = await app.CreateOrganisationAsync();
        ActivityInput Funded(string title, string[] countries, int year, decimal amount, string currency) => Input(title + " " + Unique(), countries[0]) with
        {
            Countries = [.. countries],
            StartDate = new DateOnly(year, 3, 1),
            Participants = [new ParticipantInput(ParticipantRole.Donor, donor.Id, null, amount, currency)],
        };
        var euros = await app.CreateActivityAsync(Funded("Euro grant", ["MC"], 2004, 1000m, "EUR"));
        var dollars = await app.CreateActivityAsync(Funded("Dollar grant", ["MC", "AL"], 2004, 2000m, "USD"));
        var later = await app.CreateActivityAsync(Funded("Later grant", ["MC"], 2005, 500m, "USD"));
        await app.CreateActivityAsync(Funded("Draft grant", ["MC"], 2004, 9999m, "EUR"), publish: false);
        var browser = app.CreateBrowser();

        var page = await browser.GetHtmlAsync($"/activities/donor?organisation={donor.Id}");
        var total = Section(page, "donor-total");
        Assert.Contains("<li data-currency=\"EUR\">1,000 EUR</li>", total, StringComparison.Ordinal); // not the draft's 9,999
        Assert.Contains("<li data-currency=\"USD\">2,500 USD</li>", total, StringComparison.Ordinal); // never added to the euros
        Assert.DoesNotContain("converted", total, StringComparison.Ordinal);
        foreach (var a in new[] { euros, dollars, later })
        {
            Assert.Contains($"/activities/{a.Slug}\"", page, StringComparison.Ordinal);
        }

        // Per country: in Albania the donor funds only the dollar grant (its whole amount: amounts are not split).
        var albania = await browser.GetHtmlAsync("/activities/donors?country=AL");
        Assert.Contains($"/activities/{dollars.Slug}\"", albania, StringComparison.Ordinal);
        Assert.DoesNotContain($"/activities/{euros.Slug}\"", albania, StringComparison.Ordinal);

        // An editor keeps a rate for 2004 only: the 2005 amount stays unconverted and is listed apart.
        var editor = await app.SignInAsync(Roles.Editor);
        var saved = await TestApp.PostFormAsync(editor, "/activities/rates", new() { ["Currency"] = "usd", ["ToCurrency"] = "EUR", ["Year"] = "2004", ["Rate"] = "0,8", ["Source"] = "Test rate" });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var refused = await TestApp.PostFormAsync(editor, "/activities/rates", new() { ["Currency"] = "USD", ["ToCurrency"] = "EUR", ["Year"] = "2004", ["Rate"] = "-1" });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Enter the rate as a positive number", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(1, await app.QueryAsync(db => db.ExchangeRates.CountAsync(r => r.Currency == "USD" && r.ToCurrency == "EUR" && r.Year == 2004 && r.RetiredAt == null)));

        var converted = Section(await browser.GetHtmlAsync($"/activities/donor?organisation={donor.Id}&convert=EUR"), "donor-total");
        Assert.Contains("<li data-currency=\"USD\">2,500 USD</li>", converted, StringComparison.Ordinal); // still shown in its own currency
        Assert.Contains("≈ 2,600 EUR</strong> (converted)", converted, StringComparison.Ordinal); // 1,000 EUR + 2,000 USD × 0.8
        Assert.Contains("No rate for: 500 USD", converted, StringComparison.Ordinal);

        // A new rate for the same pair and year replaces the old one, which stays in the history.
        await TestApp.PostFormAsync(editor, "/activities/rates", new() { ["Currency"] = "USD", ["ToCurrency"] = "EUR", ["Year"] = "2004", ["Rate"] = "0.5" });
        var rates = await app.QueryAsync(db => db.ExchangeRates.Where(r => r.Currency == "USD" && r.ToCurrency == "EUR" && r.Year == 2004).ToListAsync());
        Assert.Equal(2, rates.Count);
        Assert.Equal(0.5m, Assert.Single(rates, r => r.RetiredAt is null).Rate);
        Assert.Contains("≈ 2,000 EUR</strong> (converted)", await browser.GetHtmlAsync($"/activities/donor?organisation={donor.Id}&convert=EUR"), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task The_api_gives_the_same_donor_totals_per_currency_conversions_and_rates(Provider provider)
    {
        var app = await apps.For(provider);
        var donor = await app.CreateOrganisationAsync();
        ActivityInput Funded(string title, string country, decimal amount, string currency) => Input(title + " " + Unique(), country) with
        {
            StartDate = new DateOnly(2001, 5, 1),
            Participants = [new ParticipantInput(ParticipantRole.Donor, donor.Id, null, amount, currency)],
        };
        var francs = await app.CreateActivityAsync(Funded("Franc grant", "MC", 1000m, "CHF"));
        var kroner = await app.CreateActivityAsync(Funded("Krone grant", "AL", 300m, "NOK"));
        await app.CreateActivityAsync(Funded("Draft grant", "AL", 9999m, "CHF"), publish: false);
        var editor = await app.SignInAsync(Roles.Editor);
        await TestApp.PostFormAsync(editor, "/activities/rates", new() { ["Currency"] = "CHF", ["ToCurrency"] = "GBP", ["Year"] = "2001", ["Rate"] = "0.5", ["Source"] = "Test rate" });
        var api = app.CreateBrowser();

        var funding = await api.GetFromJsonAsync<JsonElement>($"/api/v1/activities/funding?organisation={donor.Id}");
        var converted = await api.GetFromJsonAsync<JsonElement>($"/api/v1/activities/funding?organisation={donor.Id}&convert=gbp");
        var inAlbania = await api.GetFromJsonAsync<JsonElement>("/api/v1/activities/donors?country=al");
        var wrong = await api.GetAsync("/api/v1/activities/donors?country=ZZ&convert=XYZ");
        var noDonor = await api.GetAsync("/api/v1/activities/funding");
        var rates = await api.GetFromJsonAsync<JsonElement>("/api/v1/activities/exchange-rates");

        Assert.Equal(donor.Id, funding.GetProperty("donor").GetProperty("organisation").GetGuid());
        Assert.Equal(["CHF 1000", "NOK 300"], Amounts(funding.GetProperty("money")));
        Assert.Equal(
            new[] { francs.Slug, kroner.Slug }.Order(StringComparer.Ordinal),
            funding.GetProperty("lines").EnumerateArray().Select(l => l.GetProperty("slug").GetString()!).Order(StringComparer.Ordinal)); // not the draft
        Assert.Equal(JsonValueKind.Null, funding.GetProperty("money").GetProperty("converted").ValueKind);
        var conversion = converted.GetProperty("money").GetProperty("converted");
        Assert.Equal("GBP", conversion.GetProperty("currency").GetString());
        Assert.Equal(500m, conversion.GetProperty("total").GetDecimal()); // 1,000 CHF × 0.5; the kroner have no rate
        Assert.Equal(["NOK 300"], conversion.GetProperty("notConverted").EnumerateArray().Select(a => $"{a.GetProperty("currency").GetString()} {a.GetProperty("amount").GetDecimal():0.##}").ToArray());
        Assert.Equal(["CHF 1000", "NOK 300"], Amounts(converted.GetProperty("money"))); // still given in their own currencies
        var here = Assert.Single(inAlbania.GetProperty("donors").EnumerateArray(), d => d.GetProperty("donor").GetProperty("organisation").ValueKind == JsonValueKind.String
            && d.GetProperty("donor").GetProperty("organisation").GetGuid() == donor.Id);
        Assert.Equal("AL", inAlbania.GetProperty("country").GetString());
        Assert.Equal(1, here.GetProperty("activities").GetInt32());
        Assert.Equal(["NOK 300"], Amounts(here.GetProperty("money"))); // not the Monaco francs, not the draft
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        var errors = (await wrong.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("country", out _));
        Assert.True(errors.TryGetProperty("convert", out _));
        Assert.Equal(HttpStatusCode.BadRequest, noDonor.StatusCode);
        Assert.Contains(rates.EnumerateArray(), r => r.GetProperty("currency").GetString() == "CHF" && r.GetProperty("toCurrency").GetString() == "GBP"
            && r.GetProperty("year").GetInt32() == 2001 && r.GetProperty("rate").GetDecimal() == 0.5m);

        static string[] Amounts(JsonElement money) =>
            [.. money.GetProperty("amounts").EnumerateArray().Select(a => $"{a.GetProperty("currency").GetString()} {a.GetProperty("amount").GetDecimal():0.##}")];
    }

    [Theory]
    [MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task Only_editors_keep_exchange_rates(Provider provider)
    {
        var app = await apps.For(provider);
        var reader = await app.SignInAsync(Roles.FocalPoint, (await app.CreateOrganisationAsync()).Id);
        var response = await TestApp.PostFormAsync(reader, "/activities/rates", new() { ["Currency"] = "CHF", ["ToCurrency"] = "EUR", ["Year"] = "2003", ["Rate"] = "0.6" }, formPage: "/activities/donors");
        Assert.NotEqual("/activities/rates", response.Headers.Location?.OriginalString); // sent to "access denied", not back to the table
        Assert.False(await app.QueryAsync(db => db.ExchangeRates.AnyAsync(r => r.Currency == "CHF" && r.Year == 2003)));
    }

    [Theory]
    [MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task Country_page_shows_its_activities_gaps_and_donors_and_the_home_page_the_latest_activities(Provider provider)
    {
        var app = await apps.For(provider);
        var donor = await app.CreateOrganisationAsync();
        var funded = await app.CreateActivityAsync(Input("Shelter in San Marino " + Unique(), "SM") with
        {
            StartDate = new DateOnly(2090, 1, 1), // the newest start of all: first on the home page
            Participants = [new ParticipantInput(ParticipantRole.Donor, donor.Id, null, 7500m, "EUR")],
        });
        var editor = await app.SignInAsync(Roles.Editor);
        await TestApp.PostFormAsync(editor, "/activities/gaps/needs", new()
        {
            ["Country"] = "SM",
            ["Area"] = "Prosecution",
            ["Priority"] = "High",
            ["Rationale"] = "No prosecution work at all.",
            ["AssessedOn"] = "2024-06-01",
        });
        var browser = app.CreateBrowser();

        var page = await browser.GetHtmlAsync("/countries/SM");
        Assert.Contains($"/activities/{funded.Slug}\"", Section(page, "country-activities", "</section>"), StringComparison.Ordinal);
        var gaps = Section(page, "country-gaps", "</section>");
        var prosecution = gaps[gaps.IndexOf("data-area=\"Prosecution\"", StringComparison.Ordinal)..];
        Assert.Contains("Gap</strong>", prosecution[..prosecution.IndexOf("</tr>", StringComparison.Ordinal)], StringComparison.Ordinal);
        var donors = Section(page, "country-donors", "</section>");
        Assert.Contains($"organisation={donor.Id}", donors, StringComparison.Ordinal);
        Assert.Contains("7,500 EUR", donors, StringComparison.Ordinal);

        var home = await browser.GetHtmlAsync("/");
        Assert.Contains($"/activities/{funded.Slug}\"", Section(home, "home-activities", "id=\"home-gap-map\""), StringComparison.Ordinal);
        Assert.Contains("href=\"/activities?country=SM\"", home, StringComparison.Ordinal); // the map links to the country's activities
    }

    private static string Section(string html, string id, string end = "</div>")
    {
        var start = html.IndexOf($"id=\"{id}\"", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no element {id}");
        return html[start..html.IndexOf(end, start, StringComparison.Ordinal)];
    }
}
