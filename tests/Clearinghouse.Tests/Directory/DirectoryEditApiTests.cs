using System.Net;
using System.Text.Json;
using Clearinghouse.Accounts;
using Clearinghouse.Common;
using Clearinghouse.Directory;
using Clearinghouse.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Clearinghouse.Tests.Directory;

/// <summary>
/// The write API (token only) and the people/body reads. Validation problems are keyed by the camelCase JSON field name
/// the client sent ("country", "members[0].role").
/// </summary>
public sealed class DirectoryEditApiTests(Apps apps) : IClassFixture<Apps>
{
    [Theory]
    [MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task Editor_creates_updates_retires_and_restores_an_organisation(Provider provider)
    {
        var app = await apps.For(provider);
        var api = await app.CreateApiClientAsync(Roles.Editor);
        var name = "Api Outreach " + Unique();

        var created = await EditForms.SendJsonAsync(api, HttpMethod.Post, "/api/v1/organisations",
            new { name, type = "Ngo", country = "AL", countriesActive = new List<string> { "AL", "XK" }, thematicAreas = new List<string> { "Prevention" }, nameRu = "Аутрич" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var dto = await created.JsonAsync();
        var id = dto.GetProperty("id").GetGuid();
        Assert.Equal($"/api/v1/organisations/{id}", created.Headers.Location!.OriginalString);
        Assert.Equal(1, dto.GetProperty("version").GetInt32());
        Assert.Equal("XK", dto.GetProperty("countriesActive")[1].GetString());

        var updated = await EditForms.SendJsonAsync(api, HttpMethod.Put, $"/api/v1/organisations/{id}",
            new { name = name + " Renamed", type = "Ngo", country = "AL", version = 1 });
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        Assert.Equal(2, (await updated.JsonAsync()).GetProperty("version").GetInt32());

        var retired = await api.PostAsync($"/api/v1/organisations/{id}/retire", null);
        Assert.Equal(HttpStatusCode.OK, retired.StatusCode);
        Assert.True((await retired.JsonAsync()).GetProperty("retired").GetBoolean());
        Assert.NotNull(await app.QueryAsync(db => db.Organisations.Where(o => o.Id == id).Select(o => o.RetiredAt).SingleAsync()));
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateBrowser().GetAsync($"/api/v1/organisations/{id}")).StatusCode);

        var restored = await api.PostAsync($"/api/v1/organisations/{id}/restore", null);
        Assert.Equal(HttpStatusCode.OK, restored.StatusCode);
        Assert.False((await restored.JsonAsync()).GetProperty("retired").GetBoolean());
        Assert.Equal(name + " Renamed", (await (await app.CreateBrowser().GetAsync($"/api/v1/organisations/{id}")).JsonAsync()).GetProperty("name").GetString());
    }

    [Theory]
    [MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task Invalid_input_answers_a_validation_problem_keyed_by_the_json_field(Provider provider)
    {
        var app = await apps.For(provider);
        var api = await app.CreateApiClientAsync(Roles.Editor);

        var response = await EditForms.SendJsonAsync(api, HttpMethod.Post, "/api/v1/organisations",
            new { name = "", type = "Ngo", country = "ZZ", countriesActive = new List<string> { "QQ" }, publicEmail = "nobody" });
        var problem = await response.JsonAsync();
        var errors = problem.GetProperty("errors");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(errors.TryGetProperty("name", out _));
        Assert.True(errors.TryGetProperty("country", out _));
        Assert.True(errors.TryGetProperty("countriesActive", out _));
        Assert.True(errors.TryGetProperty("publicEmail", out _));
        Assert.False(errors.TryGetProperty("type", out _));
    }

    [Theory]
    [MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task Malformed_json_unknown_fields_and_bad_codes_answer_400_naming_the_field(Provider provider)
    {
        var app = await apps.For(provider);
        var api = await app.CreateApiClientAsync(Roles.Editor);
        var before = await app.QueryAsync(db => db.Organisations.CountAsync());

        var badEnum = await EditForms.SendJsonAsync(api, HttpMethod.Post, "/api/v1/organisations", """{"name":"Bad code","type":"Charity"}""");
        var unknownField = await EditForms.SendJsonAsync(api, HttpMethod.Post, "/api/v1/organisations", """{"name":"Unknown field","type":"Ngo","colour":"red"}""");
        var malformed = await EditForms.SendJsonAsync(api, HttpMethod.Post, "/api/v1/organisations", """{"name":"Broken", "type": }""");
        var badMemberRole = await EditForms.SendJsonAsync(api, HttpMethod.Post, "/api/v1/bodies",
            """{"name":"Group","kind":"Alliance","members":[{"organisationId":"0193aa00-0000-7000-8000-000000000001","role":"Boss"}]}""");
        var numericEnum = await EditForms.SendJsonAsync(api, HttpMethod.Post, "/api/v1/organisations", """{"name":"Numeric","type":99}""");

        await AssertFieldProblemAsync(badEnum, "type");
        await AssertFieldProblemAsync(unknownField, "colour");
        await AssertFieldProblemAsync(malformed, "type");
        await AssertFieldProblemAsync(badMemberRole, "members[0].role");
        await AssertFieldProblemAsync(numericEnum, "type");
        Assert.Equal(before, await app.QueryAsync(db => db.Organisations.CountAsync()));
    }

    [Theory]
    [MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task A_stale_version_answers_409_and_leaves_the_record_unchanged(Provider provider)
    {
        var app = await apps.For(provider);
        var organisation = await app.CreateOrganisationAsync();
        var first = await app.CreateApiClientAsync(Roles.Editor);
        var second = await app.CreateApiClientAsync(Roles.Editor);

        var saved = await EditForms.SendJsonAsync(first, HttpMethod.Put, $"/api/v1/organisations/{organisation.Id}", new { name = "First wins", type = "Ngo", version = 1 });
        var stale = await EditForms.SendJsonAsync(second, HttpMethod.Put, $"/api/v1/organisations/{organisation.Id}", new { name = "Second loses", type = "Donor", version = 1 });
        var missing = await EditForms.SendJsonAsync(second, HttpMethod.Put, $"/api/v1/organisations/{organisation.Id}", new { name = "No version", type = "Donor" });
        var staleRetire = await second.PostAsync($"/api/v1/organisations/{organisation.Id}/retire?version=1", null);

        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal("application/problem+json", stale.Content.Headers.ContentType?.MediaType);
        Assert.Equal(409, (await stale.JsonAsync()).GetProperty("status").GetInt32());
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.True((await missing.JsonAsync()).GetProperty("errors").TryGetProperty("version", out _));
        Assert.Equal(HttpStatusCode.Conflict, staleRetire.StatusCode);
        var stored = await app.QueryAsync(db => db.Organisations.SingleAsync(o => o.Id == organisation.Id));
        Assert.Equal("First wins", stored.Name);
        Assert.Equal(OrganisationType.Ngo, stored.Type);
        Assert.Null(stored.RetiredAt);
        Assert.Equal(2, stored.Version);
    }

    [Theory]
    [MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task Writes_with_a_browser_cookie_are_refused(Provider provider)
    {
        var app = await apps.For(provider);
        var organisation = await app.CreateOrganisationAsync();
        var browser = await app.SignInAsync(Roles.Editor);
        var name = "Cookie write " + Unique();

        var create = await EditForms.SendJsonAsync(browser, HttpMethod.Post, "/api/v1/organisations", new { name, type = "Ngo" });
        var update = await EditForms.SendJsonAsync(browser, HttpMethod.Put, $"/api/v1/organisations/{organisation.Id}", new { name, type = "Ngo", version = 1 });
        var retire = await browser.PostAsync($"/api/v1/organisations/{organisation.Id}/retire", null);
        var history = await browser.GetAsync($"/api/v1/organisations/{organisation.Id}/history");

        Assert.Equal(HttpStatusCode.Unauthorized, create.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, update.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, retire.StatusCode);
        Assert.Equal(HttpStatusCode.OK, history.StatusCode);
        var stored = await app.QueryAsync(db => db.Organisations.SingleAsync(o => o.Id == organisation.Id));
        Assert.Equal(organisation.Name, stored.Name);
        Assert.Null(stored.RetiredAt);
        Assert.False(await app.QueryAsync(db => db.Organisations.AnyAsync(o => o.Name == name)));
    }

    [Theory]
    [MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task Focal_point_token_changes_only_its_own_organisation_and_people(Provider provider)
    {
        var app = await apps.For(provider);
        var own = await app.CreateOrganisationAsync();
        var other = await app.CreateOrganisationAsync();
        var otherPerson = await app.CreatePersonAsync(other.Id);
        var focal = await app.CreateApiClientAsync(Roles.FocalPoint, own.Id);

        var ownUpdate = await EditForms.SendJsonAsync(focal, HttpMethod.Put, $"/api/v1/organisations/{own.Id}", new { name = own.Name + " updated", type = "Ngo", version = 1 });
        var otherUpdate = await EditForms.SendJsonAsync(focal, HttpMethod.Put, $"/api/v1/organisations/{other.Id}", new { name = "Taken over", type = "Ngo", version = 1 });
        var create = await EditForms.SendJsonAsync(focal, HttpMethod.Post, "/api/v1/organisations", new { name = "New by focal", type = "Ngo" });
        var retireOwn = await focal.PostAsync($"/api/v1/organisations/{own.Id}/retire", null);
        var body = await EditForms.SendJsonAsync(focal, HttpMethod.Post, "/api/v1/bodies", new { name = "Focal body", kind = "Alliance" });
        var ownPerson = await EditForms.SendJsonAsync(focal, HttpMethod.Post, "/api/v1/people", new { organisationId = own.Id, givenName = "Ilona", familyName = "Apiova" });
        var otherPersonCreate = await EditForms.SendJsonAsync(focal, HttpMethod.Post, "/api/v1/people", new { organisationId = other.Id, givenName = "Sly", familyName = "Intruder" });
        var otherPersonUpdate = await EditForms.SendJsonAsync(focal, HttpMethod.Put, $"/api/v1/people/{otherPerson.Id}",
            new { organisationId = other.Id, givenName = "Sly", familyName = "Intruder", version = 1 });
        var otherPersonRetire = await focal.PostAsync($"/api/v1/people/{otherPerson.Id}/retire", null);

        Assert.Equal(HttpStatusCode.OK, ownUpdate.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, otherUpdate.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, create.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, retireOwn.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, body.StatusCode);
        Assert.Equal(HttpStatusCode.Created, ownPerson.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, otherPersonCreate.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, otherPersonUpdate.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, otherPersonRetire.StatusCode);

        var personId = (await ownPerson.JsonAsync()).GetProperty("id").GetGuid();
        var moved = await EditForms.SendJsonAsync(focal, HttpMethod.Put, $"/api/v1/people/{personId}",
            new { organisationId = other.Id, givenName = "Ilona", familyName = "Apiova", version = 1 });
        var retirePerson = await focal.PostAsync($"/api/v1/people/{personId}/retire", null);
        Assert.Equal(HttpStatusCode.Forbidden, moved.StatusCode);
        Assert.Equal(HttpStatusCode.OK, retirePerson.StatusCode);

        var state = await app.QueryAsync(async db => new
        {
            Other = await db.Organisations.SingleAsync(o => o.Id == other.Id),
            Own = await db.Organisations.SingleAsync(o => o.Id == own.Id),
            Person = await db.People.SingleAsync(p => p.Id == personId),
            Intruders = await db.People.CountAsync(p => p.FamilyName == "Intruder"),
        });
        Assert.Equal(other.Name, state.Other.Name);
        Assert.Null(state.Own.RetiredAt);
        Assert.Equal(own.Id, state.Person.OrganisationId);
        Assert.NotNull(state.Person.RetiredAt);
        Assert.Equal(0, state.Intruders);
    }

    [Theory]
    [MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task Readers_and_anonymous_callers_change_nothing(Provider provider)
    {
        var app = await apps.For(provider);
        var organisation = await app.CreateOrganisationAsync();
        var reader = await app.CreateApiClientAsync(Roles.Reader);
        var anonymous = app.CreateClient();

        var readerUpdate = await EditForms.SendJsonAsync(reader, HttpMethod.Put, $"/api/v1/organisations/{organisation.Id}", new { name = "Reader", type = "Ngo", version = 1 });
        var readerPerson = await EditForms.SendJsonAsync(reader, HttpMethod.Post, "/api/v1/people", new { organisationId = organisation.Id, givenName = "R", familyName = "Reader" });
        var anonymousCreate = await EditForms.SendJsonAsync(anonymous, HttpMethod.Post, "/api/v1/organisations", new { name = "Anonymous", type = "Ngo" });
        var anonymousHistory = await anonymous.GetAsync($"/api/v1/organisations/{organisation.Id}/history");
        var badToken = app.CreateClient();
        badToken.DefaultRequestHeaders.Authorization = new("Bearer", "chk_not_a_real_token");
        var badTokenCreate = await EditForms.SendJsonAsync(badToken, HttpMethod.Post, "/api/v1/organisations", new { name = "Bad token", type = "Ngo" });

        Assert.Equal(HttpStatusCode.Forbidden, readerUpdate.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, readerPerson.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymousCreate.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymousHistory.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, badTokenCreate.StatusCode);
        Assert.Equal(organisation.Name, await app.QueryAsync(db => db.Organisations.Where(o => o.Id == organisation.Id).Select(o => o.Name).SingleAsync()));
    }

    [Theory]
    [MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task Anonymous_person_responses_never_contain_restricted_contacts(Provider provider)
    {
        var app = await apps.For(provider);
        var organisation = await app.CreateOrganisationAsync();
        var person = await app.CreatePersonAsync(organisation.Id);
        var anonymous = app.CreateClient();
        var reader = await app.CreateApiClientAsync(Roles.Reader);

        var one = await anonymous.GetAsync($"/api/v1/people/{person.Id}");
        var list = await anonymous.GetStringAsync($"/api/v1/people?organisation={organisation.Id}");
        var oneText = await one.Content.ReadAsStringAsync();
        var partner = await reader.GetStringAsync($"/api/v1/people/{person.Id}");

        Assert.Equal(HttpStatusCode.OK, one.StatusCode);
        Assert.Contains(person.FamilyName, oneText, StringComparison.Ordinal);
        Assert.Contains(person.FamilyName, list, StringComparison.Ordinal);
        foreach (var text in new[] { oneText, list })
        {
            Assert.DoesNotContain(person.DirectPhone!, text, StringComparison.Ordinal);
            Assert.DoesNotContain(person.PersonalEmail!, text, StringComparison.Ordinal);
        }

        Assert.Equal(JsonValueKind.Null, (await one.JsonAsync()).GetProperty("directPhone").ValueKind);
        Assert.Contains(person.DirectPhone!, partner, StringComparison.Ordinal);
        Assert.Contains(person.PersonalEmail!, partner, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task People_list_filters_by_organisation_and_role_and_hides_the_retired(Provider provider)
    {
        var app = await apps.For(provider);
        var organisation = await app.CreateOrganisationAsync();
        var coordinator = await app.CreatePersonAsync(organisation.Id, p => p.Role = FocalPointRole.NationalCoordinator);
        var contact = await app.CreatePersonAsync(organisation.Id, p => p.Role = FocalPointRole.Contact);
        var gone = await app.CreatePersonAsync(organisation.Id, p => p.RetiredAt = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var anonymous = app.CreateClient();

        var all = await (await anonymous.GetAsync($"/api/v1/people?organisation={organisation.Id}")).JsonAsync();
        var coordinators = await (await anonymous.GetAsync($"/api/v1/people?organisation={organisation.Id}&role=NationalCoordinator")).JsonAsync();
        var retired = await anonymous.GetAsync($"/api/v1/people/{gone.Id}");

        Assert.Equal(2, all.GetProperty("totalCount").GetInt32());
        Assert.Equal(coordinator.Id, Assert.Single(coordinators.GetProperty("items").EnumerateArray()).GetProperty("id").GetGuid());
        Assert.Contains(all.GetProperty("items").EnumerateArray(), p => p.GetProperty("id").GetGuid() == contact.Id);
        Assert.Equal(HttpStatusCode.NotFound, retired.StatusCode);
    }

    [Theory]
    [MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task Editor_manages_a_body_and_its_members_through_the_API(Provider provider)
    {
        var app = await apps.For(provider);
        var first = await app.CreateOrganisationAsync();
        var second = await app.CreateOrganisationAsync();
        var api = await app.CreateApiClientAsync(Roles.Editor);
        var name = "Regional Alliance " + Unique();

        var created = await EditForms.SendJsonAsync(api, HttpMethod.Post, "/api/v1/bodies", new
        {
            name,
            kind = "Alliance",
            country = "MD",
            members = new object[] { new { organisationId = first.Id, role = "Chair" }, new { organisationId = second.Id, role = "Member" } },
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.JsonAsync()).GetProperty("id").GetGuid();

        var updated = await EditForms.SendJsonAsync(api, HttpMethod.Put, $"/api/v1/bodies/{id}", new
        {
            name,
            kind = "Alliance",
            country = "MD",
            version = 1,
            members = new object[] { new { organisationId = second.Id, role = "Chair" } },
        });
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);

        var read = await (await app.CreateClient().GetAsync($"/api/v1/bodies/{id}")).JsonAsync();
        var member = Assert.Single(read.GetProperty("members").EnumerateArray());
        Assert.Equal(second.Id, member.GetProperty("organisationId").GetGuid());
        Assert.Equal("Chair", member.GetProperty("role").GetString());
        Assert.Equal(2, read.GetProperty("version").GetInt32());
        var listed = await (await app.CreateClient().GetAsync("/api/v1/bodies?country=MD&kind=Alliance")).JsonAsync();
        Assert.Contains(listed.GetProperty("items").EnumerateArray(), b => b.GetProperty("id").GetGuid() == id);

        var unknownMember = await EditForms.SendJsonAsync(api, HttpMethod.Put, $"/api/v1/bodies/{id}", new
        {
            name,
            kind = "Alliance",
            version = 2,
            members = new object[] { new { organisationId = Guid.NewGuid(), role = "Member" } },
        });
        Assert.Equal(HttpStatusCode.BadRequest, unknownMember.StatusCode);
        Assert.True((await unknownMember.JsonAsync()).GetProperty("errors").TryGetProperty("members", out _));

        var retired = await api.PostAsync($"/api/v1/bodies/{id}/retire", null);
        Assert.Equal(HttpStatusCode.OK, retired.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateClient().GetAsync($"/api/v1/bodies/{id}")).StatusCode);
        Assert.NotNull(await app.QueryAsync(db => db.CoordinationBodies.Where(b => b.Id == id).Select(b => b.RetiredAt).SingleAsync()));
    }

    [Theory]
    [MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task Records_are_never_hard_deleted(Provider provider)
    {
        var app = await apps.For(provider);
        var organisation = await app.CreateOrganisationAsync();
        var person = await app.CreatePersonAsync(organisation.Id);

        await app.QueryAsync(async db =>
        {
            db.Organisations.Remove(await db.Organisations.SingleAsync(o => o.Id == organisation.Id));
            await Assert.ThrowsAsync<HardDeleteNotAllowedException>(() => db.SaveChangesAsync());
            db.ChangeTracker.Clear();
            db.People.Remove(await db.People.SingleAsync(p => p.Id == person.Id));
            await Assert.ThrowsAsync<HardDeleteNotAllowedException>(() => db.SaveChangesAsync());
            return 0;
        });

        Assert.True(await app.QueryAsync(db => db.Organisations.AnyAsync(o => o.Id == organisation.Id)));
        Assert.True(await app.QueryAsync(db => db.People.AnyAsync(p => p.Id == person.Id)));
    }

    [Theory]
    [MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task OpenApi_document_describes_the_write_and_history_endpoints(Provider provider)
    {
        var app = await apps.For(provider);

        var document = await (await app.CreateClient().GetAsync("/openapi/v1.json")).JsonAsync();
        var paths = document.GetProperty("paths");

        Assert.True(paths.GetProperty("/api/v1/organisations").TryGetProperty("post", out var create));
        Assert.True(create.GetProperty("responses").TryGetProperty("201", out _));
        Assert.True(paths.GetProperty("/api/v1/organisations/{id}").GetProperty("put").GetProperty("responses").TryGetProperty("409", out _));
        Assert.True(paths.TryGetProperty("/api/v1/people/{id}/history", out _));
        Assert.True(paths.TryGetProperty("/api/v1/bodies/{id}/retire", out _));
    }

    private static async Task AssertFieldProblemAsync(HttpResponseMessage response, string field)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"Expected 400, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = JsonDocument.Parse(text).RootElement.GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out _), $"No error for '{field}' in {text}");
    }

    private static string Unique() => Guid.NewGuid().ToString("N")[..8];
}
