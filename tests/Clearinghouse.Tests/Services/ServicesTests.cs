using System.Net;
using System.Text.Json;
using Clearinghouse.Accounts;
using Clearinghouse.Services;
using Clearinghouse.Tests.Directory;
using Clearinghouse.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Clearinghouse.Tests.Services;

/// <summary>The service directory: what the public sees, search, the write API, occupancy and the HSDS export.</summary>
public sealed class ServicesTests(Apps apps) : IClassFixture<Apps>
{
    [Theory]
    [MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task Anonymous_readers_never_see_a_shelters_address_or_telephone_in_pages_api_or_hsds(Provider provider)
    {
        var app = await apps.For(provider);
        var organisation = await app.CreateOrganisationAsync();
        var shelter = await app.CreateServiceAsync(organisation.Id, s => s.Name = "Harbour Shelter " + Unique());
        var demoAddresses = await app.QueryAsync(db => db.Services.Where(s => s.Kind == ServiceKind.Shelter && s.Address != null).Select(s => s.Address!).ToListAsync());
        var secrets = new List<string> { shelter.Address!, shelter.Phone! }.Concat(demoAddresses).ToList();
        var anonymous = app.CreateBrowser();

        var responses = new List<string>();
        foreach (var url in new[]
                 {
                     "/services", $"/services?q={Uri.EscapeDataString(shelter.Name)}", $"/services/{shelter.Id}", "/api/v1/services?pageSize=100",
                     $"/api/v1/services/{shelter.Id}", "/api/v1/services/hsds?pageSize=100", "/api/v1/services/hsds?pageSize=100&page=2",
                 })
        {
            var response = await anonymous.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            responses.Add(Readable(await response.Content.ReadAsStringAsync()));
        }

        var leaks = secrets.Where(secret => responses.Any(r => r.Contains(secret, StringComparison.Ordinal))).ToList();
        Assert.True(leaks.Count == 0, "Shown to the public: " + string.Join(", ", leaks));
        Assert.Contains(shelter.Name, responses[2], StringComparison.Ordinal);

        var partner = await app.SignInAsync(Roles.Reader);
        var partnerPage = await partner.GetHtmlAsync($"/services/{shelter.Id}");
        Assert.Contains(shelter.Address!, partnerPage, StringComparison.Ordinal);
        Assert.Contains(shelter.Phone!, partnerPage, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task A_restricted_service_does_not_exist_for_the_public_but_is_listed_to_partners(Provider provider)
    {
        var app = await apps.For(provider);
        var organisation = await app.CreateOrganisationAsync();
        var name = "Quiet Counselling " + Unique();
        var service = await app.CreateServiceAsync(organisation.Id, s =>
        {
            s.Kind = ServiceKind.PsychologicalSupport;
            s.Name = name;
            s.Visibility = ServiceVisibility.Restricted;
            s.Beds = null;
            s.Occupancy = null;
        });
        var anonymous = app.CreateBrowser();

        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/services/{service.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/api/v1/services/{service.Id}")).StatusCode);
        Assert.DoesNotContain($"/services/{service.Id}", await anonymous.GetHtmlAsync($"/services?q={Uri.EscapeDataString(name)}"), StringComparison.Ordinal);
        Assert.DoesNotContain(name, await anonymous.GetStringAsync("/api/v1/services/hsds?pageSize=100"), StringComparison.Ordinal);

        var partner = await app.SignInAsync(Roles.Reader);
        Assert.Contains($"/services/{service.Id}", await partner.GetHtmlAsync($"/services?q={Uri.EscapeDataString(name)}"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await partner.GetAsync($"/api/v1/services/{service.Id}")).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task Hsds_export_has_public_services_with_their_organization_and_no_shelter_phone_or_location(Provider provider)
    {
        var app = await apps.For(provider);
        var organisation = await app.CreateOrganisationAsync("Open Door Legal " + Unique());
        var legal = await app.CreateServiceAsync(organisation.Id, s =>
        {
            s.Kind = ServiceKind.LegalAid;
            s.Name = "Open Door advice " + Unique();
            s.Beds = null;
            s.Occupancy = null;
            s.MinimumAge = 18;
            s.Hours = "Mondays 09:00-12:00";
        });
        var shelter = await app.CreateServiceAsync(organisation.Id);

        var export = JsonDocument.Parse(await app.CreateBrowser().GetStringAsync("/api/v1/services/hsds?pageSize=100")).RootElement;
        var all = new List<JsonElement>(export.GetProperty("contents").EnumerateArray());
        for (var page = 2; page <= export.GetProperty("total_pages").GetInt32(); page++)
        {
            var next = JsonDocument.Parse(await app.CreateBrowser().GetStringAsync($"/api/v1/services/hsds?pageSize=100&page={page}")).RootElement;
            all.AddRange(next.GetProperty("contents").EnumerateArray());
        }

        var legalRecord = all.Single(s => s.GetProperty("id").GetString() == legal.Id.ToString());
        Assert.Equal(organisation.Name, legalRecord.GetProperty("organization").GetProperty("name").GetString());
        Assert.Equal(legal.Phone, legalRecord.GetProperty("phones")[0].GetProperty("number").GetString());
        Assert.Equal("ro", legalRecord.GetProperty("languages")[0].GetProperty("code").GetString());
        Assert.Equal(18, legalRecord.GetProperty("minimum_age").GetInt32());
        Assert.Equal("Mondays 09:00-12:00", legalRecord.GetProperty("schedules")[0].GetProperty("description").GetString());
        Assert.Equal(legal.Address, legalRecord.GetProperty("service_at_locations")[0].GetProperty("location").GetProperty("addresses")[0].GetProperty("address_1").GetString());
        Assert.Equal("active", legalRecord.GetProperty("status").GetString());

        var shelterRecord = all.Single(s => s.GetProperty("id").GetString() == shelter.Id.ToString());
        Assert.Equal(0, shelterRecord.GetProperty("phones").GetArrayLength());
        Assert.Equal(0, shelterRecord.GetProperty("service_at_locations").GetArrayLength());
        Assert.DoesNotContain(all, s => s.GetProperty("name").GetString() == "Psychological counselling for returned persons");
    }

    [Theory]
    [MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task Search_finds_services_by_kind_country_language_and_eligibility(Provider provider)
    {
        var app = await apps.For(provider);
        var organisation = await app.CreateOrganisationAsync();
        var tag = Unique();
        var children = await app.CreateServiceAsync(organisation.Id, s =>
        {
            s.Name = $"Children's refuge {tag}";
            s.MaximumAge = 17;
            s.AcceptsChildren = true;
            s.Languages = ["uk"];
            s.CountriesServed = ["UA"];
            s.CountryCode = "UA";
            s.FormsOfExploitation = [Common.FormOfExploitation.ForcedBegging];
        });
        var adults = await app.CreateServiceAsync(organisation.Id, s =>
        {
            s.Name = $"Adult refuge {tag}";
            s.MinimumAge = 18;
            s.Sexes = [EligibleSex.Female];
            s.Languages = ["ro"];
            s.CountriesServed = ["MD"];
        });
        var anonymous = app.CreateBrowser();

        async Task<List<string>> Names(string query)
        {
            var page = JsonDocument.Parse(await anonymous.GetStringAsync($"/api/v1/services?q={tag}&pageSize=100&{query}")).RootElement;
            return [.. page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("name").GetString()!)];
        }

        Assert.Equal([children.Name], await Names("age=12"));
        Assert.Equal([adults.Name], await Names("age=30&sex=Female"));
        Assert.Empty(await Names("age=30&sex=Male"));
        Assert.Equal([children.Name], await Names("language=UK"));
        Assert.Equal([adults.Name], await Names("country=md"));
        Assert.Equal(2, (await Names("form=ForcedBegging")).Count); // the adults' refuge takes every form
        Assert.Equal([adults.Name], await Names("form=SexualExploitation"));
        Assert.Equal(2, (await Names("kind=Shelter")).Count);
        Assert.Empty(await Names("kind=Hotline"));

        var page = await anonymous.GetHtmlAsync($"/services?q={tag}&age=12");
        Assert.Contains(children.Name, page, StringComparison.Ordinal);
        Assert.DoesNotContain(adults.Name, page, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task Only_the_shelters_own_focal_point_or_an_editor_updates_its_occupancy(Provider provider)
    {
        var app = await apps.For(provider);
        var shelterOrganisation = await app.CreateOrganisationAsync();
        var otherOrganisation = await app.CreateOrganisationAsync();
        var shelter = await app.CreateServiceAsync(shelterOrganisation.Id);

        var own = await app.CreateApiClientAsync(Roles.FocalPoint, shelterOrganisation.Id);
        var other = await app.CreateApiClientAsync(Roles.FocalPoint, otherOrganisation.Id);
        var reader = await app.CreateApiClientAsync(Roles.Reader);

        Assert.Equal(HttpStatusCode.Forbidden, (await EditForms.SendJsonAsync(other, HttpMethod.Put, $"/api/v1/services/{shelter.Id}/occupancy", new { occupancy = 9 })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await EditForms.SendJsonAsync(reader, HttpMethod.Put, $"/api/v1/services/{shelter.Id}/occupancy", new { occupancy = 9 })).StatusCode);
        Assert.Equal(4, await app.QueryAsync(db => db.Services.Where(s => s.Id == shelter.Id).Select(s => s.Occupancy).SingleAsync()));

        var updated = await EditForms.SendJsonAsync(own, HttpMethod.Put, $"/api/v1/services/{shelter.Id}/occupancy", new { occupancy = 7 });
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        var dto = await updated.JsonAsync();
        Assert.Equal(7, dto.GetProperty("occupancy").GetInt32());
        var stored = await app.QueryAsync(db => db.Services.Where(s => s.Id == shelter.Id).Select(s => new { s.Occupancy, s.OccupancyUpdatedBy, s.OccupancyUpdatedAt }).SingleAsync());
        Assert.Equal(7, stored.Occupancy);
        Assert.StartsWith("focalpoint-", stored.OccupancyUpdatedBy, StringComparison.Ordinal);
        Assert.NotNull(stored.OccupancyUpdatedAt);
        Assert.True(await app.QueryAsync(db => db.ChangeRecords.AnyAsync(c => c.EntityId == shelter.Id && c.Action == "Updated" && c.Changes.Contains("Occupancy"))));

        var negative = await EditForms.SendJsonAsync(own, HttpMethod.Put, $"/api/v1/services/{shelter.Id}/occupancy", new { occupancy = -1 });
        Assert.Equal(HttpStatusCode.BadRequest, negative.StatusCode);
        Assert.Equal("application/problem+json", negative.Content.Headers.ContentType?.MediaType);
        Assert.True((await negative.JsonAsync()).GetProperty("errors").TryGetProperty("occupancy", out _));

        // The page form, by the shelter's own focal point (signed in with a cookie).
        var browser = await app.SignInAsync(Roles.FocalPoint, shelterOrganisation.Id);
        var posted = await TestApp.PostFormAsync(browser, $"/services/{shelter.Id}", new() { ["occupancy"] = "3" });
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.Equal(3, await app.QueryAsync(db => db.Services.Where(s => s.Id == shelter.Id).Select(s => s.Occupancy).SingleAsync()));

        var otherBrowser = await app.SignInAsync(Roles.FocalPoint, otherOrganisation.Id);
        var refused = await TestApp.PostFormAsync(otherBrowser, $"/services/{shelter.Id}", new() { ["occupancy"] = "1" }, "/services");
        Assert.Contains("/accounts/denied", refused.Headers.Location?.OriginalString ?? string.Empty, StringComparison.Ordinal);
        Assert.Equal(3, await app.QueryAsync(db => db.Services.Where(s => s.Id == shelter.Id).Select(s => s.Occupancy).SingleAsync()));
    }

    [Theory]
    [MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task Shelter_board_adds_up_beds_and_is_closed_to_readers_and_the_public(Provider provider)
    {
        var app = await apps.For(provider);
        var organisation = await app.CreateOrganisationAsync();
        var country = "GE";
        await app.CreateServiceAsync(organisation.Id, s => { s.CountryCode = country; s.CountriesServed = [country]; s.Beds = 10; s.Occupancy = 4; });
        await app.CreateServiceAsync(organisation.Id, s => { s.CountryCode = country; s.CountriesServed = [country]; s.Beds = 6; s.Occupancy = 8; });
        await app.CreateServiceAsync(organisation.Id, s => { s.CountryCode = country; s.CountriesServed = [country]; s.Beds = 5; s.Occupancy = null; });

        var focal = await app.CreateApiClientAsync(Roles.FocalPoint, organisation.Id);
        var board = await (await focal.GetAsync($"/api/v1/services/shelters?country={country}")).JsonAsync();
        Assert.Equal(3, board.GetProperty("shelters").GetArrayLength());
        Assert.Equal(21, board.GetProperty("beds").GetInt32());
        Assert.Equal(12, board.GetProperty("occupancy").GetInt32());
        Assert.Equal(6, board.GetProperty("freeBeds").GetInt32()); // 6 + 0 (overcrowded) + unknown

        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.CreateApiClientAsync(Roles.Reader)).GetAsync("/api/v1/services/shelters")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateBrowser().GetAsync("/api/v1/services/shelters")).StatusCode);
        var readerPage = await (await app.SignInAsync(Roles.Reader)).GetAsync("/services/shelters");
        Assert.Contains("/accounts/denied", readerPage.Headers.Location?.OriginalString ?? string.Empty, StringComparison.Ordinal);

        var page = await (await app.SignInAsync(Roles.Editor)).GetHtmlAsync($"/services/shelters?country={country}");
        Assert.Contains("3 shelters: 21 beds, 12 taken, 6 free", page, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task Focal_points_add_services_for_their_own_organisation_only_and_invalid_input_is_a_problem(Provider provider)
    {
        var app = await apps.For(provider);
        var own = await app.CreateOrganisationAsync();
        var other = await app.CreateOrganisationAsync();
        var api = await app.CreateApiClientAsync(Roles.FocalPoint, own.Id);

        var created = await EditForms.SendJsonAsync(api, HttpMethod.Post, "/api/v1/services", new
        {
            organisationId = own.Id,
            kind = "Shelter",
            name = "New Refuge " + Unique(),
            beds = 8,
            languages = new List<string> { "RO", "ru" },
            countriesServed = new List<string> { "MD" },
            address = "Hidden Road 5",
            phone = "+999 555 0777",
            suitableForWitnessProtection = true,
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var dto = await created.JsonAsync();
        Assert.Equal("ro", dto.GetProperty("languages")[0].GetString());
        Assert.True(dto.GetProperty("suitableForWitnessProtection").GetBoolean());
        var id = dto.GetProperty("id").GetGuid();
        var anonymousView = await (await app.CreateBrowser().GetAsync($"/api/v1/services/{id}")).JsonAsync();
        Assert.Equal(JsonValueKind.Null, anonymousView.GetProperty("address").ValueKind);
        Assert.Equal(JsonValueKind.Null, anonymousView.GetProperty("beds").ValueKind);
        Assert.Equal(JsonValueKind.Null, anonymousView.GetProperty("suitableForWitnessProtection").ValueKind);

        var foreign = await EditForms.SendJsonAsync(api, HttpMethod.Post, "/api/v1/services", new { organisationId = other.Id, kind = "LegalAid", name = "Not mine" });
        Assert.Equal(HttpStatusCode.Forbidden, foreign.StatusCode);
        var otherService = await app.CreateServiceAsync(other.Id);
        var update = await EditForms.SendJsonAsync(api, HttpMethod.Put, $"/api/v1/services/{otherService.Id}", new { kind = "Shelter", name = "Taken over", beds = 1, version = 1 });
        Assert.Equal(HttpStatusCode.Forbidden, update.StatusCode);

        var invalid = await EditForms.SendJsonAsync(api, HttpMethod.Post, "/api/v1/services", new
        {
            organisationId = own.Id,
            kind = "Shelter",
            name = "",
            minimumAge = 30,
            maximumAge = 12,
            languages = new List<string> { "qq" },
            countriesServed = new List<string> { "ZZ" },
            email = "nobody",
        });
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Equal("application/problem+json", invalid.Content.Headers.ContentType?.MediaType);
        var errors = (await invalid.JsonAsync()).GetProperty("errors");
        foreach (var field in new[] { "name", "maximumAge", "languages", "countriesServed", "email", "beds" })
        {
            Assert.True(errors.TryGetProperty(field, out _), $"No error for {field}: {errors}");
        }

        var unknownField = await EditForms.SendJsonAsync(api, HttpMethod.Post, "/api/v1/services", "{\"organisationId\":\"" + own.Id + "\",\"kind\":\"Shelter\",\"name\":\"x\",\"beds\":1,\"occupancy\":3}");
        Assert.Equal(HttpStatusCode.BadRequest, unknownField.StatusCode);
    }

    [Fact]
    public void A_witness_protection_case_is_never_placed_in_a_shelter_not_suitable_for_witnesses()
    {
        var lowSecurity = new Service { Name = "Low-security shelter", Kind = ServiceKind.Shelter, SuitableForWitnessProtection = false };
        var secure = new Service { Name = "Secure shelter", Kind = ServiceKind.Shelter, SuitableForWitnessProtection = true };
        var hotline = new Service { Name = "Hotline", Kind = ServiceKind.Hotline };

        Assert.Equal(ShelterPlacement.NotSuitableForWitnesses, ShelterPlacement.Refusal(lowSecurity, witnessProtectionCase: true));
        Assert.Null(ShelterPlacement.Refusal(lowSecurity, witnessProtectionCase: false));
        Assert.Null(ShelterPlacement.Refusal(secure, witnessProtectionCase: true));
        Assert.Equal(ShelterPlacement.NotAShelter, ShelterPlacement.Refusal(hotline, witnessProtectionCase: false));
    }

    /// <summary>HTML decoded, or every JSON string value unescaped: the text a reader would see.</summary>
    private static string Readable(string body) =>
        body.TrimStart().StartsWith('{') ? string.Join('\n', JsonStrings(JsonDocument.Parse(body).RootElement)) : WebUtility.HtmlDecode(body);

    private static IEnumerable<string> JsonStrings(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => [element.GetString()!],
        JsonValueKind.Object => element.EnumerateObject().SelectMany(p => JsonStrings(p.Value)),
        JsonValueKind.Array => element.EnumerateArray().SelectMany(JsonStrings),
        _ => [],
    };

    private static string Unique() => Guid.NewGuid().ToString("N")[..8];
}
