namespace Clearinghouse.BrowserTests.Pages;

/// <summary>One document of the library: metadata, the file to download, translations, versions and citation.</summary>
internal sealed class LibraryDocumentPage(IPage page) : AppPage(page)
{
    public ILocator Title => Page.Locator("#document-title");

    public ILocator AccessLevel => Page.Locator("#access-level");

    public ILocator Metadata => Page.Locator("#metadata");

    /// <summary>The value of one metadata row by its label ("Type of document", "Countries covered", ...).</summary>
    public ILocator MetadataValue(string label) =>
        Metadata.Locator(".govuk-summary-list__row").Filter(new() { Has = Page.Locator("dt", new() { HasTextString = label }) }).Locator("dd");

    public ILocator DownloadLink => Page.Locator("#download");

    /// <summary>The opening of the extracted text.</summary>
    public ILocator Opening => Page.Locator("#opening");

    public ILocator Citation => Page.Locator("#citation");

    public ILocator Notice => Page.Locator("#notice");

    public async Task<LibraryDocumentPage> OpenAsync(string slug)
    {
        await Page.GotoAsync("/library/" + slug);
        return this;
    }

    /// <summary>Clicks the download link and returns the bytes the browser saved.</summary>
    public async Task<byte[]> DownloadAsync()
    {
        var download = await Page.RunAndWaitForDownloadAsync(() => DownloadLink.ClickAsync());
        var path = await download.PathAsync();
        return await File.ReadAllBytesAsync(path);
    }
}
