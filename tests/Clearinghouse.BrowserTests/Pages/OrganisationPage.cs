namespace Clearinghouse.BrowserTests.Pages;

/// <summary>One organisation: its facts, contact people and co-ordination bodies.</summary>
internal sealed class OrganisationPage(IPage page) : AppPage(page)
{
    public ILocator Name => Page.Locator("#organisation-name");

    public ILocator Facts => Page.Locator("#organisation-facts");

    public ILocator People => Page.Locator("#people");

    public ILocator Person(string fullName) => People.Locator("> li").Filter(new() { Has = Page.GetByRole(AriaRole.Heading, new() { Name = fullName, Exact = true }) });

    public ILocator Memberships => Page.Locator("#memberships");

    /// <summary>Direct telephone numbers and personal e-mail addresses, marked "Partners only".</summary>
    public ILocator RestrictedContacts => People.Locator("[data-restricted]");

    public ILocator PartnersOnlyTags => People.GetByText("Partners only", new() { Exact = true });

    /// <summary>Editors and the organisation's focal points only (seams for the editing tests).</summary>
    public ILocator EditButton => Page.Locator("#edit-organisation");

    public ILocator AddPersonLink => Page.Locator("#add-person");

    public ILocator HistoryLink => Page.Locator("#history");

    public async Task<OrganisationPage> OpenAsync(string slug)
    {
        await Page.GotoAsync("/directory/" + slug);
        return this;
    }
}
