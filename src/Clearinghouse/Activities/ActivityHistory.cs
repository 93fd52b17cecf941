using System.Runtime.CompilerServices;
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
/// The database narrows the revisions with plain text matches on the stored JSON (a superset of what the filters
/// select); each remaining snapshot is parsed and checked with <see cref="Matches"/>, one at a time, so that memory
/// holds only what a page shows (the list) or what the filter selects (the comparison), never the whole inventory.
/// </summary>
internal sealed class ActivityHistory(AppDbContext db)
{
    // The list's order: newest start first, activities without a start date last, then by id.
    private static readonly Comparer<ActivitySnapshot> ListOrder = Comparer<ActivitySnapshot>.Create((a, b) =>
        a.StartDate is null != b.StartDate is null ? (a.StartDate is null ? 1 : -1)
        : Nullable.Compare(b.StartDate, a.StartDate) is var byStart and not 0 ? byStart
        : a.Id.CompareTo(b.Id));

    /// <summary>The public snapshots at the end of <paramref name="day"/> (UTC) that match <paramref name="filter"/>, streamed from the database.</summary>
    public async IAsyncEnumerable<ActivitySnapshot> MatchingAsOfAsync(DateOnly day, ActivityFilter filter, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var moment = new DateTimeOffset(day.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var revisions = db.ActivityRevisions.AsNoTracking().Where(r => r.ValidFrom < moment && (r.ValidTo == null || r.ValidTo >= moment));
        foreach (var fragment in JsonFragments(filter))
        {
            var pattern = ActivitySearch.ContainsPattern(fragment);
            revisions = revisions.Where(r => EF.Functions.Like(r.Snapshot, pattern, "\\"));
        }

        await foreach (var json in revisions.Select(r => r.Snapshot).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            var snapshot = ActivitySnapshot.Parse(json);
            if (snapshot.IsPublic && Matches(snapshot, filter))
            {
                yield return snapshot;
            }
        }
    }

    public async Task<ActivityPage> SearchAsOfAsync(ActivityFilter filter, DateOnly day, int? page, int? pageSize, string language, CancellationToken cancellationToken = default)
    {
        var (number, size) = Paging.Normalize(page, pageSize);
        // Only the first number × size in list order are kept (the page and those before it); the rest are counted.
        var keep = number * size;
        var first = new SortedSet<ActivitySnapshot>(ListOrder);
        var count = 0;
        await foreach (var s in MatchingAsOfAsync(day, filter, cancellationToken))
        {
            count++;
            if (first.Count < keep)
            {
                first.Add(s);
            }
            else if (ListOrder.Compare(s, first.Max!) < 0)
            {
                first.Remove(first.Max!);
                first.Add(s);
            }
        }

        var shown = first.Skip((number - 1) * size).Take(size).ToList();
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
        return new ActivityPage(items, number, size, Math.Min(count, ActivitySearch.CountCap + 1), count > number * size);
    }

    /// <summary>Activities added to, removed from and changed in the public inventory between the end of two days.</summary>
    public async Task<InventoryComparison> CompareAsync(DateOnly first, DateOnly second, ActivityFilter filter, CancellationToken cancellationToken = default)
    {
        var before = new Dictionary<Guid, ActivitySnapshot>();
        await foreach (var s in MatchingAsOfAsync(first, filter, cancellationToken))
        {
            before[s.Id] = s;
        }

        var after = new Dictionary<Guid, ActivitySnapshot>();
        await foreach (var s in MatchingAsOfAsync(second, filter, cancellationToken))
        {
            after[s.Id] = s;
        }

        var added = after.Values.Where(s => !before.ContainsKey(s.Id)).OrderBy(s => s.Title, StringComparer.CurrentCulture).ToList();
        var removed = before.Values.Where(s => !after.ContainsKey(s.Id)).OrderBy(s => s.Title, StringComparer.CurrentCulture).ToList();
        var changed = after.Values
            .Where(s => before.TryGetValue(s.Id, out var old) && s.DiffersFrom(old))
            .OrderBy(s => s.Title, StringComparer.CurrentCulture)
            .Select(s => (Before: before[s.Id], After: s, Fields: (IReadOnlyList<string>)ChangedFields(before[s.Id], s)))
            .ToList();
        return new InventoryComparison(first, second, added, removed, changed);
    }

    /// <summary>
    /// Text that the JSON of every snapshot the public saw and the filter selects contains (ActivitySnapshot writes
    /// camelCase names, enum names and ids in quotes, no spaces): the database's first, coarse cut.
    /// </summary>
    private static IEnumerable<string> JsonFragments(ActivityFilter f)
    {
        yield return "\"reviewState\":\"Published\"";
        if (!string.IsNullOrWhiteSpace(f.Country))
        {
            yield return $"\"{f.Country.Trim().ToUpperInvariant()}\"";
        }

        if (f.Area is { } area)
        {
            yield return $"\"{area}\"";
        }

        if (f.TargetGroup is { } group)
        {
            yield return $"\"{group}\"";
        }

        if (f.Form is { } form)
        {
            yield return $"\"{form}\"";
        }

        if (f.Status is { } status)
        {
            yield return $"\"status\":\"{status}\"";
        }

        if ((f.Donor ?? f.Organisation) is { } organisation)
        {
            yield return $"\"organisationId\":\"{organisation}\"";
        }
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
