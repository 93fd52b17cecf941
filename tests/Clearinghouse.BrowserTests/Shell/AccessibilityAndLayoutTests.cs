using Clearinghouse.BrowserTests.Infrastructure;
using Clearinghouse.BrowserTests.Pages;
using Xunit.Abstractions;

namespace Clearinghouse.BrowserTests.Shell;

public sealed class AccessibilityAndLayoutTests(BrowserFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    private static readonly BrowserNewContextOptions Phone = new()
    {
        ViewportSize = new ViewportSize { Width = 390, Height = 844 },
        DeviceScaleFactor = 3,
        IsMobile = true,
        HasTouch = true,
    };

    [Fact]
    public Task Keyboard_user_can_skip_to_content() => RunAsync(async page =>
    {
        var home = await new HomePage(page).OpenAsync();
        // Visually hidden (a 1-pixel box) until it gets the focus.
        Assert.True((await home.SkipLink.BoundingBoxAsync())?.Width <= 1, "The skip link shows before it has the focus.");

        await page.Keyboard.PressAsync("Tab");

        await Expect(home.SkipLink).ToBeFocusedAsync();
        await Expect(home.SkipLink).ToHaveTextAsync("Skip to main content");
        await Expect(home.SkipLink).ToBeInViewportAsync();
        Assert.True((await home.SkipLink.BoundingBoxAsync())?.Width > 100, "The focused skip link is not shown.");

        await page.Keyboard.PressAsync("Enter");

        await Expect(home.Main).ToBeFocusedAsync();
        // The next Tab goes on from the main content, past the header's links: to the search box.
        await page.Keyboard.PressAsync("Tab");
        await Expect(home.SearchBox).ToBeFocusedAsync();
    });

    [Fact]
    public Task Phone_layout_has_a_menu_and_no_horizontal_scroll() => RunAsync(
        async page =>
        {
            var home = await new HomePage(page).OpenAsync();

            // The menu collapses behind a toggle once the script runs; the toggle opens it.
            await Expect(home.MenuToggle).ToBeVisibleAsync();
            await Expect(home.MenuLink("/directory")).Not.ToBeVisibleAsync();
            await home.MenuToggle.ClickAsync();
            await Expect(home.MenuToggle).ToHaveAttributeAsync("aria-expanded", "true");
            await Expect(home.MenuLink("/directory")).ToBeVisibleAsync();
            Assert.True(await home.FitsWidthAsync(), "The home page scrolls sideways on a phone.");

            var directory = await new DirectoryPage(page).OpenAsync("?country=MD");
            await Expect(directory.Results.First).ToBeVisibleAsync();
            Assert.True(await directory.FitsWidthAsync(), "The directory scrolls sideways on a phone.");

            var organisation = await new OrganisationPage(page).OpenAsync(Demo.MissionInKosovo.Slug);
            await Expect(organisation.People).ToBeVisibleAsync();
            Assert.True(await organisation.FitsWidthAsync(), "The organisation page scrolls sideways on a phone.");
        },
        Phone);

    [Fact]
    public Task Every_directory_filter_field_has_a_label() => RunAsync(async page =>
    {
        var directory = await new DirectoryPage(page).OpenAsync();
        await Expect(directory.Country).ToBeVisibleAsync();

        Assert.Empty(await directory.UnlabelledFieldsAsync());
    });
}
