using System.Net;
using Clearinghouse.Accounts;
using Clearinghouse.Directory;
using Clearinghouse.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Clearinghouse.Tests.Directory;

/// <summary>Changing the directory through the edit pages (real sign-in, real antiforgery tokens).</summary>
public sealed class EditingTests(Apps apps) : IClassFixture<Apps>
{
    [Theory]
    [MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task Editor_adds_edits_retires_and_restores_an_organisation_through_the_form(Provider provider)
    {
        var app = await apps.For(provider);
        var editor = await app.SignInAsync(Roles.Editor);
        var name = "Lumina Helpline " + Unique();

        var created = await EditForms.PostAsync(editor, "/directory/edit/organisation", OrganisationFields(name, version: null,
            ("countriesActive", "MD"), ("countriesActive", "RO"), ("thematicAreas", "Prevention"), ("targetGroups", "Women"), ("nameRu", "Горячая линия Люмина")));
        var page = created.Location();
        var shown = await editor.GetHtmlAsync(page);
        var stored = await app.QueryAsync(db => db.Organisations.SingleAsync(o => o.Name == name));

        Assert.Equal($"/directory/{stored.Slug}", page);
        Assert.Contains("govuk-notification-banner--success", shown, StringComparison.Ordinal);
        Assert.Equal(["MD", "RO"], stored.CountriesActive);
        Assert.Equal([ThematicArea.Prevention], stored.ThematicAreas);
        Assert.Equal("Горячая линия Люмина", Assert.Single(stored.Translations).Name);
        Assert.Equal(1, stored.Version);

        var edited = await EditForms.PostAsync(editor, $"/directory/edit/organisation/{stored.Id}", OrganisationFields(name + " Renamed", version: 1));
        Assert.Equal(page, edited.Location());
        var renamed = await app.QueryAsync(db => db.Organisations.SingleAsync(o => o.Id == stored.Id));
        Assert.Equal(name + " Renamed", renamed.Name);
        Assert.Empty(renamed.CountriesActive);

        var retired = await EditForms.PostAsync(editor, $"/directory/edit/organisation/{stored.Id}?handler=retire", [("version", "2")], $"/directory/edit/organisation/{stored.Id}");
        Assert.Equal(page, retired.Location());
        Assert.NotNull(await app.QueryAsync(db => db.Organisations.Where(o => o.Id == stored.Id).Select(o => o.RetiredAt).SingleAsync()));
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateBrowser().GetAsync(page)).StatusCode);

        var restored = await EditForms.PostAsync(editor, $"/directory/edit/organisation/{stored.Id}?handler=restore", [("version", "3")], $"/directory/edit/organisation/{stored.Id}");
        Assert.Equal(page, restored.Location());
        Assert.Null(await app.QueryAsync(db => db.Organisations.Where(o => o.Id == stored.Id).Select(o => o.RetiredAt).SingleAsync()));
        Assert.Equal(HttpStatusCode.OK, (await app.CreateBrowser().GetAsync(page)).StatusCode);

