namespace Clearinghouse.BrowserTests.Pages;

/// <summary>The page that offers the activities inventory as files (/activities/export).</summary>
internal sealed class ActivityExportPage(IPage page) : AppPage(page)
{
    public ILocator CsvLink => Page.Locator("#export-csv");

    public ILocator XlsxLink => Page.Locator("#export-xlsx");

    public ILocator IatiLink => Page.Locator("#export-iati");

    public ILocator HxlLink => Page.Locator("#export-hxl");

    public async Task<ActivityExportPage> OpenAsync()
    {
        await Page.GotoAsync("/activities/export");
        return this;
    }

    /// <summary>Clicks a download link and waits for the file the browser receives.</summary>
    public Task<IDownload> DownloadAsync(ILocator link) => Page.RunAndWaitForDownloadAsync(() => link.ClickAsync());
}
