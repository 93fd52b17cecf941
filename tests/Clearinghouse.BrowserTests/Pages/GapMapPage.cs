namespace Clearinghouse.BrowserTests.Pages;

/// <summary>The gap map (/activities/gaps): a map and a country-by-thematic-area table of activity counts.</summary>
internal sealed class GapMapPage(IPage page) : AppPage(page)
{
    public ILocator Table => Page.Locator("table#gap-table");

    /// <summary>The cell of a country (ISO code) and thematic area (code name, e.g. ProtectionAndAssistance).</summary>
    public ILocator Cell(string country, string area) => Table.Locator($"td[data-cell='{country}-{area}']");

    /// <summary>The count in a cell, a link to the activities behind it (absent when the count is 0).</summary>
    public ILocator CountLink(string country, string area) => Cell(country, area).Locator("a[href^='/activities?']");

    public async Task<GapMapPage> OpenAsync()
    {
        await Page.GotoAsync("/activities/gaps");
        return this;
    }
}
