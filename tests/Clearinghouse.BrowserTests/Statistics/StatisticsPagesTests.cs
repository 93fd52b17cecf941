using System.Globalization;
using Clearinghouse.Accounts;
using Clearinghouse.BrowserTests.Infrastructure;
using Clearinghouse.BrowserTests.Pages;
using Xunit.Abstractions;

namespace Clearinghouse.BrowserTests.Statistics;

/// <summary>
/// The statistics pages over the fictitious demo data set (generated from a fixed seed for the six years up to
/// last year): the public sees small counts hidden as "&lt;5", a statistics partner sees them exactly.
/// </summary>
public sealed class StatisticsPagesTests(BrowserFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    private static readonly string LastYear = (DateTime.UtcNow.Year - 1).ToString(CultureInfo.InvariantCulture);
    private static readonly string YearBefore = (DateTime.UtcNow.Year - 2).ToString(CultureInfo.InvariantCulture);

    [Fact]
    public Task A_visitor_sees_a_chart_and_its_table_for_a_period_with_small_counts_hidden() => RunAsync(async page =>
    {
        var statistics = await new StatisticsPage(page).OpenAsync();

        await Expect(statistics.PeriodLabel).ToHaveTextAsync(LastYear);
        await Expect(statistics.Chart).ToBeVisibleAsync();
        await Expect(statistics.Chart.Locator("rect.app-chart__bar").First).ToBeVisibleAsync();
        await Expect(statistics.TableCaption).ToHaveTextAsync($"Persons identified ({LastYear})");
        await Expect(statistics.Row("Sexual exploitation")).ToBeVisibleAsync();
        await Expect(statistics.SmallCells.First).ToHaveTextAsync("<5");
        await Expect(statistics.SuppressionNote).ToContainTextAsync("fewer than 5 persons is shown as “<5”");

        await statistics.ShowPeriodAsync(YearBefore);

        await Expect(statistics.PeriodLabel).ToHaveTextAsync(YearBefore);
        await Expect(statistics.TableCaption).ToHaveTextAsync($"Persons identified ({YearBefore})");
        await Expect(statistics.Chart).ToBeVisibleAsync();
    });

    [Fact]
    public Task A_statistics_partner_sees_the_exact_count_behind_a_hidden_cell() => RunAsync(async page =>
    {
        var partner = await App.CreateUserAsync(Roles.StatisticsPartner);
        var statistics = await new StatisticsPage(page).OpenAsync();
        // Where the first "<5" sits among the table's cells, row by row.
        var hidden = await statistics.Table.Locator("td").EvaluateAllAsync<int>(
            "cells => cells.findIndex(c => c.classList.contains('app-suppressed') && c.textContent.trim() === '<5')");
        Assert.True(hidden >= 0, "The public table should hide at least one small count.");

        await statistics.SignInLink.ClickAsync();
        await new SignInPage(page).SignInAsync(partner.Email, partner.Password);
        await statistics.OpenAsync();

        await Expect(statistics.SuppressionNote).ToContainTextAsync("Exact figures");
        await Expect(statistics.SuppressedCells).ToHaveCountAsync(0);
        var exact = await statistics.Table.Locator("td").Nth(hidden).TextContentAsync();
        Assert.InRange(int.Parse(exact!.Trim(), CultureInfo.InvariantCulture), 1, 4);
    });

    [Fact]
    public Task The_regional_report_maps_countries_and_leads_to_a_printable_country_report() => RunAsync(async page =>
    {
        var statistics = await new StatisticsPage(page).OpenAsync();
        await statistics.RegionalReportLink.ClickAsync();

        await Expect(statistics.Heading).ToHaveTextAsync("Regional statistics report");
        await Expect(statistics.PeriodLabel).ToHaveTextAsync(LastYear);
        await Expect(statistics.ReportChart("form-by-sex")).ToBeVisibleAsync();
        await Expect(statistics.ReportTable("form-by-sex")).ToBeVisibleAsync();
        await Expect(statistics.Map("map-exploitation")).ToBeVisibleAsync();
        await Expect(statistics.Map("map-citizenship")).ToBeVisibleAsync();
        await Expect(statistics.Map("map-exploitation")).ToContainTextAsync($"Persons identified by country of exploitation ({LastYear})");

        // Germany is a country of exploitation in the demo data: its area on the map leads to its report.
        await statistics.Map("map-exploitation").Locator("a[data-country='DE']").ClickAsync();

        await Expect(statistics.Heading).ToHaveTextAsync("Statistics report: Germany");
        await Expect(statistics.PeriodLabel).ToHaveTextAsync(LastYear);
        await Expect(statistics.ReportChart("country-form-by-sex")).ToBeVisibleAsync();
        await Expect(statistics.ReportTable("country-form-by-sex").Locator("caption")).ToHaveTextAsync($"Persons identified ({LastYear})");
        await Expect(statistics.Map("map-citizenship")).ToBeVisibleAsync();
        await Expect(statistics.Map("map-exploitation")).ToHaveCountAsync(0);
        await Expect(statistics.Sources).ToContainTextAsync("Fictitious demo data set");

        // Printed, the report keeps its tables and charts and leaves out the menus and the period form.
        await page.EmulateMediaAsync(new() { Media = Media.Print });
        await Expect(statistics.Header).ToBeHiddenAsync();
        await Expect(statistics.Period).ToBeHiddenAsync();
        await Expect(statistics.ReportTable("country-form-by-sex")).ToBeVisibleAsync();
        await Expect(statistics.ReportChart("country-form-by-sex")).ToBeVisibleAsync();
    });
}
