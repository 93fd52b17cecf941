using Clearinghouse.BrowserTests.Infrastructure;
using Clearinghouse.BrowserTests.Pages;
using Xunit.Abstractions;

namespace Clearinghouse.BrowserTests.Directory;

public sealed class DirectoryBrowsingTests(BrowserFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    [Fact]
    public Task Home_page_shows_the_directory_and_search() => RunAsync(async page =>
    {
        var home = await new HomePage(page).OpenAsync();

        await Expect(home.Heading).ToHaveTextAsync("Who does what where against trafficking in human beings");
        await Expect(home.DirectorySummary).ToBeVisibleAsync();
        var organisations = await home.OrganisationCountAsync();
        Assert.True(organisations >= 100, $"The home page counts {organisations} organisations; the demo directory has over 100.");
        await Expect(home.RecentOrganisations.First).ToBeVisibleAsync();

        var directory = await home.SearchAsync("IOM");

        Assert.Contains("q=IOM", page.Url, StringComparison.Ordinal);
        await Expect(directory.SearchBox).ToHaveValueAsync("IOM");
        await Expect(directory.Result("International Organization for Migration")).ToBeVisibleAsync();
        await Expect(directory.Result("IOM Mission in Kosovo")).ToBeVisibleAsync();
        var found = await directory.ResultCountAsync();
        Assert.InRange(found, 2, organisations - 1);
        await Expect(directory.Results).ToHaveCountAsync(found);
    });

    [Fact]
    public Task Directory_filters_by_country_and_type() => RunAsync(async page =>
    {
        var directory = await new DirectoryPage(page).OpenAsync();
        var everything = await directory.ResultCountAsync();

        await directory.FilterAsync(country: "Moldova", type: Demo.NgoLabel);

        Assert.Contains("country=MD", page.Url, StringComparison.Ordinal);
        Assert.Contains("type=Ngo", page.Url, StringComparison.Ordinal);
        await Expect(directory.ResultCount).ToHaveTextAsync($"{Demo.MoldovaNgos.Length} organisations");
        await Expect(directory.ResultLinks).ToHaveTextAsync(Demo.MoldovaNgos);
        foreach (var result in await directory.Results.AllAsync())
        {
            await Expect(result).ToContainTextAsync(Demo.NgoLabel);
        }

        // The choices stay selected on the results page.
        await Expect(directory.Country).ToHaveValueAsync("MD");
        await Expect(directory.Type).ToHaveValueAsync("Ngo");

        await directory.ClearFiltersLink.ClickAsync();

        await Expect(directory.ResultCount).ToHaveTextAsync($"{everything} organisations");
        await Expect(directory.Country).ToHaveValueAsync("");
        await Expect(directory.Type).ToHaveValueAsync("");
    });

    [Fact]
    public Task Organisation_page_shows_contacts_and_bodies() => RunAsync(async page =>
    {
        var organisation = await new OrganisationPage(page).OpenAsync(Demo.MissionInKosovo.Slug);

        await Expect(organisation.Name).ToHaveTextAsync(Demo.MissionInKosovo.Name);
        await Expect(organisation.Facts).ToContainTextAsync("OSCE field operation");
        foreach (var person in Demo.MissionInKosovo.People)
        {
            await Expect(organisation.Person(person)).ToBeVisibleAsync();
        }

        await Expect(organisation.Person(Demo.MissionInKosovo.FocalPoint)).ToContainTextAsync("katarina.lindholm@example.org");
        foreach (var body in Demo.MissionInKosovo.Bodies)
        {
            await Expect(organisation.Memberships.GetByRole(AriaRole.Link, new() { Name = body })).ToBeVisibleAsync();
        }

        // Anonymous visitors see neither the partners-only block nor what it would hold.
        await Expect(page.GetByText("Direct telephone numbers and personal e-mail addresses are shown to signed-in partners only.")).ToBeVisibleAsync();
        await Expect(organisation.PartnersOnlyTags).ToHaveCountAsync(0);
        await Expect(organisation.RestrictedContacts).ToHaveCountAsync(0);
        await Expect(organisation.Main).Not.ToContainTextAsync(Demo.MissionInKosovo.FocalPointDirectPhone);
        await Expect(organisation.Main).Not.ToContainTextAsync(Demo.MissionInKosovo.FocalPointPersonalEmail);
    });
}
