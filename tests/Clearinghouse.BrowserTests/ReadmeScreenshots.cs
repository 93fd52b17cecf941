using Clearinghouse.BrowserTests.Infrastructure;
using Clearinghouse.BrowserTests.Pages;
using Xunit.Abstractions;

namespace Clearinghouse.BrowserTests;

/// <summary>
/// Opens the pages the README shows and checks that they render. With CLEARINGHOUSE_SCREENSHOTS=1 it also writes
/// full-page desktop screenshots of them to docs/screenshots/ (commit them when the pages change):
/// <c>CLEARINGHOUSE_SCREENSHOTS=1 SKIP_FORMAT=1 ./scripts/test.sh --filter FullyQualifiedName~ReadmeScreenshots</c>,
/// then, to keep the repository small, <c>optipng -o2 docs/screenshots/*.png</c> (lossless; Debian package optipng).
/// </summary>
public sealed class ReadmeScreenshots(BrowserFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    public const string Variable = "CLEARINGHOUSE_SCREENSHOTS";

    private static readonly BrowserNewContextOptions Desktop = new() { ViewportSize = new ViewportSize { Width = 1280, Height = 800 } };

    private readonly ITestOutputHelper output = output;

    [Fact]
    public Task Readme_pages_render() => RunAsync(
        async page =>
        {
            var home = await new HomePage(page).OpenAsync();
            await Expect(home.DirectorySummary).ToBeVisibleAsync();
            await SaveAsync(page, "home");

            // Ukraine: few enough results for a full-page picture of a reasonable size.
            var directory = await new DirectoryPage(page).OpenAsync("?country=UA");
            await Expect(directory.Country).ToHaveValueAsync("UA");
            await Expect(directory.Result("OSCE Project Co-ordinator in Ukraine")).ToBeVisibleAsync();
            await SaveAsync(page, "directory");

            var organisation = await new OrganisationPage(page).OpenAsync(Demo.MissionInKosovo.Slug);
            await Expect(organisation.People).ToBeVisibleAsync();
            await Expect(organisation.Memberships).ToBeVisibleAsync();
            await SaveAsync(page, "organisation");

            var country = await new CountryPage(page).OpenAsync("MD");
            await Expect(country.Name).ToHaveTextAsync("Moldova");
            await Expect(country.Coordinators).ToBeVisibleAsync();
            await SaveAsync(page, "country");
        },
        Desktop);

    private async Task SaveAsync(IPage page, string name)
    {
        if (Environment.GetEnvironmentVariable(Variable) != "1")
        {
            return;
        }

        var root = RepositoryPaths.Root() ?? throw new InvalidOperationException("Screenshots go to docs/screenshots of the repository, which was not found.");
        var path = Path.Combine(root, "docs", "screenshots", name + ".png");
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await page.ScreenshotAsync(new() { Path = path, FullPage = true, Animations = ScreenshotAnimations.Disabled });
        output.WriteLine($"Wrote {path} ({new FileInfo(path).Length / 1024} KB)");
    }
}
