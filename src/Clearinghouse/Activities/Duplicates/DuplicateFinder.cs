using Clearinghouse.Accounts;
using Clearinghouse.Data;
using Clearinghouse.Directory;
using Microsoft.EntityFrameworkCore;

namespace Clearinghouse.Activities.Duplicates;

/// <summary>An existing activity that may be the same as, or overlap with, the one compared.</summary>
internal sealed record DuplicateCandidate(Guid Id, string Slug, string Title, int Score, IReadOnlyList<DuplicateReason> Reasons);

/// <summary>A row of an import that added an activity looking like others in the inventory.</summary>
internal sealed record ImportedDuplicates(int Row, string Title, IReadOnlyList<DuplicateCandidate> Candidates);

/// <summary>Two existing activities that look like duplicates, for the report page.</summary>
internal sealed record DuplicatePair(DuplicateCandidate First, DuplicateCandidate Second, int Score, IReadOnlyList<DuplicateReason> Reasons);

internal enum MergeOutcome
{
    Merged,
    NotFound,
    Forbidden,
    SameActivity,
    Conflict,
}

/// <summary>
/// Finds possible duplicates. The database narrows the field with indexed keys — activities sharing a country × area
/// cell (or, for regional work, an area) whose period overlaps, or sharing an IATI identifier — and
/// <see cref="DuplicateScorer"/> ranks that short list in memory. Pairs an editor marked "not a duplicate" are left out.
/// Only editors see drafts and act on pairs; everyone else compares against published activities.
/// </summary>
internal sealed class DuplicateFinder(AppDbContext db, CurrentUser user, ActivityEditor editor, TimeProvider clock)
{
    /// <summary>Survivors of the pre-filter are loaded and scored in batches of at least this many, best bound first.</summary>
    private const int FirstBatch = 50;

    /// <summary>
    /// The best-scoring existing activities for <paramref name="probe"/> (at most <paramref name="limit"/>, score at least
    /// <see cref="DuplicateScorer.Threshold"/>, best first, then by slug). Every activity in the probe's cells with an
    /// overlapping or unknown period is considered, not a newest part of them: the database returns only ids and titles
    /// (and the summaries of those still in), an upper bound of each one's score (<see cref="DuplicateScorer.Bound"/>) drops those that cannot reach
    /// the threshold, and the rest are loaded and scored best bound first until no remaining one could enter the result.
    /// </summary>
    public async Task<List<DuplicateCandidate>> CandidatesAsync(DuplicateProbe probe, int limit = 10, CancellationToken cancellationToken = default) =>
        await CandidatesAsync(probe, limit, new Dictionary<Guid, Scored>(), cancellationToken);

    /// <summary>
    /// <see cref="CandidatesAsync(DuplicateProbe, int, CancellationToken)"/> for each of <paramref name="probes"/> (an
    /// import's new activities), in their order: each result is the one the single call gives; what the database returned
    /// for one probe's scoring is kept for the next (nothing is written in between).
    /// </summary>
    public async Task<List<List<DuplicateCandidate>>> CandidatesAsync(IReadOnlyList<DuplicateProbe> probes, int limit, CancellationToken cancellationToken = default)
    {
        var loaded = new Dictionary<Guid, Scored>();
        var results = new List<List<DuplicateCandidate>>(probes.Count);
        foreach (var probe in probes)
        {
            // Bounded: an import's probes in busy cells would otherwise keep tens of thousands of loaded activities.
            if (loaded.Count > 20_000)
            {
                loaded.Clear();
            }

            results.Add(await CandidatesAsync(probe, limit, loaded, cancellationToken));
        }

        return results;
    }