        var actions = await app.QueryAsync(db => db.ChangeRecords.Where(c => c.EntityId == stored.Id).OrderBy(c => c.Id).Select(c => c.Action).ToListAsync());
        Assert.Equal(["Created", "Updated", "Retired", "Restored"], actions);
    }

    [Theory]
    [MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task Form_errors_show_a_summary_and_name_each_field_and_nothing_is_saved(Provider provider)
    {
        var app = await apps.For(provider);
        var editor = await app.SignInAsync(Roles.Editor);
        var website = "not-an-address-" + Unique();

        var response = await EditForms.PostAsync(editor, "/directory/edit/organisation",
            [("name", " "), ("type", "Ngo"), ("country", "ZZ"), ("website", website)]);
        var html = System.Net.WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("govuk-error-summary", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"#name\">Enter the organisation's name.</a>", html, StringComparison.Ordinal);
        Assert.Contains("href=\"#country\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"#website\"", html, StringComparison.Ordinal);
        Assert.Contains("id=\"name-error\"", html, StringComparison.Ordinal);
        Assert.Contains("id=\"website-error\"", html, StringComparison.Ordinal);
        Assert.Contains($"value=\"{website}\"", html, StringComparison.Ordinal);
        Assert.StartsWith("Error:", Title(html), StringComparison.Ordinal);
        Assert.False(await app.QueryAsync(db => db.Organisations.AnyAsync(o => o.Website == website)));
    }

    [Theory]
    [MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task Focal_point_edits_own_organisation_and_its_people_but_nothing_else(Provider provider)
    {
        var app = await apps.For(provider);
        var own = await app.CreateOrganisationAsync("Own Shelter " + Unique());
        var other = await app.CreateOrganisationAsync("Other Shelter " + Unique());
        var otherPerson = await app.CreatePersonAsync(other.Id);
        var focal = await app.SignInAsync(Roles.FocalPoint, own.Id);

        Assert.Contains("id=\"edit-organisation\"", await focal.GetHtmlAsync($"/directory/{own.Slug}"), StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"edit-organisation\"", await focal.GetHtmlAsync($"/directory/{other.Slug}"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await focal.GetAsync($"/directory/edit/organisation/{own.Id}")).StatusCode);
        var renamed = await EditForms.PostAsync(focal, $"/directory/edit/organisation/{own.Id}", OrganisationFields(own.Name + " (renamed)", version: 1));
        Assert.Equal($"/directory/{own.Slug}", renamed.Location());

        var added = await EditForms.PostAsync(focal, $"/directory/edit/person", PersonFields(own.Id, "Mira", "Fieldova", version: null), $"/directory/edit/person?organisation={own.Id}");
        Assert.Equal($"/directory/{own.Slug}", added.Location());
        var person = await app.QueryAsync(db => db.People.SingleAsync(p => p.OrganisationId == own.Id && p.FamilyName == "Fieldova"));
        Assert.Equal("+999 555 0111", person.DirectPhone);
        var retired = await EditForms.PostAsync(focal, $"/directory/edit/person/{person.Id}?handler=retire", [("version", "1")], $"/directory/edit/person/{person.Id}");
        Assert.Equal($"/directory/{own.Slug}", retired.Location());
        Assert.NotNull(await app.QueryAsync(db => db.People.Where(p => p.Id == person.Id).Select(p => p.RetiredAt).SingleAsync()));

        await AssertDeniedAsync(focal, await focal.GetAsync($"/directory/edit/organisation/{other.Id}"));
        await AssertDeniedAsync(focal, await focal.GetAsync("/directory/edit/organisation"));
        await AssertDeniedAsync(focal, await focal.GetAsync($"/directory/edit/person/{otherPerson.Id}"));
        await AssertDeniedAsync(focal, await focal.GetAsync($"/directory/edit/person?organisation={other.Id}"));
        await AssertDeniedAsync(focal, await focal.GetAsync("/directory/edit/body"));
        var ownForm = $"/directory/edit/organisation/{own.Id}";
        await AssertDeniedAsync(focal, await EditForms.PostAsync(focal, $"/directory/edit/organisation/{other.Id}", OrganisationFields("Hijacked " + Unique(), version: 1), ownForm));
        await AssertDeniedAsync(focal, await EditForms.PostAsync(focal, "/directory/edit/organisation", OrganisationFields("Created by focal " + Unique(), version: null), ownForm));
        await AssertDeniedAsync(focal, await EditForms.PostAsync(focal, $"{ownForm}?handler=retire", [("version", "2")], ownForm));
        await AssertDeniedAsync(focal, await EditForms.PostAsync(focal, "/directory/edit/person", PersonFields(other.Id, "Sly", "Intruder", version: null), ownForm));
        await AssertDeniedAsync(focal, await EditForms.PostAsync(focal, $"/directory/edit/person/{otherPerson.Id}", PersonFields(other.Id, "Sly", "Intruder", version: 1), ownForm));

        var state = await app.QueryAsync(async db => new
        {
            Other = await db.Organisations.SingleAsync(o => o.Id == other.Id),
            Own = await db.Organisations.SingleAsync(o => o.Id == own.Id),
            Intruders = await db.People.CountAsync(p => p.FamilyName == "Intruder"),
            OtherPerson = await db.People.SingleAsync(p => p.Id == otherPerson.Id),
        });
        Assert.Equal(other.Name, state.Other.Name);
        Assert.Null(state.Own.RetiredAt);
        Assert.Equal(0, state.Intruders);
        Assert.Equal(otherPerson.FamilyName, state.OtherPerson.FamilyName);
    }

    [Theory]
    [MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task Readers_and_anonymous_users_cannot_open_or_post_the_edit_forms(Provider provider)
    {
        var app = await apps.For(provider);
        var organisation = await app.CreateOrganisationAsync();
        var reader = await app.SignInAsync(Roles.Reader);
        var anonymous = app.CreateBrowser();

        var anonymousGet = await anonymous.GetAsync($"/directory/edit/organisation/{organisation.Id}");
        var anonymousPost = await anonymous.PostAsync($"/directory/edit/organisation/{organisation.Id}", new FormUrlEncodedContent([new("name", "Anonymous change")]));
        Assert.Equal(HttpStatusCode.Redirect, anonymousGet.StatusCode);
        Assert.StartsWith("/accounts/sign-in?ReturnUrl=", anonymousGet.Location(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(anonymousGet.Location())).StatusCode);
        Assert.True(anonymousPost.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.BadRequest, $"Anonymous post answered {anonymousPost.StatusCode}");

        await AssertDeniedAsync(reader, await reader.GetAsync($"/directory/edit/organisation/{organisation.Id}"));
        await AssertDeniedAsync(reader, await reader.GetAsync("/directory/edit/organisation"));
        await AssertDeniedAsync(reader, await EditForms.PostAsync(reader, $"/directory/edit/organisation/{organisation.Id}", OrganisationFields("Reader change", version: 1), "/accounts/tokens"));
        Assert.Equal(organisation.Name, await app.QueryAsync(db => db.Organisations.Where(o => o.Id == organisation.Id).Select(o => o.Name).SingleAsync()));
    }

    [Theory]
    [MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task Saving_a_stale_form_shows_who_changed_it_message_and_keeps_the_other_change(Provider provider)
    {
        var app = await apps.For(provider);
        var organisation = await app.CreateOrganisationAsync();
        var first = await app.SignInAsync(Roles.Editor);
        var second = await app.SignInAsync(Roles.Editor);
        var url = $"/directory/edit/organisation/{organisation.Id}";

        var saved = await EditForms.PostAsync(first, url, OrganisationFields("First editor's name " + Unique(), version: 1));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var stale = await EditForms.PostAsync(second, url, OrganisationFields("Second editor's name", version: 1));
        var html = System.Net.WebUtility.HtmlDecode(await stale.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Contains("id=\"conflict\"", html, StringComparison.Ordinal);
        Assert.Contains("Someone else saved a change", html, StringComparison.Ordinal);
        Assert.Contains("name=\"version\" id=\"version\" value=\"2\"", html, StringComparison.Ordinal);
        var stored = await app.QueryAsync(db => db.Organisations.SingleAsync(o => o.Id == organisation.Id));
        Assert.StartsWith("First editor's name", stored.Name, StringComparison.Ordinal);
        Assert.Equal(2, stored.Version);
    }

    [Theory]
    [MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task Editor_adds_a_body_with_members_then_changes_and_removes_members(Provider provider)
    {
        var app = await apps.For(provider);
        var chair = await app.CreateOrganisationAsync();
        var member = await app.CreateOrganisationAsync();
        var newcomer = await app.CreateOrganisationAsync();
        var editor = await app.SignInAsync(Roles.Editor);
        var name = "Working Group on Shelters " + Unique();

        var created = await EditForms.PostAsync(editor, "/directory/edit/body",
        [
            ("name", name), ("kind", "NationalWorkingGroup"), ("country", "MD"), ("convenorId", chair.Id.ToString()),
            ("members[0].organisationId", chair.Id.ToString()), ("members[0].role", "Chair"),
            ("members[1].organisationId", member.Id.ToString()), ("members[1].role", "Member"),
            ("members[2].organisationId", string.Empty), ("members[2].role", "Member"),
        ]);
        var body = await app.QueryAsync(db => db.CoordinationBodies.Include(b => b.Members).SingleAsync(b => b.Name == name));
        Assert.Equal($"/bodies/{body.Slug}", created.Location());
        Assert.Equal(2, body.Members.Count);
        Assert.Contains(body.Members, m => m.OrganisationId == chair.Id && m.Role == MembershipRole.Chair);

        var edited = await EditForms.PostAsync(editor, $"/directory/edit/body/{body.Id}",
        [
            ("name", name), ("kind", "NationalWorkingGroup"), ("country", "MD"), ("convenorId", chair.Id.ToString()), ("version", "1"),
            ("members[0].organisationId", chair.Id.ToString()), ("members[0].role", "Observer"),
            ("members[1].organisationId", member.Id.ToString()), ("members[1].role", "Member"), ("members[1].remove", "true"),
            ("members[2].organisationId", newcomer.Id.ToString()), ("members[2].role", "Secretariat"),
        ]);
        Assert.Equal($"/bodies/{body.Slug}", edited.Location());
        var members = await app.QueryAsync(db => db.BodyMemberships.Where(m => m.BodyId == body.Id).ToListAsync());
        Assert.Equal(2, members.Count);
        Assert.Contains(members, m => m.OrganisationId == chair.Id && m.Role == MembershipRole.Observer);
        Assert.Contains(members, m => m.OrganisationId == newcomer.Id && m.Role == MembershipRole.Secretariat);
        Assert.Equal(2, await app.QueryAsync(db => db.CoordinationBodies.Where(b => b.Id == body.Id).Select(b => b.Version).SingleAsync()));

        var history = await editor.GetHtmlAsync($"/directory/history/body/{body.Id}");
        Assert.Contains($"Member: {member.Name}", history, StringComparison.Ordinal);
        Assert.Contains($"Member: {newcomer.Name}", history, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task Edit_form_has_labelled_fields_with_stable_ids_and_an_antiforgery_token(Provider provider)
    {
        var app = await apps.For(provider);
        var organisation = await app.CreateOrganisationAsync();
        var editor = await app.SignInAsync(Roles.Editor);

        var html = await editor.GetHtmlAsync($"/directory/edit/organisation/{organisation.Id}");

        foreach (var id in new[] { "name", "acronym", "type", "country", "description", "website", "publicEmail", "publicPhone", "address", "nameRu", "descriptionRu" })
        {
            Assert.Contains($"id=\"{id}\"", html, StringComparison.Ordinal);
            Assert.Contains($"for=\"{id}\"", html, StringComparison.Ordinal);
        }

        Assert.Contains("id=\"countriesActive-XK\"", html, StringComparison.Ordinal);
        Assert.Contains("id=\"thematicAreas-Prevention\"", html, StringComparison.Ordinal);
        Assert.Contains("id=\"save\"", html, StringComparison.Ordinal);
        Assert.Contains("id=\"retire\"", html, StringComparison.Ordinal);
        Assert.Contains("__RequestVerificationToken", html, StringComparison.Ordinal);
    }

    private static List<(string, string)> OrganisationFields(string name, int? version, params (string, string)[] extra)
    {
        List<(string, string)> fields = [("name", name), ("type", "Ngo"), ("country", "MD"), ("website", "https://shelter.example.org")];
        if (version is not null)
        {
            fields.Add(("version", version.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        fields.AddRange(extra);
        return fields;
    }

    private static List<(string, string)> PersonFields(Guid organisationId, string given, string family, int? version)
    {
        List<(string, string)> fields =
        [
            ("organisationId", organisationId.ToString()), ("givenName", given), ("familyName", family), ("role", "AntiTraffickingFocalPoint"),
            ("publicEmail", "contact@example.org"), ("directPhone", "+999 555 0111"), ("personalEmail", "private@example.net"),
        ];
        if (version is not null)
        {
            fields.Add(("version", version.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        return fields;
    }

    /// <summary>Refused by the page: a redirect to the access-denied page, which answers 403.</summary>
    private static async Task AssertDeniedAsync(HttpClient client, HttpResponseMessage response)
    {
        var location = response.Location();
        Assert.StartsWith("/accounts/denied", location, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(location)).StatusCode);
    }

    private static string Title(string html) =>
        html[(html.IndexOf("<title>", StringComparison.Ordinal) + 7)..html.IndexOf("</title>", StringComparison.Ordinal)];

    private static string Unique() => Guid.NewGuid().ToString("N")[..8];
}
