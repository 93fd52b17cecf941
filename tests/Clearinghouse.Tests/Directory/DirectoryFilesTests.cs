using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Clearinghouse.Accounts;
using Clearinghouse.Directory;
using Clearinghouse.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;

namespace Clearinghouse.Tests.Directory;

public sealed partial class DirectoryFilesTests(Apps apps) : IClassFixture<Apps>
{
    [Theory]
    [MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task Csv_download_has_the_demo_directory_with_the_page_filters(Provider provider)
    {
        var app = await apps.For(provider);

        var response = await app.CreateBrowser().GetAsync("/directory/export.csv?country=MD&type=Ngo");
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var table = DirectoryFiles.Read(bytes, DirectoryFileFormat.Csv, 10_000);
        var slugs = table.Rows.Skip(1).Select(r => r.Cells[0]).ToList();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Matches(@"^clearinghouse-directory-\d{4}-\d{2}-\d{2}\.csv$", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        Assert.Equal(DirectoryColumns.All, table.Rows[0].Cells);
        Assert.Contains("la-strada-moldova", slugs);
        Assert.DoesNotContain("osce-mission-moldova", slugs);
        Assert.DoesNotContain("iom", slugs);
        Assert.All(table.Rows.Skip(1), r => Assert.Equal("Ngo", r.Cells[3]));
    }

    [Theory]
    [MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task Xlsx_download_lists_people_with_restricted_fields_only_for_partners(Provider provider)
    {
        var app = await apps.For(provider);
        var reader = await app.CreateApiClientAsync(Roles.Reader);

        var anonymous = await app.CreateBrowser().GetAsync("/api/v1/organisations/export?format=xlsx&country=AL");
        var partner = await reader.GetAsync("/api/v1/organisations/export?format=xlsx&country=AL");
        var anonymousPeople = PeopleSheet(await anonymous.Content.ReadAsByteArrayAsync());
        var partnerPeople = PeopleSheet(await partner.Content.ReadAsByteArrayAsync());
        var organisations = DirectoryFiles.Read(await anonymous.Content.ReadAsByteArrayAsync(), DirectoryFileFormat.Xlsx, 10_000);

        Assert.Equal(DirectoryFiles.XlsxContentType, anonymous.Content.Headers.ContentType?.MediaType);
        Assert.Contains(organisations.Rows, r => r.Cells[0] == "al-nco");
        Assert.Contains(anonymousPeople, p => p["family_name"] == "Kasapi" && p["public_email"] == "blerina.kasapi@example.org");
        Assert.DoesNotContain(anonymousPeople, p => p.ContainsKey("direct_phone") || p.ContainsKey("personal_email"));
        Assert.Contains(partnerPeople, p => p["family_name"] == "Kasapi" && p["direct_phone"] == "+999 555 0102" && p["personal_email"] == "b.kasapi@example.net");
    }

    [Theory]
    [MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task Api_export_refuses_an_unknown_format(Provider provider)
    {
        var app = await apps.For(provider);

        var response = await app.CreateBrowser().GetAsync("/api/v1/organisations/export?format=pdf");
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("csv or xlsx", problem.GetProperty("errors").GetProperty("format")[0].GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task Editor_imports_a_file_through_the_api(Provider provider)
    {
        var app = await apps.For(provider);
        var tag = Tag();
        var existing = await app.CreateOrganisationAsync($"Api Update {tag}");
        var editor = await app.CreateApiClientAsync(Roles.Editor);
        var csv = $"slug,name,type,country,thematic_areas\r\n{existing.Slug},Api Update {tag},Ngo,MD,Prevention\r\n,Api New {tag},Donor,DE,\r\n";

        var response = await editor.PostAsync("/api/v1/organisations/import", FileForm(csv, "organisations.csv"));
        var summary = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, summary.GetProperty("created").GetInt32());
        Assert.Equal(1, summary.GetProperty("updated").GetInt32());
        Assert.Equal([ThematicArea.Prevention], await app.QueryAsync(db => db.Organisations.Where(o => o.Id == existing.Id).Select(o => o.ThematicAreas).SingleAsync()));
        Assert.Equal(OrganisationType.Donor, await app.QueryAsync(db => db.Organisations.Where(o => o.Name == $"Api New {tag}").Select(o => o.Type).SingleAsync()));
    }

    [Theory]
    [MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task Api_import_of_a_bad_file_writes_nothing_and_lists_every_problem(Provider provider)
    {
        var app = await apps.For(provider);
        var tag = Tag();
        var editor = await app.CreateApiClientAsync(Roles.Editor);
        var csv = $"slug,name,type,country\r\n,Good Row {tag},Ngo,MD\r\n,Bad Country {tag},Ngo,QQ\r\n,Bad Type {tag},Charity,MD\r\nno-such-{tag},Ghost {tag},Ngo,MD\r\n";

        var response = await editor.PostAsync("/api/v1/organisations/import", FileForm(csv, "organisations.csv"));
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        var errors = problem.GetProperty("errors");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal(["row 3: country", "row 4: type", "row 5: slug"], errors.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.StartsWith("'QQ' is not a known country code", errors.GetProperty("row 3: country")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(0, await app.QueryAsync(db => db.Organisations.CountAsync(o => o.Name.Contains(tag))));
    }

    [Theory]
    [MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task Api_import_needs_an_editors_token(Provider provider)
    {
        var app = await apps.For(provider);
        var csv = $"slug,name,type\r\n,Not Allowed {Tag()},Ngo\r\n";
        var reader = await app.CreateApiClientAsync(Roles.Reader);
        var editorWithCookie = await app.SignInAsync(Roles.Editor);

        var asReader = await reader.PostAsync("/api/v1/organisations/import", FileForm(csv, "a.csv"));
        var asAnonymous = await app.CreateBrowser().PostAsync("/api/v1/organisations/import", FileForm(csv, "a.csv"));
        var withCookie = await editorWithCookie.PostAsync("/api/v1/organisations/import", FileForm(csv, "a.csv"));

        Assert.Equal(HttpStatusCode.Forbidden, asReader.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, asAnonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, withCookie.StatusCode);
    }

    [Theory]
    [MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task Api_import_refuses_oversize_and_wrong_type_files_with_problem_details(Provider provider)
    {
        var app = await apps.For(provider);
        var editor = await app.CreateApiClientAsync(Roles.Editor);

        var tooBig = await editor.PostAsync("/api/v1/organisations/import", FileForm(new byte[(10 * 1024 * 1024) + 1], "big.csv"));
        var notXlsx = await editor.PostAsync("/api/v1/organisations/import", FileForm(Encoding.UTF8.GetBytes("just some notes"), "directory.xlsx"));
        var binary = await editor.PostAsync("/api/v1/organisations/import", FileForm([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0xFF, 0x00], "logo.png"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooBig.StatusCode);
        Assert.Contains("larger than 10 MB", (await tooBig.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, notXlsx.StatusCode);
        Assert.Contains("not an Excel workbook", (await notXlsx.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, binary.StatusCode);
        Assert.Equal("application/problem+json", binary.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task Editor_uploading_a_bad_file_on_the_import_page_eventually_sees_every_problem(Provider provider)
    {
        var app = await apps.For(provider);
        var tag = Tag();
        var editor = await app.SignInAsync(Roles.Editor);
        var csv = $"slug,name,type,country\r\n,Page Good {tag},Ngo,MD\r\n,Page Bad {tag},Ngo,QQ\r\n,,Ngo,MD\r\n";

        var response = await UploadAsync(editor, Encoding.UTF8.GetBytes(csv), "page.csv");
        var html = await WaitUntilFinishedAsync(editor, response);

        Assert.Contains("id=\"import-errors\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"import-success\"", html, StringComparison.Ordinal);
        var rows = ErrorRows(html);
        Assert.Contains(rows, r => r.Row == "3" && r.Column == "country" && r.Problem.Contains("'QQ' is not a known country code", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.Row == "4" && r.Column == "name");
        Assert.Equal(0, await app.QueryAsync(db => db.Organisations.CountAsync(o => o.Name.Contains(tag))));
    }

    [Theory]
    [MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task Editor_importing_a_good_workbook_on_the_page_sees_the_counts(Provider provider)
    {
        var app = await apps.For(provider);
        var tag = Tag();
        var editor = await app.SignInAsync(Roles.Editor);
        using var workbook = new MemoryStream();
        await DirectoryFiles.WriteXlsxAsync(workbook, [("Organisations", ["slug", "name", "type", "country"], [["", $"Workbook Org {tag}", "Ngo", "RO"]])], CancellationToken.None);

        var response = await UploadAsync(editor, workbook.ToArray(), "saved-from-excel.xlsx");
        var html = await WaitUntilFinishedAsync(editor, response);

        Assert.Contains("id=\"import-success\"", html, StringComparison.Ordinal);
        Assert.Contains("1 organisations added, 0 updated", html, StringComparison.Ordinal);
        Assert.Equal("RO", await app.QueryAsync(db => db.Organisations.Where(o => o.Name == $"Workbook Org {tag}").Select(o => o.CountryCode).SingleAsync()));
    }

    [Theory]
    [MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task Import_page_refuses_oversize_and_wrong_type_files_with_a_clear_message(Provider provider)
    {
        var app = await apps.For(provider);
        var editor = await app.SignInAsync(Roles.Editor);

        var tooBig = WebUtility.HtmlDecode(await (await UploadAsync(editor, new byte[(10 * 1024 * 1024) + 1], "big.csv")).Content.ReadAsStringAsync());
        var notXlsx = WebUtility.HtmlDecode(await (await UploadAsync(editor, [0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00], "directory.xlsx")).Content.ReadAsStringAsync());

        Assert.Contains("The selected file must be smaller than 10 MB.", tooBig, StringComparison.Ordinal);
        Assert.Contains("govuk-error-summary", tooBig, StringComparison.Ordinal);
        Assert.Contains("not an Excel workbook", notXlsx, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task Only_editors_reach_the_import_page_and_only_their_own_jobs(Provider provider)
    {
        var app = await apps.For(provider);
        var reader = await app.SignInAsync(Roles.Reader);
        var editor = await app.SignInAsync(Roles.Editor);
        var otherEditor = await app.SignInAsync(Roles.Editor);
        var started = await UploadAsync(editor, Encoding.UTF8.GetBytes($"slug,name,type\r\n,Own Job {Tag()},Ngo\r\n"), "own.csv");
        var jobPage = started.Headers.Location!.OriginalString;

        var anonymous = await app.CreateBrowser().GetAsync("/directory/import");
        var asReader = await reader.GetAsync("/directory/import");
        var asEditor = await editor.GetHtmlAsync("/directory/import");
        var othersJob = await otherEditor.GetAsync(jobPage);
        var othersStatus = await otherEditor.GetAsync(jobPage + "/status");
        var ownStatus = await editor.GetAsync(jobPage + "/status");

        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.StartsWith("/accounts/sign", PathOf(anonymous), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.Redirect, asReader.StatusCode);
        Assert.StartsWith("/accounts/denied", PathOf(asReader), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("id=\"file\"", asEditor, StringComparison.Ordinal);
        Assert.Contains("id=\"start-import\"", asEditor, StringComparison.Ordinal);
        Assert.Contains("up to 10 MB", asEditor, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, othersJob.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, othersStatus.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ownStatus.StatusCode);
    }

    private static string PathOf(HttpResponseMessage redirect) => new Uri(new Uri("http://localhost"), redirect.Headers.Location!).AbsolutePath;

    private static string Tag() => Guid.NewGuid().ToString("N")[..8];

    private static MultipartFormDataContent FileForm(string text, string fileName) => FileForm(Encoding.UTF8.GetBytes(text), fileName);

    private static MultipartFormDataContent FileForm(byte[] content, string fileName)
    {
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        return new MultipartFormDataContent { { file, "file", fileName } };
    }

    /// <summary>Posts a file on the import page like a browser: with the page's antiforgery token.</summary>
    private static Task<HttpResponseMessage> UploadAsync(HttpClient client, byte[] content, string fileName) =>
        TestApp.PostFileAsync(client, "/directory/import", content, fileName);

    private static Task<string> WaitUntilFinishedAsync(HttpClient client, HttpResponseMessage started) =>
        TestApp.ImportOutcomeAsync(client, started, "/directory/import");

    private static List<(string Row, string Column, string Problem)> ErrorRows(string html) =>
        [.. ErrorRow().Matches(html).Select(m => (m.Groups[1].Value.Trim(), m.Groups[2].Value.Trim(), m.Groups[3].Value.Trim()))];

    private static List<Dictionary<string, string?>> PeopleSheet(byte[] workbook)
    {
        using var stream = new MemoryStream(workbook);
        return [.. MiniExcel.Query(stream, useHeaderRow: true, sheetName: "People", excelType: ExcelType.XLSX)
            .Cast<IDictionary<string, object?>>()
            .Select(row => row.ToDictionary(c => c.Key, c => c.Value?.ToString()))];
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();

    [GeneratedRegex("<tr class=\"govuk-table__row\">\\s*<td class=\"govuk-table__cell\">([^<]*)</td>\\s*<td class=\"govuk-table__cell\"><code>([^<]*)</code></td>\\s*<td class=\"govuk-table__cell\">([^<]*)</td>")]
    private static partial Regex ErrorRow();
}
