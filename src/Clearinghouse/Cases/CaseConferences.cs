using Clearinghouse.Accounts;
using Clearinghouse.Data;
using Microsoft.EntityFrameworkCore;

namespace Clearinghouse.Cases;

/// <summary>One action agreed at a case conference, as the form sends it.</summary>
internal sealed record ConferenceActionInput(string? Description, Guid? OwnerUserId, DateOnly? DueOn);

/// <summary>A conference with its decisions and actions opened for the case team.</summary>
internal sealed record ConferenceView(CaseConference Conference, string Decisions, IReadOnlyList<(ConferenceAction Action, string Description)> Actions);

/// <summary>
/// Multi-agency case meetings: date, participating organisations, decisions and actions with owners and due dates.
/// Decisions and action texts may name the person, so they are sealed like the identifiers; an open action is a task
/// on its owner's dashboard (<see cref="CaseTasks"/>). Only the case team records and reads them.
/// </summary>
internal sealed class CaseConferences(AppDbContext db, CaseRegistry registry, CaseCipher cipher, CaseAudit audit, TimeProvider clock)
{
    /// <summary>People who can own an action: case workers and supervisors of the organisations on the case team.</summary>
    public async Task<IReadOnlyList<(Guid Id, string Name)>> PossibleOwnersAsync(Guid caseId, CancellationToken cancellationToken)
    {
        var team = await registry.Visible().Where(c => c.Id == caseId).SelectMany(c => c.Team.Select(t => t.OrganisationId)).Distinct().ToListAsync(cancellationToken);
        var roles = await db.Roles.Where(r => Roles.CaseRoles.Contains(r.Name!)).Select(r => r.Id).ToListAsync(cancellationToken);
        var users = await db.Users.AsNoTracking()
            .Where(u => u.OrganisationId != null && team.Contains(u.OrganisationId.Value) && !u.IsDisabled && db.UserRoles.Any(ur => ur.UserId == u.Id && roles.Contains(ur.RoleId)))
            .OrderBy(u => u.DisplayName).Select(u => new { u.Id, u.DisplayName }).ToListAsync(cancellationToken);
        return [.. users.Select(u => (u.Id, u.DisplayName))];
    }

    public async Task<IReadOnlyList<ConferenceView>> ForCaseAsync(Guid caseId, CancellationToken cancellationToken)
    {
        if (!await registry.Visible().AnyAsync(c => c.Id == caseId, cancellationToken))
        {
            return [];
        }

        var conferences = await db.CaseConferences.AsNoTracking().Include(c => c.Actions).Where(c => c.CaseId == caseId).OrderBy(c => c.HeldOn).ToListAsync(cancellationToken);
        return [.. conferences.Select(c => new ConferenceView(
            c,
            c.Decisions is null ? string.Empty : cipher.OpenText(c.Decisions, c.Id),
            [.. c.Actions.OrderBy(a => a.DueOn).Select(a => (a, a.Description is null ? string.Empty : cipher.OpenText(a.Description, a.Id)))]))];
    }

    /// <summary>Records a conference; null when the case is not visible or not open, else the errors (empty when saved).</summary>
    public async Task<Dictionary<string, string[]>?> RecordAsync(Guid caseId, DateOnly? heldOn, IReadOnlyList<Guid> participants, string? decisions, IReadOnlyList<ConferenceActionInput> actions, CancellationToken cancellationToken)
    {
        if (!await registry.Visible().AnyAsync(c => c.Id == caseId && c.State == CaseState.Open, cancellationToken))
        {
            return null;
        }

        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var errors = new Dictionary<string, string[]>();
        if (heldOn is null || heldOn > today)
        {
            errors["HeldOn"] = ["Enter the date of the meeting (today or earlier)."];
        }

        if (participants.Count == 0 || await db.Organisations.CountAsync(o => participants.Contains(o.Id), cancellationToken) != participants.Distinct().Count())
        {
            errors["Participants"] = ["Choose the organisations that took part, from the directory."];
        }

        if (string.IsNullOrWhiteSpace(decisions) || decisions.Length > 10000)
        {
            errors["Decisions"] = ["Write down what the meeting decided (up to 10,000 characters)."];
        }

        var owners = (await PossibleOwnersAsync(caseId, cancellationToken)).Select(o => o.Id).ToHashSet();
        var given = actions.Where(a => !string.IsNullOrWhiteSpace(a.Description) || a.OwnerUserId is not null || a.DueOn is not null).ToList();
        if (given.Any(a => string.IsNullOrWhiteSpace(a.Description) || a.Description.Length > 2000))
        {
            errors["ActionDescription"] = ["Describe each action (up to 2,000 characters)."];
        }

        if (given.Any(a => a.OwnerUserId is not { } owner || !owners.Contains(owner)))
        {
            errors["ActionOwner"] = ["Choose who owns each action: a case worker of an organisation on the case team."];
        }

        if (given.Any(a => a.DueOn is null))
        {
            errors["ActionDue"] = ["Enter the date each action is due."];
        }

        if (errors.Count > 0)
        {
            return errors;
        }

        var now = clock.GetUtcNow();
        var conference = new CaseConference { CaseId = caseId, HeldOn = heldOn!.Value, Participants = [.. participants.Distinct()], RecordedAt = now };
        conference.Decisions = cipher.SealText(decisions!.Trim(), conference.Id);
        foreach (var a in given)
        {
            var action = new ConferenceAction { ConferenceId = conference.Id, CaseId = caseId, OwnerUserId = a.OwnerUserId!.Value, DueOn = a.DueOn!.Value };
            action.Description = cipher.SealText(a.Description!.Trim(), action.Id);
            conference.Actions.Add(action);
        }

        db.CaseConferences.Add(conference);
        await audit.SaveAsync(cancellationToken, new AuditEvent(AuditActions.ConferenceRecorded, caseId, $"{given.Count} actions"));
        return [];
    }

    public async Task<bool> CompleteActionAsync(Guid caseId, Guid actionId, CancellationToken cancellationToken)
    {
        if (!await registry.Visible().AnyAsync(c => c.Id == caseId, cancellationToken))
        {
            return false;
        }

        var action = await db.ConferenceActions.FirstOrDefaultAsync(a => a.Id == actionId && a.CaseId == caseId && a.DoneAt == null, cancellationToken);
        if (action is null)
        {
            return false;
        }

        action.DoneAt = clock.GetUtcNow();
        await audit.SaveAsync(cancellationToken, new AuditEvent(AuditActions.ConferenceRecorded, caseId, "action done"));
        return true;
    }
}