    private async Task<List<DuplicateCandidate>> CandidatesAsync(DuplicateProbe probe, int limit, Dictionary<Guid, Scored> loaded, CancellationToken cancellationToken)
    {
        var dismissed = probe.Id is { } self ? await DismissedWithAsync(self, cancellationToken) : [];
        var title = DuplicateScorer.Trigrams(probe.Title);
        var summary = probe.Summary is null ? TrigramSet.Empty : DuplicateScorer.Trigrams(probe.Summary);
        TrigramSet ProbeTrigrams(string text) =>
            ReferenceEquals(text, probe.Title) ? title : ReferenceEquals(text, probe.Summary) ? summary : DuplicateScorer.Trigrams(text);
        var bounds = await BoundsAsync(probe, title, probe.Summary is null ? null : summary, cancellationToken);
        var order = bounds.Where(b => !dismissed.Contains(b.Key) && b.Value >= DuplicateScorer.Threshold - 0.5)
            .OrderByDescending(b => b.Value).Select(b => (Id: b.Key, Bound: b.Value)).ToList();
        var found = new List<(Scored Item, int Score, IReadOnlyList<DuplicateReason> Reasons)>();
        var next = 0;
        while (next < order.Count)
        {
            // Stop once the worst of a full result beats the best score any remaining activity could reach (a tie could still
            // enter by its slug, so a tie goes on).
            if (found.Count >= limit && (int)Math.Round(Math.Min(order[next].Bound, 100)) < found[limit - 1].Score)
            {
                break;
            }

            var batch = order.Skip(next).Take(Math.Max(FirstBatch, next)).Select(b => b.Id).ToList();
            next += batch.Count;
            var missing = batch.Where(id => !loaded.ContainsKey(id)).ToList();
            if (missing.Count > 0)
            {
                foreach (var (id, item) in await ProbesAsync(missing, cancellationToken))
                {
                    loaded[id] = item;
                }
            }

            foreach (var id in batch)
            {
                if (!loaded.TryGetValue(id, out var item))
                {
                    continue;
                }

                var (score, reasons) = DuplicateScorer.Score(probe, item.Probe, ProbeTrigrams);
                if (score >= DuplicateScorer.Threshold)
                {
                    found.Add((item, score, reasons));
                }
            }

            found = [.. found.OrderByDescending(x => x.Score).ThenBy(x => x.Item.Slug, StringComparer.Ordinal)];
        }

        return [.. found.Take(limit).Select(x => x.Item.Candidate(x.Score, x.Reasons))];
    }

    /// <summary>Possible duplicates among the activities in the inventory (not retired), best first.</summary>
    public async Task<List<DuplicatePair>> PairsAsync(string? country = null, int limit = 200, CancellationToken cancellationToken = default)
    {
        var query = Visible();
        if (!string.IsNullOrWhiteSpace(country))
        {
            var key = ActivityFacet.Country + country.Trim().ToUpperInvariant();
            query = query.Where(a => a.Facets.Any(f => f.Key == key));
        }

        var ids = await query.OrderByDescending(a => a.CreatedAt).Select(a => a.Id).Take(20_000).ToListAsync(cancellationToken);
        var probes = await ProbesAsync(ids, cancellationToken);
        var dismissed = (await db.DuplicateDismissals.AsNoTracking().Select(d => new { d.FirstActivityId, d.SecondActivityId }).ToListAsync(cancellationToken))
            .Select(d => (d.FirstActivityId, d.SecondActivityId)).ToHashSet();

        // Compare only activities that share a country (or are both regional): the same blocking the pre-filter uses.
        var buckets = probes.Values.SelectMany(p => (p.Probe.Countries.Count == 0 ? ["regional"] : p.Probe.Countries).Select(c => (Key: c, Item: p)))
            .GroupBy(x => x.Key, x => x.Item, StringComparer.Ordinal);
        var pairs = new Dictionary<(Guid, Guid), DuplicatePair>();
        var trigrams = new Dictionary<string, TrigramSet>(StringComparer.Ordinal);
        TrigramSet TrigramsOf(string text)
        {
            if (!trigrams.TryGetValue(text, out var set))
            {
                trigrams[text] = set = DuplicateScorer.Trigrams(text);
            }

            return set;
        }

        foreach (var bucket in buckets)
        {
            var items = bucket.ToList();
            for (var i = 0; i < items.Count; i++)
            {
                for (var j = i + 1; j < items.Count; j++)
                {
                    var key = Ordered(items[i].Probe.Id!.Value, items[j].Probe.Id!.Value);
                    if (pairs.ContainsKey(key) || dismissed.Contains(key))
                    {
                        continue;
                    }

                    var (score, reasons) = DuplicateScorer.Score(items[i].Probe, items[j].Probe, TrigramsOf);
                    if (score >= DuplicateScorer.Threshold)
                    {
                        var (first, second) = items[i].Probe.Id == key.Item1 ? (items[i], items[j]) : (items[j], items[i]);
                        pairs[key] = new DuplicatePair(first.Candidate(score, reasons), second.Candidate(score, reasons), score, reasons);
                    }
                }
            }
        }

        return [.. pairs.Values.OrderByDescending(p => p.Score).ThenBy(p => p.First.Title, StringComparer.Ordinal).Take(limit)];
    }

