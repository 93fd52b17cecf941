using System.Text.Json;
using System.Text.Json.Serialization;
using Clearinghouse.Accounts;
using Clearinghouse.Data;
using Microsoft.EntityFrameworkCore;

namespace Clearinghouse.Cases;

/// <summary>A file of one case's personal data, ready to download.</summary>
internal sealed record CaseExportFile(string FileName, byte[] Content);

/// <summary>
/// Exports of a case's personal data need a supervisor's approval: a team member asks, another person — a supervisor of
/// an organisation on the case team — approves, and only the person who asked downloads, once. Each step is in the
/// audit log and the owner organisation is told of the request.
/// </summary>
internal sealed class CaseExports(AppDbContext db, CurrentUser user, CaseRegistry registry, CaseCipher cipher, CaseAudit audit, TimeProvider clock)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerOptions.Web) { WriteIndented = true, Converters = { new JsonStringEnumConverter() } };

    /// <summary>The export requests of a case the caller's team may see (empty when the case is not visible).</summary>
    public async Task<IReadOnlyList<CaseExportApproval>> ForCaseAsync(Guid caseId, CancellationToken cancellationToken) =>
        await OnTeam(caseId).AnyAsync(cancellationToken)
            ? await db.CaseExportApprovals.AsNoTracking().Where(x => x.CaseId == caseId).OrderBy(x => x.RequestedAt).ToListAsync(cancellationToken)
            : [];

    /// <summary>A team member asks to export the case's personal data. False when the case is not theirs or anonymised.</summary>
    public async Task<bool> RequestAsync(Guid caseId, CancellationToken cancellationToken)
    {
        var c = await OnTeam(caseId).Where(x => x.State != CaseState.Anonymised)
            .Select(x => new { x.Id, x.CaseNumber, x.OwnerOrganisationId }).FirstOrDefaultAsync(cancellationToken);
        if (c is null)
        {
            return false;
        }

        var now = clock.GetUtcNow();
        db.CaseExportApprovals.Add(new CaseExportApproval { CaseId = c.Id, RequestedByUserId = user.UserId!.Value, RequestedAt = now });
        db.CaseNotifications.Add(new CaseNotification
        {
            OrganisationId = c.OwnerOrganisationId,
            CaseId = c.Id,
            Kind = NotificationKind.ExportRequest,
            Message = $"{user.Name} asks to export the personal data of {c.CaseNumber}; a supervisor must approve it.",
            CreatedAt = now,
        });
        await audit.SaveAsync(cancellationToken, new AuditEvent(AuditActions.ExportRequested, c.Id));
        return true;
    }

    /// <summary>A supervisor of a team organisation approves someone else's request. Null when there is no such request.</summary>
    public async Task<string?> ApproveAsync(Guid caseId, Guid approvalId, CancellationToken cancellationToken)
    {
        if (!await OnTeam(caseId).AnyAsync(cancellationToken))
        {
            return null;
        }

        var approval = await db.CaseExportApprovals.FirstOrDefaultAsync(x => x.Id == approvalId && x.CaseId == caseId, cancellationToken);
        if (approval is null)
        {
            return null;
        }

        if (!registry.IsSupervisor)
        {
            return "Only a supervisor can approve an export of personal data.";
        }

        if (approval.RequestedByUserId == user.UserId)
        {
            return "You cannot approve your own request: another supervisor must.";
        }

        if (approval.ApprovedAt is not null)
        {
            return "This export was already approved.";
        }

        approval.ApprovedByUserId = user.UserId;
        approval.ApprovedAt = clock.GetUtcNow();
        await audit.SaveAsync(cancellationToken, new AuditEvent(AuditActions.ExportApproved, caseId, approval.Id.ToString()));
        return string.Empty;
    }

    /// <summary>
    /// The approved export, once, for the person who asked: the case's personal data and statistics as JSON. Null when
    /// there is no approved, unused request of the caller for a case they may see.
    /// </summary>
    public async Task<CaseExportFile?> DownloadAsync(Guid caseId, Guid approvalId, CancellationToken cancellationToken)
    {
        var c = await OnTeam(caseId).Where(x => x.State != CaseState.Anonymised).AsNoTracking().FirstOrDefaultAsync(cancellationToken);
        var approval = await db.CaseExportApprovals.FirstOrDefaultAsync(
            x => x.Id == approvalId && x.CaseId == caseId && x.RequestedByUserId == user.UserId && x.ApprovedAt != null && x.UsedAt == null, cancellationToken);
        if (c?.PersonalData is null || approval is null)
        {
            return null;
        }

        approval.UsedAt = clock.GetUtcNow();
        var personal = cipher.OpenPersonalData(c.PersonalData, c.Id);
        var content = JsonSerializer.SerializeToUtf8Bytes(new { c.CaseNumber, exportedAt = approval.UsedAt, approvedBy = approval.ApprovedByUserId, details = CaseInput.From(c, personal) }, Json);
        await audit.SaveAsync(cancellationToken, new AuditEvent(AuditActions.Exported, c.Id, approval.Id.ToString()));
        return new CaseExportFile($"{c.CaseNumber}.json", content);
    }

    /// <summary>The case, if an organisation of the caller is on its team (break-glass access does not export).</summary>
    private IQueryable<Case> OnTeam(Guid caseId) =>
        registry.Visible().Where(c => c.Id == caseId && c.Team.Any(t => t.OrganisationId == user.OrganisationId));
}
