using Clearinghouse.BrowserTests.Infrastructure;
using Clearinghouse.BrowserTests.Pages;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Clearinghouse.BrowserTests.Shell;

public sealed class LanguageTests(BrowserFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    [Fact]
    public Task Russian_language_switch_translates_the_shell_and_names() => RunAsync(async page =>
    {
        var organisation = await new OrganisationPage(page).OpenAsync(Demo.MissionInKosovo.Slug);
        Assert.Equal("en", await organisation.LanguageAsync());
        await Expect(organisation.LanguageLink("en")).ToHaveCountAsync(0);

        await organisation.SwitchLanguageAsync("ru");

        // Back on the same page, now in Russian: the organisation's name comes from its Russian translation.
        Assert.EndsWith("/directory/" + Demo.MissionInKosovo.Slug, page.Url, StringComparison.Ordinal);
        await Expect(organisation.Name).ToHaveTextAsync(Demo.MissionInKosovo.RussianName);
        await Expect(organisation.Name).ToHaveAttributeAsync("lang", "ru");
        await Expect(organisation.LanguageLink("en")).ToBeVisibleAsync();
        await Expect(organisation.LanguageLink("ru")).ToHaveCountAsync(0);

        // The choice is remembered: another page opened afterwards is in Russian too.
        var directory = await new DirectoryPage(page).OpenAsync();
        Assert.Equal("ru", await directory.LanguageAsync());
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Каталог участников противодействия торговле людьми");
        await Expect(page.Locator("#apply-filters")).ToHaveTextAsync("Применить фильтры");
        await Expect(directory.Country.Locator("option[value='MD']")).ToHaveTextAsync("Молдова");

        await directory.SwitchLanguageAsync("en");

        await Expect(directory.Country.Locator("option[value='MD']")).ToHaveTextAsync("Moldova");
        await organisation.OpenAsync(Demo.MissionInKosovo.Slug);
        await Expect(organisation.Name).ToHaveTextAsync(Demo.MissionInKosovo.Name);
        await Expect(organisation.LanguageLink("ru")).ToBeVisibleAsync();
    });
}
