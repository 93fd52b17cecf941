using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Clearinghouse.Accounts;
using Clearinghouse.Tests.Directory;
using Clearinghouse.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Clearinghouse.Tests.Library.LibraryTests;

namespace Clearinghouse.Tests.Library;

/// <summary>Correcting a document's metadata after upload, through the API and the edit page, on both databases.</summary>
public sealed class LibraryEditTests(Apps apps) : IClassFixture<Apps>
{
    [Theory]
    [MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task An_editor_corrects_a_document_and_the_change_shows_and_is_in_the_history(Provider provider)
    {
        var app = await apps.For(provider);
        var api = await app.CreateApiClientAsync(Roles.Editor);
        var word = Word();
        var slug = await UploadAsync(api, word, Meta($"Draft title {word}", year: 2004));
        var before = await GetAsync(api, slug);

        var response = await api.PutAsJsonAsync($"/api/v1/library/{slug}", Edit($"Corrected guide {word}", before.GetProperty("version").GetInt32(), type: "Guideline", year: 2005));
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());

        var after = await GetAsync(app.CreateBrowser(), slug);
        Assert.Equal("Guideline", after.GetProperty("type").GetString());
        Assert.Equal(2005, after.GetProperty("publicationYear").GetInt32());
        Assert.Equal($"Corrected guide {word}", after.GetProperty("editions")[0].GetProperty("title").GetString());
        var found = await SearchAsync(app.CreateBrowser(), $"corrected {word}");
        Assert.Equal(1, found.GetProperty("totalCount").GetInt32());
        Assert.Contains($"Corrected guide {word}", await app.CreateBrowser().GetHtmlAsync($"/library/{slug}"), StringComparison.Ordinal);

        var workId = before.GetProperty("id").GetGuid();
        var editionId = before.GetProperty("editions")[0].GetProperty("id").GetGuid();
        var history = await app.QueryAsync(db => db.ChangeRecords.Where(c => (c.EntityId == workId || c.EntityId == editionId) && c.Action == "Updated").ToListAsync());
        Assert.Contains(history, c => c.EntityId == workId && c.Changes.Contains("Guideline", StringComparison.Ordinal));
        Assert.Contains(history, c => c.EntityId == editionId && c.Changes.Contains($"Draft title {word}", StringComparison.Ordinal));

        // The version read before the change is now stale: a second edit made from it is refused.
        var stale = await api.PutAsJsonAsync($"/api/v1/library/{slug}", Edit($"Stale {word}", before.GetProperty("version").GetInt32()));
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal($"Corrected guide {word}", (await GetAsync(api, slug)).GetProperty("editions")[0].GetProperty("title").GetString());
    }

