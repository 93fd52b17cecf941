using Clearinghouse.Data;
using Clearinghouse.Directory;
using Microsoft.EntityFrameworkCore;

namespace Clearinghouse.Activities;

/// <summary>Which activities a gap matrix counts: those ongoing on a day, those active at some point in a period, or all.</summary>
internal enum GapPeriod
{
    OngoingOn,
    During,
    Any,
}

/// <summary>The question a gap matrix answers. Cancelled, unpublished and retired activities never count.</summary>
internal sealed record GapQuery(GapPeriod Period, DateOnly? On = null, DateOnly? From = null, DateOnly? To = null)
{
    /// <summary>The same selection as list filters (from/to overlap), for the click-through from a cell.</summary>
    public (DateOnly? From, DateOnly? To) Range => Period switch
    {
        GapPeriod.OngoingOn => (On, On),
        GapPeriod.During => (From, To),
        _ => (null, null),
    };
}

/// <summary>
/// One cell: the activities in a country and thematic area, their budgets summed per currency (an activity in several
/// cells counts in each), and the latest needs assessment for the cell.
/// </summary>
internal sealed record GapCell(string Country, ThematicArea Area, int Count, IReadOnlyDictionary<string, decimal> Budgets, NeedsAssessment? Need)
{
    /// <summary>
    /// A gap: a high need with at most one activity, or a medium need with none. Cells without an assessment are never
    /// called gaps (no one has judged the need).
    /// </summary>
    public bool IsGap => Need?.Priority switch
    {
        NeedPriority.High => Count <= 1,
        NeedPriority.Medium => Count == 0,
        _ => false,
    };
}

/// <summary>The country × thematic-area matrix of the public inventory, with the needs assessments laid over it.</summary>
internal sealed record GapMatrixResult(GapQuery Query, IReadOnlyList<string> Countries, IReadOnlyDictionary<(string Country, ThematicArea Area), GapCell> Cells)
{
    public GapCell Cell(string country, ThematicArea area) =>
        Cells.TryGetValue((country, area), out var cell) ? cell : new GapCell(country, area, 0, new Dictionary<string, decimal>(), null);

    public IEnumerable<string> Currencies => Cells.Values.SelectMany(c => c.Budgets.Keys).Distinct().Order(StringComparer.Ordinal);

    /// <summary>Activities per country over all areas is not the sum of the row (an activity may be in several areas), so it is counted separately.</summary>
    public IReadOnlyDictionary<string, int> CountryTotals { get; init; } = new Dictionary<string, int>();
}

/// <summary>
/// Builds the gap matrix from the country × area <see cref="ActivityFacet"/> rows of published, unretired, uncancelled
/// activities, grouped by cell (and by currency for budgets): read from <see cref="GapSummary"/> for "any period" and
/// "ongoing today" once it is built, computed in the database for other days and periods.
/// </summary>
internal sealed class GapMatrix(AppDbContext db, TimeProvider clock)
{
    /// <summary>The matrix from the stored summary when it holds the query's scope (ADR 0019), otherwise computed live.</summary>
    public Task<GapMatrixResult> BuildAsync(GapQuery query, string? onlyCountry = null, CancellationToken cancellationToken = default) =>
        BuildAsync(query, onlyCountry, live: false, cancellationToken);

    /// <summary>The matrix computed from every activity, whatever the summary holds.</summary>
    public Task<GapMatrixResult> BuildLiveAsync(GapQuery query, string? onlyCountry = null, CancellationToken cancellationToken = default) =>
        BuildAsync(query, onlyCountry, live: true, cancellationToken);

    private async Task<GapMatrixResult> BuildAsync(GapQuery query, string? onlyCountry, bool live, CancellationToken cancellationToken)
    {
        var code = onlyCountry?.ToUpperInvariant();
        var cellPrefix = ActivityFacet.Cell + (code is null ? string.Empty : code + ":");
        var countryPrefix = ActivityFacet.Country + (code ?? string.Empty);
        // One pass: per cell (and per country, for its total) and budget currency, the activities, how many state a
        // budget, and their sum.
        var groups = (live ? null : await GapSummary.TryReadAsync(db, query, Today, cellPrefix, countryPrefix, cancellationToken))
            ?? await GapSummary.Contributions(Selected(query), cellPrefix, countryPrefix).ToListAsync(cancellationToken);
        var counts = groups.Where(g => g.Key.StartsWith(ActivityFacet.Cell, StringComparison.Ordinal))
            .GroupBy(g => g.Key, StringComparer.Ordinal).Select(g => new { g.Key, Count = g.Sum(x => x.Count) }).ToList();
        var budgets = groups.Where(g => g.Currency != null && g.Budgets > 0).ToLookup(g => g.Key, StringComparer.Ordinal);
        var totals = groups.Where(g => g.Key.StartsWith(ActivityFacet.Country, StringComparison.Ordinal))
            .GroupBy(g => g.Key, StringComparer.Ordinal).Select(g => new { g.Key, Count = g.Sum(x => x.Count) }).ToList();

        var needs = await LatestNeedsAsync(onlyCountry, cancellationToken);
        var result = new Dictionary<(string, ThematicArea), GapCell>();
        foreach (var c in counts)
        {
            var cell = Parse(c.Key);
            if (cell is null)
            {
                continue;
            }

            var sums = budgets[c.Key]
                .ToDictionary(b => b.Currency!, b => Math.Round((decimal)b.Sum, 2), StringComparer.Ordinal);
            result[cell.Value] = new GapCell(cell.Value.Country, cell.Value.Area, c.Count, sums, needs.GetValueOrDefault(cell.Value));
        }

        foreach (var (key, need) in needs.Where(n => !result.ContainsKey(n.Key)))
        {
            result[key] = new GapCell(key.Country, key.Area, 0, new Dictionary<string, decimal>(), need);
        }

        var countries = result.Keys.Select(k => k.Item1).Distinct().Order(StringComparer.Ordinal).ToList();
        return new GapMatrixResult(query, countries, result)
        {
            CountryTotals = totals.ToDictionary(t => t.Key[ActivityFacet.Country.Length..], t => t.Count, StringComparer.Ordinal),
        };
    }

    /// <summary>The public, uncancelled activities the query selects.</summary>
    public IQueryable<Activity> Selected(GapQuery query)
    {
        var (from, to) = query.Range;
        return GapSummary.Counted(db, null).Overlapping(from, to, Today);
    }

    private DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    /// <summary>The latest unretired assessment per country and area (older ones stay as the record's history).</summary>
    public async Task<Dictionary<(string Country, ThematicArea Area), NeedsAssessment>> LatestNeedsAsync(string? onlyCountry, CancellationToken cancellationToken)
    {
        var query = db.NeedsAssessments.AsNoTracking().Where(n => n.RetiredAt == null);
        if (onlyCountry is not null)
        {
            var code = onlyCountry.ToUpperInvariant();
            query = query.Where(n => n.CountryCode == code);
        }

        var all = await query.ToListAsync(cancellationToken);
        return all.GroupBy(n => (n.CountryCode, n.Area))
            .ToDictionary(g => g.Key, g => g.OrderByDescending(n => n.AssessedOn).ThenByDescending(n => n.Id).First());
    }

    private static (string Country, ThematicArea Area)? Parse(string key)
    {
        var parts = key[ActivityFacet.Cell.Length..].Split(':');
        return parts.Length == 2 && Enum.TryParse<ThematicArea>(parts[1], out var area) ? (parts[0], area) : null;
    }
}
