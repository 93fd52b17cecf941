using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Clearinghouse.Accounts;
using Clearinghouse.Activities;
using Clearinghouse.Activities.Files;
using Clearinghouse.Activities.Iati;
using Clearinghouse.Common;
using Clearinghouse.Directory;
using Clearinghouse.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Clearinghouse.Tests.Activities;

/// <summary>Import and export of activities through the API, on both databases.</summary>
public sealed class ActivityFilesTests(Apps apps) : IClassFixture<Apps>
{
    [Theory]
    [MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task Iati_export_imported_again_gives_the_same_activities_and_adds_none(Provider provider)
    {
        var app = await apps.For(provider);
        var tag = Tag();
        var editor = await app.CreateApiClientAsync(Roles.Editor);
        var original = IatiFile(
            Activity($"XM-IMPL{tag}-1", $"XM-IMPL{tag}", $"Shelter for trafficked women {tag}", "MD", "2", "15180", implementerRef: $"XM-IMPL{tag}", donor: ("XM-DONOR", "Example Donor Ministry", 120000m)),
            Activity($"XM-IMPL{tag}-2", $"XM-IMPL{tag}", $"Training of labour inspectors {tag}", "UA", "1", "11430", implementerRef: $"XM-IMPL{tag}"));

        var first = await ImportAsync(editor, original, "activities.xml");
        var exported = await ExportedRecordsAsync(app, tag);
        var versionsBefore = await app.QueryAsync(db => db.Activities.OrderBy(a => a.Id).Select(a => new { a.Id, a.Version }).ToListAsync());
        var demo = await app.QueryAsync(db => db.Activities.CountAsync(a => !a.Title.Contains(tag)));
        var published = await app.QueryAsync(db => db.Activities.CountAsync(a => a.ReviewState == ReviewState.Published && a.RetiredAt == null));
        var again = await ImportAsync(editor, Encoding.UTF8.GetBytes(await app.CreateBrowser().GetStringAsync("/api/v1/activities/export.xml")), "again.xml");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var summary = await again.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(0, summary.GetProperty("created").GetInt32());
        // The export holds every published activity — the demo inventory and these two: none of them changed, so none is
        // recorded as changed (no new version, no new revision).
        Assert.True(demo >= 20, $"only {demo} demo activities");
        Assert.Equal(0, summary.GetProperty("updated").GetInt32());
        Assert.Equal(published, summary.GetProperty("unchanged").GetInt32());
        Assert.Equal(versionsBefore, await app.QueryAsync(db => db.Activities.OrderBy(a => a.Id).Select(a => new { a.Id, a.Version }).ToListAsync()));
        Assert.Equal(2, await app.QueryAsync(db => db.Activities.CountAsync(a => a.Title.Contains(tag))));
        var (records, problems) = IatiReader.Read(original, 100);
        Assert.Empty(problems);
        foreach (var r in records)
        {
            var e = Assert.Single(exported, x => x.Identifier == r.Identifier);
            Assert.Equal(r.Title, e.Title);
            Assert.Equal(r.Summary, e.Summary);
            Assert.Equal(r.Status, e.Status);
            Assert.Equal(r.StartDate, e.StartDate);
            Assert.Equal(r.EndDate, e.EndDate);
            Assert.Equal(r.Countries, e.Countries);
            Assert.Equal(r.ThematicAreas, e.ThematicAreas);
            Assert.Equal(
                r.Participants.Select(p => $"{p.Role}|{p.Ref}|{p.Name}|{p.Amount:0.##}|{p.Currency}").Order(StringComparer.Ordinal),
                e.Participants.Select(p => $"{p.Role}|{p.Ref}|{p.Name}|{p.Amount:0.##}|{p.Currency}").Order(StringComparer.Ordinal));
        }
    }

    [Theory]
    [MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task Reimporting_an_iati_identifier_updates_its_activity_and_never_adds_a_second(Provider provider)
    {
        var app = await apps.For(provider);
        var tag = Tag();
        var editor = await app.CreateApiClientAsync(Roles.Editor);

        await ImportAsync(editor, IatiFile(Activity($"XM-ORG{tag}-7", $"XM-ORG{tag}", $"Hotline {tag}", "AL", "1", "15180", implementerRef: $"XM-ORG{tag}")), "a.xml");
        var second = await ImportAsync(editor, IatiFile(Activity($"XM-ORG{tag}-7", $"XM-ORG{tag}", $"National hotline {tag}", "AL", "2", "15180", implementerRef: $"XM-ORG{tag}")), "b.xml");

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var stored = await app.QueryAsync(db => db.Activities.Where(a => a.Title.Contains(tag)).Select(a => new { a.Title, a.Status }).ToListAsync());
        var only = Assert.Single(stored);
        Assert.Equal($"National hotline {tag}", only.Title);
        Assert.Equal(ActivityStatus.Ongoing, only.Status);
    }

    [Theory]
    [MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task The_same_project_published_by_donor_and_implementer_is_one_activity_with_both_identifiers(Provider provider)
    {
        var app = await apps.For(provider);
        var tag = Tag();
        var editor = await app.CreateApiClientAsync(Roles.Editor);
        var implementer = $"XM-IMPL{tag}";
        var donor = $"XM-DON{tag}";

        // The implementer publishes first; later the donor publishes its funding of the same project, naming the implementer's activity.
        await ImportAsync(editor, IatiFile(Activity($"{implementer}-1", implementer, $"Legal aid for victims {tag}", "XK", "2", "15130", implementerRef: implementer)), "implementer.xml");
        var donorFile = IatiFile(Activity($"{donor}-55", donor, $"Funding: legal aid project {tag}", "XK", "2", "15130",
            implementerRef: implementer, implementerActivityId: $"{implementer}-1", donor: (donor, "Example Donor Agency", 80000m)));
        var response = await ImportAsync(editor, donorFile, "donor.xml");
        var again = await ImportAsync(editor, donorFile, "donor-again.xml");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var activities = await app.QueryAsync(db => db.Activities.Include(a => a.IatiIdentifiers).Include(a => a.Participants)
            .Where(a => a.IatiIdentifiers.Any(i => i.Identifier.Contains(tag))).ToListAsync());
        var activity = Assert.Single(activities);
        Assert.Equal($"Legal aid for victims {tag}", activity.Title); // the implementer's record describes the activity
        Assert.Equal([$"{donor}-55", $"{implementer}-1"], activity.IatiIdentifiers.Select(i => i.Identifier).Order(StringComparer.Ordinal));
        var funding = Assert.Single(activity.Participants, p => p.Role == ParticipantRole.Donor);
        Assert.Equal(80000m, funding.Amount);
        Assert.Single(activity.Participants, p => p.Role == ParticipantRole.Implementer);
    }

    [Theory]
    [MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task Two_reports_of_one_project_in_the_same_file_become_one_activity(Provider provider)
    {
        var app = await apps.For(provider);
        var tag = Tag();
        var editor = await app.CreateApiClientAsync(Roles.Editor);
        var file = IatiFile(
            Activity($"XM-D{tag}-1", $"XM-D{tag}", $"Donor view {tag}", "RS", "2", "15180", implementerRef: $"XM-I{tag}", donor: ($"XM-D{tag}", "Example Fund", 5000m), thirdParty: $"XM-I{tag}-9"),
            Activity($"XM-I{tag}-9", $"XM-I{tag}", $"Reintegration support {tag}", "RS", "2", "15180", implementerRef: $"XM-I{tag}"));

        var response = await ImportAsync(editor, file, "both.xml");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var titles = await app.QueryAsync(db => db.Activities.Where(a => a.IatiIdentifiers.Any(i => i.Identifier.Contains(tag))).Select(a => a.Title).ToListAsync());
        Assert.Equal([$"Reintegration support {tag}"], titles);
        Assert.Equal(2, await app.QueryAsync(db => db.ActivityIatiIdentifiers.CountAsync(i => i.Identifier.Contains(tag))));
    }

    [Theory]
    [MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task A_bad_iati_file_is_refused_with_every_problem_and_nothing_is_written(Provider provider)
    {
        var app = await apps.For(provider);
        var tag = Tag();
        var editor = await app.CreateApiClientAsync(Roles.Editor);
        var file = IatiFile(
            Activity($"XM-OK{tag}-1", $"XM-OK{tag}", $"Valid activity {tag}", "MD", "2", "15180", implementerRef: $"XM-OK{tag}"),
            Activity($"XM-OK{tag}-2", $"XM-OK{tag}", $"Unknown country {tag}", "QQ", "2", "15180", implementerRef: $"XM-OK{tag}"),
            Activity($"XM-OK{tag}-3", $"XM-OK{tag}", $"Unknown status {tag}", "MD", "9", "15180", implementerRef: $"XM-OK{tag}", currency: "XYZ", donor: ("XM-X", "Example", 10m)));

        var response = await ImportAsync(editor, file, "bad.xml");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains(errors, e => e.Contains($"XM-OK{tag}-2: recipient-country", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains($"XM-OK{tag}-3: activity-status", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains($"XM-OK{tag}-3: participating-org", StringComparison.Ordinal));
        Assert.All(errors, e => Assert.StartsWith("row ", e, StringComparison.Ordinal));
        Assert.Equal(0, await app.QueryAsync(db => db.Activities.CountAsync(a => a.Title.Contains(tag))));
    }

    [Theory]
    [MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task Csv_and_xlsx_files_import_and_a_bad_row_stops_the_whole_file(Provider provider)
    {
        var app = await apps.For(provider);
        var tag = Tag();
        var editor = await app.CreateApiClientAsync(Roles.Editor);
        var header = string.Join(',', ActivityColumns.All);
        var good = $",Awareness campaign {tag},Posters and radio,Ongoing,2024-01-01,2024-12-31,MD;RO,no,yes,AwarenessRaising,Women;Children,SexualExploitation,15000,EUR,,,Example Embassy (15000 EUR),Campaign page <https://example.org/campaign>,,Кампания {tag},";
        var bad = $",Bad row {tag},,Sleeping,2024-13-01,,QQ,maybe,,Cooking,,,abc,EUR,,,,,,,";

        var refused = await ImportAsync(editor, Encoding.UTF8.GetBytes(header + "\n" + good + "\n" + bad + "\n"), "activities.csv");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var keys = (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateObject().Select(p => p.Name).ToHashSet();
        Assert.Superset(new HashSet<string> { "row 3: status", "row 3: start_date", "row 3: countries", "row 3: regional", "row 3: thematic_areas", "row 3: budget" }, keys);
        Assert.Equal(0, await app.QueryAsync(db => db.Activities.CountAsync(a => a.Title.Contains(tag))));

        var accepted = await ImportAsync(editor, Encoding.UTF8.GetBytes(header + "\n" + good + "\n"), "activities.csv");
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        var stored = await app.QueryAsync(db => db.Activities.Include(a => a.Participants).SingleAsync(a => a.Title == $"Awareness campaign {tag}"));
        Assert.Equal(["MD", "RO"], stored.Countries);
        Assert.True(stored.AddressesInternalTrafficking);
        Assert.Equal(15000m, Assert.Single(stored.Participants).Amount);
        Assert.Equal(ReviewState.Published, stored.ReviewState);

        // The XLSX download of that activity, with a changed title, updates it (its slug is in the file).
        var xlsx = await app.CreateBrowser().GetByteArrayAsync("/api/v1/activities/export.xlsx?country=RO");
        var table = DirectoryFiles.Read(xlsx, DirectoryFileFormat.Xlsx, 10_000);
        var row = table.Rows.Skip(1).Single(r => r.Cells[1] == stored.Title);
        var updated = Encoding.UTF8.GetBytes(header + "\n" + string.Join(',', row.Cells.Select((c, i) => i == 1 ? $"Awareness campaign renamed {tag}" : Quote(c))) + "\n");
        var update = await ImportAsync(editor, updated, "update.csv");
        Assert.Equal(HttpStatusCode.OK, update.StatusCode);
        Assert.Equal($"Awareness campaign renamed {tag}", await app.QueryAsync(db => db.Activities.Where(a => a.Id == stored.Id).Select(a => a.Title).SingleAsync()));
        Assert.Equal(1, await app.QueryAsync(db => db.Activities.CountAsync(a => a.Title.Contains(tag))));
    }

    [Theory]
    [MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task Activities_an_import_adds_get_slugs_of_their_own_are_published_and_have_a_history(Provider provider)
    {
        var app = await apps.For(provider);
        var tag = Tag();
        var editor = await app.CreateApiClientAsync(Roles.Editor);
        var header = string.Join(',', ActivityColumns.All);
        var row = $",Hotline {tag},,Ongoing,2024-01-01,,MD,no,no,Prevention,,,,,,,,,,,";

        var first = await ImportAsync(editor, Encoding.UTF8.GetBytes(header + "\n" + row + "\n"), "first.csv");
        // The same title twice in one file, and already in the inventory: three activities, three addresses.
        var second = await ImportAsync(editor, Encoding.UTF8.GetBytes(header + "\n" + row + "\n" + row + "\n"), "second.csv");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(2, (await second.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("created").GetInt32());
        var stored = await app.QueryAsync(db => db.Activities.Where(a => a.Title == $"Hotline {tag}").ToListAsync());
        var slug = $"hotline-{tag.ToLowerInvariant()}";
        Assert.Equal([slug, slug + "-2", slug + "-3"], stored.Select(a => a.Slug).Order(StringComparer.Ordinal));
        Assert.All(stored, a => Assert.Equal(ReviewState.Published, a.ReviewState));
        Assert.All(stored, a => Assert.NotNull(a.PublishedAt));
        var ids = stored.Select(a => a.Id).ToList();
        var open = await app.QueryAsync(db => db.ActivityRevisions.Where(r => ids.Contains(r.ActivityId) && r.ValidTo == null).Select(r => r.ActivityId).ToListAsync());
        Assert.Equal(ids.Order(), open.Order());
        var created = await app.QueryAsync(db => db.ChangeRecords.Where(c => ids.Contains(c.EntityId) && c.Action == ChangeActions.Created).Select(c => c.EntityId).ToListAsync());
        Assert.Equal(ids.Order(), created.Order());
        var listed = await app.CreateBrowser().GetFromJsonAsync<JsonElement>($"/api/v1/activities?q={tag}");
        Assert.Equal(3, listed.GetProperty("items").GetArrayLength());
    }

    [Theory]
    [MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task The_import_page_imports_in_the_background_and_its_job_page_shows_the_outcome_and_likely_duplicates_only_to_its_editor(Provider provider)
    {
        var app = await apps.For(provider);
        var tag = Tag();
        var editor = await app.SignInAsync(Roles.Editor);
        var otherEditor = await app.SignInAsync(Roles.Editor);
        var header = string.Join(',', ActivityColumns.All);
        var good = $",Legal aid clinic {tag},Advice for victims,Ongoing,2025-01-01,2025-12-31,AL,no,no,ProtectionAndAssistance,,,8000,EUR,,,,,,,";
        var bad = $",Bad row {tag},,Sleeping,2024-13-01,,QQ,maybe,,Cooking,,,abc,EUR,,,,,,,";

        var refusedStart = await TestApp.PostFileAsync(editor, "/activities/import", Encoding.UTF8.GetBytes(header + "\n" + good + "\n" + bad + "\n"), "activities.csv");
        var refusedJob = refusedStart.Headers.Location?.OriginalString;
        var refused = await TestApp.ImportOutcomeAsync(editor, refusedStart, "/activities/import");
        var oneProblem = $",One problem {tag},,Sleeping,2025-01-01,2025-12-31,AL,no,no,ProtectionAndAssistance,,,8000,EUR,,,,,,,";
        var single = await TestApp.ImportOutcomeAsync(editor, await TestApp.PostFileAsync(editor, "/activities/import", Encoding.UTF8.GetBytes(header + "\n" + oneProblem + "\n"), "one.csv"), "/activities/import");
        var nothingWritten = await app.QueryAsync(db => db.Activities.CountAsync(a => a.Title.Contains(tag)));
        var othersView = await otherEditor.GetAsync(refusedJob);
        var wrongKind = await editor.GetAsync(refusedJob!.Replace("/activities/", "/statistics/", StringComparison.Ordinal));
        var imported = await TestApp.ImportOutcomeAsync(editor, await TestApp.PostFileAsync(editor, "/activities/import", Encoding.UTF8.GetBytes(header + "\n" + good + "\n"), "activities.csv"), "/activities/import");
        // The same row again adds a second activity, which the job page lists as a likely duplicate of the first.
        var again = await TestApp.ImportOutcomeAsync(editor, await TestApp.PostFileAsync(editor, "/activities/import", Encoding.UTF8.GetBytes(header + "\n" + good + "\n"), "again.csv"), "/activities/import");

        Assert.Contains("id=\"import-errors\"", refused, StringComparison.Ordinal);
        Assert.Contains("Nothing was imported", refused, StringComparison.Ordinal);
        Assert.Contains("problems. Correct every one in the file", refused, StringComparison.Ordinal);
        Assert.Contains("The file has one problem. Correct it in the file", single, StringComparison.Ordinal);
        Assert.Contains("<code>status</code>", refused, StringComparison.Ordinal);
        Assert.Equal(0, nothingWritten);
        Assert.Equal(HttpStatusCode.NotFound, othersView.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, wrongKind.StatusCode);
        Assert.Contains("id=\"import-done\"", imported, StringComparison.Ordinal);
        Assert.Contains("1 added, 0 changed, 0 unchanged.", imported, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"import-duplicates\"", imported, StringComparison.Ordinal);
        Assert.Contains("id=\"import-duplicates\"", again, StringComparison.Ordinal);
        Assert.Contains($"Legal aid clinic {tag}", again[again.IndexOf("id=\"import-duplicates\"", StringComparison.Ordinal)..], StringComparison.Ordinal);
        Assert.Equal(2, await app.QueryAsync(db => db.Activities.CountAsync(a => a.Title == $"Legal aid clinic {tag}")));
    }

    [Theory]
    [MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task Hxl_3w_export_has_a_hashtag_row_and_one_row_per_country(Provider provider)
    {
        var app = await apps.For(provider);
        var tag = Tag();
        var editor = await app.CreateApiClientAsync(Roles.Editor);
        var header = string.Join(',', ActivityColumns.All);
        await ImportAsync(editor, Encoding.UTF8.GetBytes(header + "\n" + $",Border monitoring {tag},,Ongoing,2025-01-01,,GE;AM,no,no,LawEnforcementCooperation,,,9000,USD,,,,,,,\n"), "hxl.csv");

        var response = await app.CreateBrowser().GetAsync("/api/v1/activities/export.hxl.csv");
        var table = DirectoryFiles.Read(await response.Content.ReadAsByteArrayAsync(), DirectoryFileFormat.Csv, 100_000);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(HxlColumns.All.Select(c => c.Header), table.Rows[0].Cells);
        Assert.Equal(HxlColumns.All.Select(c => c.Tag), table.Rows[1].Cells);
        Assert.Contains("#org+impl+name+list", table.Rows[1].Cells);
        Assert.Contains("#country+code+v_iso2", table.Rows[1].Cells);
        var mine = table.Rows.Where(r => r.Cells[0] == $"Border monitoring {tag}").ToList();
        Assert.Equal(["AM", "GE"], mine.Select(r => r.Cells[9]));
        Assert.Equal(["9000", string.Empty], mine.Select(r => r.Cells[16] ?? string.Empty)); // the budget once, not once per country
    }

    [Theory]
    [MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task Only_editors_import_and_a_file_that_is_not_iati_xml_is_refused(Provider provider)
    {
        var app = await apps.For(provider);
        var reader = await app.CreateApiClientAsync(Roles.Reader);
        var editor = await app.CreateApiClientAsync(Roles.Editor);

        var denied = await ImportAsync(reader, IatiFile(Activity("XM-Z-1", "XM-Z", "Denied", "MD", "2", "15180")), "x.xml");
        var notIati = await ImportAsync(editor, Encoding.UTF8.GetBytes("<html><body>hello</body></html>"), "page.xml");

        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, notIati.StatusCode);
    }

    internal static string Tag() => Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();

    internal static async Task<HttpResponseMessage> ImportAsync(HttpClient client, byte[] content, string fileName)
    {
        using var form = new MultipartFormDataContent { { new ByteArrayContent(content), "file", fileName } };
        return await client.PostAsync("/api/v1/activities/import", form);
    }

    internal static byte[] IatiFile(params string[] activities) =>
        Encoding.UTF8.GetBytes($"""<?xml version="1.0" encoding="utf-8"?><iati-activities version="2.03" generated-datetime="2026-01-01T00:00:00Z">{string.Concat(activities)}</iati-activities>""");

    internal static string Activity(
        string identifier,
        string reportingRef,
        string title,
        string country,
        string status,
        string dacSector,
        string? implementerRef = null,
        string? implementerActivityId = null,
        (string Ref, string Name, decimal Amount)? donor = null,
        string? thirdParty = null,
        string currency = "EUR")
    {
        var donorOrg = donor is { } d ? $"""<participating-org role="1" ref="{d.Ref}"><narrative>{d.Name}</narrative></participating-org>""" : string.Empty;
        var implementer = implementerRef is null ? string.Empty
            : $"""<participating-org role="4" ref="{implementerRef}"{(implementerActivityId is null ? string.Empty : $" activity-id=\"{implementerActivityId}\"")}><narrative>Implementer {implementerRef}</narrative></participating-org>""";
        var transaction = donor is { } t
            ? $"""<transaction><transaction-type code="11"/><transaction-date iso-date="2024-01-15"/><value currency="{currency}" value-date="2024-01-15">{t.Amount}</value><provider-org ref="{t.Ref}"><narrative>{t.Name}</narrative></provider-org></transaction>"""
            : string.Empty;
        var related = thirdParty is null ? string.Empty : $"""<related-activity ref="{thirdParty}" type="5"/>""";
        return $"""
            <iati-activity default-currency="{currency}">
              <iati-identifier>{identifier}</iati-identifier>
              <reporting-org ref="{reportingRef}" type="21"><narrative>Publisher {reportingRef}</narrative></reporting-org>
              <title><narrative>{title}</narrative></title>
              <description><narrative>About: {title}</narrative></description>
              {donorOrg}{implementer}
              <activity-status code="{status}"/>
              <activity-date type="1" iso-date="2024-01-01"/>
              <activity-date type="3" iso-date="2025-12-31"/>
              <recipient-country code="{country}"/>
              <sector vocabulary="1" code="{dacSector}"/>
              {transaction}{related}
            </iati-activity>
            """;
    }

    private static async Task<List<IatiRecord>> ExportedRecordsAsync(TestApp app, string tag)
    {
        var xml = await app.CreateBrowser().GetByteArrayAsync("/api/v1/activities/export.xml");
        var (records, problems) = IatiReader.Read(xml, 1_000_000);
        Assert.Empty(problems);
        return [.. records.Where(r => r.Identifier.Contains(tag, StringComparison.Ordinal))];
    }

    private static string Quote(string? cell) => cell is null ? string.Empty : "\"" + cell.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
