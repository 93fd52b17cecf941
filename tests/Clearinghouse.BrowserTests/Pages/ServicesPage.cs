namespace Clearinghouse.BrowserTests.Pages;

/// <summary>The service directory search (/services) and a service's own page.</summary>
internal sealed class ServicesPage(IPage page) : AppPage(page)
{
    public ILocator Kind => Page.Locator("#kind");

    public ILocator Country => Page.Locator("#country");

    public ILocator Language => Page.Locator("#language");

    public ILocator SearchButton => Page.Locator("#search-button");

    public ILocator ResultCount => Page.Locator("#result-count");

    public ILocator ResultLinks => Page.Locator("#service-results h3 a");

    public ILocator Details => Page.Locator("#service-details");

    public ILocator Contact => Page.Locator("#service-contact");

    public async Task<ServicesPage> OpenAsync()
    {
        await Page.GotoAsync("/services");
        return this;
    }

    /// <summary>Chooses a kind and a country by their visible labels and searches.</summary>
    public async Task SearchAsync(string kind, string country, string? language = null)
    {
        await Kind.SelectOptionAsync(new SelectOptionValue { Label = kind });
        await Country.SelectOptionAsync(new SelectOptionValue { Label = country });
        if (language is not null)
        {
            await Language.FillAsync(language);
        }

        await SearchButton.ClickAsync();
        await Page.WaitForURLAsync(url => url.Contains("kind=", StringComparison.Ordinal));
    }
}
