using System.Net;
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
