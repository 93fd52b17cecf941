using System.Text.RegularExpressions;

namespace Clearinghouse.BrowserTests.Pages;

/// <summary>The directory search: filters on the left, results on the right.</summary>
internal sealed partial class DirectoryPage(IPage page) : AppPage(page)
{
    public ILocator SearchBox => Page.Locator("#q");

    public ILocator Country => Page.Locator("#country");

    public ILocator Type => Page.Locator("#type");

    public ILocator ApplyFiltersButton => Page.Locator("#apply-filters");

    public ILocator ClearFiltersLink => Page.Locator("#directory-filters").GetByRole(AriaRole.Link, new() { Name = "Clear filters" });

    public ILocator ResultCount => Page.Locator("#result-count");

    /// <summary>One item per organisation on the current page of results.</summary>
    public ILocator Results => Page.Locator("#results > li");

    public ILocator ResultLinks => Page.Locator("#results > li h2 a");

    public ILocator Result(string name) => Results.Filter(new() { Has = Page.GetByRole(AriaRole.Link, new() { Name = name, Exact = true }) });

    /// <summary>Editors only: the button to add an organisation (seam for the editing tests).</summary>
    public ILocator AddOrganisationButton => Page.Locator("#add-organisation");

    public async Task<DirectoryPage> OpenAsync(string query = "")
    {
        await Page.GotoAsync("/directory" + query);
        return this;
    }

    /// <summary>Chooses a country and an organisation type by their visible labels and applies the filters.</summary>
    public async Task FilterAsync(string? country = null, string? type = null)
    {
        if (country is not null)
        {
            await Country.SelectOptionAsync(new SelectOptionValue { Label = country });
        }

        if (type is not null)
        {
            await Type.SelectOptionAsync(new SelectOptionValue { Label = type });
        }

        var before = Page.Url;
        await ApplyFiltersButton.ClickAsync();
        await Page.WaitForURLAsync(url => url != before);
    }

    public async Task<int> ResultCountAsync()
    {
        await Expect(ResultCount).ToHaveTextAsync(ResultCountText());
        var match = ResultCountText().Match(await ResultCount.InnerTextAsync());
        return int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The ids of form fields that have no label, no aria-label and no aria-labelledby.</summary>
    public Task<string[]> UnlabelledFieldsAsync() =>
        Page.EvaluateAsync<string[]>("""
            () => [...document.querySelectorAll('input:not([type=hidden]), select, textarea')]
                .filter(el => el.labels.length === 0 && !el.getAttribute('aria-label') && !el.getAttribute('aria-labelledby'))
                .map(el => el.id || el.name || el.outerHTML)
            """);

    [GeneratedRegex(@"^(\d+) organisations?$")]
    private static partial Regex ResultCountText();
}
