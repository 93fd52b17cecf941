using Clearinghouse.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Clearinghouse.Cases;

internal sealed record RetentionReport(int Anonymised, int IdentifierHashesDestroyed, DateOnly ClosedOnOrBefore);

internal sealed record RotationReport(string NewKeyId, int Resealed, int KeysRemoved);

/// <summary>Operator jobs over all cases (CLI): retention anonymisation and key rotation. Both write audit entries.</summary>
internal sealed class CaseMaintenance(AppDbContext db, CaseCipher cipher, CaseKeyRing keys, CaseAudit audit, TimeProvider clock, IOptions<CaseOptions> options)
{
    /// <summary>
    /// Destroys the identifiers of cases closed longer ago than the retention period: the sealed personal data,
    /// conference texts, identifier hashes and consents' organisation lists go; the statistics stay.
    /// </summary>
    public async Task<RetentionReport> AnonymiseExpiredAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var cutoff = DateOnly.FromDateTime(now.UtcDateTime).AddDays(-options.Value.RetentionDaysAfterClosure);
        var due = await db.Cases.Where(c => c.State == CaseState.Closed && c.ClosedOn <= cutoff).Take(10000).ToListAsync(cancellationToken);
        var hashes = 0;
        foreach (var c in due)
        {
            c.PersonalData = null;
            c.State = CaseState.Anonymised;
            c.AnonymisedAt = now;
            c.Version++;
            hashes += await db.CaseIdentifierHashes.Where(h => h.CaseId == c.Id).ExecuteDeleteAsync(cancellationToken);
            await db.CaseConferences.Where(x => x.CaseId == c.Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.Decisions, (byte[]?)null), cancellationToken);
            await db.ConferenceActions.Where(x => x.CaseId == c.Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.Description, (byte[]?)null), cancellationToken);
        }

        if (due.Count > 0)
        {
            await audit.SaveAsync(cancellationToken, [.. due.Select(c => new AuditEvent(AuditActions.Anonymised, c.Id, "retention"))]);
        }

        return new RetentionReport(due.Count, hashes, cutoff);
    }

    /// <summary>Adds a new key, re-wraps every sealed value's data key with it, and drops keys nothing uses any more.</summary>
    public async Task<RotationReport> RotateKeyAsync(CancellationToken cancellationToken)
    {
        var newKey = keys.AddKey(clock.GetUtcNow());
        var resealed = 0;
        foreach (var c in await db.Cases.Where(c => c.PersonalData != null).ToListAsync(cancellationToken))
        {
            c.PersonalData = cipher.Rewrap(c.PersonalData!, c.Id);
            resealed++;
        }

        foreach (var c in await db.CaseConferences.Where(c => c.Decisions != null).ToListAsync(cancellationToken))
        {
            c.Decisions = cipher.Rewrap(c.Decisions!, c.Id);
            resealed++;
        }

        foreach (var a in await db.ConferenceActions.Where(a => a.Description != null).ToListAsync(cancellationToken))
        {
            a.Description = cipher.Rewrap(a.Description!, a.Id);
            resealed++;
        }

        await audit.SaveAsync(cancellationToken, new AuditEvent(AuditActions.KeyRotated, null, $"{newKey}: {resealed} values"));
        db.ChangeTracker.Clear();
        var inUse = (await db.Cases.Where(c => c.PersonalData != null).Select(c => c.PersonalData!).ToListAsync(cancellationToken))
            .Select(CaseCipher.KeyIdOf).ToHashSet(StringComparer.Ordinal);
        var removed = keys.RemoveKeysExcept(inUse);
        return new RotationReport(newKey, resealed, removed);
    }
}
