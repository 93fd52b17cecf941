using Clearinghouse.BrowserTests.Infrastructure;
using Clearinghouse.BrowserTests.Pages;
using Xunit.Abstractions;

namespace Clearinghouse.BrowserTests.Services;

public sealed class ServicesBrowsingTests(BrowserFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    [Fact]
    public Task A_visitor_finds_the_Pristina_shelter_without_ever_seeing_its_address() => RunAsync(async page =>
    {
        var services = await new ServicesPage(page).OpenAsync();
        await Expect(services.MenuLink("/services")).ToBeVisibleAsync();

        await services.SearchAsync(kind: "Shelter", country: "Kosovo", language: "ro");

        Assert.Contains("kind=Shelter", page.Url, StringComparison.Ordinal);
        Assert.Contains("country=XK", page.Url, StringComparison.Ordinal);
        await Expect(services.ResultLinks).ToHaveTextAsync(["Pristina shelter for trafficked women"]);

        await services.ResultLinks.First.ClickAsync();

        await Expect(services.Heading).ToHaveTextAsync("Pristina shelter for trafficked women");
        await Expect(services.Details).ToContainTextAsync("Pristina Shelter for Trafficking Victims");
        await Expect(services.Contact).ToContainTextAsync("A shelter's address and telephone are given only to signed-in partners.");
        await Expect(services.Main).Not.ToContainTextAsync("Invented Street 1");
        await Expect(services.Main).Not.ToContainTextAsync("+999 555 0701");
    });
}
