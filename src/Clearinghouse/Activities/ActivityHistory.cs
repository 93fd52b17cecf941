using Clearinghouse.Common;
using Clearinghouse.Data;
using Clearinghouse.Directory;
using Microsoft.EntityFrameworkCore;

namespace Clearinghouse.Activities;

/// <summary>What changed in the public inventory between two dates.</summary>
internal sealed record InventoryComparison(
    DateOnly First,
    DateOnly Second,
    IReadOnlyList<ActivitySnapshot> Added,
    IReadOnlyList<ActivitySnapshot> Removed,
    IReadOnlyList<(ActivitySnapshot Before, ActivitySnapshot After, IReadOnlyList<string> Fields)> Changed);

/// <summary>
/// The inventory as it stood on a past date, read from <see cref="ActivityRevision"/>s: the revision of each activity
/// that was current at the end of that day (UTC), and only what the public saw then (published, not retired).
/// The filters are applied to the snapshots in memory; this reads every revision current at that moment.
/// </summary>
internal sealed class ActivityHistory(AppDbContext db)
{
    /// <summary>The public inventory at the end of <paramref name="day"/> (UTC).</summary>
    public async Task<IReadOnlyList<ActivitySnapshot>> AsOfAsync(DateOnly day, CancellationToken cancellationToken = default)
    {
        var moment = new DateTimeOffset(day.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var snapshots = await db.ActivityRevisions.AsNoTracking()
            .Where(r => r.ValidFrom < moment && (r.ValidTo == null || r.ValidTo >= moment))
            .Select(r => r.Snapshot)
            .ToListAsync(cancellationToken);
        return [.. snapshots.Select(ActivitySnapshot.Parse).Where(s => s.IsPublic)];
    }

    public async Task<ActivityPage> SearchAsOfAsync(ActivityFilter filter, DateOnly day, int? page, int? pageSize, string language, CancellationToken cancellationToken = default)
    {
        var (number, size) = Paging.Normalize(page, pageSize);
        var matching = (await AsOfAsync(day, cancellationToken)).Where(s => Matches(s, filter))
            .OrderBy(s => s.StartDate is null).ThenByDescending(s => s.StartDate).ThenBy(s => s.Id)
            .ToList();
        var shown = matching.Skip((number - 1) * size).Take(size).ToList();
        var names = await NamesAsync(shown, cancellationToken);
        var items = shown.Select(s => new ActivitySummary(
            s.Id,
            s.Slug,
            s.Translations.Localize(language, s.Title, s.Summary, "en"),
            s.Status,
            s.ReviewState,
            s.StartDate,
            s.EndDate,
            s.Countries,
            s.IsRegional,
            s.ThematicAreas,
            s.Budget,
            s.BudgetCurrency,
            ParticipantNames(s, ParticipantRole.Implementer, names),
            ParticipantNames(s, ParticipantRole.Donor, names),
            false)).ToList();
        return new ActivityPage(items, number, size, Math.Min(matching.Count, ActivitySearch.CountCap + 1), matching.Count > number * size);
    }

    /// <summary>Activities added to, removed from and changed in the public inventory between the end of two days.</summary>
    public async Task<InventoryComparison> CompareAsync(DateOnly first, DateOnly second, ActivityFilter filter, CancellationToken cancellationToken = default)
    {
        var before = (await AsOfAsync(first, cancellationToken)).Where(s => Matches(s, filter)).ToDictionary(s => s.Id);
        var after = (await AsOfAsync(second, cancellationToken)).Where(s => Matches(s, filter)).ToDictionary(s => s.Id);
        var added = after.Values.Where(s => !before.ContainsKey(s.Id)).OrderBy(s => s.Title, StringComparer.CurrentCulture).ToList();
        var removed = before.Values.Where(s => !after.ContainsKey(s.Id)).OrderBy(s => s.Title, StringComparer.CurrentCulture).ToList();
        var changed = after.Values
            .Where(s => before.TryGetValue(s.Id, out var old) && s.DiffersFrom(old))
            .OrderBy(s => s.Title, StringComparer.CurrentCulture)
            .Select(s => (Before: before[s.Id], After: s, Fields: (IReadOnlyList<string>)ChangedFields(before[s.Id], s)))
            .ToList();
        return new InventoryComparison(first, second, added, removed, changed);
    }

    /// <summary>Display names of the directory organisations the snapshots name (by id), as they are now.</summary>
    public async Task<Dictionary<Guid, string>> NamesAsync(IEnumerable<ActivitySnapshot> snapshots, CancellationToken cancellationToken)
    {
        var ids = snapshots.SelectMany(s => s.Participants).Where(p => p.OrganisationId is not null).Select(p => p.OrganisationId!.Value).Distinct().ToList();
        return ids.Count == 0 ? [] : await db.Organisations.AsNoTracking().Where(o => ids.Contains(o.Id))
            .ToDictionaryAsync(o => o.Id, o => o.Acronym ?? o.Name, cancellationToken);
    }

    public static List<string> ParticipantNames(ActivitySnapshot s, ParticipantRole role, IReadOnlyDictionary<Guid, string> names) =>
        [.. s.Participants.Where(p => p.Role == role)
            .Select(p => p.OrganisationId is { } id && names.TryGetValue(id, out var name) ? name : p.Name ?? "?")
            .Order(StringComparer.CurrentCulture)];

    /// <summary>The same filters as <see cref="ActivitySearch.Query"/>, on a snapshot.</summary>
    public static bool Matches(ActivitySnapshot s, ActivityFilter f)
    {
        var terms = string.IsNullOrWhiteSpace(f.Q) ? [] : SearchTextBuilder.Normalize(f.Q).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var text = terms.Length == 0 ? string.Empty
            : SearchTextBuilder.Build([s.Title, s.Summary, .. s.Translations.SelectMany(t => new[] { t.Name, t.Description })]);
        return terms.All(t => text.Contains(t, StringComparison.Ordinal))
            && (string.IsNullOrWhiteSpace(f.Country) || s.Countries.Contains(f.Country.Trim().ToUpperInvariant()))
            && (f.Area is null || s.ThematicAreas.Contains(f.Area.Value))
            && (f.TargetGroup is null || s.TargetGroups.Contains(f.TargetGroup.Value))
            && (f.Form is null || s.FormsOfExploitation.Contains(f.Form.Value))
            && (f.Organisation is null || s.Participants.Any(p => p.OrganisationId == f.Organisation))
            && (f.Donor is null || s.Participants.Any(p => p.OrganisationId == f.Donor && p.Role == ParticipantRole.Donor))
            && (f.Status is null || s.Status == f.Status)
            && (!f.Active || s.Status != ActivityStatus.Cancelled)
            && (f.From is null || s.EndDate is null || s.EndDate >= f.From)
            && (f.To is null || s.StartDate is null || s.StartDate <= f.To)
            && (f.Regional is null || s.IsRegional == f.Regional)
            && (f.InternalTrafficking is null || s.AddressesInternalTrafficking == f.InternalTrafficking);
    }

    private static List<string> ChangedFields(ActivitySnapshot a, ActivitySnapshot b)
    {
        var fields = new List<string>();
        void Check(string name, object? x, object? y)
        {
            if (!Equals(x, y))
            {
                fields.Add(name);
            }
        }

        static string J<T>(IEnumerable<T> items) => string.Join('|', items);
        Check("Title", a.Title, b.Title);
        Check("Summary", a.Summary, b.Summary);
        Check("Status", a.Status, b.Status);
        Check("Dates", (a.StartDate, a.EndDate), (b.StartDate, b.EndDate));
        Check("Countries", J(a.Countries), J(b.Countries));
        Check("Thematic areas", J(a.ThematicAreas), J(b.ThematicAreas));
        Check("Target groups", J(a.TargetGroups), J(b.TargetGroups));
        Check("Forms of exploitation", J(a.FormsOfExploitation), J(b.FormsOfExploitation));
        Check("Budget", (a.Budget, a.BudgetCurrency), (b.Budget, b.BudgetCurrency));
        Check("Participants", J(a.Participants), J(b.Participants));
        return fields;
    }
}