    [Theory]
    [MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task Readers_focal_points_and_anonymous_callers_cannot_edit(Provider provider)
    {
        var app = await apps.For(provider);
        var editor = await app.CreateApiClientAsync(Roles.Editor);
        var own = await app.CreateOrganisationAsync();
        var word = Word();
        var slug = await UploadAsync(editor, word, Meta($"Locked {word}", publisher: own.Id));

        var anonymous = await app.CreateBrowser().PutAsJsonAsync($"/api/v1/library/{slug}", Edit($"Changed {word}", null));
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        var reader = await (await app.CreateApiClientAsync(Roles.Reader)).PutAsJsonAsync($"/api/v1/library/{slug}", Edit($"Changed {word}", null));
        Assert.Equal(HttpStatusCode.Forbidden, reader.StatusCode);
        var focalPoint = await (await app.CreateApiClientAsync(Roles.FocalPoint, own.Id)).PutAsJsonAsync($"/api/v1/library/{slug}", Edit($"Changed {word}", null));
        Assert.Equal(HttpStatusCode.Forbidden, focalPoint.StatusCode);

        Assert.Equal(HttpStatusCode.Redirect, (await app.CreateBrowser().GetAsync($"/library/{slug}/edit")).StatusCode);
        Assert.Equal($"Locked {word}", (await GetAsync(editor, slug)).GetProperty("editions")[0].GetProperty("title").GetString());
    }

    [Theory]
    [MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task A_bad_value_names_the_field_and_changes_nothing(Provider provider)
    {
        var app = await apps.For(provider);
        var api = await app.CreateApiClientAsync(Roles.Editor);
        var word = Word();
        var slug = await UploadAsync(api, word, Meta($"Careful {word}", countries: ["MD"]));
        var before = await GetAsync(api, slug);

        var response = await api.PutAsJsonAsync($"/api/v1/library/{slug}", Edit($"Careless {word}", before.GetProperty("version").GetInt32(), countries: ["QQ"]));
        Assert.False(response.IsSuccessStatusCode);
        var problem = await response.JsonAsync();
        Assert.True(problem.GetProperty("errors").TryGetProperty("countries", out _), problem.GetRawText());
        Assert.False(problem.GetProperty("errors").TryGetProperty("title", out _));

        var unknownLanguage = await api.PutAsJsonAsync($"/api/v1/library/{slug}", Edit($"Careless {word}", before.GetProperty("version").GetInt32(), language: "fr"));
        Assert.True((await unknownLanguage.JsonAsync()).GetProperty("errors").TryGetProperty("language", out _));

        var after = await GetAsync(api, slug);
        Assert.Equal(before.GetRawText(), after.GetRawText());
    }

    [Theory]
    [MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task Making_a_document_restricted_hides_it_from_anonymous_search(Provider provider)
    {
        var app = await apps.For(provider);
        var api = await app.CreateApiClientAsync(Roles.Editor);
        var word = Word();
        var slug = await UploadAsync(api, word, Meta($"Open report {word}"));
        Assert.Equal(1, (await SearchAsync(app.CreateBrowser(), word)).GetProperty("totalCount").GetInt32());

        var version = (await GetAsync(api, slug)).GetProperty("version").GetInt32();
        var response = await api.PutAsJsonAsync($"/api/v1/library/{slug}", Edit($"Open report {word}", version, access: "Restricted"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        Assert.Equal(0, (await SearchAsync(app.CreateBrowser(), word)).GetProperty("totalCount").GetInt32());
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateBrowser().GetAsync($"/library/{slug}")).StatusCode);
        Assert.Equal(1, (await SearchAsync(api, word)).GetProperty("totalCount").GetInt32());
    }

    [Theory]
    [MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task A_corrected_type_country_and_year_move_the_document_between_filters_and_facets(Provider provider)
    {
        var app = await apps.For(provider);
        var api = await app.CreateApiClientAsync(Roles.Editor);
        var word = Word();
        var slug = await UploadAsync(api, word, Meta($"Country report {word}", type: "Handbook", countries: ["MD"], year: 2004));
        var before = await SearchAsync(app.CreateBrowser(), word, "&type=Handbook&country=MD&year=2004");
        Assert.Equal(1, before.GetProperty("totalCount").GetInt32());

        var version = (await GetAsync(api, slug)).GetProperty("version").GetInt32();
        var response = await api.PutAsJsonAsync($"/api/v1/library/{slug}", Edit($"Country report {word}", version, type: "Guideline", countries: ["AL"], year: 2010));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        // The search reads what it filters and counts from the index's search rows: they follow the correction at once.
        Assert.Equal(0, (await SearchAsync(app.CreateBrowser(), word, "&type=Handbook")).GetProperty("totalCount").GetInt32());
        Assert.Equal(0, (await SearchAsync(app.CreateBrowser(), word, "&country=MD&sort=Newest")).GetProperty("totalCount").GetInt32());
        var after = await SearchAsync(app.CreateBrowser(), word, "&type=Guideline&country=AL&year=2010");
        Assert.Equal(1, after.GetProperty("totalCount").GetInt32());
        var facets = after.GetProperty("facets");
        Assert.Equal(["Guideline"], facets.GetProperty("type").EnumerateArray().Select(v => v.GetProperty("value").GetString()));
        Assert.Equal(["AL"], facets.GetProperty("country").EnumerateArray().Select(v => v.GetProperty("value").GetString()));
        Assert.Equal(["2010"], facets.GetProperty("year").EnumerateArray().Select(v => v.GetProperty("value").GetString()));
        Assert.Equal(1, (await SearchAsync(app.CreateBrowser(), word, "&type=Guideline&sort=Oldest")).GetProperty("totalCount").GetInt32());
    }

    [Theory]
    [MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task An_editor_corrects_a_document_on_its_edit_page_and_a_bad_value_is_shown_on_the_form(Provider provider)
    {
        var app = await apps.For(provider);
        var api = await app.CreateApiClientAsync(Roles.Editor);
        var word = Word();
        var slug = await UploadAsync(api, word, Meta($"Form draft {word}"));
        var browser = await app.SignInAsync(Roles.Editor);
        Assert.Contains($"/library/{slug}/edit", await browser.GetHtmlAsync($"/library/{slug}"), StringComparison.Ordinal);
        var version = (await GetAsync(api, slug)).GetProperty("version").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var url = $"/library/{slug}/edit?lang=en";
        Dictionary<string, string> Form(string title, string year) => new()
        {
            ["Title"] = title,
            ["Language"] = "en",
            ["Version"] = version,
            ["Type"] = "Guideline",
            ["AccessLevel"] = "Public",
            ["Themes"] = "Prevention",
            ["Audiences"] = "Police",
            ["PublicationYear"] = year,
            ["VerificationStatus"] = "Verified",
        };

        var bad = await TestApp.PostFormAsync(browser, url, Form($"Form corrected {word}", "1500"));
        var badPage = await bad.Content.ReadAsStringAsync();
        Assert.Contains("Enter a year between 1800 and 2200.", badPage, StringComparison.Ordinal);
        Assert.Equal($"Form draft {word}", (await GetAsync(api, slug)).GetProperty("editions")[0].GetProperty("title").GetString());

        var good = await TestApp.PostFormAsync(browser, url, Form($"Form corrected {word}", "2010"));
        Assert.True(good.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.OK, $"{(int)good.StatusCode}");
        var after = await GetAsync(api, slug);
        Assert.Equal($"Form corrected {word}", after.GetProperty("editions")[0].GetProperty("title").GetString());
        Assert.Equal("Verified", after.GetProperty("verificationStatus").GetString());
        var history = await browser.GetHtmlAsync(url);
        Assert.Contains("VerificationStatus", history, StringComparison.Ordinal);
    }

    private static object Edit(string title, int? version, string type = "Handbook", string access = "Public", string language = "en", string[]? countries = null, int? year = null) => new
    {
        title,
        language,
        type,
        themes = new[] { "Prevention" },
        countries = countries ?? [],
        audiences = new[] { "Police" },
        accessLevel = access,
        publicationYear = year,
        version,
    };

    private static async Task<string> UploadAsync(HttpClient api, string word, object meta)
    {
        var response = await Created(TestDocuments.UploadAsync(api, meta, TestDocuments.Pdf($"Text of the document {word}.")));
        return (await response.JsonAsync()).GetProperty("slug").GetString()!;
    }

    private static async Task<JsonElement> GetAsync(HttpClient client, string slug)
    {
        var response = await client.GetAsync($"/api/v1/library/{slug}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.JsonAsync();
    }
}
