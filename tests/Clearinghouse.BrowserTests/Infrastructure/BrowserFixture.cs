namespace Clearinghouse.BrowserTests.Infrastructure;

/// <summary>
/// One application on Kestrel and one headless Chromium for a test class (IClassFixture). Each test gets its own
/// browser context (fresh cookies and storage) through <see cref="BrowserTest.RunAsync"/>.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    /// <summary>Environment variable naming the Chromium binary; scripts/test.sh sets it.</summary>
    public const string ChromiumVariable = "CLEARINGHOUSE_TEST_CHROMIUM";
    private const string DefaultChromium = "/usr/bin/chromium";

    // The flags that work on the project's machines: as root Chromium needs --no-sandbox, and without the
    // background-networking flags it keeps trying to reach Google's hosts, which the closed network refuses.
    private static readonly string[] ChromiumArgs =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    private IPlaywright? playwright;
    private IBrowser? browser;

    public ClearinghouseServer App { get; } = new();

    public IBrowser Browser => browser ?? throw new InvalidOperationException("The browser has not started.");

    public async Task InitializeAsync()
    {
        var executable = FindChromium();
        SetDefaultExpectTimeout(10_000);
        var appStarted = Task.Run(App.Start);
        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = executable, Headless = true, Args = ChromiumArgs });
        await appStarted;
    }

    /// <summary>A fresh context (no cookies) whose relative URLs resolve against the app.</summary>
    public Task<IBrowserContext> NewContextAsync(BrowserNewContextOptions? options = null)
    {
        options ??= new BrowserNewContextOptions();
        options.BaseURL = App.BaseAddress.ToString().TrimEnd('/');
        options.Locale ??= "en-GB";
        options.ViewportSize ??= new ViewportSize { Width = 1280, Height = 900 };
        return Browser.NewContextAsync(options);
    }

    public async Task DisposeAsync()
    {
        if (browser is not null)
        {
            await browser.DisposeAsync();
        }

        playwright?.Dispose();
        await App.DisposeAsync();
    }

    private static string FindChromium()
    {
        var configured = Environment.GetEnvironmentVariable(ChromiumVariable);
        var path = string.IsNullOrWhiteSpace(configured) ? DefaultChromium : configured;
        return File.Exists(path)
            ? path
            : throw new InvalidOperationException(
                $"No Chromium at '{path}'. The browser tests drive Debian's Chromium: install it (apt-get install chromium) " +
                $"or set {ChromiumVariable} to a Chromium binary. ./scripts/test.sh installs it and sets the variable.");
    }
}
