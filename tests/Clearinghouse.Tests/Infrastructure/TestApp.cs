using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Clearinghouse.Accounts;
using Clearinghouse.Data;
using Clearinghouse.Directory;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Clearinghouse.Tests.Infrastructure;

/// <summary>
/// The real web application (the full HTTP pipeline) on a fresh database of one provider, with the demo data loaded.
/// Tests talk to it over HTTP and set it up through intent methods, never through its service provider.
/// </summary>
public sealed partial class TestApp : WebApplicationFactory<Program>
{
    private readonly TestDatabase database;
    private readonly string keysFolder = Path.Combine(Path.GetTempPath(), "clearinghouse-tests", "keys-" + Guid.NewGuid().ToString("N"));
    private readonly Dictionary<string, string?> settings;
    private TimeProvider? clock;
    private int userCounter;

    private TestApp(TestDatabase database, IDictionary<string, string?>? extraSettings)
    {
        this.database = database;
        settings = new Dictionary<string, string?>
        {
            ["Database:Provider"] = database.ProviderSetting.ToString(),
            ["ConnectionStrings:Clearinghouse"] = database.ConnectionString,
            ["Web:KeysPath"] = keysFolder,
            ["Library:StoragePath"] = keysFolder + "-library",
            ["Cases:KeyRingPath"] = Path.Combine(keysFolder, "case-keyring.json"),
            ["Web:SignInAttemptsPerMinute"] = "10000",
            ["Web:ApiRequestsPerMinute"] = "100000",
        };
        foreach (var (key, value) in extraSettings ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }
    }

    public Provider Provider => database.Provider;

    public static async Task<TestApp> StartAsync(Provider provider, IDictionary<string, string?>? settings = null)
    {
        var database = await TestDatabase.CreateAsync(provider);
        var app = new TestApp(database, settings);
        _ = app.Server; // starts the host: migrates and loads the demo data
        return app;
    }

