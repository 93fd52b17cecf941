using System.Net;
using Clearinghouse.Accounts;
using Clearinghouse.Common;
using Clearinghouse.Services;
using Clearinghouse.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Clearinghouse.Tests.Cases.CaseTests;

namespace Clearinghouse.Tests.Cases;

/// <summary>Referrals to one service of a provider, and the service's rules applied when the referral is sent.</summary>
public sealed class ReferralServiceTests(Apps apps) : IClassFixture<Apps>
{
    [Theory]
    [MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task A_referral_to_a_shelter_is_refused_by_the_shelters_rules_and_recorded_for_a_suitable_one(Provider provider)
    {
        var app = await apps.For(provider);
        var team = await app.CreateOrganisationAsync();
        var shelters = await app.CreateOrganisationAsync("Shelters " + Guid.NewGuid().ToString("N")[..6]);
        var elsewhere = await app.CreateOrganisationAsync();
        var lowSecurity = await app.CreateServiceAsync(shelters.Id, s => s.SuitableForWitnessProtection = false);
        var full = await app.CreateServiceAsync(shelters.Id, s => { s.SuitableForWitnessProtection = true; s.Beds = 6; s.Occupancy = 6; });
        var secure = await app.CreateServiceAsync(shelters.Id, s => { s.SuitableForWitnessProtection = true; s.Beds = 6; s.Occupancy = 2; });
        var otherProviders = await app.CreateServiceAsync(elsewhere.Id, s => s.SuitableForWitnessProtection = true);
        var worker = await app.SignInWithTwoFactorAsync(Roles.CaseWorker, team.Id);
        var id = await RegisterAsync(worker, [.. CaseForm("Shpresa", Unique("Witnessova")), new("witnessProtection", "true")]);
        await PostOkAsync(worker, $"/cases/{id}?handler=consent", $"/cases/{id}", [new("scope", "Referral"), new("givenOn", "2025-01-10")]);

        async Task<string> RefusedAsync(Service service, Guid providerId)
        {
            var response = await PostAsync(worker, $"/cases/{id}?handler=refer", $"/cases/{id}", [new("providerOrganisationId", providerId.ToString()), new("serviceId", service.Id.ToString())]);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        }

        Assert.Contains(ShelterPlacement.NotSuitableForWitnesses, await RefusedAsync(lowSecurity, shelters.Id), StringComparison.Ordinal);
        Assert.Contains(ShelterPlacement.NoFreeBeds, await RefusedAsync(full, shelters.Id), StringComparison.Ordinal);
        Assert.Contains("Choose a service the provider offers", await RefusedAsync(otherProviders, shelters.Id), StringComparison.Ordinal);
        Assert.Equal(0, await app.QueryAsync(db => db.Referrals.CountAsync(r => r.CaseId == id)));

        var page = await worker.GetHtmlAsync($"/cases/{id}");
        Assert.Contains(secure.Name, page, StringComparison.Ordinal);
        await PostOkAsync(worker, $"/cases/{id}?handler=refer", $"/cases/{id}", [new("providerOrganisationId", string.Empty), new("serviceId", secure.Id.ToString())]);

        var referral = await app.QueryAsync(db => db.Referrals.SingleAsync(r => r.CaseId == id));
        Assert.Equal(secure.Id, referral.ServiceId);
        Assert.Equal(shelters.Id, referral.ProviderOrganisationId);
        Assert.Equal(ServiceKind.Shelter, referral.Service);
        Assert.Contains(secure.Name, await worker.GetHtmlAsync($"/cases/{id}"), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task A_child_is_not_referred_to_an_adults_only_service_and_a_kind_mismatch_is_explained(Provider provider)
    {
        var app = await apps.For(provider);
        var team = await app.CreateOrganisationAsync();
        var legal = await app.CreateOrganisationAsync();
        var adultsOnly = await app.CreateServiceAsync(legal.Id, s => { s.Kind = ServiceKind.LegalAid; s.MinimumAge = 18; s.Beds = null; s.Occupancy = null; });
        var worker = await app.SignInWithTwoFactorAsync(Roles.CaseWorker, team.Id);
        var form = CaseForm("Lule", Unique("Childova")).Where(f => f.Key != "ageAtIdentification").Append(new("ageAtIdentification", "15")).Append(new("isChild", "true")).ToList();
        var id = await RegisterAsync(worker, form);
        await PostOkAsync(worker, $"/cases/{id}?handler=consent", $"/cases/{id}", [new("scope", "Referral"), new("givenOn", "2025-01-10")]);

        var tooYoung = await PostAsync(worker, $"/cases/{id}?handler=refer", $"/cases/{id}", [new("providerOrganisationId", legal.Id.ToString()), new("serviceId", adultsOnly.Id.ToString())]);
        Assert.Equal(HttpStatusCode.BadRequest, tooYoung.StatusCode);
        Assert.Contains(ShelterPlacement.AgeNotEligible, WebUtility.HtmlDecode(await tooYoung.Content.ReadAsStringAsync()), StringComparison.Ordinal);

        var mismatch = await PostAsync(worker, $"/cases/{id}?handler=refer", $"/cases/{id}", [new("providerOrganisationId", legal.Id.ToString()), new("serviceId", adultsOnly.Id.ToString()), new("service", "Shelter")]);
        Assert.Equal(HttpStatusCode.BadRequest, mismatch.StatusCode);
        Assert.Contains("does not match the service chosen", WebUtility.HtmlDecode(await mismatch.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(0, await app.QueryAsync(db => db.Referrals.CountAsync(r => r.CaseId == id)));
    }

    [Theory]
    [MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task Case_workers_see_the_shelter_board_to_place_persons(Provider provider)
    {
        var app = await apps.For(provider);
        var shelters = await app.CreateOrganisationAsync();
        var shelter = await app.CreateServiceAsync(shelters.Id, s => { s.Beds = 9; s.Occupancy = 7; });
        var worker = await app.SignInWithTwoFactorAsync(Roles.CaseWorker, (await app.CreateOrganisationAsync()).Id);

        var board = await worker.GetHtmlAsync("/services/shelters");

        Assert.Contains(shelter.Name, board, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.CreateApiClientAsync(Roles.Reader)).GetAsync("/api/v1/services/shelters")).StatusCode);
    }

    [Fact]
    public void Eligibility_refuses_only_on_what_the_case_records()
    {
        var womenFromMoldova = new Service { Name = "Women's shelter", Kind = ServiceKind.Shelter, Sexes = [EligibleSex.Female], Nationalities = ["MD"], FormsOfExploitation = [FormOfExploitation.SexualExploitation], Beds = 4, Occupancy = 1 };
        var unknown = new PlacementPerson(false, false, null, null, [], []);
        var man = new PlacementPerson(false, false, 30, EligibleSex.Male, ["UA"], [FormOfExploitation.ForcedLabour]);
        var child = new PlacementPerson(false, true, 12, EligibleSex.Female, ["MD"], [FormOfExploitation.SexualExploitation]);

        Assert.Empty(ShelterPlacement.Refusals(womenFromMoldova, unknown));
        Assert.Equal([ShelterPlacement.SexNotEligible, ShelterPlacement.NationalityNotEligible, ShelterPlacement.ExploitationNotEligible], ShelterPlacement.Refusals(womenFromMoldova, man));
        Assert.Equal([ShelterPlacement.NoChildren], ShelterPlacement.Refusals(womenFromMoldova, child));
        womenFromMoldova.AcceptsChildren = true;
        Assert.Empty(ShelterPlacement.Refusals(womenFromMoldova, child));
        Assert.Empty(ShelterPlacement.Refusals(new Service { Name = "Hotline", Kind = ServiceKind.Hotline, Beds = 0, Occupancy = 0 }, new PlacementPerson(true, false, 30, null, [], [])));
    }
}
