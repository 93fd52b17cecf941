using System.Net;
using System.Text.Json;
using Clearinghouse.Accounts;
using Clearinghouse.Tests.Directory;
using Clearinghouse.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Clearinghouse.Tests.Library;

/// <summary>
/// The library through the real HTTP pipeline on both databases: upload, search (relevance, stemming, phrases,
/// prefixes), facets, access levels, versions and translations, duplicates, damaged files and downloads.
/// Each test works on its own invented word so that other tests' documents never match.
/// </summary>
public sealed class LibraryTests(Apps apps) : IClassFixture<Apps>
{
    [Theory]
    [MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task Exact_title_comes_first_and_phrases_and_prefixes_match(Provider provider)
    {
        var app = await apps.For(provider);
        var api = await app.CreateApiClientAsync(Roles.Editor);
        var word = Word();
        var title = $"Shelter standards {word}";
        await Created(TestDocuments.UploadAsync(api, Meta($"Guide to {word} shelters and shelter standards"), TestDocuments.Pdf(
            $"{title}. {title}. {title}.", "Shelter standards for the care of trafficked persons.", "Labour exploitation in agriculture is described here.")));
        await Created(TestDocuments.UploadAsync(api, Meta(title), TestDocuments.Docx($"A short note about {word}.", "Labour rules and exploitation of the workers."), "note.docx"));

        var byTitle = await SearchAsync(app.CreateBrowser(), title);
        Assert.Equal(title, byTitle.GetProperty("items")[0].GetProperty("title").GetString());

        var phrase = await SearchAsync(app.CreateBrowser(), $"\"labour exploitation\" {word}");
        Assert.Equal(1, phrase.GetProperty("totalCount").GetInt32());
        Assert.Equal($"Guide to {word} shelters and shelter standards", phrase.GetProperty("items")[0].GetProperty("title").GetString());
        Assert.Contains("exploitation", phrase.GetProperty("items")[0].GetProperty("snippet").GetString(), StringComparison.OrdinalIgnoreCase);

        var prefix = await SearchAsync(app.CreateBrowser(), word[..7] + "*");
        Assert.Equal(2, prefix.GetProperty("totalCount").GetInt32());
    }

    [Theory]
    [MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task A_phrase_finds_its_words_side_by_side_in_other_forms_and_across_stop_words(Provider provider)
    {
        var app = await apps.For(provider);
        var api = await app.CreateApiClientAsync(Roles.Editor);
        var word = Word();
        await Created(TestDocuments.UploadAsync(api, Meta($"Side by side {word}"), TestDocuments.Pdf(
            $"Support for victims of trafficking in the region {word}.", "Seasonal workers in agriculture are at risk.")));
        await Created(TestDocuments.UploadAsync(api, Meta($"Apart {word}"), TestDocuments.Pdf(
            $"Trafficking of victims is described {word}.", "The worker was seasonal and the victims were many.")));

        // On PostgreSQL the first phrase is found through the head's word pairs; the second has a stop word between its
        // words and is tested without them. Both must give the same answer as the phrase itself.
        var inOtherForm = await SearchAsync(app.CreateBrowser(), $"\"seasonal worker\" {word}");
        Assert.Equal([$"Side by side {word}"], inOtherForm.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("title").GetString()));
        var acrossStopWord = await SearchAsync(app.CreateBrowser(), $"\"victims of trafficking\" {word}");
        Assert.Equal([$"Side by side {word}"], acrossStopWord.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("title").GetString()));
        var both = await SearchAsync(app.CreateBrowser(), $"\"seasonal workers\" \"victims of trafficking\" {word}");
        Assert.Equal(1, both.GetProperty("totalCount").GetInt32());
        Assert.Equal(0, (await SearchAsync(app.CreateBrowser(), $"\"workers victims\" {word}")).GetProperty("totalCount").GetInt32());
    }

