namespace Clearinghouse.BrowserTests.Pages;

/// <summary>What every page shares: the skip link, the header with the language switch and the service menu.</summary>
internal abstract class AppPage(IPage page)
{
    public IPage Page { get; } = page;

    public ILocator SkipLink => Page.Locator("a.govuk-skip-link");

    public ILocator Main => Page.Locator("main#main-content");

    public ILocator Heading => Page.GetByRole(AriaRole.Heading, new() { Level = 1 });

    /// <summary>The link that switches to a language ("en", "ru"); only the languages not in use are links.</summary>
    public ILocator LanguageLink(string code) => Page.Locator($"#language-{code}");

    /// <summary>The service menu: its toggle button (shown on narrow screens once the script runs) and its list.</summary>
    public ILocator MenuToggle => Page.Locator("button.govuk-service-navigation__toggle");

    public ILocator Menu => Page.Locator("ul#navigation");

    public ILocator MenuLink(string path) => Menu.Locator($"a[href='{path}']");

    public ILocator SignInLink => Page.Locator("#nav-sign-in");

    public ILocator SignOutButton => Page.Locator("#sign-out");

    public ILocator AccountLink => Page.Locator("#nav-account");

    /// <summary>Editors only: the import page link in the menu (seam for the import tests).</summary>
    public ILocator ImportLink => MenuLink("/directory/import");

    public Task<string?> LanguageAsync() => Page.Locator("html").GetAttributeAsync("lang");

    public async Task SwitchLanguageAsync(string code)
    {
        await LanguageLink(code).ClickAsync();
        await Expect(Page.Locator("html")).ToHaveAttributeAsync("lang", code);
    }

    public async Task SignOutAsync()
    {
        await SignOutButton.ClickAsync();
        await Expect(SignInLink).ToBeVisibleAsync();
    }

    /// <summary>True when the page is no wider than the window (nothing to scroll sideways).</summary>
    public Task<bool> FitsWidthAsync() =>
        Page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= document.documentElement.clientWidth");
}
