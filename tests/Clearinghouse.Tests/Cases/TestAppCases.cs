using System.Net;
using System.Net.Http.Headers;
using Clearinghouse.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Clearinghouse.Tests.Infrastructure;

/// <summary>Intent methods for case tests: accounts with two-factor sign-in, and running operator jobs.</summary>
public sealed partial class TestApp
{
    /// <summary>Creates a case worker or supervisor of the organisation with an authenticator, and signs in with password and code.</summary>
    public async Task<HttpClient> SignInWithTwoFactorAsync(string role, Guid organisationId)
    {
        var (email, password) = await CreateUserAsync(role, organisationId);
        var key = await EnableTwoFactorAsync(email);
        var client = CreateBrowser();
        var first = await PostFormAsync(client, "/accounts/sign-in", new() { ["email"] = email, ["password"] = password });
        if (first.Headers.Location?.OriginalString.StartsWith("/accounts/sign-in-code", StringComparison.Ordinal) != true)
        {
            throw new InvalidOperationException($"Sign-in did not ask for the code: {(int)first.StatusCode} {first.Headers.Location}");
        }

        var second = await PostFormAsync(client, "/accounts/sign-in-code", new() { ["code"] = Totp(key) });
        if (second.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"The authenticator code was refused: {(int)second.StatusCode}");
        }

        return client;
    }

    /// <summary>An API client with a token of a new account in the role; with two-factor sign-in on unless told otherwise.</summary>
    public async Task<HttpClient> CreateCaseApiClientAsync(string role, Guid organisationId, bool twoFactor = true)
    {
        var (email, _) = await CreateUserAsync(role, organisationId);
        if (twoFactor)
        {
            await EnableTwoFactorAsync(email);
        }

        await using var scope = Services.CreateAsyncScope();
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByEmailAsync(email) ?? throw new InvalidOperationException("No user.");
        var (_, secret) = await scope.ServiceProvider.GetRequiredService<ApiTokens>().IssueAsync(user.Id, "tests", TimeSpan.FromDays(1));
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        return client;
    }

    /// <summary>Runs an operator job (what a CLI command does) in a scope acting as the operator.</summary>
    internal async Task<T> AsOperatorAsync<T>(Func<IServiceProvider, Task<T>> job)
    {
        await using var scope = Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().SetOperator("tests");
        return await job(scope.ServiceProvider);
    }

    /// <summary>The test database's connection string (for tools such as pg_dump) and provider.</summary>
    internal string DatabaseConnectionString => database.ConnectionString;

    private async Task<string> EnableTwoFactorAsync(string email)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = await users.FindByEmailAsync(email) ?? throw new InvalidOperationException("No user.");
        await users.ResetAuthenticatorKeyAsync(user);
        var key = await users.GetAuthenticatorKeyAsync(user) ?? throw new InvalidOperationException("No key.");
        await users.SetTwoFactorEnabledAsync(user, true);
        return key;
    }

    /// <summary>The current authenticator code for a Base32 key.</summary>
    internal static string Totp(string base32Key) => Clearinghouse.Testing.Totp.Code(base32Key);
}
