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
    /// <summary>Entries are refined in batches of at least this many, best bound first (summaries: four times as many).</summary>
    private const int FirstBatch = 50;

    /// <summary>
    /// The best-scoring existing activities for <paramref name="probe"/> (at most <paramref name="limit"/>, score at least
    /// <see cref="DuplicateScorer.Threshold"/>, best first, then by slug). Every activity in the probe's cells with an
    /// overlapping or unknown period is considered, not a newest part of them (ADR 0024): the cells' rows give each one's
    /// title and period, from which an upper bound of its score (<see cref="DuplicateScorer.Bound"/>) drops most; the
    /// rest are refined best bound first — their summaries read, then their whole records loaded and scored — until no
    /// remaining one could enter the result.
    /// </summary>
    public async Task<List<DuplicateCandidate>> CandidatesAsync(DuplicateProbe probe, int limit = 10, CancellationToken cancellationToken = default) =>
        await CandidatesAsync(probe, limit, new Loaded(), cancellationToken);

    /// <summary>
    /// <see cref="CandidatesAsync(DuplicateProbe, int, CancellationToken)"/> for each of <paramref name="probes"/> (an
    /// import's new activities), in their order: each result is the one the single call gives; what the database returned
    /// for one probe's scoring is kept for the next (nothing is written in between).
    /// </summary>
    public async Task<List<List<DuplicateCandidate>>> CandidatesAsync(IReadOnlyList<DuplicateProbe> probes, int limit, CancellationToken cancellationToken = default)
    {
        var loaded = new Loaded();
        var results = new List<List<DuplicateCandidate>>(probes.Count);
        foreach (var probe in probes)
        {
            // Bounded: an import's probes in busy cells would otherwise keep tens of thousands of loaded activities.
            if (loaded.Records.Count + loaded.Summaries.Count > 20_000)
            {
                loaded = new Loaded();
            }

            results.Add(await CandidatesAsync(probe, limit, loaded, cancellationToken));
        }

        return results;
    }

    private async Task<List<DuplicateCandidate>> CandidatesAsync(DuplicateProbe probe, int limit, Loaded loaded, CancellationToken cancellationToken)
    {
        var dismissed = probe.Id is { } self ? await DismissedWithAsync(self, cancellationToken) : [];
        var title = DuplicateScorer.Trigrams(probe.Title);
        var summary = probe.Summary is null ? TrigramSet.Empty : DuplicateScorer.Trigrams(probe.Summary);
        var summaryMatcher = summary.Matcher();
        TrigramSet ProbeTrigrams(string text) =>
            ReferenceEquals(text, probe.Title) ? title : ReferenceEquals(text, probe.Summary) ? summary : DuplicateScorer.Trigrams(text);

        // Best bound first. An entry is refined when it comes to the top: its summary is read (a tighter bound), then its
        // whole record is loaded and scored. Entries are taken in batches (one database read each), growing as they go.
        var queue = new PriorityQueue<Entry, double>();
        foreach (var entry in await FieldAsync(probe, title.Matcher(), cancellationToken))
        {
            if (!dismissed.Contains(entry.Id))
            {
                queue.Enqueue(entry, -entry.Bound);
            }
        }

        var found = new List<(Scored Item, int Score, IReadOnlyList<DuplicateReason> Reasons)>();
        var summaries = 0;
        var records = 0;
        while (queue.Count > 0)
        {
            var toSummarise = new List<Entry>();
            var toScore = new List<Entry>();
            while (queue.TryPeek(out var top, out _) && toSummarise.Count < Math.Max(4 * FirstBatch, summaries) && toScore.Count < Math.Max(FirstBatch, records))
            {
                // Stop once the worst of a full result beats the best score any remaining activity could reach (a tie
                // could still enter by its slug, so a tie goes on).
                if (found.Count >= limit && (int)Math.Round(Math.Min(top.Bound, 100)) < found[limit - 1].Score)
                {
                    break;
                }

                queue.Dequeue();
                (top.Refined ? toScore : toSummarise).Add(top);
            }

            if (toSummarise.Count + toScore.Count == 0)
            {
                break;
            }

            if (toSummarise.Count > 0)
            {
                summaries += toSummarise.Count;
                foreach (var refined in await RefineAsync(probe, summaryMatcher, toSummarise, loaded, cancellationToken))
                {
                    if (refined.Bound >= DuplicateScorer.Threshold - 0.5)
                    {
                        queue.Enqueue(refined, -refined.Bound);
                    }
                }
            }

            if (toScore.Count > 0)
            {
                records += toScore.Count;
                var missing = toScore.Where(e => !loaded.Records.ContainsKey(e.Id)).Select(e => e.Id).ToList();
                if (missing.Count > 0)
                {
                    foreach (var (id, item) in await ProbesAsync(missing, cancellationToken))
                    {
                        loaded.Records[id] = item;
                    }
                }

                foreach (var entry in toScore)
                {
                    if (!loaded.Records.TryGetValue(entry.Id, out var item))
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
    /// The activities worth scoring against <paramref name="probe"/>, each with an upper bound of its score from its title,
    /// period and organisations (its summary not known yet; those sharing an IATI identifier have bound 100): those in
    /// the probe's country × area cells, or for regional work without countries in its areas among regional work, with an
    /// overlapping or unknown period — read from <see cref="ActivityDuplicateCell"/> rows, one index range per cell (ADR 0024).
    /// A probe with countries but no area compares with the activities sharing a country, read from the activities.
    /// </summary>
    private async Task<List<Entry>> FieldAsync(DuplicateProbe probe, TrigramMatcher title, CancellationToken cancellationToken)
    {
        var areas = probe.Areas.Select(a => a.ToString()).ToList();
        var keys = DuplicateCells.KeysOf(probe.Countries, areas, regional: probe.Countries.Count == 0);
        var start = probe.Start;
        var end = probe.End ?? DateOnly.MaxValue;
        List<(Guid Id, string Title, DateOnly? Start, DateOnly? End)> rows;
        if (keys.Count > 0)
        {
            var cells = db.ActivityDuplicateCells.Where(c => keys.Contains(c.Key));
            if (!user.IsEditor)
            {
                cells = cells.Where(c => c.IsPublished);
            }

            if (start is not null)
            {
                cells = cells.Where(c => c.StartDate == null || (c.StartDate <= end && (c.EndDate == null || c.EndDate >= start)));
            }

            rows = [.. (await cells.Select(c => new { c.ActivityId, c.Title, c.StartDate, c.EndDate }).ToListAsync(cancellationToken))
                .Select(c => (c.ActivityId, c.Title, c.StartDate, c.EndDate))];
        }
        else if (probe.Countries.Count > 0)
        {
            var countryKeys = probe.Countries.Select(c => ActivityFacet.Country + c).ToList();
            var activities = Visible().Where(a => a.Facets.Any(f => countryKeys.Contains(f.Key)));
            if (start is not null)
            {
                activities = activities.Where(a => a.StartDate == null || (a.StartDate <= end && (a.EndDate == null || a.EndDate >= start)));
            }

            rows = [.. (await activities.Select(a => new { a.Id, a.Title, a.StartDate, a.EndDate }).ToListAsync(cancellationToken))
                .Select(a => (a.Id, a.Title, a.StartDate, a.EndDate))];
        }
        else
        {
            rows = [];
        }

        var shared = rows.Count > 0 ? await SharedOrganisationsAsync(probe, cancellationToken) : [];

        // Participants the probe names without a directory entry could be shared by any activity: assumed so until its
        // participants known by name only are read (RefineAsync), with its summary.
        var namedImplementer = probe.Implementers.Any(k => DuplicateProbe.OrganisationOf(k) is null);
        var namedDonor = probe.Donors.Any(k => DuplicateProbe.OrganisationOf(k) is null);
        var refined = probe.Summary is null && !namedImplementer && !namedDonor;
        var entries = new List<Entry>();
        var seen = new HashSet<Guid>();
        foreach (var (id, otherTitle, otherStart, otherEnd) in rows)
        {
            // An activity is in as many of the probe's cells as it shares; the rows of one activity are alike.
            if (id == probe.Id || !seen.Add(id))
            {
                continue;
            }

            shared.TryGetValue(id, out var organisations);
            var similarity = DuplicateScorer.Similarity(title, otherTitle);
            var overlap = DuplicateScorer.Overlap(start, probe.End, otherStart, otherEnd);
            var bound = DuplicateScorer.Bound(probe, similarity, null, overlap, organisations.Implementer || namedImplementer, organisations.Donor || namedDonor);
            if (bound >= DuplicateScorer.Threshold - 0.5)
            {
                entries.Add(new Entry(id, bound, similarity, overlap, organisations.Implementer, organisations.Donor, refined));
            }
        }

        if (probe.IatiIdentifiers.Count > 0)
        {
            var identifiers = probe.IatiIdentifiers.ToList();
            // Only activities the caller may compare with, as in the cells (identifiers move to the survivor of a merge).
            var visible = Visible();
            var same = await db.ActivityIatiIdentifiers.Where(i => identifiers.Contains(i.Identifier) && i.ActivityId != probe.Id && visible.Any(a => a.Id == i.ActivityId))
                .Select(i => i.ActivityId).ToListAsync(cancellationToken);
            entries.RemoveAll(e => same.Contains(e.Id));
            entries.AddRange(same.Distinct().Select(id => new Entry(id, 100, 1, true, true, true, Refined: true)));
        }

        return entries;
    }

    /// <summary>Activities that have one of the probe's directory organisations as implementer or partner, or as donor.</summary>
    private async Task<Dictionary<Guid, (bool Implementer, bool Donor)>> SharedOrganisationsAsync(DuplicateProbe probe, CancellationToken cancellationToken)
    {
        var implementers = probe.Implementers.Select(DuplicateProbe.OrganisationOf).OfType<Guid>().ToHashSet();
        var donors = probe.Donors.Select(DuplicateProbe.OrganisationOf).OfType<Guid>().ToHashSet();
        var result = new Dictionary<Guid, (bool Implementer, bool Donor)>();
        if (implementers.Count + donors.Count > 0)
        {
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
        }

        return result;
    }

    /// <summary>
    /// The entries with their bounds made exact for the texts and participants: each one's summary is compared with the
    /// probe's (read once into <paramref name="loaded"/>), and where the probe names participants without a directory
    /// entry, the activity's participants known by name only are compared with them by normalised name.
    /// </summary>
    private async Task<List<Entry>> RefineAsync(DuplicateProbe probe, TrigramMatcher summary, List<Entry> entries, Loaded loaded, CancellationToken cancellationToken)
    {
        // One read for both: the summary, and the participants known by name only (few activities have any).
        foreach (var chunk in entries.Where(e => !loaded.Summaries.ContainsKey(e.Id)).Select(e => e.Id).Chunk(1000))
        {
            var rows = await db.Activities.Where(a => chunk.Contains(a.Id))
                .Select(a => new { a.Id, a.Summary, Named = a.Participants.Where(p => p.OrganisationId == null).Select(p => new { p.Role, p.Name }).ToList() })
                .ToListAsync(cancellationToken);
            foreach (var row in rows)
            {
                loaded.Summaries[row.Id] = new Refinement(row.Summary, [.. row.Named.Select(p => (p.Role, DuplicateProbe.ParticipantKey(null, p.Name)))]);
            }
        }

        return [.. entries.Select(entry =>
        {
            var known = loaded.Summaries.GetValueOrDefault(entry.Id);
            var similarity = probe.Summary is not null && known?.Summary is { } other ? DuplicateScorer.Similarity(summary, other) : 0;
            var named = known?.Named ?? [];
            var implementer = entry.Implementer || named.Any(p => p.Role is ParticipantRole.Implementer or ParticipantRole.Partner && probe.Implementers.Contains(p.Key));
            var donor = entry.Donor || named.Any(p => p.Role == ParticipantRole.Donor && probe.Donors.Contains(p.Key));
            return entry with
            {
                Bound = DuplicateScorer.Bound(probe, entry.Title, similarity, entry.Overlap, implementer, donor),
                Implementer = implementer,
                Donor = donor,
                Refined = true,
            };
        })];
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

    /// <summary>
    /// An activity in the running, with the upper bound of its score so far: from its title similarity, period overlap and
    /// the directory organisations it shares with the probe (participants named without a directory entry assumed shared),
    /// and once <see cref="Refined"/> from its summary and named participants too.
    /// </summary>
    private sealed record Entry(Guid Id, double Bound, double Title, bool Overlap, bool Implementer, bool Donor, bool Refined);

    /// <summary>An activity's summary (null for none) and its participants known by name only, as role and <see cref="DuplicateProbe.ParticipantKey"/>.</summary>
    private sealed record Refinement(string? Summary, List<(ParticipantRole Role, string Key)> Named);

    /// <summary>What the database returned while scoring: summaries and named participants, and whole records, by activity.</summary>
    private sealed class Loaded
    {
        public Dictionary<Guid, Refinement> Summaries { get; } = [];

        public Dictionary<Guid, Scored> Records { get; } = [];
    }

    private sealed record Scored(string Slug, DuplicateProbe Probe)
    {
        public DuplicateCandidate Candidate(int score, IReadOnlyList<DuplicateReason> reasons) => new(Probe.Id!.Value, Slug, Probe.Title, score, reasons);
    }
}
