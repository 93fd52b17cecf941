using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Clearinghouse.Accounts;
using Clearinghouse.Tests.Infrastructure;

namespace Clearinghouse.Tests.Accounts;

public sealed partial class SignInTests(Apps apps) : IClassFixture<Apps>
{
    [Theory]
    [MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task Wrong_password_is_refused_and_the_account_locks_after_five_failures(Provider provider)
    {
        var app = await apps.For(provider);
        var (email, password) = await app.CreateUserAsync(Roles.Reader);
        var browser = app.CreateBrowser();

        for (var i = 0; i < 5; i++)
        {
            var failed = await TestApp.PostFormAsync(browser, "/accounts/sign-in", new() { ["email"] = email, ["password"] = "not the password at all" });
            Assert.Equal(HttpStatusCode.OK, failed.StatusCode);
        }

        var locked = await TestApp.PostFormAsync(browser, "/accounts/sign-in", new() { ["email"] = email, ["password"] = password });
        var page = WebUtility.HtmlDecode(await locked.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, locked.StatusCode);
        Assert.Contains("locked for 15 minutes", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/accounts/tokens")).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task A_disabled_account_cannot_sign_in_and_its_tokens_stop_working(Provider provider)
    {
        var app = await apps.For(provider);
        var (email, password) = await app.CreateUserAsync(Roles.Editor);
        var browser = app.CreateBrowser();
        await TestApp.PostFormAsync(browser, "/accounts/sign-in", new() { ["email"] = email, ["password"] = password });
        var tokenPage = WebUtility.HtmlDecode(await (await TestApp.PostFormAsync(browser, "/accounts/tokens?handler=Issue", new() { ["name"] = "script" }, "/accounts/tokens")).Content.ReadAsStringAsync());
        var token = NewToken().Match(tokenPage).Groups[1].Value;
        var api = app.CreateClient();
        api.DefaultRequestHeaders.Authorization = new("Bearer", token);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/me")).StatusCode);

        await app.DisableUserAsync(email);

        var again = await TestApp.PostFormAsync(app.CreateBrowser(), "/accounts/sign-in", new() { ["email"] = email, ["password"] = password });
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains("not right", WebUtility.HtmlDecode(await again.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/api/v1/me")).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task A_token_issued_on_the_tokens_page_works_until_it_is_revoked(Provider provider)
    {
        var app = await apps.For(provider);
        var browser = await app.SignInAsync(Roles.Reader);
        var page = WebUtility.HtmlDecode(await (await TestApp.PostFormAsync(browser, "/accounts/tokens?handler=Issue", new() { ["name"] = "nightly export" }, "/accounts/tokens")).Content.ReadAsStringAsync());
        var token = NewToken().Match(page).Groups[1].Value;
        var api = app.CreateClient();
        api.DefaultRequestHeaders.Authorization = new("Bearer", token);

        var me = await api.GetFromJsonAsync<Dictionary<string, object>>("/api/v1/me");
        Assert.NotNull(me);
        Assert.True((bool)((System.Text.Json.JsonElement)me["seesRestrictedContacts"]).GetBoolean());

        var listing = await browser.GetHtmlAsync("/accounts/tokens");
        var tokenId = RevokeId().Match(listing).Groups[1].Value;
        await TestApp.PostFormAsync(browser, "/accounts/tokens?handler=Revoke", new() { ["id"] = tokenId }, "/accounts/tokens");

        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/api/v1/me")).StatusCode);
        Assert.DoesNotContain(token, await browser.GetHtmlAsync("/accounts/tokens"), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task A_made_up_or_malformed_token_gets_401_problem_details(Provider provider)
    {
        var app = await apps.For(provider);
        var api = app.CreateClient();
        api.DefaultRequestHeaders.Authorization = new("Bearer", "chk_this-is-not-a-real-token");

        var response = await api.GetAsync("/api/v1/me");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task Sign_in_attempts_are_rate_limited_per_address(Provider provider)
    {
        await using var app = await TestApp.StartAsync(provider, new Dictionary<string, string?> { ["Web:SignInAttemptsPerMinute"] = "3" });
        var browser = app.CreateBrowser();
        var statuses = new List<HttpStatusCode>();

        for (var i = 0; i < 5; i++)
        {
            statuses.Add((await browser.GetAsync("/accounts/sign-in")).StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
    }

    [GeneratedRegex("id=\"new-token\">(chk_[A-Za-z0-9_-]+)<")]
    private static partial Regex NewToken();

    [GeneratedRegex("name=\"id\" value=\"([0-9a-f-]{36})\"")]
    private static partial Regex RevokeId();
}
