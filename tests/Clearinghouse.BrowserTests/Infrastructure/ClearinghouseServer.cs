using System.Net;
using Clearinghouse.Accounts;
using Clearinghouse.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Clearinghouse.BrowserTests.Infrastructure;

/// <summary>
/// The real web application on Kestrel, listening on a free 127.0.0.1 port (a browser needs a real socket), over a
/// fresh SQLite database in a temporary folder. The app migrates it and loads the demo data when it starts.
/// </summary>
public sealed class ClearinghouseServer : WebApplicationFactory<Program>
{
    private const string Password = "correct horse battery staple";
    private readonly string folder = Path.Combine(Path.GetTempPath(), "clearinghouse-browser-tests", Guid.NewGuid().ToString("N"));
    private int userCounter;

    public ClearinghouseServer()
    {
        System.IO.Directory.CreateDirectory(folder);
        UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
    }

    /// <summary>The address the browser opens, for example http://127.0.0.1:41234 (no trailing slash).</summary>
    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1");

    /// <summary>Starts Kestrel (migrating the database and loading the demo data first) and reads its address.</summary>
    public void Start()
    {
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var address = addresses.FirstOrDefault(a => a.StartsWith("http://", StringComparison.Ordinal))
            ?? throw new InvalidOperationException("Kestrel started without an http:// address.");
        BaseAddress = new Uri(address);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");

        // Serve the static files from the build output's manifest (compressed and fingerprinted copies live under
        // obj/); without this, a non-Development host started from a build answers them with empty bodies.
        builder.UseStaticWebAssets();
        builder.UseSetting("Database:Provider", nameof(DatabaseProvider.Sqlite));
        builder.UseSetting("ConnectionStrings:Clearinghouse", $"Data Source={Path.Combine(folder, "app.db")}");
        builder.UseSetting("Web:KeysPath", Path.Combine(folder, "keys"));
        builder.UseSetting("Cases:KeyRingPath", Path.Combine(folder, "keys", "case-keyring.json"));
        builder.UseSetting("Library:StoragePath", Path.Combine(folder, "library"));
        builder.UseSetting("Web:SignInAttemptsPerMinute", "10000");
        builder.UseSetting("Web:ApiRequestsPerMinute", "100000");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
    }

    /// <summary>
    /// Creates an account in the role (set-up through the app's own account service, as the operator CLI does);
    /// the test then signs in with it through the real form.
    /// </summary>
    public async Task<Account> CreateUserAsync(string role, Guid? organisationId = null)
    {
        var email = $"{role.ToLowerInvariant()}-{Interlocked.Increment(ref userCounter)}-{Guid.NewGuid():N}@example.org";
        var name = $"Test {role} {userCounter}";
        await using var scope = Services.CreateAsyncScope();
        var (user, errors) = await scope.ServiceProvider.GetRequiredService<UserAdmin>().AddAsync(email, name, Password, role, organisationId);
        return user is null ? throw new InvalidOperationException(string.Join("; ", errors)) : new Account(email, Password, name);
    }

    /// <summary>
    /// Turns on two-factor sign-in for the account with a new authenticator key (what enrolment at /cases/two-factor
    /// does) and returns the key, from which the test computes the codes an authenticator app would show.
    /// </summary>
    public async Task<string> EnableTwoFactorAsync(Account account)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<AppUser>>();
        var user = await users.FindByEmailAsync(account.Email) ?? throw new InvalidOperationException("No such account.");
        await users.ResetAuthenticatorKeyAsync(user);
        var key = await users.GetAuthenticatorKeyAsync(user) ?? throw new InvalidOperationException("No authenticator key.");
        await users.SetTwoFactorEnabledAsync(user, true);
        return key;
    }

    /// <summary>The id of an organisation by its slug (for accounts tied to an organisation, such as focal points).</summary>
    public async Task<Guid> OrganisationIdAsync(string slug)
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return await db.Organisations.Where(o => o.Slug == slug).Select(o => o.Id).SingleAsync();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            System.IO.Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open is left in the temp folder; the OS cleans it.
        }
    }
}

/// <summary>An account the tests created, with the password to type into the sign-in form.</summary>
public sealed record Account(string Email, string Password, string DisplayName);
