using System.Net;
using System.Text.RegularExpressions;
using Clearinghouse.Accounts;
using Clearinghouse.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Clearinghouse.Tests.Security;

/// <summary>
/// Walks every endpoint of the application with every role and anonymously, and checks who gets past
/// authorization. A new endpoint without a rule here fails the test, so no endpoint ships unreviewed.
/// </summary>
public sealed partial class AuthorizationMatrixTests(Apps apps) : IClassFixture<Apps>
{
    /// <summary>Who may use an endpoint (beyond that, handlers check the record: a focal point edits only their own organisation).</summary>
    private enum Access
    {
        Public,
        Partner,
        FocalPointOrEditor,
        Editor,
        Administrator,
    }

    private static readonly string[] Callers = ["Anonymous", Roles.Reader, Roles.FocalPoint, Roles.Editor, Roles.Administrator];

    private static readonly Dictionary<string, Access> Rules = new(StringComparer.Ordinal)
    {
        // Pages (a rule without a method covers every method the page answers)
        ["/"] = Access.Public,
        ["/about"] = Access.Public,
        ["/directory"] = Access.Public,
        ["/directory/{slug}"] = Access.Public,
        ["/bodies"] = Access.Public,
        ["/bodies/{slug}"] = Access.Public,
        ["/meetings"] = Access.Public,
        ["/countries"] = Access.Public,
        ["/countries/{code}"] = Access.Public,
        ["/Error"] = Access.Public,
        ["/accounts/sign-in"] = Access.Public,
        ["/accounts/sign-out"] = Access.Public,
        ["/accounts/denied"] = Access.Public,
        ["/accounts/tokens"] = Access.Partner,
        ["GET /set-language"] = Access.Public,

        // Infrastructure
        ["/health"] = Access.Public,
        ["GET /openapi/{documentName}.json"] = Access.Public,
        ["GET /api/docs/{documentName?}"] = Access.Public,

        // API
        ["GET /api/v1/organisations"] = Access.Public,
        ["GET /api/v1/organisations/{id:guid}"] = Access.Public,
        ["GET /api/v1/countries"] = Access.Public,
        ["GET /api/v1/countries/{code}"] = Access.Public,
        ["GET /api/v1/meetings"] = Access.Public,
        ["GET /api/v1/me"] = Access.Partner,
    };

