using System.Runtime.CompilerServices;
using Xunit.Abstractions;

namespace Clearinghouse.BrowserTests.Infrastructure;

/// <summary>
/// Base of the browser test classes. <see cref="RunAsync"/> gives each test a fresh browser context with tracing on;
/// when the test fails it keeps a screenshot and a Playwright trace (open with `playwright show-trace`, or
/// trace.playwright.dev) under TestResults/browser-artifacts and rethrows. A page that logs a JavaScript or
/// console error (for example a script or style blocked by the content security policy) fails the test too.
/// </summary>
public abstract class BrowserTest(BrowserFixture fixture, ITestOutputHelper output) : IClassFixture<BrowserFixture>
{
    protected BrowserFixture Fixture { get; } = fixture;

    protected ClearinghouseServer App => Fixture.App;

    protected async Task RunAsync(Func<IPage, Task> body, BrowserNewContextOptions? options = null, [CallerMemberName] string test = "")
    {
        await using var context = await Fixture.NewContextAsync(options);
        context.SetDefaultTimeout(15_000);
        await context.Tracing.StartAsync(new() { Title = $"{GetType().Name}.{test}", Screenshots = true, Snapshots = true });
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                lock (errors)
                {
                    errors.Add($"console error on {page.Url}: {message.Text}");
                }
            }
        };
        page.PageError += (_, error) =>
        {
            lock (errors)
            {
                errors.Add($"script error on {page.Url}: {error}");
            }
        };

        try
        {
            await body(page);
            lock (errors)
            {
                Assert.True(errors.Count == 0, "The browser reported errors:\n" + string.Join('\n', errors));
            }
        }
        catch (Exception)
        {
            try
            {
                await KeepArtifactsAsync(context, page, test);
            }
            catch (PlaywrightException failure)
            {
                output.WriteLine($"Could not keep the screenshot and trace: {failure.Message}");
            }

            throw;
        }

        await context.Tracing.StopAsync();
    }

    private async Task KeepArtifactsAsync(IBrowserContext context, IPage page, string test)
    {
        var folder = ArtifactsFolder();
        System.IO.Directory.CreateDirectory(folder);
        var name = $"{GetType().Name}.{test}";
        var screenshot = Path.Combine(folder, name + ".png");
        var trace = Path.Combine(folder, name + ".trace.zip");
        if (!page.IsClosed)
        {
            await page.ScreenshotAsync(new() { Path = screenshot, FullPage = true });
        }

        await context.Tracing.StopAsync(new() { Path = trace });
        output.WriteLine($"Screenshot: {screenshot}");
        output.WriteLine($"Trace: {trace} (open with 'playwright show-trace' or at trace.playwright.dev)");
    }

    /// <summary>TestResults/browser-artifacts at the repository root (gitignored), else next to the test assembly.</summary>
    private static string ArtifactsFolder() =>
        RepositoryPaths.Root() is { } root
            ? Path.Combine(root, "TestResults", "browser-artifacts")
            : Path.Combine(AppContext.BaseDirectory, "browser-artifacts");
}
