namespace Clearinghouse.BrowserTests.Pages;

/// <summary>The form that adds or edits an activity (/activities/edit), with its possible-duplicate warning.</summary>
internal sealed class ActivityEditPage(IPage page) : AppPage(page)
{
    public ILocator Title => Page.Locator("#title");

    public ILocator Status => Page.Locator("#status");

    public ILocator Country(string code) => Page.Locator($"#countries-{code}");

    public ILocator Area(string area) => Page.Locator($"#thematicAreas-{area}");

    /// <summary>"Save", or "Save anyway" once the form has warned of possible duplicates.</summary>
    public ILocator SaveButton => Page.Locator("#save-activity");

    public ILocator DuplicateWarning => Page.Locator("#duplicate-warning");

    /// <summary>A row of the warning's table for an existing activity, by its title.</summary>
    public ILocator Candidate(string title) =>
        DuplicateWarning.Locator("tr.app-duplicate-candidate", new() { Has = Page.GetByRole(AriaRole.Link, new() { Name = title, Exact = true }) });

    public static ILocator Score(ILocator candidate) => candidate.Locator("td").Nth(1);

    public static ILocator Reasons(ILocator candidate) => candidate.Locator("td").Nth(2);

    public async Task<ActivityEditPage> OpenNewAsync()
    {
        await Page.GotoAsync("/activities/edit");
        return this;
    }

    /// <summary>Fills in what the duplicate check compares: title, status, one country and one thematic area.</summary>
    public async Task FillAsync(string title, string status, string country, string area)
    {
        await Title.FillAsync(title);
        await Status.SelectOptionAsync(status);
        await Country(country).CheckAsync();
        await Area(area).CheckAsync();
    }
}