    [Theory]
    [MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task A_snippet_highlights_a_match_that_lies_past_the_opening_lines(Provider provider)
    {
        var app = await apps.For(provider);
        var api = await app.CreateApiClientAsync(Roles.Editor);
        var word = Word();
        var filler = Enumerable.Range(0, 40).Select(i => $"Line {i} of the general introduction to the annual report on cooperation.").ToArray();
        await Created(TestDocuments.UploadAsync(api, Meta($"Annual report {word[..6]}"), TestDocuments.Pdf([.. filler, $"The {word} programme opened in the spring."])));

        // The match is about 3,000 characters in: past the opening that PostgreSQL cuts snippets from first.
        var found = await SearchAsync(app.CreateBrowser(), word);
        Assert.Equal(1, found.GetProperty("totalCount").GetInt32());
        Assert.Contains(word, found.GetProperty("items")[0].GetProperty("snippet").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task English_words_are_found_in_other_forms_and_Russian_too_on_PostgreSQL(Provider provider)
    {
        var app = await apps.For(provider);
        var api = await app.CreateApiClientAsync(Roles.Editor);
        var word = Word();
        await Created(TestDocuments.UploadAsync(api, Meta($"Identification {word}"), TestDocuments.Html("Identification", $"Trafficked victims were identified by trained officers. {word}"), "page.html"));
        await Created(TestDocuments.UploadAsync(api, Meta($"Защита {word}", language: "ru"), TestDocuments.Docx($"Защита пострадавших от торговли людьми. {word}"), "ru.docx"));

        var english = await SearchAsync(app.CreateBrowser(), $"identify victim {word}");
        Assert.Equal(1, english.GetProperty("totalCount").GetInt32());

        var exact = await SearchAsync(app.CreateBrowser(), $"пострадавших {word}");
        Assert.Equal(1, exact.GetProperty("totalCount").GetInt32());
        if (provider == Provider.Postgres)
        {
            // Russian stemming: other case endings of the same words.
            var russian = await SearchAsync(app.CreateBrowser(), $"пострадавшим торговлей {word}");
            Assert.Equal(1, russian.GetProperty("totalCount").GetInt32());
        }
    }

    [Theory]
    [MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task Each_caller_sees_only_their_access_levels_in_results_facets_and_snippets(Provider provider)
    {
        var app = await apps.For(provider);
        var api = await app.CreateApiClientAsync(Roles.Editor);
        var word = Word();
        var slugs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (level, type) in new[] { ("Public", "Handbook"), ("Partners", "Guideline"), ("Restricted", "PolicyPaper") })
        {
            var response = await Created(TestDocuments.UploadAsync(api, Meta($"{level} paper {word}", type: type, access: level), TestDocuments.Pdf($"{word} secret{level} text")));
            slugs[level] = (await response.JsonAsync()).GetProperty("slug").GetString()!;
        }

        var anonymous = await SearchAsync(app.CreateBrowser(), word);
        Assert.Equal(1, anonymous.GetProperty("totalCount").GetInt32());
        Assert.Equal(["Handbook"], Facet(anonymous, "type").Keys);
        var anonymousText = anonymous.GetRawText();
        Assert.DoesNotContain("secretPartners", anonymousText, StringComparison.Ordinal);
        Assert.DoesNotContain("secretRestricted", anonymousText, StringComparison.Ordinal);
        var page = await app.CreateBrowser().GetHtmlAsync($"/library?q={word}");
        Assert.DoesNotContain("secretPartners", page, StringComparison.Ordinal);
        Assert.DoesNotContain($"Partners paper {word}", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateBrowser().GetAsync($"/library/{slugs["Partners"]}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateBrowser().GetAsync($"/api/v1/library/{slugs["Restricted"]}")).StatusCode);

        var reader = await SearchAsync(await app.CreateApiClientAsync(Roles.Reader), word);
        Assert.Equal(2, reader.GetProperty("totalCount").GetInt32());
        Assert.DoesNotContain("secretRestricted", reader.GetRawText(), StringComparison.Ordinal);

        var editor = await SearchAsync(api, word);
        Assert.Equal(3, editor.GetProperty("totalCount").GetInt32());
        Assert.Equal(3, Facet(editor, "type").Count);
    }

    [Theory]
    [MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task Facets_count_the_whole_result_and_filters_narrow_it(Provider provider)
    {
        var app = await apps.For(provider);
        var api = await app.CreateApiClientAsync(Roles.Editor);
        var word = Word();
        await Created(TestDocuments.UploadAsync(api, Meta($"One {word}", type: "Handbook", countries: ["MD", "AL"], year: 2004), TestDocuments.Pdf($"{word} one")));
        await Created(TestDocuments.UploadAsync(api, Meta($"Two {word}", type: "Handbook", countries: ["MD"], year: 2005), TestDocuments.Pdf($"{word} two")));
        await Created(TestDocuments.UploadAsync(api, Meta($"Three {word}", type: "Guideline", countries: ["AL"], year: 2005, language: "ru"), TestDocuments.Docx($"{word} три"), "three.docx"));

        var all = await SearchAsync(app.CreateBrowser(), word);
        Assert.Equal(3, all.GetProperty("totalCount").GetInt32());
        Assert.Equal(2, Facet(all, "type")["Handbook"]);
        Assert.Equal(1, Facet(all, "type")["Guideline"]);
        Assert.Equal(2, Facet(all, "country")["MD"]);
        Assert.Equal(2, Facet(all, "country")["AL"]);
        Assert.Equal(2, Facet(all, "year")["2005"]);
        Assert.Equal(1, Facet(all, "language")["ru"]);
        Assert.Equal(3, Facet(all, "theme")["Prevention"]);

        var filtered = await SearchAsync(app.CreateBrowser(), word, "&type=Handbook&country=MD&year=2005");
        Assert.Equal(1, filtered.GetProperty("totalCount").GetInt32());
        Assert.Equal($"Two {word}", filtered.GetProperty("items")[0].GetProperty("title").GetString());

        var html = await app.CreateBrowser().GetHtmlAsync($"/library?q={word}&type=Handbook");
        Assert.Contains("2 documents", html, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task Sorted_by_date_the_newest_or_oldest_come_first_and_undated_documents_last(Provider provider)
    {
        var app = await apps.For(provider);
        var api = await app.CreateApiClientAsync(Roles.Editor);
        var word = Word();
        await Created(TestDocuments.UploadAsync(api, Meta($"Undated {word}"), TestDocuments.Pdf($"{word} undated")));
        await Created(TestDocuments.UploadAsync(api, Meta($"Old {word}", year: 2001), TestDocuments.Pdf($"{word} old")));
        await Created(TestDocuments.UploadAsync(api, Meta($"Recent {word}", year: 2010), TestDocuments.Pdf($"{word} recent")));
        await Created(TestDocuments.UploadAsync(api, Meta($"Hidden {word}", access: "Restricted", year: 2020), TestDocuments.Pdf($"{word} hidden")));

        static IEnumerable<string?> Titles(JsonElement result) => result.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("title").GetString());
        Assert.Equal([$"Recent {word}", $"Old {word}", $"Undated {word}"], Titles(await SearchAsync(app.CreateBrowser(), word, "&sort=Newest")));
        Assert.Equal([$"Old {word}", $"Recent {word}", $"Undated {word}"], Titles(await SearchAsync(app.CreateBrowser(), word, "&sort=Oldest")));
        Assert.Equal([$"Hidden {word}", $"Recent {word}", $"Old {word}", $"Undated {word}"], Titles(await SearchAsync(api, word, "&sort=Newest")));
    }

    [Theory]
    [MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task New_versions_keep_the_old_file_and_translations_join_the_same_document(Provider provider)
    {
        var app = await apps.For(provider);
        var api = await app.CreateApiClientAsync(Roles.Editor);
        var word = Word();
        var created = await Created(TestDocuments.UploadAsync(api, Meta($"Versioned {word}"), TestDocuments.Pdf($"{word} first edition")));
        var slug = (await created.JsonAsync()).GetProperty("slug").GetString()!;
        var document = await (await api.GetAsync($"/api/v1/library/{slug}")).JsonAsync();
        var editionId = document.GetProperty("editions")[0].GetProperty("id").GetGuid();

        await Created(TestDocuments.UploadVersionAsync(api, editionId, TestDocuments.Pdf($"{word} second edition"), "v2.pdf"));
        await Created(TestDocuments.UploadAsync(api, Meta($"Версия {word}", language: "ru"), TestDocuments.Docx($"{word} перевод"), "ru.docx", $"/api/v1/library/{slug}/translations"));

        document = await (await api.GetAsync($"/api/v1/library/{slug}")).JsonAsync();
        var editions = document.GetProperty("editions");
        Assert.Equal(2, editions.GetArrayLength());
        var files = editions.EnumerateArray().Single(e => e.GetProperty("language").GetString() == "en").GetProperty("files");
        Assert.Equal([2, 1], files.EnumerateArray().Select(f => f.GetProperty("version").GetInt32()));
        var oldFile = await api.GetByteArrayAsync(files[1].GetProperty("downloadUrl").GetString());
        Assert.StartsWith("%PDF", System.Text.Encoding.ASCII.GetString(oldFile[..4]), StringComparison.Ordinal);

        var html = await app.CreateBrowser().GetHtmlAsync($"/library/{slug}?lang=en");
        Assert.Contains($"Версия {word}", html, StringComparison.Ordinal);
        Assert.Contains("Version 1", html, StringComparison.Ordinal);
        Assert.Contains("second edition", (await SearchAsync(app.CreateBrowser(), $"second {word}")).GetRawText(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task The_same_file_uploaded_twice_is_recognised_and_not_stored_again(Provider provider)
    {
        var app = await apps.For(provider);
        var api = await app.CreateApiClientAsync(Roles.Editor);
        var word = Word();
        var file = TestDocuments.Pdf($"{word} once");
        var first = await Created(TestDocuments.UploadAsync(api, Meta($"Original {word}"), file));
        var slug = (await first.JsonAsync()).GetProperty("slug").GetString();

        var second = await TestDocuments.UploadAsync(api, Meta($"Copy {word}"), file, "renamed.pdf");
        Assert.Equal(HttpStatusCode.BadRequest, second.StatusCode);
        var problem = await second.JsonAsync();
        Assert.Equal($"/library/{slug}", problem.GetProperty("detail").GetString());
        Assert.Contains("already in the library", problem.GetProperty("errors").GetProperty("file")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(1, (await SearchAsync(api, word)).GetProperty("totalCount").GetInt32());
    }

    [Theory]
    [MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task A_damaged_PDF_is_kept_and_listed_as_text_not_extractable(Provider provider)
    {
        var app = await apps.For(provider);
        var api = await app.CreateApiClientAsync(Roles.Editor);
        var word = Word();
        var created = await Created(TestDocuments.UploadAsync(api, Meta($"Damaged {word}"), TestDocuments.CorruptPdf(), "broken.pdf"));
        var slug = (await created.JsonAsync()).GetProperty("slug").GetString()!;

        var file = (await (await api.GetAsync($"/api/v1/library/{slug}")).JsonAsync()).GetProperty("editions")[0].GetProperty("files")[0];
        Assert.Equal("NotExtractable", file.GetProperty("extractionStatus").GetString());
        Assert.Equal(1, (await SearchAsync(app.CreateBrowser(), $"Damaged {word}")).GetProperty("totalCount").GetInt32());
        Assert.Contains("Text not extractable", await app.CreateBrowser().GetHtmlAsync($"/library/{slug}"), StringComparison.Ordinal);
        var download = await app.CreateBrowser().GetAsync(file.GetProperty("downloadUrl").GetString());
        Assert.Equal(TestDocuments.CorruptPdf(), await download.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task A_password_protected_PDF_is_kept_and_flagged_as_such(Provider provider)
    {
        var app = await apps.For(provider);
        var api = await app.CreateApiClientAsync(Roles.Editor);
        var word = Word();
        var created = await Created(TestDocuments.UploadAsync(api, Meta($"Locked {word}"), TestDocuments.PasswordProtectedPdf(), "locked.pdf"));
        var slug = (await created.JsonAsync()).GetProperty("slug").GetString()!;

        var file = (await (await api.GetAsync($"/api/v1/library/{slug}")).JsonAsync()).GetProperty("editions")[0].GetProperty("files")[0];
        Assert.Equal("NotExtractable", file.GetProperty("extractionStatus").GetString());
        Assert.Equal("The PDF is password-protected.", file.GetProperty("extractionNote").GetString());
        Assert.Equal(1, (await SearchAsync(app.CreateBrowser(), $"Locked {word}")).GetProperty("totalCount").GetInt32());
        var download = await app.CreateBrowser().GetAsync(file.GetProperty("downloadUrl").GetString());
        Assert.Equal(TestDocuments.PasswordProtectedPdf(), await download.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task A_file_over_the_size_limit_is_refused_with_a_clear_message_and_nothing_is_written(Provider provider)
    {
        await using var app = await TestApp.StartAsync(provider, new Dictionary<string, string?> { ["Library:MaxFileBytes"] = "1024" });
        var api = await app.CreateApiClientAsync(Roles.Editor);
        var word = Word();
        var lines = Enumerable.Range(0, 45).Select(i => $"Line {i} {word} of a report longer than the limit of one kilobyte.").ToArray();
        var file = TestDocuments.Pdf(lines);
        Assert.True(file.Length > 1024, $"the test file is {file.Length} bytes");

        var response = await TestDocuments.UploadAsync(api, Meta($"Too large {word}"), file);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var message = (await response.JsonAsync()).GetProperty("errors").GetProperty("file")[0].GetString();
        Assert.Contains("too large", message, StringComparison.Ordinal);
        Assert.Equal(0, await app.QueryAsync(db => db.LibraryEditions.CountAsync(e => e.Title == $"Too large {word}")));
        Assert.Equal(0, (await SearchAsync(api, word)).GetProperty("totalCount").GetInt32());
    }

    [Theory]
    [MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task A_document_page_lists_related_documents_the_reader_may_see(Provider provider)
    {
        var app = await apps.For(provider);
        var api = await app.CreateApiClientAsync(Roles.Editor);
        var word = Word();
        var first = await Created(TestDocuments.UploadAsync(api, Meta($"Code for journalists {word}", type: "CodeOfEthics", countries: ["LI"]), TestDocuments.Pdf($"{word} one")));
        await Created(TestDocuments.UploadAsync(api, Meta($"Code for editors {word}", type: "CodeOfEthics", countries: ["LI"]), TestDocuments.Pdf($"{word} two")));
        await Created(TestDocuments.UploadAsync(api, Meta($"Internal code {word}", type: "CodeOfEthics", countries: ["LI"], access: "Restricted"), TestDocuments.Pdf($"{word} three")));
        var slug = (await first.JsonAsync()).GetProperty("slug").GetString()!;

        var anonymous = await app.CreateBrowser().GetHtmlAsync($"/library/{slug}");
        Assert.Contains("Related documents", anonymous, StringComparison.Ordinal);
        Assert.Contains($"Code for editors {word}", anonymous, StringComparison.Ordinal);
        Assert.DoesNotContain($"Internal code {word}", anonymous, StringComparison.Ordinal);
        var editor = await (await app.SignInAsync(Roles.Editor)).GetHtmlAsync($"/library/{slug}");
        Assert.Contains($"Internal code {word}", editor, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task Files_are_judged_by_content_and_downloaded_under_a_safe_name(Provider provider)
    {
        var app = await apps.For(provider);
        var api = await app.CreateApiClientAsync(Roles.Editor);
        var word = Word();

        var image = await TestDocuments.UploadAsync(api, Meta($"Image {word}"), TestDocuments.Png, "picture.pdf");
        Assert.Equal(HttpStatusCode.BadRequest, image.StatusCode);
        Assert.Contains("checked by its content", (await image.JsonAsync()).GetProperty("errors").GetProperty("file")[0].GetString(), StringComparison.Ordinal);

        var html = await Created(TestDocuments.UploadAsync(api, Meta($"Page {word}"), TestDocuments.Html("T", word), "../../etc/report<script>.txt"));
        var slug = (await html.JsonAsync()).GetProperty("slug").GetString()!;
        var file = (await (await api.GetAsync($"/api/v1/library/{slug}")).JsonAsync()).GetProperty("editions")[0].GetProperty("files")[0];
        var download = await app.CreateBrowser().GetAsync(file.GetProperty("downloadUrl").GetString());
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("text/html", download.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal("reportscript.html", download.Content.Headers.ContentDisposition.FileNameStar ?? download.Content.Headers.ContentDisposition.FileName);
        Assert.Equal("nosniff", download.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Contains("sandbox", download.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task Only_focal_points_of_the_publisher_and_editors_add_documents(Provider provider)
    {
        var app = await apps.For(provider);
        var own = await app.CreateOrganisationAsync();
        var other = await app.CreateOrganisationAsync();
        var focal = await app.CreateApiClientAsync(Roles.FocalPoint, own.Id);
        var word = Word();

        Assert.Equal(HttpStatusCode.Forbidden, (await TestDocuments.UploadAsync(focal, Meta($"Other {word}", publisher: other.Id), TestDocuments.Pdf(word + " a"))).StatusCode);
        await Created(TestDocuments.UploadAsync(focal, Meta($"Own {word}", publisher: own.Id), TestDocuments.Pdf(word + " b")));
        Assert.Equal(HttpStatusCode.Forbidden, (await TestDocuments.UploadAsync(await app.CreateApiClientAsync(Roles.Reader), Meta($"Reader {word}"), TestDocuments.Pdf(word + " c"))).StatusCode);

        var cookieEditor = await app.SignInAsync(Roles.Editor);
        var viaCookie = await TestDocuments.UploadAsync(cookieEditor, Meta($"Cookie {word}"), TestDocuments.Pdf(word + " d"));
        Assert.True(viaCookie.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden, $"API writes must refuse cookies, got {(int)viaCookie.StatusCode}");

        var organisationPage = await app.CreateBrowser().GetHtmlAsync($"/directory/{own.Slug}");
        Assert.Contains($"Own {word}", organisationPage, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task Demo_catalogue_is_listed_on_country_and_publisher_pages_and_searchable(Provider provider)
    {
        var app = await apps.For(provider);
        var browser = app.CreateBrowser();
        var search = await SearchAsync(browser, "Reference Guide for Anti-Trafficking Legislative Review");
        Assert.Equal("Reference Guide for Anti-Trafficking Legislative Review", search.GetProperty("items")[0].GetProperty("title").GetString());
        var kosovo = await browser.GetHtmlAsync("/countries/XK");
        Assert.Contains("Background Report: Combatting Trafficking in Kosovo", kosovo, StringComparison.Ordinal);
        var mission = await browser.GetHtmlAsync("/directory/osce-mission-kosovo");
        Assert.Contains("Background Report: Combatting Trafficking in Kosovo", mission, StringComparison.Ordinal);
        Assert.DoesNotContain("Reference Guide for Anti-Trafficking Legislative Review", mission, StringComparison.Ordinal);
        var odihr = await browser.GetHtmlAsync("/directory/osce-odihr");
        Assert.Contains("Reference Guide for Anti-Trafficking Legislative Review", odihr, StringComparison.Ordinal);
        var handbook = await browser.GetHtmlAsync("/library/nrm-handbook-2004?lang=en");
        Assert.Contains("Национальные механизмы перенаправления", handbook, StringComparison.Ordinal);
    }

    internal static string Word() => "zq" + Guid.NewGuid().ToString("N")[..10];

    internal static object Meta(string title, string type = "Handbook", string access = "Public", string language = "en", string[]? countries = null, int? year = null, Guid? publisher = null) => new
    {
        title,
        language,
        type,
        themes = new[] { "Prevention" },
        countries = countries ?? [],
        audiences = new[] { "Police" },
        accessLevel = access,
        publicationYear = year,
        publisherId = publisher,
    };

    internal static async Task<HttpResponseMessage> Created(Task<HttpResponseMessage> call)
    {
        var response = await call;
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"Expected 201, got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return response;
    }

    internal static async Task<JsonElement> SearchAsync(HttpClient client, string q, string extra = "")
    {
        var response = await client.GetAsync($"/api/v1/library?q={Uri.EscapeDataString(q)}{extra}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.JsonAsync();
    }

    private static Dictionary<string, int> Facet(JsonElement result, string name) =>
        result.GetProperty("facets").GetProperty(name).EnumerateArray().ToDictionary(v => v.GetProperty("value").GetString()!, v => v.GetProperty("count").GetInt32());
}
