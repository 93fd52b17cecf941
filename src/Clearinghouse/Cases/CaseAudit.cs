using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Clearinghouse.Accounts;
using Clearinghouse.Data;
using Microsoft.EntityFrameworkCore;

namespace Clearinghouse.Cases;

/// <summary>One thing that happened to a case, to be written to the audit log with the change itself.</summary>
internal sealed record AuditEvent(string Action, Guid? CaseId, string Detail = "");

/// <summary>The audit actions (stable names: the verifier and reports read them).</summary>
internal static class AuditActions
{
    public const string Registered = "Registered";
    public const string Viewed = "Viewed";
    public const string Updated = "Updated";
    public const string ConsentRecorded = "ConsentRecorded";
    public const string ConsentWithdrawn = "ConsentWithdrawn";
    public const string ReferralSent = "ReferralSent";
    public const string ReferralViewed = "ReferralViewed";
    public const string ReferralAnswered = "ReferralAnswered";
    public const string StepDone = "StepDone";
    public const string ConferenceRecorded = "ConferenceRecorded";
    public const string BreakGlass = "BreakGlass";
    public const string LinkRequested = "LinkRequested";
    public const string ExportRequested = "ExportRequested";
    public const string ExportApproved = "ExportApproved";
    public const string Exported = "Exported";
    public const string Anonymised = "Anonymised";
    public const string KeyRotated = "KeyRotated";
}

/// <summary>
/// The append-only, hash-chained case audit log. <see cref="SaveAsync"/> saves the caller's pending changes and the
/// audit entries in ONE transaction, so a change without its entry (or the reverse) cannot happen; appends are
/// serialised (an advisory lock on PostgreSQL, SQLite's write lock) and the unique sequence refuses a fork.
/// </summary>
internal sealed class CaseAudit(AppDbContext db, CurrentUser user, TimeProvider clock)
{
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";
    private const long AdvisoryLockKey = 0x4341534541554454; // "CASEAUDT"

    public async Task SaveAsync(CancellationToken cancellationToken, params AuditEvent[] events)
    {
        if (db.ChangeTracker.Entries<AuditEntry>().Any(e => e.State is EntityState.Modified or EntityState.Deleted))
        {
            throw new InvalidOperationException("Audit entries are never changed or deleted.");
        }

        var owned = db.Database.CurrentTransaction is null;
        var transaction = owned ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        try
        {
            if (db.Database.IsNpgsql())
            {
                await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({AdvisoryLockKey})", cancellationToken);
            }

            var last = await db.CaseAudit.AsNoTracking().OrderByDescending(a => a.Sequence)
                .Select(a => new { a.Sequence, a.Hash }).FirstOrDefaultAsync(cancellationToken);
            var sequence = last?.Sequence ?? 0;
            var previous = last?.Hash ?? Genesis;
            var now = Truncate(clock.GetUtcNow());
            foreach (var e in events)
            {
                var entry = new AuditEntry
                {
                    Sequence = ++sequence,
                    At = now,
                    UserId = user.UserId,
                    Actor = user.Name,
                    CaseId = e.CaseId,
                    Action = e.Action,
                    Detail = e.Detail.Length > 500 ? e.Detail[..500] : e.Detail,
                    PreviousHash = previous,
                    Hash = string.Empty,
                };
                entry.Hash = HashOf(entry);
                previous = entry.Hash;
                db.CaseAudit.Add(entry);
            }

            await db.SaveChangesAsync(cancellationToken);
            if (transaction is not null)
            {
                await transaction.CommitAsync(cancellationToken);
            }
        }
        finally
        {
            if (transaction is not null)
            {
                await transaction.DisposeAsync();
            }
        }
    }

    /// <summary>SHA-256 over every field of the entry and the previous entry's hash.</summary>
    public static string HashOf(AuditEntry entry)
    {
        var text = string.Join(
            '\u001f',
            entry.Sequence.ToString(CultureInfo.InvariantCulture),
            entry.At.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
            entry.UserId?.ToString() ?? string.Empty,
            entry.Actor,
            entry.CaseId?.ToString() ?? string.Empty,
            entry.Action,
            entry.Detail,
            entry.PreviousHash);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    /// <summary>Walks the whole chain in order; returns the first entry that does not verify, or null when it is intact.</summary>
    public static async Task<AuditVerification> VerifyAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        long expectedSequence = 1;
        var previous = Genesis;
        long count = 0;
        await foreach (var entry in db.CaseAudit.AsNoTracking().OrderBy(a => a.Sequence).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            if (entry.Sequence != expectedSequence)
            {
                return new AuditVerification(count, expectedSequence, $"entry {expectedSequence} is missing (next is {entry.Sequence})");
            }

            if (entry.PreviousHash != previous)
            {
                return new AuditVerification(count, entry.Sequence, "its link to the previous entry does not match");
            }

            if (HashOf(entry) != entry.Hash)
            {
                return new AuditVerification(count, entry.Sequence, "its content does not match its hash (it was changed)");
            }

            previous = entry.Hash;
            expectedSequence++;
            count++;
        }

        return new AuditVerification(count, null, null);
    }

    private static DateTimeOffset Truncate(DateTimeOffset time) => DateTimeOffset.FromUnixTimeMilliseconds(time.ToUnixTimeMilliseconds());
}

internal sealed record AuditVerification(long Verified, long? BrokenAt, string? Problem)
{
    public bool IsIntact => BrokenAt is null;
}
