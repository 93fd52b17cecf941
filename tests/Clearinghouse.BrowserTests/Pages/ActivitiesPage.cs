namespace Clearinghouse.BrowserTests.Pages;

/// <summary>The activities list (/activities) with its filter form.</summary>
internal sealed class ActivitiesPage(IPage page) : AppPage(page)
{
    public ILocator CountryFilter => Page.Locator("#country");

    public ILocator AreaFilter => Page.Locator("#area");

    /// <summary>"N activities" above the list.</summary>
    public ILocator ResultCount => Page.Locator("#result-count");

    /// <summary>The titles of the activities listed (each links to its page).</summary>
    public ILocator Titles => Page.Locator("#results ul.app-activity-list > li h3 a");

    public ILocator Listed(string title) => Titles.Filter(new() { HasTextRegex = new System.Text.RegularExpressions.Regex("^" + System.Text.RegularExpressions.Regex.Escape(title) + "$") });

    public async Task<ActivitiesPage> OpenAsync(string query = "")
    {
        await Page.GotoAsync("/activities" + query);
        return this;
    }
}
