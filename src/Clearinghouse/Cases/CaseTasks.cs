using Clearinghouse.Accounts;
using Clearinghouse.Data;
using Microsoft.EntityFrameworkCore;

namespace Clearinghouse.Cases;

internal sealed record CaseTask(Guid CaseId, string CaseNumber, string Kind, DateOnly DueOn, bool Overdue);

internal sealed record TaskDashboard(IReadOnlyList<CaseTask> Steps, IReadOnlyList<CaseTask> Actions, int IncomingReferrals, IReadOnlyList<CaseNotification> Notifications);

/// <summary>
/// "My tasks": the caller's open SOP steps and conference actions (overdue first), referrals waiting for their
/// organisation's answer, and unread notices to their organisation. Only cases the caller may see count.
/// </summary>
internal sealed class CaseTasks(AppDbContext db, CurrentUser user, CaseRegistry registry, TimeProvider clock)
{
    public async Task<TaskDashboard> ForMeAsync(CancellationToken cancellationToken)
    {
        if (!registry.CanWorkOnCases)
        {
            return new TaskDashboard([], [], 0, []);
        }

        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var horizon = today.AddDays(14);
        var me = user.UserId;
        var visible = registry.Visible().Where(c => c.State == CaseState.Open);
        var steps = await db.SopSteps.AsNoTracking()
            .Where(s => s.ResponsibleUserId == me && s.DoneAt == null && s.DueOn <= horizon)
            .Join(visible, s => s.CaseId, c => c.Id, (s, c) => new { s.CaseId, c.CaseNumber, s.Kind, s.DueOn })
            .OrderBy(s => s.DueOn).Take(200).ToListAsync(cancellationToken);
        var actions = await db.ConferenceActions.AsNoTracking()
            .Where(a => a.OwnerUserId == me && a.DoneAt == null && a.DueOn <= horizon)
            .Join(visible, a => a.CaseId, c => c.Id, (a, c) => new { a.CaseId, c.CaseNumber, a.DueOn })
            .OrderBy(a => a.DueOn).Take(200).ToListAsync(cancellationToken);
        var incoming = await registry.Incoming().CountAsync(r => r.Status == ReferralStatus.Sent, cancellationToken);
        var notifications = await db.CaseNotifications.AsNoTracking()
            .Where(n => n.OrganisationId == user.OrganisationId && n.ReadAt == null)
            .OrderByDescending(n => n.CreatedAt).Take(50).ToListAsync(cancellationToken);
        return new TaskDashboard(
            [.. steps.Select(s => new CaseTask(s.CaseId, s.CaseNumber, s.Kind.ToString(), s.DueOn, s.DueOn < today))],
            [.. actions.Select(a => new CaseTask(a.CaseId, a.CaseNumber, "Conference action", a.DueOn, a.DueOn < today))],
            incoming,
            notifications);
    }
}
