namespace Clearinghouse.BrowserTests.Pages;

/// <summary>A country profile: national co-ordinator, co-ordination bodies and organisations by kind.</summary>
internal sealed class CountryPage(IPage page) : AppPage(page)
{
    public ILocator Name => Page.Locator("#country-name");

    public ILocator Coordinators => Page.Locator("#coordinators");

    public ILocator AllOrganisationsLink => Page.Locator("main a[href^='/directory?country=']");

    public async Task<CountryPage> OpenAsync(string code)
    {
        await Page.GotoAsync("/countries/" + code);
        return this;
    }
}
