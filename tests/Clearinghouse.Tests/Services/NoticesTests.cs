using System.Net;
using Clearinghouse.Accounts;
using Clearinghouse.Services;
using Clearinghouse.Tests.Directory;
using Clearinghouse.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Clearinghouse.Tests.Services;

/// <summary>Planned-operation notices: secret to everyone but the filing organisation and the named partners.</summary>
public sealed class NoticesTests(Apps apps) : IClassFixture<Apps>
{
    [Theory]
    [MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task A_notice_exists_only_for_the_filing_organisation_and_the_named_partners(Provider provider)
    {
        var app = await apps.For(provider);
        var police = await app.CreateOrganisationAsync("Test police unit " + Unique());
        var shelterNgo = await app.CreateOrganisationAsync();
        var outsider = await app.CreateOrganisationAsync();
        await app.CreateServiceAsync(shelterNgo.Id);

        var filer = await app.CreateApiClientAsync(Roles.FocalPoint, police.Id);
        var area = "Riverside district " + Unique();
        var filed = await EditForms.SendJsonAsync(filer, HttpMethod.Post, "/api/v1/services/operations", new
        {
            operationDate = "2030-03-01",
            area,
            expectedPersons = 4,
            expectedChildren = 1,
            languages = new List<string> { "ro" },
            partners = new[] { shelterNgo.Id },
        });
        Assert.Equal(HttpStatusCode.Created, filed.StatusCode);
        var id = (await filed.JsonAsync()).GetProperty("id").GetGuid();

        var partnerApi = await app.CreateApiClientAsync(Roles.FocalPoint, shelterNgo.Id);
        Assert.Equal(HttpStatusCode.OK, (await filer.GetAsync($"/api/v1/services/operations/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await partnerApi.GetAsync($"/api/v1/services/operations/{id}")).StatusCode);
        Assert.Contains(area, await (await app.SignInAsync(Roles.Reader, shelterNgo.Id)).GetHtmlAsync($"/services/operations/{id}"), StringComparison.Ordinal);
        Assert.Contains(area, await (await app.SignInAsync(Roles.FocalPoint, police.Id)).GetHtmlAsync("/services/operations"), StringComparison.Ordinal);

        var outsiders = new[]
        {
            (Roles.FocalPoint, (Guid?)outsider.Id), (Roles.Reader, null), (Roles.Editor, null), (Roles.Administrator, null),
        };
        foreach (var (role, organisation) in outsiders)
        {
            var api = await app.CreateApiClientAsync(role, organisation);
            Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"/api/v1/services/operations/{id}")).StatusCode);
            Assert.DoesNotContain(area, await api.GetStringAsync("/api/v1/services/operations"), StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.NotFound, (await EditForms.SendJsonAsync(api, HttpMethod.Put, $"/api/v1/services/operations/{id}/places", new { temporaryPlaces = 3 })).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await api.PostAsync($"/api/v1/services/operations/{id}/withdraw", null)).StatusCode);

            var browser = await app.SignInAsync(role, organisation);
            Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync($"/services/operations/{id}")).StatusCode);
            Assert.DoesNotContain(area, await browser.GetHtmlAsync("/services/operations"), StringComparison.Ordinal);
        }

        Assert.Contains("/accounts/sign-in", (await app.CreateBrowser().GetAsync($"/services/operations/{id}")).Headers.Location?.OriginalString ?? "", StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateBrowser().GetAsync($"/api/v1/services/operations/{id}")).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task Partners_see_whether_free_beds_and_temporary_places_suffice(Provider provider)
    {
        var app = await apps.For(provider);
        var police = await app.CreateOrganisationAsync();
        var first = await app.CreateOrganisationAsync("Alpha shelter NGO " + Unique());
        var second = await app.CreateOrganisationAsync("Beta shelter NGO " + Unique());
        await app.CreateServiceAsync(first.Id, s => { s.Beds = 10; s.Occupancy = 4; s.AcceptsChildren = true; s.Languages = ["ro"]; }); // 6 free, for children too
        await app.CreateServiceAsync(first.Id, s => { s.Beds = 5; s.Occupancy = 7; }); // overcrowded: 0 free
        await app.CreateServiceAsync(second.Id, s => { s.Beds = 8; s.Occupancy = null; }); // not reported: counted as 0 free
        await app.CreateServiceAsync(second.Id, s => { s.Beds = 20; s.Occupancy = 0; s.RetiredAt = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero); }); // retired: not counted
        var notice = await app.CreateNoticeAsync(police.Id, [first.Id, second.Id], n => { n.ExpectedPersons = 9; n.ExpectedChildren = 2; n.Languages = ["ro", "ru"]; });

        var secondApi = await app.CreateApiClientAsync(Roles.FocalPoint, second.Id);
        var before = await (await secondApi.GetAsync($"/api/v1/services/operations/{notice.Id}")).JsonAsync();
        Assert.Equal(6, before.GetProperty("freeBeds").GetInt32());
        Assert.Equal(6, before.GetProperty("available").GetInt32());
        Assert.False(before.GetProperty("capacitySuffices").GetBoolean());
        Assert.True(before.GetProperty("capacitySufficesForChildren").GetBoolean());
        Assert.Equal("ru", before.GetProperty("languagesNotCovered")[0].GetString());
        Assert.True(before.GetProperty("partners").EnumerateArray().Single(p => p.GetProperty("organisationId").GetGuid() == second.Id).GetProperty("occupancyUnknown").GetBoolean());

        var recorded = await EditForms.SendJsonAsync(secondApi, HttpMethod.Put, $"/api/v1/services/operations/{notice.Id}/places", new { temporaryPlaces = 3, note = "Church hall, two nights" });
        Assert.Equal(HttpStatusCode.OK, recorded.StatusCode);
        var after = await recorded.JsonAsync();
        Assert.Equal(3, after.GetProperty("temporaryPlaces").GetInt32());
        Assert.Equal(9, after.GetProperty("available").GetInt32());
        Assert.True(after.GetProperty("capacitySuffices").GetBoolean());

        // The filer reads the answer on the page; it cannot record places itself.
        var filerBrowser = await app.SignInAsync(Roles.FocalPoint, police.Id);
        var page = await filerBrowser.GetHtmlAsync($"/services/operations/{notice.Id}");
        Assert.Contains("Capacity suffices: 9 places for 9 persons", page, StringComparison.Ordinal);
        Assert.Contains("Church hall, two nights", page, StringComparison.Ordinal);
        var filerApi = await app.CreateApiClientAsync(Roles.FocalPoint, police.Id);
        Assert.Equal(HttpStatusCode.Forbidden, (await EditForms.SendJsonAsync(filerApi, HttpMethod.Put, $"/api/v1/services/operations/{notice.Id}/places", new { temporaryPlaces = 50 })).StatusCode);

        // The partner's page form.
        var partnerBrowser = await app.SignInAsync(Roles.FocalPoint, first.Id);
        var posted = await TestApp.PostFormAsync(partnerBrowser, $"/services/operations/{notice.Id}", new() { ["temporaryPlaces"] = "2", ["note"] = "Spare room" });
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.Equal(5, await app.QueryAsync(db => db.NoticePartners.Where(p => p.NoticeId == notice.Id).SumAsync(p => p.TemporaryPlaces)));
    }

    [Theory]
    [MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task Filing_a_notice_validates_and_explains_every_problem(Provider provider)
    {
        var app = await apps.For(provider);
        var police = await app.CreateOrganisationAsync();
        var filer = await app.CreateApiClientAsync(Roles.FocalPoint, police.Id);

        var response = await EditForms.SendJsonAsync(filer, HttpMethod.Post, "/api/v1/services/operations", new
        {
            area = "",
            expectedPersons = 2,
            expectedChildren = 5,
            languages = new List<string> { "xx" },
            partners = new[] { Guid.NewGuid() },
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = (await response.JsonAsync()).GetProperty("errors");
        foreach (var field in new[] { "operationDate", "area", "expectedChildren", "languages", "partners" })
        {
            Assert.True(errors.TryGetProperty(field, out _), $"No error for {field}: {errors}");
        }

        var editorWithoutOrganisation = await app.CreateApiClientAsync(Roles.Editor);
        var refused = await EditForms.SendJsonAsync(editorWithoutOrganisation, HttpMethod.Post, "/api/v1/services/operations", new { operationDate = "2030-01-01", area = "x", expectedPersons = 1, partners = new[] { police.Id } });
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(0, await app.QueryAsync(db => db.PlannedOperationNotices.CountAsync(n => n.FiledByOrganisationId == police.Id)));
    }

    [Theory]
    [MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task A_focal_point_files_a_notice_with_the_form_and_can_withdraw_it(Provider provider)
    {
        var app = await apps.For(provider);
        var police = await app.CreateOrganisationAsync();
        var partner = await app.CreateOrganisationAsync("Form partner " + Unique());
        await app.CreateServiceAsync(partner.Id);
        var browser = await app.SignInAsync(Roles.FocalPoint, police.Id);

        var invalid = await TestApp.PostFormAsync(browser, "/services/operations/new", new() { ["area"] = "", ["expectedPersons"] = "many" });
        Assert.Equal(HttpStatusCode.OK, invalid.StatusCode);
        var errorPage = System.Net.WebUtility.HtmlDecode(await invalid.Content.ReadAsStringAsync());
        Assert.Contains("Enter the area of the operation.", errorPage, StringComparison.Ordinal);

        var posted = await TestApp.PostFormAsync(browser, "/services/operations/new", new()
        {
            ["operationDate"] = "2030-06-01",
            ["area"] = "Old town",
            ["expectedPersons"] = "3",
            ["languages"] = "ro, ru",
            ["partners"] = partner.Id.ToString(),
        });
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var location = posted.Headers.Location!.OriginalString;
        Assert.StartsWith("/services/operations/", location, StringComparison.Ordinal);
        var id = Guid.Parse(location["/services/operations/".Length..]);

        var withdrawn = await TestApp.PostFormAsync(browser, $"/services/operations/{id}?handler=withdraw", [], location);
        Assert.Equal(HttpStatusCode.Redirect, withdrawn.StatusCode);
        Assert.NotNull(await app.QueryAsync(db => db.PlannedOperationNotices.Where(n => n.Id == id).Select(n => n.RetiredAt).SingleAsync()));
    }

    private static string Unique() => Guid.NewGuid().ToString("N")[..8];
}
