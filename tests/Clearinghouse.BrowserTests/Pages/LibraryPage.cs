namespace Clearinghouse.BrowserTests.Pages;

/// <summary>The library search: the query box and sort, facets with counts on the left, results on the right.</summary>
internal sealed class LibraryPage(IPage page) : AppPage(page)
{
    public ILocator SearchBox => Page.Locator("#q");

    public ILocator SearchButton => Page.Locator("#search-button");

    public ILocator ResultCount => Page.Locator("#result-count");

    /// <summary>One item per language version on the current page of results.</summary>
    public ILocator Results => Page.Locator("#results > li");

    public ILocator ResultLinks => Page.Locator("#results > li h2 a");

    /// <summary>The highlighted words of the snippets (&lt;mark&gt;).</summary>
    public ILocator Highlights => Page.Locator("#results mark");

    public ILocator Facets => Page.Locator("#facets");

    /// <summary>The list of one facet ("type", "theme", "country", "language", "year", "audience").</summary>
    public ILocator FacetGroup(string name) => Page.Locator($"#facet-{name}");

    /// <summary>The link of a facet value not chosen yet, e.g. ("type", "TrainingMaterial").</summary>
    public ILocator FacetLink(string name, string value) => Page.Locator($"a[data-facet='{name}-{value}']");

    /// <summary>The facet value's line: its label, and its count in brackets.</summary>
    public ILocator FacetItem(string name, string value) => FacetGroup(name).Locator("li").Filter(new() { Has = FacetLink(name, value) });

    /// <summary>A chosen facet value: shown in bold with its count, with a link to remove it.</summary>
    public ILocator ChosenFacet(string name) => FacetGroup(name).Locator("li strong");

    /// <summary>Editors and focal points only.</summary>
    public ILocator AddDocumentButton => Page.Locator("#add-document");

    public async Task<LibraryPage> OpenAsync(string query = "")
    {
        await Page.GotoAsync("/library" + query);
        return this;
    }

    public async Task SearchAsync(string text)
    {
        await SearchBox.FillAsync(text);
        await SearchButton.ClickAsync();
        await Page.WaitForURLAsync(url => url.Contains("q=", StringComparison.Ordinal));
    }
}
