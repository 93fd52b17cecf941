using System.Net;
using System.Net.Http.Json;
using Clearinghouse.Accounts;
using Clearinghouse.Cases;
using Clearinghouse.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Clearinghouse.Tests.Cases;

/// <summary>Case work through the real pages and API on both databases: access, consent, concurrency, audit, duplicates, retention, tasks.</summary>
public sealed class CaseTests(Apps apps) : IClassFixture<Apps>
{
    [Theory]
    [MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task Only_the_case_team_sees_a_cases_identifiers(Provider provider)
    {
        var app = await apps.For(provider);
        var team = await app.CreateOrganisationAsync();
        var other = await app.CreateOrganisationAsync();
        var worker = await app.SignInWithTwoFactorAsync(Roles.CaseWorker, team.Id);
        var family = Unique("Testovna");
        var id = await RegisterAsync(worker, CaseForm("Mirela", family, narrative: "FICTITIOUS story " + family));

        var member = await worker.GetHtmlAsync($"/cases/{id}");
        Assert.Contains(family, member, StringComparison.Ordinal);
        var supervisor = await app.SignInWithTwoFactorAsync(Roles.CaseSupervisor, team.Id);
        Assert.Contains(family, await supervisor.GetHtmlAsync($"/cases/{id}"), StringComparison.Ordinal);

        var outsiders = new Dictionary<string, HttpClient>
        {
            ["worker of another organisation"] = await app.SignInWithTwoFactorAsync(Roles.CaseWorker, other.Id),
            ["supervisor of another organisation"] = await app.SignInWithTwoFactorAsync(Roles.CaseSupervisor, other.Id),
            ["team worker without two-factor sign-in"] = await app.SignInAsync(Roles.CaseWorker, team.Id),
            ["administrator"] = await app.SignInAsync(Roles.Administrator),
            ["editor"] = await app.SignInAsync(Roles.Editor),
            ["reader"] = await app.SignInAsync(Roles.Reader),
            ["focal point of the team organisation"] = await app.SignInAsync(Roles.FocalPoint, team.Id),
            ["anonymous"] = app.CreateBrowser(),
        };
        var urls = new[] { $"/cases/{id}", $"/cases/{id}/edit", "/cases", $"/api/v1/cases/{id}", "/api/v1/cases" };
        foreach (var (who, client) in outsiders)
        {
            foreach (var url in urls)
            {
                var response = await client.GetAsync(url);
                var body = await response.Content.ReadAsStringAsync();
                Assert.False(body.Contains(family, StringComparison.Ordinal), $"{who} sees the name at {url}");
                Assert.True(
                    response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Redirect or HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized
                    || (response.StatusCode == HttpStatusCode.OK && (url is "/cases" or "/api/v1/cases")),
                    $"{who} got {(int)response.StatusCode} at {url}");
            }
        }

        var noTwoFactor = await outsiders["team worker without two-factor sign-in"].GetAsync($"/cases/{id}");
        Assert.Equal("/cases/two-factor?required=true", noTwoFactor.Headers.Location?.OriginalString);

        var api = await app.CreateCaseApiClientAsync(Roles.CaseWorker, team.Id);
        var dto = await api.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/v1/cases/{id}");

        // The organisation's case list, newest first (read from the team's newest memberships), on the API and the dashboard page.
        var newer = await RegisterAsync(worker, CaseForm("Mirela", Unique("Newerova")));
        var listed = (await api.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/v1/cases")).EnumerateArray().Select(c => c.GetProperty("id").GetGuid()).ToList();
        Assert.Equal([newer, id], listed);
        Assert.Contains($"/cases/{id}", await worker.GetHtmlAsync("/cases"), StringComparison.Ordinal);
        Assert.Empty((await (await outsiders["worker of another organisation"].GetAsync("/api/v1/cases")).Content.ReadAsStringAsync()).Trim('[', ']'));
        Assert.Equal(family, dto.GetProperty("details").GetProperty("familyName").GetString());
        var apiWithoutTwoFactor = await app.CreateCaseApiClientAsync(Roles.CaseWorker, team.Id, twoFactor: false);
        Assert.Equal(HttpStatusCode.Forbidden, (await apiWithoutTwoFactor.GetAsync($"/api/v1/cases/{id}")).StatusCode);
        var apiOutsider = await app.CreateCaseApiClientAsync(Roles.CaseWorker, other.Id);
        Assert.Equal(HttpStatusCode.NotFound, (await apiOutsider.GetAsync($"/api/v1/cases/{id}")).StatusCode);

        var viewsByMembers = await app.QueryAsync(db => db.CaseAudit.CountAsync(a => a.CaseId == id && a.Action == AuditActions.Viewed));
        Assert.True(viewsByMembers >= 3, "every view by the team is in the audit log");
    }

    [Theory]
    [MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task A_referral_shows_the_provider_only_what_the_consent_covers(Provider provider)
    {
        var app = await apps.For(provider);
        var team = await app.CreateOrganisationAsync();
        var shelter = await app.CreateOrganisationAsync("Shelter " + Guid.NewGuid().ToString("N")[..6]);
        var worker = await app.SignInWithTwoFactorAsync(Roles.CaseWorker, team.Id);
        var family = Unique("Consentova");
        var id = await RegisterAsync(worker, CaseForm("Elira", family, narrative: "FICTITIOUS secret narrative " + family));

        var refused = await TestApp.PostFormAsync(worker, $"/cases/{id}?handler=refer", new() { ["providerOrganisationId"] = shelter.Id.ToString(), ["service"] = "Shelter" }, $"/cases/{id}");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("has not consented to be referred", WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()), StringComparison.Ordinal);

        await PostOkAsync(worker, $"/cases/{id}?handler=consent", $"/cases/{id}", [new("scope", "Referral"), new("givenOn", "2025-01-10")]);
        await PostOkAsync(worker, $"/cases/{id}?handler=consent", $"/cases/{id}", [new("scope", "DataSharing"), new("givenOn", "2025-01-10"), new("organisations", shelter.Id.ToString()), new("categories", "Names")]);

        var tooMuch = await PostAsync(worker, $"/cases/{id}?handler=refer", $"/cases/{id}", [new("providerOrganisationId", shelter.Id.ToString()), new("service", "Shelter"), new("sharedCategories", "Names"), new("sharedCategories", "Narrative")]);
        Assert.Equal(HttpStatusCode.BadRequest, tooMuch.StatusCode);
        await PostOkAsync(worker, $"/cases/{id}?handler=refer", $"/cases/{id}", [new("providerOrganisationId", shelter.Id.ToString()), new("service", "Shelter"), new("sharedCategories", "Names")]);

        var provider1 = await app.SignInWithTwoFactorAsync(Roles.CaseWorker, shelter.Id);
        var referralId = await app.QueryAsync(db => db.Referrals.Where(r => r.CaseId == id).Select(r => r.Id).SingleAsync());
        var seen = await provider1.GetHtmlAsync($"/cases/referrals/{referralId}");
        Assert.Contains(family, seen, StringComparison.Ordinal);
        Assert.DoesNotContain("secret narrative", seen, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await provider1.GetAsync($"/cases/{id}")).StatusCode);

        await PostOkAsync(provider1, $"/cases/referrals/{referralId}?handler=accept", $"/cases/referrals/{referralId}", []);
        Assert.Equal(ReferralStatus.Accepted, await app.QueryAsync(db => db.Referrals.Where(r => r.Id == referralId).Select(r => r.Status).SingleAsync()));

        // Accepting does not put the provider on the case team (ADR 0018): the case stays "not found" for it, page and
        // API alike, and the referral view still shows only the consented names.
        Assert.Equal(HttpStatusCode.NotFound, (await provider1.GetAsync($"/cases/{id}")).StatusCode);
        var providerApi = await app.CreateCaseApiClientAsync(Roles.CaseWorker, shelter.Id);
        Assert.Equal(HttpStatusCode.NotFound, (await providerApi.GetAsync($"/api/v1/cases/{id}")).StatusCode);
        Assert.False(await app.QueryAsync(db => db.CaseTeamMembers.AnyAsync(t => t.CaseId == id && t.OrganisationId == shelter.Id)));
        var afterAcceptance = await provider1.GetHtmlAsync($"/cases/referrals/{referralId}");
        Assert.Contains(family, afterAcceptance, StringComparison.Ordinal);
        Assert.DoesNotContain("secret narrative", afterAcceptance, StringComparison.Ordinal);

        var sharing = await app.QueryAsync(db => db.Consents.Where(c => c.CaseId == id && c.Scope == ConsentScope.DataSharing).Select(c => c.Id).SingleAsync());
        await PostOkAsync(worker, $"/cases/{id}?handler=withdraw", $"/cases/{id}", [new("consentId", sharing.ToString())]);
        var afterWithdrawal = await provider1.GetHtmlAsync($"/cases/referrals/{referralId}");
        Assert.DoesNotContain(family, afterWithdrawal, StringComparison.Ordinal);
        Assert.Contains("No personal data is shared", afterWithdrawal, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task Two_workers_editing_one_case_do_not_overwrite_each_other(Provider provider)
    {
        var app = await apps.For(provider);
        var team = await app.CreateOrganisationAsync();
        var first = await app.SignInWithTwoFactorAsync(Roles.CaseWorker, team.Id);
        var second = await app.SignInWithTwoFactorAsync(Roles.CaseWorker, team.Id);
        var id = await RegisterAsync(first, CaseForm("Arta", Unique("Versionova")));

        var saved = await PostAsync(first, $"/cases/{id}/edit", $"/cases/{id}/edit", [.. CaseForm("Arta", "First-change"), new("version", "0")]);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var stale = await PostAsync(second, $"/cases/{id}/edit", $"/cases/{id}/edit", [.. CaseForm("Arta", "Second-change"), new("version", "0")]);
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Contains("Someone else changed this case", WebUtility.HtmlDecode(await stale.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Contains("First-change", await first.GetHtmlAsync($"/cases/{id}"), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task Audit_verification_finds_an_edited_entry(Provider provider)
    {
        var app = await apps.For(provider);
        var team = await app.CreateOrganisationAsync();
        var worker = await app.SignInWithTwoFactorAsync(Roles.CaseWorker, team.Id);
        var id = await RegisterAsync(worker, CaseForm("Drita", Unique("Auditova")));
        await worker.GetHtmlAsync($"/cases/{id}");

        Assert.True((await app.QueryAsync(db => CaseAudit.VerifyAsync(db, CancellationToken.None))).IsIntact);
        var target = await app.QueryAsync(db => db.CaseAudit.Where(a => a.CaseId == id && a.Action == AuditActions.Viewed).Select(a => a.Sequence).FirstAsync());
        await app.QueryAsync(db => db.CaseAudit.Where(a => a.Sequence == target).ExecuteUpdateAsync(s => s.SetProperty(a => a.Actor, "someone-else@example.org")));

        var result = await app.QueryAsync(db => CaseAudit.VerifyAsync(db, CancellationToken.None));
        Assert.Equal(target, result.BrokenAt);
        await app.QueryAsync(db => db.CaseAudit.Where(a => a.Sequence >= target).ExecuteDeleteAsync()); // leave an intact chain for the other tests
    }

    [Theory]
    [MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task Registration_warns_of_the_same_person_at_another_organisation_without_showing_the_case(Provider provider)
    {
        var app = await apps.For(provider);
        var first = await app.CreateOrganisationAsync("First NGO " + Guid.NewGuid().ToString("N")[..6]);
        var second = await app.CreateOrganisationAsync();
        var family = Unique("Popescu");
        var one = await app.SignInWithTwoFactorAsync(Roles.CaseWorker, first.Id);
        await RegisterAsync(one, CaseForm("Ana-Maria", family, dob: "1998-03-04", narrative: "FICTITIOUS first narrative"));

        var two = await app.SignInWithTwoFactorAsync(Roles.CaseWorker, second.Id);
        var response = await PostAsync(two, "/cases/register", "/cases/register", CaseForm("MARIA", family + " Ana", dob: "1998-03-04"));
        var page = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($"A case with matching identifiers exists at {first.Name}", page, StringComparison.Ordinal);
        Assert.DoesNotContain("first narrative", page, StringComparison.Ordinal);

        var newCase = await app.QueryAsync(db => db.Cases.Where(c => c.OwnerOrganisationId == second.Id).Select(c => c.Id).SingleAsync());
        await PostOkAsync(two, $"/cases/{newCase}?handler=link", $"/cases/{newCase}", [new("organisationId", first.Id.ToString())]);
        Assert.Equal(1, await app.QueryAsync(db => db.CaseLinkRequests.CountAsync(l => l.FromCaseId == newCase && l.ToOrganisationId == first.Id)));
        Assert.Contains("matching one of your cases", await one.GetHtmlAsync("/cases"), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task Retention_destroys_identifiers_of_long_closed_cases_and_keeps_statistics(Provider provider)
    {
        var app = await apps.For(provider);
        var team = await app.CreateOrganisationAsync();
        var worker = await app.SignInWithTwoFactorAsync(Roles.CaseWorker, team.Id);
        var family = Unique("Retentova");
        var id = await RegisterAsync(worker, CaseForm("Besa", family, doc: "RT" + Guid.NewGuid().ToString("N")[..8]));
        var recent = await RegisterAsync(worker, CaseForm("Besa", family + "b"));
        await PostOkAsync(worker, $"/cases/{id}?handler=close", $"/cases/{id}", []);
        await PostOkAsync(worker, $"/cases/{recent}?handler=close", $"/cases/{recent}", []);
        await app.QueryAsync(db => db.Cases.Where(c => c.Id == id).ExecuteUpdateAsync(s => s.SetProperty(c => c.ClosedOn, new DateOnly(2000, 1, 1))));

        var report = await app.AsOperatorAsync(s => s.GetRequiredService<CaseMaintenance>().AnonymiseExpiredAsync(CancellationToken.None));

        Assert.True(report.Anonymised >= 1);
        var stored = await app.QueryAsync(db => db.Cases.AsNoTracking().SingleAsync(c => c.Id == id));
        Assert.Null(stored.PersonalData);
        Assert.Equal(CaseState.Anonymised, stored.State);
        Assert.Equal(Gender.Feminine, stored.Gender);
        Assert.Equal(0, await app.QueryAsync(db => db.CaseIdentifierHashes.CountAsync(h => h.CaseId == id)));
        Assert.NotNull(await app.QueryAsync(db => db.Cases.Where(c => c.Id == recent).Select(c => c.PersonalData).SingleAsync()));
        Assert.Contains("were destroyed under the retention rules", await worker.GetHtmlAsync($"/cases/{id}"), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task An_overdue_step_is_a_task_on_the_workers_dashboard(Provider provider)
    {
        var app = await apps.For(provider);
        var team = await app.CreateOrganisationAsync();
        var worker = await app.SignInWithTwoFactorAsync(Roles.CaseWorker, team.Id);
        var id = await RegisterAsync(worker, CaseForm("Teuta", Unique("Taskova")));
        await PostOkAsync(worker, $"/cases/{id}?handler=addStep", $"/cases/{id}", [new("kind", "ResidencePermit"), new("dueOn", "2020-02-01")]);
        var number = await app.QueryAsync(db => db.Cases.Where(c => c.Id == id).Select(c => c.CaseNumber).SingleAsync());

        var dashboard = await worker.GetHtmlAsync("/cases");
        var row = dashboard[dashboard.IndexOf(number, StringComparison.Ordinal)..];
        Assert.Contains("Residence permit", row[..Math.Min(row.Length, 600)], StringComparison.Ordinal);
        Assert.Contains("Overdue", row[..Math.Min(row.Length, 600)], StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task Break_glass_opens_a_case_for_a_supervisor_and_tells_the_owner(Provider provider)
    {
        var app = await apps.For(provider);
        var team = await app.CreateOrganisationAsync();
        var other = await app.CreateOrganisationAsync();
        var worker = await app.SignInWithTwoFactorAsync(Roles.CaseWorker, team.Id);
        var family = Unique("Glassova");
        var id = await RegisterAsync(worker, CaseForm("Vjosa", family));
        var number = await app.QueryAsync(db => db.Cases.Where(c => c.Id == id).Select(c => c.CaseNumber).SingleAsync());
        var supervisor = await app.SignInWithTwoFactorAsync(Roles.CaseSupervisor, other.Id);
        var outsiderWorker = await app.SignInWithTwoFactorAsync(Roles.CaseWorker, other.Id);
        Assert.Equal(HttpStatusCode.NotFound, (await supervisor.GetAsync($"/cases/{id}")).StatusCode);

        var noReason = await PostAsync(supervisor, "/cases/break-glass", "/cases/break-glass", [new("caseNumber", number), new("reason", "")]);
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        var notSupervisor = await PostAsync(outsiderWorker, "/cases/break-glass", "/accounts/sign-in-code", [new("caseNumber", number), new("reason", "Person in danger tonight")]);
        Assert.StartsWith("/accounts/denied", notSupervisor.Headers.Location?.AbsolutePath ?? notSupervisor.Headers.Location?.OriginalString ?? string.Empty, StringComparison.Ordinal);
        var opened = await PostAsync(supervisor, "/cases/break-glass", "/cases/break-glass", [new("caseNumber", number), new("reason", "Person in danger tonight, owner unreachable")]);
        Assert.Equal($"/cases/{id}", opened.Headers.Location?.OriginalString);

        var page = await supervisor.GetHtmlAsync($"/cases/{id}");
        Assert.Contains(family, page, StringComparison.Ordinal);
        Assert.Contains("emergency access", page, StringComparison.Ordinal);
        Assert.Contains("Person in danger tonight", await worker.GetHtmlAsync("/cases"), StringComparison.Ordinal);
        Assert.Equal(1, await app.QueryAsync(db => db.CaseAudit.CountAsync(a => a.CaseId == id && a.Action == AuditActions.BreakGlass)));
        var expires = await app.QueryAsync(db => db.BreakGlassGrants.Where(g => g.CaseId == id).Select(g => new { g.GrantedAt, g.ExpiresAt }).SingleAsync());
        Assert.Equal(TimeSpan.FromHours(4), expires.ExpiresAt - expires.GrantedAt);
    }

    [Theory]
    [MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task Key_rotation_reseals_every_case_and_old_data_still_opens(Provider provider)
    {
        var app = await apps.For(provider);
        var team = await app.CreateOrganisationAsync();
        var worker = await app.SignInWithTwoFactorAsync(Roles.CaseWorker, team.Id);
        var family = Unique("Rotova");
        var id = await RegisterAsync(worker, CaseForm("Liridona", family));

        var report = await app.AsOperatorAsync(s => s.GetRequiredService<CaseMaintenance>().RotateKeyAsync(CancellationToken.None));

        var blob = await app.QueryAsync(db => db.Cases.Where(c => c.Id == id).Select(c => c.PersonalData!).SingleAsync());
        Assert.Equal(report.NewKeyId, CaseCipher.KeyIdOf(blob));
        Assert.Contains(family, await worker.GetHtmlAsync($"/cases/{id}"), StringComparison.Ordinal);
    }

    internal static string Unique(string name) => name + Guid.NewGuid().ToString("N")[..6];

    internal static List<KeyValuePair<string, string>> CaseForm(string given, string family, string? dob = null, string? doc = null, string? narrative = null) =>
    [
        new("givenName", given), new("familyName", family), new("dateOfBirth", dob ?? string.Empty),
        new("documentKind", doc is null ? string.Empty : "Passport"), new("documentNumber", doc ?? string.Empty),
        new("narrative", narrative ?? "FICTITIOUS test case"), new("gender", "Feminine"), new("ageAtIdentification", "27"),
        new("citizenship", "MD"), new("formsOfExploitation", "ForcedLabour"), new("labourSector", "Construction"),
        new("methodsOfControl", "DebtBondage"), new("identificationChannel", "Hotline"), new("identifiedOn", "2025-01-10"),
        new("identificationStatus", "Presumed"), new("riskLevel", "Medium"), new("scope", "CrossBorder"),
    ];

    internal static async Task<Guid> RegisterAsync(HttpClient client, List<KeyValuePair<string, string>> form)
    {
        var response = await PostAsync(client, "/cases/register", "/cases/register", form);
        var location = response.Headers.Location?.OriginalString;
        Assert.True(response.StatusCode == HttpStatusCode.Redirect && location is not null, $"registration answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return Guid.Parse(location!["/cases/".Length..]);
    }

    internal static async Task PostOkAsync(HttpClient client, string url, string formPage, List<KeyValuePair<string, string>> fields)
    {
        var response = await PostAsync(client, url, formPage, fields);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{url} answered {(int)response.StatusCode}: {WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync())[..Math.Min(3000, (int)(response.Content.Headers.ContentLength ?? 3000))]}");
    }

    /// <summary>Posts a form with repeated fields (checkboxes), with the antiforgery token of the form page.</summary>
    internal static async Task<HttpResponseMessage> PostAsync(HttpClient client, string url, string formPage, List<KeyValuePair<string, string>> fields)
    {
        var page = await client.GetStringAsync(formPage);
        var token = System.Text.RegularExpressions.Regex.Match(page, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        return await client.PostAsync(url, new FormUrlEncodedContent([.. fields, new("__RequestVerificationToken", WebUtility.HtmlDecode(token))]));
    }
}
