using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Clearinghouse.Accounts;
using Clearinghouse.Activities;
using Clearinghouse.Tests.Directory;
using Clearinghouse.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Clearinghouse.Tests.Library.LibraryTests;

namespace Clearinghouse.Tests.Library;

/// <summary>
/// A document's links to authors in the directory, related activities and related meetings: set through the API and the
/// forms, checked, kept in the history, and shown to each reader only as far as the directory, the inventory and the
/// library's access levels allow — on both databases.
/// </summary>
public sealed class LibraryLinkTests(Apps apps) : IClassFixture<Apps>
{
    [Theory]
    [MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task Authors_and_activities_linked_through_the_API_show_on_the_document_activity_and_organisation_pages_as_far_as_each_reader_may_see(Provider provider)
    {
        var app = await apps.For(provider);
        var api = await app.CreateApiClientAsync(Roles.Editor);
        var word = Word();
        var organisation = await app.CreateOrganisationAsync($"Publishing house {word}");
        var person = await app.CreatePersonAsync(organisation.Id, p => p.PublicEmail = $"author.{word}@example.org");
        var published = await app.CreateActivityAsync(Activity($"Published activity {word}"));
        var draft = await app.CreateActivityAsync(Activity($"Draft activity {word}"), publish: false);

        var open = await UploadAsync(api, word, Linked($"Open report {word}", "Public", [person.Id.ToString()], [published.Slug, draft.Id.ToString()]));
        var closed = await UploadAsync(api, word, Linked($"Partners report {word}", "Partners", [person.PublicEmail!], [published.Id.ToString()]));

        // The API: ids as given or found by key, and readable names; a draft activity only for those who may see it.
        var asEditor = await GetAsync(api, open);
        Assert.Equal([person.Id], Ids(asEditor, "authorPersonIds"));
        Assert.Equal([published.Id, draft.Id], Ids(asEditor, "relatedActivityIds"));
        var anonymousDocument = await GetAsync(app.CreateBrowser(), open);
        Assert.Equal([published.Id], Ids(anonymousDocument, "relatedActivityIds"));
        Assert.Equal(person.FullName, anonymousDocument.GetProperty("authorPeople")[0].GetProperty("name").GetString());
        Assert.Equal([person.Id], Ids(await GetAsync(api, closed), "authorPersonIds"));

        // The document page: the author links to the directory, no restricted contact detail, no draft activity.
        var page = await app.CreateBrowser().GetHtmlAsync($"/library/{open}");
        Assert.Contains($"href=\"/directory/{organisation.Slug}#person-{person.Id}\"", page, StringComparison.Ordinal);
        Assert.Contains(person.FullName, page, StringComparison.Ordinal);
        Assert.Contains($"href=\"/activities/{published.Slug}\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain($"Draft activity {word}", page, StringComparison.Ordinal);
        Assert.DoesNotContain(person.PersonalEmail!, page, StringComparison.Ordinal);
        Assert.DoesNotContain(person.DirectPhone!, page, StringComparison.Ordinal);
        Assert.Contains($"Draft activity {word}", await (await app.SignInAsync(Roles.Editor)).GetHtmlAsync($"/library/{open}"), StringComparison.Ordinal);

        // The activity page lists its documents: anonymous readers the public one only, signed-in partners both.
        var activityPage = await app.CreateBrowser().GetHtmlAsync($"/activities/{published.Slug}");
        Assert.Contains($"Open report {word}", activityPage, StringComparison.Ordinal);
        Assert.DoesNotContain($"Partners report {word}", activityPage, StringComparison.Ordinal);
        var reader = await app.SignInAsync(Roles.Reader);
        var readerPage = await reader.GetHtmlAsync($"/activities/{published.Slug}");
        Assert.Contains($"Open report {word}", readerPage, StringComparison.Ordinal);
        Assert.Contains($"Partners report {word}", readerPage, StringComparison.Ordinal);

        // The organisation page lists the person's publications, by the same access levels.
        var organisationPage = await app.CreateBrowser().GetHtmlAsync($"/directory/{organisation.Slug}");
        Assert.Contains($"id=\"person-{person.Id}\"", organisationPage, StringComparison.Ordinal);
        Assert.Contains($"Open report {word}", organisationPage, StringComparison.Ordinal);
        Assert.DoesNotContain($"Partners report {word}", organisationPage, StringComparison.Ordinal);
        Assert.Contains($"Partners report {word}", await reader.GetHtmlAsync($"/directory/{organisation.Slug}"), StringComparison.Ordinal);

        // A person who leaves the directory disappears from the page for anonymous readers.
        await RetirePersonAsync(app, person.Id);
        Assert.DoesNotContain(person.FullName, await app.CreateBrowser().GetHtmlAsync($"/library/{open}"), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task An_unknown_or_retired_person_or_an_activity_the_caller_may_not_see_names_the_field_and_writes_nothing(Provider provider)
    {
        var app = await apps.For(provider);
        var api = await app.CreateApiClientAsync(Roles.Editor);
        var word = Word();
        var organisation = await app.CreateOrganisationAsync();
        var retired = await app.CreatePersonAsync(organisation.Id, p => p.RetiredAt = DateTimeOffset.UtcNow);
        var someoneElses = await app.CreateActivityAsync(Activity($"Someone else's draft {word}"), publish: false);

        var unknown = await TestDocuments.UploadAsync(api, Linked($"Unknown links {word}", "Public", [Guid.NewGuid().ToString()], ["no-such-activity-" + word]), TestDocuments.Pdf(word));
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        var errors = (await unknown.JsonAsync()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("authorPersonIds", out _), errors.GetRawText());
        Assert.Contains("no-such-activity-" + word, errors.GetProperty("relatedActivityIds")[0].GetString(), StringComparison.Ordinal);
        Assert.False(errors.TryGetProperty("title", out _));

        var retiredAuthor = await TestDocuments.UploadAsync(api, Linked($"Retired author {word}", "Public", [retired.Id.ToString()], []), TestDocuments.Pdf(word + " retired"));
        Assert.True((await retiredAuthor.JsonAsync()).GetProperty("errors").TryGetProperty("authorPersonIds", out _));

        var unknownMeeting = await TestDocuments.UploadAsync(api, new { title = $"Unknown meeting {word}", language = "en", type = "Handbook", relatedMeetingIds = new[] { Guid.NewGuid() } }, TestDocuments.Pdf(word + " meeting"));
        Assert.True((await unknownMeeting.JsonAsync()).GetProperty("errors").TryGetProperty("relatedMeetingIds", out _));

        // A focal point may add their organisation's documents, but not link another organisation's draft activity.
        var focalPoint = await app.CreateApiClientAsync(Roles.FocalPoint, organisation.Id);
        var hidden = await TestDocuments.UploadAsync(focalPoint, new { title = $"Focal {word}", language = "en", type = "Handbook", publisherId = organisation.Id, relatedActivityIds = new[] { someoneElses.Slug } }, TestDocuments.Pdf(word + " focal"));
        Assert.True((await hidden.JsonAsync()).GetProperty("errors").TryGetProperty("relatedActivityIds", out _));

        Assert.Equal(0, await app.QueryAsync(db => db.LibraryEditions.CountAsync(e => e.Title.Contains(word))));
        Assert.Equal(0, (await SearchAsync(api, word)).GetProperty("totalCount").GetInt32());
    }

    [Theory]
    [MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task An_editor_links_authors_and_activities_on_the_forms_by_looking_them_up_and_the_history_keeps_the_change(Provider provider)
    {
        var app = await apps.For(provider);
        var api = await app.CreateApiClientAsync(Roles.Editor);
        var word = Word();
        var organisation = await app.CreateOrganisationAsync();
        var family = "Lookupova" + word;
        var person = await app.CreatePersonAsync(organisation.Id, p => p.FamilyName = family);
        var activity = await app.CreateActivityAsync(Activity($"Shelter network {word}"));
        var browser = await app.SignInAsync(Roles.Editor);

        // Add form: a person ticked by id and an activity typed by its key, one match each: saved with the document.
        var added = await TestApp.PostFileAsync(browser, "/library/add", TestDocuments.Pdf($"Added on the form {word}"), "form.pdf", new Dictionary<string, string>
        {
            ["Title"] = $"Form added {word}",
            ["Language"] = "en",
            ["Type"] = "Handbook",
            ["AccessLevel"] = "Public",
            ["AuthorPersonIds"] = person.Id.ToString(),
            ["ActivityLookup"] = activity.Slug,
        });
        Assert.True(added.StatusCode == HttpStatusCode.Redirect, await added.Content.ReadAsStringAsync());
        var slug = added.Headers.Location!.OriginalString.Split('/')[^1];
        var document = await GetAsync(api, slug);
        Assert.Equal([person.Id], Ids(document, "authorPersonIds"));
        Assert.Equal([activity.Id], Ids(document, "relatedActivityIds"));

        // Edit form: Find only looks up (nothing saved); Save with an unchecked box removes the link.
        var version = document.GetProperty("version").GetInt32().ToString(CultureInfo.InvariantCulture);
        var url = $"/library/{slug}/edit?lang=en";
        Dictionary<string, string> Form(params (string Key, string Value)[] extra)
        {
            var fields = new Dictionary<string, string>
            {
                ["Title"] = $"Form added {word}",
                ["Language"] = "en",
                ["Version"] = version,
                ["Type"] = "Handbook",
                ["AccessLevel"] = "Public",
            };
            foreach (var (key, value) in extra)
            {
                fields[key] = value;
            }

            return fields;
        }

        var second = await app.CreatePersonAsync(organisation.Id, p => { p.FamilyName = family; p.GivenName = "Boris"; });
        var ambiguous = await TestApp.PostFormAsync(browser, url, Form(("RelatedActivityIds", activity.Id.ToString()), ("AuthorLookup", family)));
        var ambiguousPage = await ambiguous.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, ambiguous.StatusCode);
        Assert.Contains("Several records match what you typed", ambiguousPage, StringComparison.Ordinal);
        Assert.Contains($"value=\"{second.Id}\"", ambiguousPage, StringComparison.Ordinal);

        var found = await TestApp.PostFormAsync(browser, url, Form(("RelatedActivityIds", activity.Id.ToString()), ("AuthorLookup", $"boris {family}"), ("find", "Author")));
        var foundPage = await found.Content.ReadAsStringAsync();
        Assert.Matches($"value=\"{second.Id}\"\\s+checked", foundPage);
        Assert.Equal(version, (await GetAsync(api, slug)).GetProperty("version").GetInt32().ToString(CultureInfo.InvariantCulture));

        var unknown = await TestApp.PostFormAsync(browser, url, Form(("AuthorPersonIds", Guid.NewGuid().ToString())));
        Assert.Contains("is not a current contact person in the directory", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var saved = await TestApp.PostFormAsync(browser, url, Form(("AuthorPersonIds", second.Id.ToString())));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var after = await GetAsync(api, slug);
        Assert.Equal([second.Id], Ids(after, "authorPersonIds"));
        Assert.Empty(Ids(after, "relatedActivityIds"));

        var workId = after.GetProperty("id").GetGuid();
        var history = await app.QueryAsync(db => db.ChangeRecords.Where(c => c.EntityId == workId && c.Action == "Updated").ToListAsync());
        var change = Assert.Single(history);
        Assert.Contains("AuthorPersonIds", change.Changes, StringComparison.Ordinal);
        Assert.Contains("RelatedActivityIds", change.Changes, StringComparison.Ordinal);
        Assert.Contains(person.Id.ToString(), change.Changes, StringComparison.Ordinal);
        Assert.Contains("AuthorPersonIds", await browser.GetHtmlAsync(url), StringComparison.Ordinal);

        // An edit through the API that leaves the links alone records no change to them.
        var put = await api.PutAsJsonAsync($"/api/v1/library/{slug}", new { title = $"Form renamed {word}", language = "en", type = "Handbook", accessLevel = "Public", authorPersonIds = new[] { second.Id }, version = after.GetProperty("version").GetInt32() });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var latest = await app.QueryAsync(db => db.ChangeRecords.Where(c => c.EntityId == workId && c.Action == "Updated").ToListAsync());
        Assert.Equal(change.Id, Assert.Single(latest).Id);
    }

    internal static ActivityInput Activity(string title) => new()
    {
        Title = title,
        Status = ActivityStatus.Ongoing,
        Countries = ["MD"],
        ThematicAreas = [Clearinghouse.Directory.ThematicArea.Prevention],
    };

    private static object Linked(string title, string access, string[] authors, string[] activities) => new
    {
        title,
        language = "en",
        type = "ResearchReport",
        accessLevel = access,
        authorPersonIds = authors,
        relatedActivityIds = activities,
    };

    private static List<Guid> Ids(JsonElement document, string property) => [.. document.GetProperty(property).EnumerateArray().Select(e => e.GetGuid())];

    private static async Task RetirePersonAsync(TestApp app, Guid id) =>
        await app.QueryAsync(async db =>
        {
            var person = await db.People.SingleAsync(p => p.Id == id);
            person.RetiredAt = DateTimeOffset.UtcNow;
            return await db.SaveChangesAsync();
        });

    private static async Task<string> UploadAsync(HttpClient api, string word, object meta)
    {
        var response = await Created(TestDocuments.UploadAsync(api, meta, TestDocuments.Pdf($"Text {word} {Guid.NewGuid():N}")));
        return (await response.JsonAsync()).GetProperty("slug").GetString()!;
    }

    private static async Task<JsonElement> GetAsync(HttpClient client, string slug)
    {
        var response = await client.GetAsync($"/api/v1/library/{slug}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.JsonAsync();
    }
}
