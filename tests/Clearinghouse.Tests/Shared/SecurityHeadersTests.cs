using System.Text.RegularExpressions;
using Clearinghouse.Tests.Infrastructure;

namespace Clearinghouse.Tests.Shared;

public sealed partial class SecurityHeadersTests(Apps apps) : IClassFixture<Apps>
{
    [Theory]
    [MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task Pages_forbid_inline_script_and_framing_and_contain_none(Provider provider)
    {
        var app = await apps.For(provider);
        var browser = app.CreateBrowser();

        foreach (var url in new[] { "/", "/directory", "/countries/MD", "/bodies", "/meetings", "/accounts/sign-in", "/about" })
        {
            var response = await browser.GetAsync(url);
            var html = await response.Content.ReadAsStringAsync();
            var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));

            Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
            Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
            Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.False(InlineScript().IsMatch(html), $"{url} has an inline <script>.");
            Assert.False(InlineStyle().IsMatch(html), $"{url} has a style attribute or <style> element.");
        }
    }

    [Theory]
    [MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task Errors_never_show_internals(Provider provider)
    {
        var app = await apps.For(provider);

        var page = await app.CreateBrowser().GetAsync("/countries/not-a-country");
        var api = await app.CreateClient().GetAsync("/api/v1/organisations/not-a-guid");

        Assert.Equal(System.Net.HttpStatusCode.NotFound, page.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("   at ", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task Public_pages_stay_light(Provider provider)
    {
        var app = await apps.For(provider);

        var html = await app.CreateBrowser().GetStringAsync("/directory");

        Assert.True(System.Text.Encoding.UTF8.GetByteCount(html) < 60_000, "The directory page HTML should stay well under the 150 KB page budget.");
    }

    [GeneratedRegex(@"<script(?![^>]*\bsrc=)[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex InlineScript();

    [GeneratedRegex(@"<style[\s>]|\sstyle=""", RegexOptions.IgnoreCase)]
    private static partial Regex InlineStyle();
}
