namespace Clearinghouse.BrowserTests.Pages;

/// <summary>The public statistics page (/statistics) and the printable regional and country reports.</summary>
internal sealed class StatisticsPage(IPage page) : AppPage(page)
{
    /// <summary>The label of the period shown above the heading, e.g. "2025".</summary>
    public ILocator PeriodLabel => Page.Locator(".govuk-caption-l");

    public ILocator Period => Page.Locator("#period");

    public ILocator ShowTableButton => Page.Locator("#show-table");

    /// <summary>The chosen table (/statistics): its bar chart and the table behind it.</summary>
    public ILocator Chart => Page.Locator("svg[aria-describedby='table']");

    public ILocator Table => Page.Locator("table#table");

    public ILocator TableCaption => Table.Locator("caption");

    /// <summary>Cells of the chosen table hidden because they are based on fewer than k persons.</summary>
    public ILocator SmallCells => Table.Locator("td.app-suppressed", new() { HasTextString = "<" });

    public ILocator SuppressedCells => Table.Locator("td.app-suppressed");

    /// <summary>A row of the chosen table by its visible label.</summary>
    public ILocator Row(string label) => Table.Locator("tbody tr", new() { Has = Page.Locator("th", new() { HasTextString = label }) });

    public ILocator SuppressionNote => Page.Locator("#suppression-note");

    public ILocator RegionalReportLink => Page.Locator("#region-report");

    /// <summary>The report's form-of-exploitation-by-sex table (regional report; the country report's has its own id).</summary>
    public ILocator ReportTable(string id) => Page.Locator($"table#{id}");

    public ILocator ReportChart(string tableId) => Page.Locator($"svg[aria-describedby='{tableId}']");

    public ILocator Map(string id) => Page.Locator($"figure.app-map#{id}");

    /// <summary>A country on a map (the area is a link when the map links somewhere).</summary>
    public ILocator MapCountry(string mapId, string code) => Map(mapId).Locator($"[data-country='{code}']");

    public ILocator Sources => Page.Locator("#sources");

    public ILocator Header => Page.Locator("header.govuk-template__header");

    public async Task<StatisticsPage> OpenAsync(string query = "")
    {
        await Page.GotoAsync("/statistics" + query);
        return this;
    }

    public async Task<StatisticsPage> OpenCountryReportAsync(string code, string? period = null)
    {
        await Page.GotoAsync($"/statistics/countries/{code}" + (period is null ? "" : "?period=" + period));
        return this;
    }

    /// <summary>Types a period into the table form and shows the table.</summary>
    public async Task ShowPeriodAsync(string period)
    {
        await Period.FillAsync(period);
        await ShowTableButton.ClickAsync();
        await Page.WaitForURLAsync(url => url.Contains("period=" + period, StringComparison.Ordinal));
    }
}
