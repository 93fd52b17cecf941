using System.Net;
using System.Text.Json;
using Clearinghouse.Accounts;
using Clearinghouse.Tests.Infrastructure;

namespace Clearinghouse.Tests.Directory;

/// <summary>The change history: kept for every change, shown to signed-in partners only, restricted fields never to the public.</summary>
public sealed class HistoryTests(Apps apps) : IClassFixture<Apps>
{
    [Theory]
    [MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task History_page_shows_who_changed_what_from_old_to_new_newest_first(Provider provider)
    {
        var app = await apps.For(provider);
        var organisation = await app.CreateOrganisationAsync("Dawn Centre " + Unique(), o => o.Type = Clearinghouse.Directory.OrganisationType.Ngo);
        var (editorEmail, password) = await app.CreateUserAsync(Roles.Editor);
        var editor = app.CreateBrowser();
        await TestApp.PostFormAsync(editor, "/accounts/sign-in", new() { ["email"] = editorEmail, ["password"] = password });

        var saved = await EditForms.PostAsync(editor, $"/directory/edit/organisation/{organisation.Id}",
            [("name", organisation.Name + " Renamed"), ("type", "Donor"), ("country", "MD"), ("thematicAreas", "AwarenessRaising"), ("version", "1")]);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var reader = await app.SignInAsync(Roles.Reader);
        var html = await reader.GetHtmlAsync($"/directory/history/organisation/{organisation.Id}");

        Assert.Contains("id=\"history-table\"", html, StringComparison.Ordinal);
        Assert.Contains(editorEmail, html, StringComparison.Ordinal);
        Assert.Contains($"{organisation.Name}</span>", html, StringComparison.Ordinal);
        Assert.Contains($"{organisation.Name} Renamed</span>", html, StringComparison.Ordinal);
        Assert.Contains("Non-governmental organisation", html, StringComparison.Ordinal);
        Assert.Contains("Donor", html, StringComparison.Ordinal);
        Assert.Contains("Awareness raising", html, StringComparison.Ordinal);
        Assert.Contains("UTC", html, StringComparison.Ordinal);
        Assert.True(
            html.IndexOf("data-action=\"Updated\"", StringComparison.Ordinal) < html.IndexOf("data-action=\"Created\"", StringComparison.Ordinal),
            "The newest change (Updated) should come before the first (Created).");
    }

    [Theory]
    [MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task History_api_lists_changes_with_old_and_new_values(Provider provider)
    {
        var app = await apps.For(provider);
        var organisation = await app.CreateOrganisationAsync();
        var api = await app.CreateApiClientAsync(Roles.Editor);
        await EditForms.SendJsonAsync(api, HttpMethod.Put, $"/api/v1/organisations/{organisation.Id}", new { name = "Changed by API", type = "Ngo", country = "MD", version = 1 });
        await api.PostAsync($"/api/v1/organisations/{organisation.Id}/retire", null);
        var reader = await app.CreateApiClientAsync(Roles.Reader);

        var forReader = await reader.GetAsync($"/api/v1/organisations/{organisation.Id}/history");
        var entries = (await (await api.GetAsync($"/api/v1/organisations/{organisation.Id}/history")).JsonAsync()).EnumerateArray().ToList();

        Assert.Equal(HttpStatusCode.NotFound, forReader.StatusCode); // retired: editors only
        Assert.Equal(["Retired", "Updated", "Created"], entries.Select(e => e.GetProperty("action").GetString()));
        var name = Assert.Single(entries[1].GetProperty("changes").EnumerateArray(), c => c.GetProperty("field").GetString() == "name");
        Assert.Equal(organisation.Name, name.GetProperty("oldValue").GetString());
        Assert.Equal("Changed by API", name.GetProperty("newValue").GetString());
        Assert.StartsWith("editor-", entries[0].GetProperty("changedBy").GetString(), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.String, entries[0].GetProperty("changedAt").ValueKind);
    }

    [Theory]
    [MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task Anonymous_users_never_see_history_or_restricted_contacts_in_it(Provider provider)
    {
        var app = await apps.For(provider);
        var organisation = await app.CreateOrganisationAsync();
        var person = await app.CreatePersonAsync(organisation.Id);
        var anonymous = app.CreateBrowser();

        var page = await anonymous.GetAsync($"/directory/history/person/{person.Id}");
        var api = await anonymous.GetAsync($"/api/v1/people/{person.Id}/history");
        var pageText = await page.Content.ReadAsStringAsync() + page.Headers.Location;
        var apiText = await api.Content.ReadAsStringAsync();
        var partner = await (await app.SignInAsync(Roles.Reader)).GetHtmlAsync($"/directory/history/person/{person.Id}");

        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/accounts/sign-in?ReturnUrl=", page.Location(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
        foreach (var text in new[] { pageText, apiText })
        {
            Assert.DoesNotContain(person.DirectPhone!, text, StringComparison.Ordinal);
            Assert.DoesNotContain(person.PersonalEmail!, text, StringComparison.Ordinal);
        }

        Assert.Contains("Direct telephone", partner, StringComparison.Ordinal);
        Assert.Contains(person.DirectPhone!, partner, StringComparison.Ordinal);
        Assert.Contains(person.PersonalEmail!, partner, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task History_of_a_retired_record_is_for_editors_and_unknown_records_answer_404(Provider provider)
    {
        var app = await apps.For(provider);
        var organisation = await app.CreateOrganisationAsync(configure: o => o.RetiredAt = new DateTimeOffset(2025, 6, 1, 0, 0, 0, TimeSpan.Zero));
        var reader = await app.SignInAsync(Roles.Reader);
        var editor = await app.SignInAsync(Roles.Editor);

        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync($"/directory/history/organisation/{organisation.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await editor.GetAsync($"/directory/history/organisation/{organisation.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await editor.GetAsync($"/directory/history/organisation/{Guid.NewGuid()}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await editor.GetAsync($"/directory/history/meeting/{organisation.Id}")).StatusCode);
    }

    private static string Unique() => Guid.NewGuid().ToString("N")[..8];
}
