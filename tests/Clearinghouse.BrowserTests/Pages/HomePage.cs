using System.Text.RegularExpressions;

namespace Clearinghouse.BrowserTests.Pages;

internal sealed partial class HomePage(IPage page) : AppPage(page)
{
    public ILocator SearchBox => Page.Locator("#home-q");

    public ILocator SearchButton => Page.GetByRole(AriaRole.Search).GetByRole(AriaRole.Button);

    /// <summary>"103 organisations in 40 countries, …" under the Directory heading.</summary>
    public ILocator DirectorySummary => Page.GetByText(DirectorySummaryText());

    public ILocator RecentOrganisations => Page.Locator("#recent-organisations a");

    public async Task<HomePage> OpenAsync()
    {
        await Page.GotoAsync("/");
        return this;
    }

    /// <summary>Types into the search box and presses Enter, as a keyboard user does.</summary>
    public async Task<DirectoryPage> SearchAsync(string text)
    {
        await SearchBox.FillAsync(text);
        await SearchBox.PressAsync("Enter");
        await Page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/directory");
        return new DirectoryPage(Page);
    }

    public async Task<int> OrganisationCountAsync()
    {
        var match = DirectorySummaryText().Match(await DirectorySummary.InnerTextAsync());
        return int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"^(\d+) organisations in (\d+) countries")]
    private static partial Regex DirectorySummaryText();
}