    [Theory]
    [MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task Every_endpoint_has_an_access_rule(Provider provider)
    {
        var app = await apps.For(provider);

        var missing = app.Endpoints()
            .Select(e => $"{e.Method} {e.Pattern}")
            .Where(key => !IsInfrastructure(key) && RuleFor(key) is null)
            .ToList();

        Assert.True(missing.Count == 0, "Endpoints without an access rule in AuthorizationMatrixTests: " + string.Join(", ", missing));
    }

    [Theory]
    [MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task Every_endpoint_lets_in_exactly_the_roles_its_rule_names(Provider provider)
    {
        var app = await apps.For(provider);
        var sample = await SampleValuesAsync(app);
        var failures = new List<string>();

        foreach (var caller in Callers)
        {
            var browser = caller == "Anonymous" ? app.CreateBrowser() : await app.SignInAsync(caller, caller == Roles.FocalPoint ? sample.OrganisationId : null);
            var api = caller == "Anonymous" ? app.CreateBrowser() : await app.CreateApiClientAsync(caller, caller == Roles.FocalPoint ? sample.OrganisationId : null);
            foreach (var (method, pattern) in app.Endpoints().Where(e => RuleFor($"{e.Method} {e.Pattern}") is not null))
            {
                if (pattern is "/accounts/sign-out" or "/accounts/denied")
                {
                    continue; // sign-out would end this caller's session mid-walk; the denied page answers 403 by design
                }

                var client = pattern.StartsWith("/api/", StringComparison.Ordinal) ? api : browser;
                var url = Fill(pattern, sample);
                using var request = new HttpRequestMessage(new HttpMethod(method), url);
                if (method != "GET")
                {
                    request.Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
                }

                using var response = await client.SendAsync(request);
                var allowed = Allows(RuleFor($"{method} {pattern}")!.Value, caller);
                var gotIn = !IsDenied(response);
                if (allowed != gotIn)
                {
                    failures.Add($"{caller} {method} {url}: expected {(allowed ? "allowed" : "denied")}, got {(int)response.StatusCode}");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    [Theory]
    [MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task Restricted_contact_fields_never_appear_in_any_anonymous_response(Provider provider)
    {
        var app = await apps.For(provider);
        var sample = await SampleValuesAsync(app);
        var secrets = await app.QueryAsync(db => db.People
            .Where(p => p.DirectPhone != null || p.PersonalEmail != null)
            .Select(p => new { p.DirectPhone, p.PersonalEmail })
            .ToListAsync());
        var values = secrets.SelectMany(s => new[] { s.DirectPhone, s.PersonalEmail }).OfType<string>().Distinct().ToList();
        Assert.NotEmpty(values);
        var anonymous = app.CreateBrowser();
        var leaks = new List<string>();

        var urls = app.Endpoints()
            .Where(e => e.Method == "GET" && RuleFor($"GET {e.Pattern}") == Access.Public)
            .Select(e => Fill(e.Pattern, sample))
            .Concat(sample.OrganisationPages)
            .Concat(sample.ApiOrganisationUrls)
            .Distinct()
            .ToList();
        foreach (var url in urls)
        {
            var body = WebUtility.HtmlDecode(await (await anonymous.GetAsync(url)).Content.ReadAsStringAsync());
            var unescaped = Regex.Unescape(body);
            leaks.AddRange(values.Where(v => body.Contains(v, StringComparison.Ordinal) || unescaped.Contains(v, StringComparison.Ordinal)).Select(v => $"{url} shows {v}"));
        }

        Assert.True(leaks.Count == 0, string.Join(Environment.NewLine, leaks));
    }

    /// <summary>The rule for "METHOD /pattern": an exact rule, else a page rule for the pattern; HEAD follows GET.</summary>
    private static Access? RuleFor(string key)
    {
        var space = key.IndexOf(' ', StringComparison.Ordinal);
        var method = key[..space] == "HEAD" ? "GET" : key[..space];
        var pattern = key[(space + 1)..];
        return Rules.TryGetValue($"{method} {pattern}", out var exact) ? exact
            : !pattern.StartsWith("/api/", StringComparison.Ordinal) && Rules.TryGetValue(pattern, out var page) ? page
            : null;
    }

    private static bool Allows(Access access, string caller) => access switch
    {
        Access.Public => true,
        Access.Partner => caller != "Anonymous",
        Access.FocalPointOrEditor => caller is Roles.FocalPoint or Roles.Editor or Roles.Administrator,
        Access.Editor => caller is Roles.Editor or Roles.Administrator,
        _ => caller == Roles.Administrator,
    };

    /// <summary>401, 403, or a redirect to the sign-in or access-denied page.</summary>
    private static bool IsDenied(HttpResponseMessage response) =>
        response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden
        || (response.StatusCode == HttpStatusCode.Redirect
            && response.Headers.Location?.OriginalString is { } location
            && (location.Contains("/accounts/sign-in", StringComparison.OrdinalIgnoreCase) || location.Contains("/accounts/denied", StringComparison.OrdinalIgnoreCase)));

    private static bool IsInfrastructure(string key) => key.StartsWith("GET /_", StringComparison.Ordinal) || key.Contains("/{**", StringComparison.Ordinal) || key.EndsWith(".{fingerprint}", StringComparison.Ordinal) || StaticAsset().IsMatch(key);

    private static string Fill(string pattern, Sample sample) => RouteParameter().Replace(pattern, m => m.Groups[1].Value switch
    {
        "id" => sample.OrganisationId.ToString(),
        "slug" when pattern.StartsWith("/bodies", StringComparison.Ordinal) => sample.BodySlug,
        "slug" => sample.OrganisationSlug,
        "code" => "MD",
        "documentName" => "v1",
        var name => throw new InvalidOperationException($"No sample value for route parameter '{name}' in {pattern}: add one to AuthorizationMatrixTests.Fill."),
    });

    private static async Task<Sample> SampleValuesAsync(TestApp app)
    {
        var organisation = await app.CreateOrganisationAsync();
        await app.CreatePersonAsync(organisation.Id);
        var body = await app.QueryAsync(db => db.CoordinationBodies.Select(b => b.Slug).FirstAsync());
        var withPeople = await app.QueryAsync(db => db.Organisations.Where(o => o.People.Any(p => p.DirectPhone != null)).Select(o => new { o.Slug, o.Id }).ToListAsync());
        return new Sample(
            organisation.Id,
            organisation.Slug,
            body,
            [.. withPeople.Select(o => $"/directory/{o.Slug}")],
            [.. withPeople.Select(o => $"/api/v1/organisations/{o.Id}")]);
    }

    private sealed record Sample(Guid OrganisationId, string OrganisationSlug, string BodySlug, IReadOnlyList<string> OrganisationPages, IReadOnlyList<string> ApiOrganisationUrls);

    [GeneratedRegex(@"\{([A-Za-z]+)(?::[^}]*)?\??\}")]
    private static partial Regex RouteParameter();

    [GeneratedRegex(@"^(GET|HEAD) /[^{}]*\.(css|js|svg|png|ico|txt|md|json|map|woff2?|gz|br)$")]
    private static partial Regex StaticAsset();
}