    /// <summary>Records an editor's decision that two activities are different (kept once per pair, smaller id first).</summary>
    public async Task<bool> DismissAsync(Guid a, Guid b, CancellationToken cancellationToken = default)
    {
        if (!user.IsEditor || a == b)
        {
            return false;
        }

        var (first, second) = Ordered(a, b);
        if (await db.Activities.CountAsync(x => x.Id == first || x.Id == second, cancellationToken) != 2)
        {
            return false;
        }

        if (!await db.DuplicateDismissals.AnyAsync(d => d.FirstActivityId == first && d.SecondActivityId == second, cancellationToken))
        {
            db.DuplicateDismissals.Add(new DuplicateDismissal { FirstActivityId = first, SecondActivityId = second, DecidedBy = user.Name, DecidedAt = clock.GetUtcNow() });
            await db.SaveChangesAsync(cancellationToken);
        }

        return true;
    }

    /// <summary>
    /// Merges <paramref name="mergedId"/> into <paramref name="survivorId"/>: the survivor gains the other's participants
    /// (the same organisation in the same role once) and IATI identifiers; the merged one is retired and points to the
    /// survivor. Both keep their histories. One transaction.
    /// </summary>
    public async Task<MergeOutcome> MergeAsync(Guid survivorId, Guid mergedId, CancellationToken cancellationToken = default)
    {
        if (!user.IsEditor)
        {
            return MergeOutcome.Forbidden;
        }

        if (survivorId == mergedId)
        {
            return MergeOutcome.SameActivity;
        }

        var both = await db.Activities.AsNoTracking().Include(a => a.Participants).Where(a => a.Id == survivorId || a.Id == mergedId).ToListAsync(cancellationToken);
        var survivor = both.FirstOrDefault(a => a.Id == survivorId);
        var merged = both.FirstOrDefault(a => a.Id == mergedId);
        if (survivor is null || merged is null || merged.MergedIntoId is not null || survivor.MergedIntoId is not null)
        {
            return MergeOutcome.NotFound;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var input = ActivityInput.From(survivor);
        var participants = input.Participants.ToList();
        foreach (var p in ActivityInput.From(merged).Participants)
        {
            if (!participants.Any(x => x.Role == p.Role && (p.OrganisationId is not null ? x.OrganisationId == p.OrganisationId : x.OrganisationId is null && x.Name == p.Name)))
            {
                participants.Add(p);
            }
        }

        var update = await editor.UpdateAsync(survivorId, input with { Participants = participants }, cancellationToken);
        if (update.Outcome != EditOutcome.Saved)
        {
            return MergeOutcome.Conflict;
        }

        db.ChangeTracker.Clear();
        var retire = await editor.RetireAsync(mergedId, merged.Version, cancellationToken);
        if (retire.Outcome != EditOutcome.Saved)
        {
            return MergeOutcome.Conflict;
        }

        db.ChangeTracker.Clear();
        await db.Activities.Where(a => a.Id == mergedId).ExecuteUpdateAsync(s => s.SetProperty(a => a.MergedIntoId, survivorId), cancellationToken);
        await db.ActivityIatiIdentifiers.Where(i => i.ActivityId == mergedId).ExecuteUpdateAsync(s => s.SetProperty(i => i.ActivityId, survivorId), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return MergeOutcome.Merged;
    }

    private IQueryable<Activity> Visible() => Visible(db.Activities);

    private IQueryable<Activity> Visible(IQueryable<Activity> activities) =>
        (user.IsEditor ? activities : ActivityAccess.Public(activities)).Where(a => a.RetiredAt == null && a.MergedIntoId == null);

    /// <summary>
    /// Activities with one of <paramref name="keys"/> (the probe's cells, else its countries, else its areas). The cells
    /// of an activity are all pairs of its countries and areas, so on PostgreSQL sharing a cell is sharing a country and an
    /// area, which the GIN index over the activity's own lists answers as one bitmap (array overlap, <c>&amp;&amp;</c>)
    /// with one visit per activity, instead of a facet row and an index look-up per activity (ADR 0022). Without countries
    /// only regional activities count, which <c>IX_Activities_RegionalAreas</c> holds.
    /// </summary>
    private IQueryable<Activity> InCells(DuplicateProbe probe, List<string> keys)
    {
        if (!db.Database.IsNpgsql())
        {
            return db.Activities.Where(a => a.Facets.Any(f => keys.Contains(f.Key)));
        }

        var countries = probe.Countries.ToArray();
        var areas = probe.Areas.Select(a => a.ToString()).ToArray();
        return countries.Length > 0 && areas.Length > 0
            ? db.Activities.FromSql($"SELECT a.* FROM \"Activities\" AS a WHERE a.\"Countries\" && {countries} AND a.\"ThematicAreas\" && {areas}")
            : countries.Length > 0
                ? db.Activities.FromSql($"SELECT a.* FROM \"Activities\" AS a WHERE a.\"Countries\" && {countries}")
                : db.Activities.FromSql($"SELECT a.* FROM \"Activities\" AS a WHERE a.\"IsRegional\" AND a.\"ThematicAreas\" && {areas}");
    }

    /// <summary>
    /// The activities worth scoring against <paramref name="probe"/>, each with an upper bound of its score: those in the
    /// probe's country × area cells (or, for regional work, its areas) with an overlapping or unknown period — read as ids,
    /// titles and, for those still in, summaries (<see cref="InCells"/>) — and those sharing an IATI identifier (bound 100). The
    /// organisations the probe names are looked up once to tighten the bounds.
    /// </summary>
    private async Task<Dictionary<Guid, double>> BoundsAsync(DuplicateProbe probe, TrigramSet title, TrigramSet? summary, CancellationToken cancellationToken)
    {
        var keys = probe.Countries.Count > 0 && probe.Areas.Count > 0
            ? probe.Countries.SelectMany(c => probe.Areas.Select(a => $"{ActivityFacet.Cell}{c}:{a}")).ToList()
            : probe.Countries.Count > 0
                ? probe.Countries.Select(c => ActivityFacet.Country + c).ToList()
                : probe.Areas.Select(a => ActivityFacet.Area + a).ToList();
        var bounds = new Dictionary<Guid, double>();
        if (keys.Count > 0)
        {
            var filtered = Visible(InCells(probe, keys));
            if (probe.Id is { } self)
            {
                filtered = filtered.Where(a => a.Id != self);
            }

            if (probe.Countries.Count == 0)
            {
                filtered = filtered.Where(a => a.IsRegional);
            }

            if (probe.Start is { } start)
            {
                var end = probe.End ?? DateOnly.MaxValue;
                filtered = filtered.Where(a => a.StartDate == null || (a.StartDate <= end && (a.EndDate == null || a.EndDate >= start)));
            }

            var shared = await SharedOrganisationsAsync(probe, cancellationToken);
            var rows = await filtered.Select(a => new { a.Id, a.Title }).ToListAsync(cancellationToken);
            var titles = new Dictionary<Guid, double>();
            foreach (var row in rows)
            {
                shared.TryGetValue(row.Id, out var organisations);
                var similarity = DuplicateScorer.Similarity(title, DuplicateScorer.Trigrams(row.Title));
                var bound = DuplicateScorer.Bound(probe, similarity, null, organisations.Implementer, organisations.Donor);
                if (bound >= DuplicateScorer.Threshold - 0.5)
                {
                    bounds[row.Id] = bound;
                    titles[row.Id] = similarity;
                }
            }

            // With a summary the probe could gain up to 15 points from any activity's summary, which leaves every activity
            // with a similar title or a shared organisation above the threshold until its summary is known: those summaries
            // are read (by id, only for the activities still in) and make the bound exact for the texts.
            if (summary is { } probeSummary && titles.Count > 0)
            {
                foreach (var chunk in titles.Keys.Chunk(5000))
                {
                    var summaries = await db.Activities.Where(a => chunk.Contains(a.Id)).Select(a => new { a.Id, a.Summary }).ToListAsync(cancellationToken);
                    foreach (var row in summaries)
                    {
                        shared.TryGetValue(row.Id, out var organisations);
                        var similarity = row.Summary is null ? 0 : DuplicateScorer.Similarity(probeSummary, DuplicateScorer.Trigrams(row.Summary));
                        var bound = DuplicateScorer.Bound(probe, titles[row.Id], similarity, organisations.Implementer, organisations.Donor);
                        if (bound >= DuplicateScorer.Threshold - 0.5)
                        {
                            bounds[row.Id] = bound;
                        }
                        else
                        {
                            bounds.Remove(row.Id);
                        }
                    }
                }
            }
        }

        if (probe.IatiIdentifiers.Count > 0)
        {
            var identifiers = probe.IatiIdentifiers.ToList();
            foreach (var id in await db.ActivityIatiIdentifiers.Where(i => identifiers.Contains(i.Identifier) && i.ActivityId != probe.Id).Select(i => i.ActivityId).ToListAsync(cancellationToken))
            {
                bounds[id] = 100;
            }
        }

        return bounds;
    }

    /// <summary>Activities that have one of the probe's directory organisations as implementer or partner, or as donor.</summary>
    private async Task<Dictionary<Guid, (bool Implementer, bool Donor)>> SharedOrganisationsAsync(DuplicateProbe probe, CancellationToken cancellationToken)
    {
        var implementers = probe.Implementers.Select(DuplicateProbe.OrganisationOf).OfType<Guid>().ToHashSet();
        var donors = probe.Donors.Select(DuplicateProbe.OrganisationOf).OfType<Guid>().ToHashSet();
        var result = new Dictionary<Guid, (bool Implementer, bool Donor)>();
        if (implementers.Count + donors.Count == 0)
        {
            return result;
        }

        var organisations = implementers.Concat(donors).Select(g => (Guid?)g).ToList();
        var rows = await db.ActivityParticipants.AsNoTracking().Where(p => organisations.Contains(p.OrganisationId))
            .Select(p => new { p.ActivityId, p.Role, p.OrganisationId }).ToListAsync(cancellationToken);
        foreach (var p in rows)
        {
            result.TryGetValue(p.ActivityId, out var flags);
            var organisation = p.OrganisationId!.Value;
            result[p.ActivityId] = p.Role == ParticipantRole.Donor
                ? (flags.Implementer, flags.Donor || donors.Contains(organisation))
                : (flags.Implementer || (p.Role is ParticipantRole.Implementer or ParticipantRole.Partner && implementers.Contains(organisation)), flags.Donor);
        }

        return result;
    }

    private async Task<Dictionary<Guid, Scored>> ProbesAsync(List<Guid> ids, CancellationToken cancellationToken)
    {
        var result = new Dictionary<Guid, Scored>();
        foreach (var chunk in ids.Chunk(1000))
        {
            var rows = await db.Activities.AsNoTracking().Where(a => chunk.Contains(a.Id))
                .Select(a => new { a.Id, a.Slug, a.Title, a.Summary, a.Countries, a.IsRegional, a.ThematicAreas, a.StartDate, a.EndDate })
                .ToListAsync(cancellationToken);
            var participants = (await db.ActivityParticipants.AsNoTracking().Where(p => chunk.Contains(p.ActivityId))
                .Select(p => new { p.ActivityId, p.Role, p.OrganisationId, p.Name }).ToListAsync(cancellationToken)).ToLookup(p => p.ActivityId);
            var identifiers = (await db.ActivityIatiIdentifiers.AsNoTracking().Where(i => chunk.Contains(i.ActivityId))
                .Select(i => new { i.ActivityId, i.Identifier }).ToListAsync(cancellationToken)).ToLookup(i => i.ActivityId, i => i.Identifier);
            foreach (var a in rows)
            {
                var ps = participants[a.Id].ToList();
                result[a.Id] = new Scored(a.Slug, new DuplicateProbe(
                    a.Id, a.Title, a.Summary, a.Countries, a.IsRegional, a.ThematicAreas, a.StartDate, a.EndDate,
                    [.. ps.Where(p => p.Role is ParticipantRole.Implementer or ParticipantRole.Partner).Select(p => DuplicateProbe.ParticipantKey(p.OrganisationId, p.Name))],
                    [.. ps.Where(p => p.Role == ParticipantRole.Donor).Select(p => DuplicateProbe.ParticipantKey(p.OrganisationId, p.Name))],
                    [.. identifiers[a.Id]]));
            }
        }

        return result;
    }

    private async Task<HashSet<Guid>> DismissedWithAsync(Guid id, CancellationToken cancellationToken) =>
        [.. await db.DuplicateDismissals.AsNoTracking()
            .Where(d => d.FirstActivityId == id || d.SecondActivityId == id)
            .Select(d => d.FirstActivityId == id ? d.SecondActivityId : d.FirstActivityId)
            .ToListAsync(cancellationToken)];

    private static (Guid, Guid) Ordered(Guid a, Guid b) => a.CompareTo(b) < 0 ? (a, b) : (b, a);

    private sealed record Scored(string Slug, DuplicateProbe Probe)
    {
        public DuplicateCandidate Candidate(int score, IReadOnlyList<DuplicateReason> reasons) => new(Probe.Id!.Value, Slug, Probe.Title, score, reasons);
    }
}
