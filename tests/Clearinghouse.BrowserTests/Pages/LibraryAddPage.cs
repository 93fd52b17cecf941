namespace Clearinghouse.BrowserTests.Pages;

/// <summary>The upload form of the library: a file and the document's metadata.</summary>
internal sealed class LibraryAddPage(IPage page) : AppPage(page)
{
    public ILocator File => Page.Locator("#file");

    public ILocator Title => Page.Locator("#title");

    public ILocator Language => Page.Locator("#language");

    public ILocator Summary => Page.Locator("#summary");

    public ILocator Type => Page.Locator("#type");

    public ILocator Authors => Page.Locator("#authors");

    public ILocator PublicationYear => Page.Locator("#publicationYear");

    public ILocator AccessLevel => Page.Locator("#accessLevel");

    public ILocator Provenance => Page.Locator("#provenance");

    /// <summary>The text field in which an author is looked up in the directory (one match is linked on saving).</summary>
    public ILocator AuthorLookup => Page.Locator("#authorLookup");

    /// <summary>The text field in which a related activity is looked up in the inventory.</summary>
    public ILocator ActivityLookup => Page.Locator("#activityLookup");

    /// <summary>One checkbox of the themes, audiences or countries ("themes", "TrainingAndCapacityBuilding").</summary>
    public ILocator Checkbox(string group, string value) => Page.Locator($"#{group}-{value}");

    public ILocator SaveButton => Page.Locator("#save");

    public ILocator ErrorSummary => Page.Locator(".govuk-error-summary");

    public async Task<LibraryAddPage> OpenAsync()
    {
        await Page.GotoAsync("/library/add");
        return this;
    }
}
