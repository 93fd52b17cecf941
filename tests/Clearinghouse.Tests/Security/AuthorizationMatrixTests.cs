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

        /// <summary>Case pages and API: case workers and supervisors with two-factor sign-in only — none of the callers here (CaseAccessTests walks those).</summary>
        CaseWork,

        /// <summary>A focal point or editor acting for their own organisation; the matrix's editors belong to none.</summary>
        OwnOrganisation,

        /// <summary>
        /// The organisation that filed the sample notice. The focal point's organisation is only a named partner there, so it
        /// is refused (403); other signed-in callers do not know the notice and get 404, which this walk counts as "in".
        /// </summary>
        NoticeFiler,
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
        ["/directory/edit/organisation/{id:guid?}"] = Access.FocalPointOrEditor,
        ["/directory/edit/person/{id:guid?}"] = Access.FocalPointOrEditor,
        ["/directory/edit/body/{id:guid?}"] = Access.Editor,
        ["/directory/history/{kind}/{id:guid}"] = Access.Partner,
        ["/directory/export"] = Access.Public,
        ["GET /directory/export.csv"] = Access.Public,
        ["GET /directory/export.xlsx"] = Access.Public,
        ["/directory/import"] = Access.Editor,
        ["/directory/import/{id}"] = Access.Editor,
        ["GET /directory/import/{id}/status"] = Access.Editor,
        ["/activities/import/{id}"] = Access.Editor,
        ["GET /activities/import/{id}/status"] = Access.Editor,
        ["/statistics/import/{id}"] = Access.Editor,
        ["GET /statistics/import/{id}/status"] = Access.Editor,
        ["GET /set-language"] = Access.Public,
        ["/library"] = Access.Public,
        ["/library/{slug}"] = Access.Public,
        ["/library/add"] = Access.FocalPointOrEditor,
        ["/library/{slug}/edit"] = Access.Editor,
        ["GET /library/feed.atom"] = Access.Public,
        ["GET /oai"] = Access.Public,
        ["POST /oai"] = Access.Public,
        ["/activities"] = Access.Public,
        ["/activities/{slug}"] = Access.Public,
        ["/activities/edit/{id:guid?}"] = Access.FocalPointOrEditor,
        ["/activities/gaps"] = Access.Public,
        ["GET /activities/gaps/needs"] = Access.Public,
        ["POST /activities/gaps/needs"] = Access.Editor,
        ["/cases"] = Access.CaseWork,
        ["/cases/register"] = Access.CaseWork,
        ["/cases/{id:guid}"] = Access.CaseWork,
        ["/cases/{id:guid}/edit"] = Access.CaseWork,
        ["/cases/referrals"] = Access.CaseWork,
        ["/cases/referrals/{id:guid}"] = Access.CaseWork,
        ["/cases/break-glass"] = Access.CaseWork,
        ["/cases/two-factor"] = Access.Partner,
        ["/accounts/sign-in-code"] = Access.Public,
        ["/statistics"] = Access.Public,
        ["/statistics/region"] = Access.Public,
        ["/statistics/countries/{code}"] = Access.Public,
        ["/statistics/import"] = Access.Editor,
        ["GET /statistics/table.csv"] = Access.Public,
        ["GET /statistics/table.xlsx"] = Access.Public,
        ["/activities/export"] = Access.Public,
        ["/activities/import"] = Access.Editor,
        ["/activities/duplicates"] = Access.Editor,
        ["/activities/donors"] = Access.Public,
        ["/activities/donor"] = Access.Public,
        ["/activities/rates"] = Access.Editor,
        ["/activities/compare"] = Access.Public,
        ["GET /api/v1/activities/export.csv"] = Access.Public,
        ["GET /api/v1/activities/export.xlsx"] = Access.Public,
        ["GET /api/v1/activities/export.xml"] = Access.Public,
        ["GET /api/v1/activities/export.hxl.csv"] = Access.Public,
        ["GET /api/v1/activities/donors"] = Access.Public,
        ["GET /api/v1/activities/funding"] = Access.Public,
        ["GET /api/v1/activities/exchange-rates"] = Access.Public,
        ["POST /api/v1/activities/import"] = Access.Editor,
        ["POST /api/v1/activities/duplicates/candidates"] = Access.Partner,
        ["GET /api/v1/activities/duplicates"] = Access.Editor,
        ["POST /api/v1/activities/duplicates/dismiss"] = Access.Editor,
        ["POST /api/v1/activities/duplicates/merge"] = Access.Editor,

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
        ["GET /api/v1/organisations/export"] = Access.Public,
        ["POST /api/v1/organisations/import"] = Access.Editor,
        ["POST /api/v1/organisations"] = Access.Editor,
        ["PUT /api/v1/organisations/{id:guid}"] = Access.FocalPointOrEditor,
        ["POST /api/v1/organisations/{id:guid}/retire"] = Access.Editor,
        ["POST /api/v1/organisations/{id:guid}/restore"] = Access.Editor,
        ["GET /api/v1/organisations/{id:guid}/history"] = Access.Partner,
        ["GET /api/v1/people"] = Access.Public,
        ["GET /api/v1/people/{id:guid}"] = Access.Public,
        ["POST /api/v1/people"] = Access.FocalPointOrEditor,
        ["PUT /api/v1/people/{id:guid}"] = Access.FocalPointOrEditor,
        ["POST /api/v1/people/{id:guid}/retire"] = Access.FocalPointOrEditor,
        ["POST /api/v1/people/{id:guid}/restore"] = Access.FocalPointOrEditor,
        ["GET /api/v1/people/{id:guid}/history"] = Access.Partner,
        ["GET /api/v1/bodies"] = Access.Public,
        ["GET /api/v1/bodies/{id:guid}"] = Access.Public,
        ["POST /api/v1/bodies"] = Access.Editor,
        ["PUT /api/v1/bodies/{id:guid}"] = Access.Editor,
        ["POST /api/v1/bodies/{id:guid}/retire"] = Access.Editor,
        ["POST /api/v1/bodies/{id:guid}/restore"] = Access.Editor,
        ["GET /api/v1/bodies/{id:guid}/history"] = Access.Partner,
        ["GET /api/v1/library"] = Access.Public,
        ["GET /api/v1/library/{slug}"] = Access.Public,
        ["GET /api/v1/library/files/{id:guid}"] = Access.Public,
        ["POST /api/v1/library"] = Access.FocalPointOrEditor,
        ["PUT /api/v1/library/{slug}"] = Access.Editor,
        ["POST /api/v1/library/{slug}/translations"] = Access.FocalPointOrEditor,
        ["POST /api/v1/library/editions/{id:guid}/files"] = Access.FocalPointOrEditor,
        ["GET /api/v1/activities"] = Access.Public,
        ["GET /api/v1/activities/{id:guid}"] = Access.Public,
        ["POST /api/v1/activities"] = Access.FocalPointOrEditor,
        ["PUT /api/v1/activities/{id:guid}"] = Access.FocalPointOrEditor,
        ["POST /api/v1/activities/{id:guid}/submit"] = Access.FocalPointOrEditor,
        ["POST /api/v1/activities/{id:guid}/publish"] = Access.Editor,
        ["POST /api/v1/activities/{id:guid}/retire"] = Access.FocalPointOrEditor,
        ["POST /api/v1/activities/{id:guid}/restore"] = Access.Editor,
        ["GET /api/v1/cases"] = Access.CaseWork,
        ["GET /api/v1/cases/{id:guid}"] = Access.CaseWork,
        ["GET /api/v1/cases/tasks"] = Access.CaseWork,
        ["POST /api/v1/cases"] = Access.CaseWork,

        // Service directory (a notice answers 404 to signed-in outsiders, which this walk counts as "got past authorization")
        ["/services"] = Access.Public,
        ["GET /services/{id:guid}"] = Access.Public,
        ["POST /services/{id:guid}"] = Access.FocalPointOrEditor,
        ["/services/edit/{id:guid?}"] = Access.FocalPointOrEditor,
        ["/services/shelters"] = Access.FocalPointOrEditor,
        ["/services/operations"] = Access.Partner,
        ["/services/operations/new"] = Access.OwnOrganisation,
        ["/services/operations/{id:guid}"] = Access.Partner,
        ["GET /api/v1/services"] = Access.Public,
        ["GET /api/v1/services/{id:guid}"] = Access.Public,
        ["GET /api/v1/services/hsds"] = Access.Public,
        ["GET /api/v1/services/hsds.zip"] = Access.Public,
        ["GET /api/v1/services/shelters"] = Access.FocalPointOrEditor,
        ["POST /api/v1/services"] = Access.FocalPointOrEditor,
        ["PUT /api/v1/services/{id:guid}"] = Access.FocalPointOrEditor,
        ["PUT /api/v1/services/{id:guid}/occupancy"] = Access.FocalPointOrEditor,
        ["POST /api/v1/services/{id:guid}/retire"] = Access.FocalPointOrEditor,
        ["POST /api/v1/services/{id:guid}/restore"] = Access.Editor,
        ["GET /api/v1/services/operations"] = Access.Partner,
        ["GET /api/v1/services/operations/{id:guid}"] = Access.Partner,
        ["POST /api/v1/services/operations"] = Access.OwnOrganisation,
        ["PUT /api/v1/services/operations/{id:guid}/places"] = Access.Partner,
        ["POST /api/v1/services/operations/{id:guid}/withdraw"] = Access.NoticeFiler,
        ["GET /api/v1/statistics/table"] = Access.Public,
        ["GET /api/v1/statistics/datasets"] = Access.Public,
        ["GET /api/v1/statistics/performance"] = Access.Public,
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
                request.Content = method == "GET" ? null : await BodyForAsync(client, pattern);

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
            .Append($"/api/v1/people/{sample.PersonId}")
            .Append($"/api/v1/people?organisation={sample.OrganisationId}")
            .Append("/api/v1/people?pageSize=100")
            .Append("/directory/export.xlsx")
            .Append("/api/v1/organisations/export?format=xlsx")
            .Distinct()
            .ToList();
        foreach (var url in urls)
        {
            var body = await ReadableTextAsync(await anonymous.GetAsync(url));
            leaks.AddRange(values.Where(v => body.Contains(v, StringComparison.Ordinal)).Select(v => $"{url} shows {v}"));
        }

        Assert.True(leaks.Count == 0, string.Join(Environment.NewLine, leaks));
    }

    /// <summary>The text a reader of the response would see: HTML decoded, JSON unescaped, spreadsheets unzipped.</summary>
    private static async Task<string> ReadableTextAsync(HttpResponseMessage response)
    {
        var type = response.Content.Headers.ContentType?.MediaType ?? string.Empty;
        if (type.Contains("spreadsheetml", StringComparison.Ordinal))
        {
            using var zip = new System.IO.Compression.ZipArchive(await response.Content.ReadAsStreamAsync());
            var parts = new List<string>();
            foreach (var entry in zip.Entries.Where(e => e.FullName.EndsWith(".xml", StringComparison.Ordinal)))
            {
                using var reader = new StreamReader(entry.Open());
                parts.Add(WebUtility.HtmlDecode(await reader.ReadToEndAsync()));
            }

            return string.Join('\n', parts);
        }

        var text = await response.Content.ReadAsStringAsync();
        return type.Contains("json", StringComparison.Ordinal)
            ? string.Join('\n', JsonStrings(System.Text.Json.JsonDocument.Parse(text).RootElement))
            : WebUtility.HtmlDecode(text);
    }

    /// <summary>Every string value in a JSON document, unescaped (the serializer writes '+' as \u002B).</summary>
    private static IEnumerable<string> JsonStrings(System.Text.Json.JsonElement element) => element.ValueKind switch
    {
        System.Text.Json.JsonValueKind.String => [element.GetString()!],
        System.Text.Json.JsonValueKind.Object => element.EnumerateObject().SelectMany(p => JsonStrings(p.Value)),
        System.Text.Json.JsonValueKind.Array => element.EnumerateArray().SelectMany(JsonStrings),
        _ => [],
    };

    /// <summary>
    /// A body that gets past everything except authorization: the form for pages comes with this caller's valid
    /// antiforgery token (so a refusal must come from the access check, not from a missing token), uploads are
    /// multipart, API writes get an empty JSON object.
    /// </summary>
    private static async Task<HttpContent> BodyForAsync(HttpClient client, string pattern)
    {
        if (pattern.EndsWith("/import", StringComparison.Ordinal) && pattern.StartsWith("/api/", StringComparison.Ordinal))
        {
            return new MultipartFormDataContent { { new ByteArrayContent("slug,name\n"u8.ToArray()), "file", "empty.csv" } };
        }

        // Library writes are multipart, except the metadata correction (PUT /api/v1/library/{slug}), which takes JSON.
        if (pattern.StartsWith("/api/v1/library", StringComparison.Ordinal) && pattern != "/api/v1/library/{slug}")
        {
            return new MultipartFormDataContent { { new StringContent("{}"), "metadata" } };
        }

        if (pattern.StartsWith("/api/", StringComparison.Ordinal))
        {
            return new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
        }

        var form = await client.GetStringAsync("/accounts/sign-in");
        var token = AntiforgeryToken().Match(form).Groups[1].Value;
        return new FormUrlEncodedContent([new("__RequestVerificationToken", WebUtility.HtmlDecode(token))]);
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
        Access.CaseWork => false,
        Access.OwnOrganisation => caller is Roles.FocalPoint,
        Access.NoticeFiler => caller is not ("Anonymous" or Roles.FocalPoint),
        _ => caller == Roles.Administrator,
    };

    /// <summary>401, 403, or a redirect to the sign-in or access-denied page.</summary>
    private static bool IsDenied(HttpResponseMessage response) =>
        response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden
        || (response.StatusCode == HttpStatusCode.Redirect
            && response.Headers.Location?.OriginalString is { } location
            && (location.Contains("/accounts/sign-in", StringComparison.OrdinalIgnoreCase) || location.Contains("/accounts/denied", StringComparison.OrdinalIgnoreCase)));

    private static bool IsInfrastructure(string key) => key.StartsWith("GET /_", StringComparison.Ordinal) || key.Contains("/{**", StringComparison.Ordinal) || key.EndsWith(".{fingerprint}", StringComparison.Ordinal) || StaticAsset().IsMatch(key);

    /// <summary>
    /// Real records for route values: the sample organisation (the focal point's own), its contact person, a body.
    /// A real record matters: with an unknown id a handler answers 404 before it can refuse, which would hide a missing check.
    /// </summary>
    private static string Fill(string pattern, Sample sample) => RouteParameter().Replace(pattern, m => m.Groups[1].Value switch
    {
        "id" when pattern.Contains("/people", StringComparison.Ordinal) || pattern.Contains("/person", StringComparison.Ordinal) => sample.PersonId.ToString(),
        "id" when pattern.Contains("/bodies", StringComparison.Ordinal) || pattern.Contains("/body", StringComparison.Ordinal) => sample.BodyId.ToString(),
        "id" when pattern.Contains("/import/", StringComparison.Ordinal) => Guid.NewGuid().ToString("N"),
        "id" when pattern.Contains("/activities", StringComparison.Ordinal) => sample.ActivityId.ToString(),
        "id" when pattern.Contains("/services/operations", StringComparison.Ordinal) => sample.NoticeId.ToString(),
        "id" when pattern.Contains("/services", StringComparison.Ordinal) => sample.ServiceId.ToString(),
        "id" => sample.OrganisationId.ToString(),
        "kind" => "organisation",
        "slug" when pattern.StartsWith("/bodies", StringComparison.Ordinal) => sample.BodySlug,
        "slug" when pattern.StartsWith("/activities", StringComparison.Ordinal) => sample.ActivitySlug,
        "slug" => sample.OrganisationSlug,
        "code" => "MD",
        "documentName" => "v1",
        var name => throw new InvalidOperationException($"No sample value for route parameter '{name}' in {pattern}: add one to AuthorizationMatrixTests.Fill."),
    });

    private static async Task<Sample> SampleValuesAsync(TestApp app)
    {
        var organisation = await app.CreateOrganisationAsync();
        var person = await app.CreatePersonAsync(organisation.Id);
        var body = await app.QueryAsync(db => db.CoordinationBodies.Select(b => new { b.Slug, b.Id }).FirstAsync());
        // A draft activity the sample organisation implements: the focal point may change it (their own, unpublished).
        var activity = await app.CreateActivityAsync(
            new Clearinghouse.Activities.ActivityInput
            {
                Title = "Matrix sample activity",
                Status = Clearinghouse.Activities.ActivityStatus.Ongoing,
                Countries = ["MD"],
                Participants = [new Clearinghouse.Activities.ParticipantInput(Clearinghouse.Activities.ParticipantRole.Implementer, organisation.Id)],
            },
            publish: false);
        var shelter = await app.CreateServiceAsync(organisation.Id);
        var police = await app.CreateOrganisationAsync();
        var notice = await app.CreateNoticeAsync(police.Id, [organisation.Id]);
        var withPeople = await app.QueryAsync(db => db.Organisations.Where(o => o.People.Any(p => p.DirectPhone != null)).Select(o => new { o.Slug, o.Id }).ToListAsync());
        return new Sample(
            organisation.Id,
            organisation.Slug,
            person.Id,
            body.Id,
            body.Slug,
            activity.Id,
            activity.Slug,
            [.. withPeople.Select(o => $"/directory/{o.Slug}")],
            [.. withPeople.Select(o => $"/api/v1/organisations/{o.Id}")])
        {
            ServiceId = shelter.Id,
            NoticeId = notice.Id,
        };
    }

    private sealed record Sample(Guid OrganisationId, string OrganisationSlug, Guid PersonId, Guid BodyId, string BodySlug, Guid ActivityId, string ActivitySlug, IReadOnlyList<string> OrganisationPages, IReadOnlyList<string> ApiOrganisationUrls)
    {
        public Guid ServiceId { get; init; }

        public Guid NoticeId { get; init; }
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();

    [GeneratedRegex(@"\{([A-Za-z]+)(?::[^}]*)?\??\}")]
    private static partial Regex RouteParameter();

    [GeneratedRegex(@"^(GET|HEAD) /[^{}]*\.(css|js|svg|png|ico|txt|md|json|map|woff2?|gz|br)$")]
    private static partial Regex StaticAsset();
}
