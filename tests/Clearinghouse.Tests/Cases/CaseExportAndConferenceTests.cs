using System.Net;
using System.Text;
using Clearinghouse.Accounts;
using Clearinghouse.Cases;
using Clearinghouse.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Clearinghouse.Tests.Cases.CaseTests;

namespace Clearinghouse.Tests.Cases;

/// <summary>Exports of personal data only with another supervisor's approval; case conferences with sealed decisions and actions that become tasks.</summary>
public sealed class CaseExportAndConferenceTests(Apps apps) : IClassFixture<Apps>
{
    [Theory]
    [MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task Personal_data_is_exported_only_after_another_supervisors_approval_once_by_the_person_who_asked(Provider provider)
    {
        var app = await apps.For(provider);
        var team = await app.CreateOrganisationAsync();
        var other = await app.CreateOrganisationAsync();
        var worker = await app.SignInWithTwoFactorAsync(Roles.CaseWorker, team.Id);
        var colleague = await app.SignInWithTwoFactorAsync(Roles.CaseWorker, team.Id);
        var supervisor = await app.SignInWithTwoFactorAsync(Roles.CaseSupervisor, team.Id);
        var outsider = await app.SignInWithTwoFactorAsync(Roles.CaseSupervisor, other.Id);
        var family = Unique("Exportova");
        var id = await RegisterAsync(worker, CaseForm("Fjolla", family));
        var page = $"/cases/{id}";

        await PostOkAsync(worker, $"{page}?handler=requestExport", page, []);
        var approval = await app.QueryAsync(db => db.CaseExportApprovals.Where(x => x.CaseId == id).Select(x => x.Id).SingleAsync());
        List<KeyValuePair<string, string>> form = [new("approvalId", approval.ToString())];
        Assert.Contains("asks to export the personal data", await supervisor.GetHtmlAsync("/cases"), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.NotFound, (await PostAsync(worker, $"{page}?handler=downloadExport", page, form)).StatusCode);
        var notSupervisor = await PostAsync(worker, $"{page}?handler=approveExport", page, form);
        Assert.Equal(HttpStatusCode.BadRequest, notSupervisor.StatusCode);
        Assert.Contains("Only a supervisor can approve", WebUtility.HtmlDecode(await notSupervisor.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await PostAsync(outsider, $"{page}?handler=approveExport", "/cases", form)).StatusCode);

        await PostOkAsync(supervisor, $"{page}?handler=approveExport", page, form);
        Assert.Equal(HttpStatusCode.NotFound, (await PostAsync(colleague, $"{page}?handler=downloadExport", page, form)).StatusCode);
        var download = await PostAsync(worker, $"{page}?handler=downloadExport", page, form);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("application/json", download.Content.Headers.ContentType?.MediaType);
        Assert.Contains(family, await download.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await PostAsync(worker, $"{page}?handler=downloadExport", page, form)).StatusCode);

        await PostOkAsync(supervisor, $"{page}?handler=requestExport", page, []);
        var own = await app.QueryAsync(db => db.CaseExportApprovals.Where(x => x.CaseId == id && x.Id != approval).Select(x => x.Id).SingleAsync());
        var selfApproval = await PostAsync(supervisor, $"{page}?handler=approveExport", page, [new("approvalId", own.ToString())]);
        Assert.Equal(HttpStatusCode.BadRequest, selfApproval.StatusCode);
        Assert.Contains("You cannot approve your own request", WebUtility.HtmlDecode(await selfApproval.Content.ReadAsStringAsync()), StringComparison.Ordinal);

        var actions = await app.QueryAsync(db => db.CaseAudit.Where(a => a.CaseId == id).Select(a => a.Action).ToListAsync());
        Assert.Equal(2, actions.Count(a => a == AuditActions.ExportRequested));
        Assert.Equal(1, actions.Count(a => a == AuditActions.ExportApproved));
        Assert.Equal(1, actions.Count(a => a == AuditActions.Exported));
    }

    [Theory]
    [MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task A_case_conference_keeps_its_decisions_sealed_and_its_overdue_action_is_a_task_of_the_owner(Provider provider)
    {
        var app = await apps.For(provider);
        var team = await app.CreateOrganisationAsync();
        var other = await app.CreateOrganisationAsync();
        var worker = await app.SignInWithTwoFactorAsync(Roles.CaseWorker, team.Id);
        var outsider = await app.SignInWithTwoFactorAsync(Roles.CaseWorker, other.Id);
        var id = await RegisterAsync(worker, CaseForm("Albana", Unique("Conferova")));
        var page = $"/cases/{id}";
        var owner = await app.QueryAsync(db => db.Users.Where(u => u.OrganisationId == team.Id).Select(u => u.Id).SingleAsync());
        var outsiderId = await app.QueryAsync(db => db.Users.Where(u => u.OrganisationId == other.Id).Select(u => u.Id).SingleAsync());
        var decision = "FICTITIOUS decision " + Guid.NewGuid().ToString("N")[..8];

        var invalid = await PostAsync(worker, $"{page}?handler=conference", page, [new("heldOn", "2025-02-01"), new("actionDescription", "Find an interpreter"), new("actionOwner", outsiderId.ToString()), new("actionDue", "2025-02-10")]);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        var explained = WebUtility.HtmlDecode(await invalid.Content.ReadAsStringAsync());
        Assert.Contains("Choose the organisations that took part", explained, StringComparison.Ordinal);
        Assert.Contains("Write down what the meeting decided", explained, StringComparison.Ordinal);
        Assert.Contains("a case worker of an organisation on the case team", explained, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await PostAsync(outsider, $"{page}?handler=conference", "/cases", [new("heldOn", "2025-02-01"), new("participants", other.Id.ToString()), new("decisions", "x")])).StatusCode);

        await PostOkAsync(worker, $"{page}?handler=conference", page, [
            new("heldOn", "2025-02-01"), new("participants", team.Id.ToString()), new("participants", other.Id.ToString()), new("decisions", decision),
            new("actionDescription", "Find an interpreter"), new("actionOwner", owner.ToString()), new("actionDue", "2025-02-10"),
            new("actionDescription", string.Empty), new("actionOwner", string.Empty), new("actionDue", string.Empty)]);

        var shown = await worker.GetHtmlAsync(page);
        Assert.Contains(decision, shown, StringComparison.Ordinal);
        Assert.Contains("Find an interpreter", shown, StringComparison.Ordinal);
        var stored = await app.QueryAsync(db => db.CaseConferences.Include(c => c.Actions).SingleAsync(c => c.CaseId == id));
        Assert.DoesNotContain(decision, Encoding.UTF8.GetString(stored.Decisions!), StringComparison.Ordinal);
        Assert.Equal(new[] { team.Id, other.Id }.Order(), stored.Participants.Order());
        Assert.Single(stored.Actions);

        var dashboard = await worker.GetHtmlAsync("/cases");
        Assert.Contains("Conference action", dashboard, StringComparison.Ordinal);
        Assert.Contains("Overdue", dashboard, StringComparison.Ordinal);
        Assert.Equal(1, await app.QueryAsync(db => db.CaseAudit.CountAsync(a => a.CaseId == id && a.Action == AuditActions.ConferenceRecorded)));
    }
}
