using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
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

    /// <summary>The current RFC 6238 code (HMAC-SHA-1, 30-second steps, 6 digits) for a Base32 key, as an authenticator app shows it.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA5350", Justification = "RFC 6238 authenticator codes are HMAC-SHA-1, as the apps compute them.")]
    internal static string Totp(string base32Key)
    {
        var key = Base32(base32Key);
        var step = DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 30;
        var counter = new byte[8];
        System.Buffers.Binary.BinaryPrimitives.WriteInt64BigEndian(counter, step);
        var hash = HMACSHA1.HashData(key, counter);
        var offset = hash[^1] & 0x0F;
        var value = ((hash[offset] & 0x7F) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return (value % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
    }

    private static byte[] Base32(string text)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var bytes = new List<byte>();
        int buffer = 0, bits = 0;
        foreach (var c in text.TrimEnd('=').ToUpperInvariant())
        {
            buffer = (buffer << 5) | alphabet.IndexOf(c, StringComparison.Ordinal);
            bits += 5;
            if (bits >= 8)
            {
                bytes.Add((byte)(buffer >> (bits - 8)));
                bits -= 8;
            }
        }

        return [.. bytes];
    }
}