    /// <summary>An application whose clock the test moves (for timeouts); everything else as <see cref="StartAsync(Provider, IDictionary{string, string?}?)"/>.</summary>
    public static async Task<TestApp> StartAsync(Provider provider, TimeProvider clock)
    {
        var database = await TestDatabase.CreateAsync(provider);
        var app = new TestApp(database, null) { clock = clock };
        _ = app.Server;
        return app;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        if (clock is { } fixedClock)
        {
            builder.ConfigureTestServices(services => services.AddSingleton(fixedClock));
        }

        builder.UseEnvironment("Production");
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }
    }

    /// <summary>An anonymous browser-like client: keeps cookies, does not follow redirects.</summary>
    public HttpClient CreateBrowser() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>Creates an account with the role and signs it in through the real sign-in form.</summary>
    public async Task<HttpClient> SignInAsync(string role, Guid? organisationId = null)
    {
        var (email, password) = await CreateUserAsync(role, organisationId);
        var client = CreateBrowser();
        var response = await PostFormAsync(client, "/accounts/sign-in", new() { ["email"] = email, ["password"] = password });
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Sign-in as {role} failed: {(int)response.StatusCode}");
        }

        return client;
    }

    /// <summary>An API client with a fresh token of an account in the role.</summary>
    public async Task<HttpClient> CreateApiClientAsync(string role, Guid? organisationId = null)
    {
        var (email, _) = await CreateUserAsync(role, organisationId);
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<AppUser>>();
        var user = await users.FindByEmailAsync(email) ?? throw new InvalidOperationException("User not created.");
        var (_, secret) = await scope.ServiceProvider.GetRequiredService<ApiTokens>().IssueAsync(user.Id, "tests", TimeSpan.FromDays(1));
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        return client;
    }

    public async Task<(string Email, string Password)> CreateUserAsync(string role, Guid? organisationId = null)
    {
        var email = $"{role.ToLowerInvariant()}-{Interlocked.Increment(ref userCounter)}-{Guid.NewGuid():N}@example.org";
        const string password = "correct horse battery staple";
        await using var scope = Services.CreateAsyncScope();
        var (user, errors) = await scope.ServiceProvider.GetRequiredService<UserAdmin>()
            .AddAsync(email, $"Test {role}", password, role, organisationId);
        if (user is null)
        {
            throw new InvalidOperationException(string.Join("; ", errors));
        }

        return (email, password);
    }

    /// <summary>Disables an account the way an administrator does (CLI users disable).</summary>
    public async Task DisableUserAsync(string email)
    {
        await using var scope = Services.CreateAsyncScope();
        if (!await scope.ServiceProvider.GetRequiredService<UserAdmin>().DisableAsync(email))
        {
            throw new InvalidOperationException($"No user {email}.");
        }
    }

    /// <summary>Adds an organisation directly (as an operator), for tests that need one of their own.</summary>
    internal async Task<Organisation> CreateOrganisationAsync(string? name = null, Action<Organisation>? configure = null)
    {
        await using var scope = Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().SetOperator("tests");
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        name ??= "Test organisation " + Guid.NewGuid().ToString("N")[..8];
        var organisation = new Organisation { Slug = Slugs.From(name) + "-" + Guid.NewGuid().ToString("N")[..6], Name = name, Type = OrganisationType.Ngo, CountryCode = "MD" };
        configure?.Invoke(organisation);
        db.Organisations.Add(organisation);
        await db.SaveChangesAsync();
        return organisation;
    }

    /// <summary>Adds many organisations at once (as an operator import would), named by <paramref name="name"/>(i).</summary>
    internal async Task CreateOrganisationsAsync(int count, Func<int, string> name)
    {
        await using var scope = Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().SetOperator("tests");
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        db.Organisations.AddRange(Enumerable.Range(0, count).Select(i => new Organisation
        {
            Slug = "bulk-" + Guid.NewGuid().ToString("N"),
            Name = name(i),
            Type = OrganisationType.Ngo,
            CountryCode = "MD",
        }));
        await db.SaveChangesAsync();
    }

    /// <summary>Adds a contact person to an organisation, with restricted fields filled.</summary>
    internal async Task<Person> CreatePersonAsync(Guid organisationId, Action<Person>? configure = null)
    {
        await using var scope = Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().SetOperator("tests");
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var person = new Person
        {
            GivenName = "Ana",
            FamilyName = "Testova-" + Guid.NewGuid().ToString("N")[..6],
            OrganisationId = organisationId,
            Role = FocalPointRole.AntiTraffickingFocalPoint,
            PublicEmail = "focal.point@example.org",
            DirectPhone = "+999 555 0999",
            PersonalEmail = "ana.private@example.net",
        };
        configure?.Invoke(person);
        db.People.Add(person);
        await db.SaveChangesAsync();
        return person;
    }

    /// <summary>Enters an activity through the editor (as an operator), published unless told otherwise.</summary>
    internal async Task<Clearinghouse.Activities.Activity> CreateActivityAsync(Clearinghouse.Activities.ActivityInput input, bool publish = true)
    {
        await using var scope = Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().SetOperator("tests");
        var editor = scope.ServiceProvider.GetRequiredService<Clearinghouse.Activities.ActivityEditor>();
        var created = await editor.CreateAsync(input);
        if (created.Outcome != EditOutcome.Saved)
        {
            throw new InvalidOperationException("Test activity not saved: " + string.Join("; ", created.Errors.SelectMany(e => e.Value.Select(m => $"{e.Key}: {m}"))));
        }

        return publish ? (await editor.PublishAsync(created.Record!.Id, null)).Record! : created.Record!;
    }

    /// <summary>Every routable endpoint of the app as (HTTP method, route pattern), for tests that must cover them all.</summary>
    public IReadOnlyList<(string Method, string Pattern)> Endpoints() =>
        [.. Services.GetRequiredService<Microsoft.AspNetCore.Routing.EndpointDataSource>().Endpoints
            .OfType<Microsoft.AspNetCore.Routing.RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.IHttpMethodMetadata>()?.HttpMethods ?? ["GET", "POST"])
                .Select(m => (m, "/" + (e.RoutePattern.RawText ?? string.Empty).Trim('/'))))
            .Distinct()
            .OrderBy(e => e.Item2, StringComparer.Ordinal).ThenBy(e => e.m, StringComparer.Ordinal)];

    /// <summary>Reads the database in a fresh scope (for asserting what was stored).</summary>
    internal async Task<T> QueryAsync<T>(Func<AppDbContext, Task<T>> query)
    {
        await using var scope = Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    /// <summary>Posts a form the way a browser does: fetches the page for its antiforgery token first.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string url, Dictionary<string, string> fields, string? formPage = null)
    {
        var page = await client.GetStringAsync(formPage ?? url);
        var token = AntiforgeryToken().Match(page);
        if (!token.Success)
        {
            throw new InvalidOperationException($"No antiforgery token on {formPage ?? url}.");
        }

        var content = new FormUrlEncodedContent(fields.Append(new("__RequestVerificationToken", WebUtility.HtmlDecode(token.Groups[1].Value))));
        return await client.PostAsync(url, content);
    }

    /// <summary>Uploads a file (and other fields) on a page's multipart form the way a browser does, with its antiforgery token.</summary>
    public static async Task<HttpResponseMessage> PostFileAsync(HttpClient client, string url, byte[] content, string fileName, Dictionary<string, string>? fields = null)
    {
        var page = await client.GetStringAsync(url);
        var token = AntiforgeryToken().Match(page);
        if (!token.Success)
        {
            throw new InvalidOperationException($"No antiforgery token on {url}.");
        }

        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        var form = new MultipartFormDataContent { { file, "file", fileName }, { new StringContent(WebUtility.HtmlDecode(token.Groups[1].Value)), "__RequestVerificationToken" } };
        foreach (var (name, value) in fields ?? [])
        {
            form.Add(new StringContent(value), name);
        }

        return await client.PostAsync(url, form);
    }

    /// <summary>
    /// Follows an upload page's redirect to its background job's page (<paramref name="uploadPath"/>/{id}) and reloads
    /// it, as its no-script refresh does, until the import has finished; returns the finished page.
    /// </summary>
    public static async Task<string> ImportOutcomeAsync(HttpClient client, HttpResponseMessage started, string uploadPath)
    {
        Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
        var location = started.Headers.Location!.OriginalString;
        Assert.Matches($"^{uploadPath}/[0-9a-f]{{32}}$", location);
        for (var attempt = 0; attempt < 600; attempt++)
        {
            var html = await client.GetHtmlAsync(location);
            if (!html.Contains("id=\"import-status\"", StringComparison.Ordinal))
            {
                return html;
            }

            Assert.Contains("http-equiv=\"refresh\"", html, StringComparison.Ordinal);
            await Task.Delay(100);
        }

        throw new TimeoutException("The import did not finish in a minute.");
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await database.DisposeAsync();
        if (System.IO.Directory.Exists(keysFolder))
        {
            System.IO.Directory.Delete(keysFolder, recursive: true);
        }
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
