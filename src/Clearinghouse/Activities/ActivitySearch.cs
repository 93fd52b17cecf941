using Clearinghouse.Accounts;
using Clearinghouse.Common;
using Clearinghouse.Data;
using Clearinghouse.Directory;
using Microsoft.EntityFrameworkCore;

namespace Clearinghouse.Activities;

/// <summary>What a user can filter the inventory by; filters combine with AND.</summary>
internal sealed record ActivityFilter
{
    public string? Q { get; init; }

    public string? Country { get; init; }

    public ThematicArea? Area { get; init; }

    public TargetGroup? TargetGroup { get; init; }

    public FormOfExploitation? Form { get; init; }

    /// <summary>Any participant role.</summary>
    public Guid? Organisation { get; init; }

    public Guid? Donor { get; init; }

    public ActivityStatus? Status { get; init; }

    /// <summary>Only for those who see unpublished activities (editors, focal points).</summary>
    public ReviewState? Review { get; init; }

    /// <summary>With <see cref="To"/>: activities whose period overlaps [From, To] (an open end counts as overlapping).</summary>
    public DateOnly? From { get; init; }

    public DateOnly? To { get; init; }

    public bool? Regional { get; init; }

    /// <summary>True: leave out cancelled activities (as the gap matrix does).</summary>
    public bool Active { get; init; }

    public bool? InternalTrafficking { get; init; }

    /// <summary>Editors only: also retired activities.</summary>
    public bool IncludeRetired { get; init; }
}

/// <summary>One activity in a list.</summary>
internal sealed record ActivitySummary(
    Guid Id,
    string Slug,
    LocalizedText Localized,
    ActivityStatus Status,
    ReviewState ReviewState,
    DateOnly? StartDate,
    DateOnly? EndDate,
    IReadOnlyList<string> Countries,
    bool IsRegional,
    IReadOnlyList<ThematicArea> ThematicAreas,
    decimal? Budget,
    string? BudgetCurrency,
    IReadOnlyList<string> Implementers,
    IReadOnlyList<string> Donors,
    bool IsRetired);

/// <summary>A page of activities. Counting stops at <see cref="ActivitySearch.CountCap"/>: beyond it the count reads "more than 1,000".</summary>
internal sealed record ActivityPage(IReadOnlyList<ActivitySummary> Items, int PageNumber, int PageSize, int Count, bool HasMore)
{
    public bool CountIsCapped => Count > ActivitySearch.CountCap;
}

/// <summary>
/// All reads of the activities inventory, with the access rules of <see cref="ActivityAccess"/> in every query.
/// Country, area, target group and form filters go through the indexed <see cref="ActivityFacet"/> rows.
/// </summary>
internal sealed class ActivitySearch(AppDbContext db, CurrentUser user, TimeProvider clock)
{
    public const int CountCap = 1000;

    public IQueryable<Activity> Query(ActivityFilter filter) => Matching(filter, null);

    /// <summary><paramref name="startedBy"/> (PostgreSQL only): also only activities with a start date on or before it.</summary>
    private IQueryable<Activity> Matching(ActivityFilter filter, DateOnly? startedBy)
    {
        var npgsql = db.Database.IsNpgsql();
        var query = ActivityAccess.Visible((npgsql ? PostgresMatching(filter, startedBy) : db.Activities).AsNoTracking(), user);
        if (!(filter.IncludeRetired && user.IsEditor))
        {
            query = query.Where(a => a.RetiredAt == null);
        }

        if (!npgsql)
        {
            foreach (var term in Terms(filter))
            {
                var pattern = ContainsPattern(term);
                query = query.Where(a => EF.Functions.Like(a.SearchText, pattern, "\\"));
            }

            foreach (var key in FacetKeys(filter))
            {
                query = query.Where(a => a.Facets.Any(f => f.Key == key));
            }
        }

        if (filter.Organisation is { } organisation)
        {
            query = query.Where(a => a.Participants.Any(p => p.OrganisationId == organisation));
        }

        if (filter.Donor is { } donor)
        {
            query = query.Where(a => a.Participants.Any(p => p.OrganisationId == donor && p.Role == ParticipantRole.Donor));
        }

        if (filter.Status is { } status)
        {
            query = query.Where(a => a.Status == status);
        }

        if (filter.Active)
        {
            query = query.Where(a => a.Status != ActivityStatus.Cancelled);
        }

        if (filter.Review is { } review)
        {
            query = query.Where(a => a.ReviewState == review);
        }

        query = query.Overlapping(filter.From, filter.To, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));

        if (filter.Regional is { } regional)
        {
            query = query.Where(a => a.IsRegional == regional);
        }

        if (filter.InternalTrafficking is { } domestic)
        {
            query = query.Where(a => a.AddressesInternalTrafficking == domestic);
        }

        return query;
    }

    /// <summary>
    /// PostgreSQL: the free text and the country, area, target group and form filters written so that the activities'
    /// own indexes answer them (ADR 0020): <c>LIKE '%word%'</c> on SearchText through the trigram GIN index, and array
    /// containment (<c>"Countries" @> ARRAY['MD']</c>) through the GIN index over the four lists, which the database
    /// combines with a bitmap AND. The lists hold exactly what the facet keys are made of (<see cref="ActivityFacet.KeysOf"/>),
    /// so the rows are those the facet rows select; a country and an area together are the gap matrix's cell.
    /// EF Core's own translation of <c>Contains</c> on a list (<c>'MD' = ANY(…)</c>) cannot use a GIN index.
    /// </summary>
    private IQueryable<Activity> PostgresMatching(ActivityFilter filter, DateOnly? startedBy)
    {
        var conditions = new List<string>();
        var values = new List<object>();
        void Add(string condition, object value)
        {
            conditions.Add(condition.Replace("{}", "{" + values.Count.ToString(System.Globalization.CultureInfo.InvariantCulture) + "}", StringComparison.Ordinal));
            values.Add(value);
        }

        foreach (var term in Terms(filter))
        {
            Add("a.\"SearchText\" LIKE {} ESCAPE '\\'", ContainsPattern(term));
        }

        if (CountryCode(filter) is { } country)
        {
            Add("a.\"Countries\" @> {}", new[] { country });
        }

        if (filter.Area is { } area)
        {
            Add("a.\"ThematicAreas\" @> {}", new[] { area.ToString() });
        }

        if (filter.TargetGroup is { } group)
        {
            Add("a.\"TargetGroups\" @> {}", new[] { group.ToString() });
        }

        if (filter.Form is { } form)
        {
            Add("a.\"FormsOfExploitation\" @> {}", new[] { form.ToString() });
        }

        if (startedBy is { } end)
        {
            // "IS FALSE" (not IS NOT NULL) matches the first column of the list's indexes, ("StartDate" IS NULL), as an
            // equality, so that the start date bound is where the index scan begins.
            Add("(a.\"StartDate\" IS NULL) IS FALSE AND a.\"StartDate\" <= {}", end);
        }

        return conditions.Count == 0
            ? db.Activities
            : db.Activities.FromSql(System.Runtime.CompilerServices.FormattableStringFactory.Create(
                "SELECT a.* FROM \"Activities\" AS a WHERE " + string.Join(" AND ", conditions), [.. values]));
    }

    /// <summary>The words of the free text, normalised as the stored search text is (at most eight).</summary>
    private static IEnumerable<string> Terms(ActivityFilter filter) =>
        string.IsNullOrWhiteSpace(filter.Q) ? [] : SearchTextBuilder.Normalize(filter.Q).Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(8);

    private static string? CountryCode(ActivityFilter filter) =>
        string.IsNullOrWhiteSpace(filter.Country) ? null : filter.Country.Trim().ToUpperInvariant();

    /// <summary>A LIKE pattern (escape character backslash) matching text that contains <paramref name="text"/>.</summary>
    public static string ContainsPattern(string text) =>
        "%" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";

    /// <summary>Newest start first (activities without a start date last), then by id for a stable order.</summary>
    public async Task<ActivityPage> SearchAsync(ActivityFilter filter, int? page, int? pageSize, string language, CancellationToken cancellationToken = default)
    {
        var (number, size) = Paging.Normalize(page, pageSize);
        var query = Query(filter);
        var offset = (number - 1) * size;

        // The page's ids first (on PostgreSQL an index-only walk of IX_Activities_PublicListCovering, which holds every
        // list and date the filters test), then the shown columns of those rows only.
        int count;
        List<Guid> ids;
        if (db.Database.IsNpgsql() && Terms(filter).Any() && offset + size + 1 <= CountCap + 1)
        {
            // Free text on PostgreSQL (ADR 0022): walking the list's order would read a table row for every activity passed
            // over, so the matches come from the one GIN index over the text and the lists, and the page (within the capped
            // count) is cut from the first CountCap + 1 of them in the list's order, which are also the count: one read of the
            // matches instead of a count and a page that each find them again. The period stays one condition here (a range
            // of the list's index is no help to a bitmap).
            var head = await InListOrder(query).Take(CountCap + 1).Select(a => a.Id).ToListAsync(cancellationToken);
            count = head.Count;
            ids = [.. head.Skip(offset).Take(size + 1)];
        }
        else
        {
            count = await query.Select(a => a.Id).Take(CountCap + 1).CountAsync(cancellationToken);
            ids = await PageIdsAsync(filter, query, offset, size + 1, cancellationToken);
        }

        var found = await db.Activities.AsNoTracking()
            .Where(a => ids.Contains(a.Id))
            .Select(a => new
            {
                a.Id,
                a.Slug,
                a.Title,
                a.Summary,
                a.OriginalLanguage,
                a.Translations,
                a.Status,
                a.ReviewState,
                a.StartDate,
                a.EndDate,
                a.Countries,
                a.IsRegional,
                a.ThematicAreas,
                a.Budget,
                a.BudgetCurrency,
                a.RetiredAt,
            })
            .ToDictionaryAsync(a => a.Id, cancellationToken);
        var rows = ids.Where(found.ContainsKey).Select(id => found[id]).ToList();
        var shown = rows.Take(size).ToList();
        var names = await ParticipantNamesAsync([.. shown.Select(r => r.Id)], cancellationToken);
        var items = shown.Select(r => new ActivitySummary(
            r.Id,
            r.Slug,
            r.Translations.Localize(language, r.Title, r.Summary, r.OriginalLanguage),
            r.Status,
            r.ReviewState,
            r.StartDate,
            r.EndDate,
            r.Countries,
            r.IsRegional,
            r.ThematicAreas,
            r.Budget,
            r.BudgetCurrency,
            names.GetValueOrDefault((r.Id, ParticipantRole.Implementer)) ?? [],
            names.GetValueOrDefault((r.Id, ParticipantRole.Donor)) ?? [],
            r.RetiredAt is not null)).ToList();
        return new ActivityPage(items, number, size, count, rows.Count > size);
    }

    /// <summary>
    /// The ids of one page of <paramref name="query"/> in the list's order (newest start first, no start date last, then id).
    /// PostgreSQL with an end of period: the activities with a start date up to that end come first in that order and
    /// are read from the start of the index on (a range scan), then those without a start date that the period admits
    /// (<see cref="ActivityPeriod.Overlapping"/>); one condition with OR would walk past every later start first.
    /// </summary>
    private async Task<List<Guid>> PageIdsAsync(ActivityFilter filter, IQueryable<Activity> query, int offset, int take, CancellationToken cancellationToken)
    {
        if (filter.To is not { } to || !db.Database.IsNpgsql())
        {
            return await InListOrder(query).Skip(offset).Take(take).Select(a => a.Id).ToListAsync(cancellationToken);
        }

        var open = filter with { To = null };
        var started = Matching(open, to);
        var ids = await InListOrder(started).Skip(offset).Take(take).Select(a => a.Id).ToListAsync(cancellationToken);
        if (ids.Count == take)
        {
            return ids;
        }

        // Rows of the second part to skip: none when the first part reached this page; otherwise the offset less the
        // first part's rows, all of them before this page (at most offset of them, so the count is bounded).
        var startedCount = ids.Count > 0 || offset == 0 ? offset + ids.Count : await started.Take(offset).CountAsync(cancellationToken);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var undated = Query(open).Where(a => a.StartDate == null);
        if (to <= today)
        {
            undated = undated.Where(a => a.Status != ActivityStatus.Planned);
        }

        ids.AddRange(await InListOrder(undated).Skip(Math.Max(0, offset - startedCount)).Take(take - ids.Count).Select(a => a.Id).ToListAsync(cancellationToken));
        return ids;
    }

    private static IOrderedQueryable<Activity> InListOrder(IQueryable<Activity> query) =>
        query.OrderBy(a => a.StartDate == null).ThenByDescending(a => a.StartDate).ThenBy(a => a.Id);

    /// <summary>One activity with its participants (and their organisations) and contact person, if the caller may see it.</summary>
    public Task<Activity?> FindAsync(Guid? id, string? slug, CancellationToken cancellationToken = default)
    {
        var query = ActivityAccess.Visible(db.Activities.AsNoTracking(), user)
            .Include(a => a.Participants).ThenInclude(p => p.Organisation)
            .Include(a => a.ContactPerson).ThenInclude(p => p!.Organisation)
            .AsSplitQuery();
        return id is { } key
            ? query.FirstOrDefaultAsync(a => a.Id == key, cancellationToken)
            : query.FirstOrDefaultAsync(a => a.Slug == slug, cancellationToken);
    }

    /// <summary>
    /// Unretired directory organisations a typed organisation or donor filter may mean, at most <paramref name="limit"/>:
    /// those whose name or acronym is the text (ignoring case); if none, those whose directory search text holds every
    /// word, by name. Bounded by the directory's indexes, never by reading the participants.
    /// </summary>
    public async Task<IReadOnlyList<(Guid Id, string Name, string? Acronym)>> OrganisationsNamedAsync(string text, int limit, CancellationToken cancellationToken = default)
    {
        var lower = text.Trim().ToLowerInvariant();
#pragma warning disable CA1304, CA1311, CA1862 // translated to SQL lower(), never run in .NET
        var exact = await db.Organisations.AsNoTracking()
            .Where(o => o.RetiredAt == null && (o.Name.ToLower() == lower || (o.Acronym != null && o.Acronym.ToLower() == lower)))
#pragma warning restore CA1304, CA1311, CA1862
            .OrderBy(o => o.Name).ThenBy(o => o.Id)
            .Take(limit)
            .Select(o => new { o.Id, o.Name, o.Acronym })
            .ToListAsync(cancellationToken);
        if (exact.Count == 0)
        {
            var words = SearchTextBuilder.Normalize(text).Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(8).ToList();
            exact = await OrganisationIndex.Matching(db, words, null, null, null, null).Listed.AsNoTracking()
                .Where(o => o.RetiredAt == null)
                .OrderBy(o => o.Name).ThenBy(o => o.Id)
                .Take(limit)
                .Select(o => new { o.Id, o.Name, o.Acronym })
                .ToListAsync(cancellationToken);
        }

        return [.. exact.Select(o => (o.Id, o.Name, o.Acronym))];
    }

    /// <summary>The names shown for participants of the given activities, by activity and role (directory name, else the name given).</summary>
    public async Task<Dictionary<(Guid, ParticipantRole), List<string>>> ParticipantNamesAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return [];
        }

        var participants = await db.ActivityParticipants.AsNoTracking()
            .Where(p => ids.Contains(p.ActivityId) && (p.Role == ParticipantRole.Implementer || p.Role == ParticipantRole.Donor))
            .Select(p => new { p.ActivityId, p.Role, Name = p.Organisation != null ? (p.Organisation.Acronym ?? p.Organisation.Name) : p.Name })
            .ToListAsync(cancellationToken);
        return participants
            .GroupBy(p => (p.ActivityId, p.Role))
            .ToDictionary(g => g.Key, g => g.Select(p => p.Name ?? "?").Order(StringComparer.CurrentCulture).ToList());
    }

    private static IEnumerable<string> FacetKeys(ActivityFilter filter)
    {
        var country = CountryCode(filter);
        if (country is not null && filter.Area is { } cell)
        {
            // Country and area together are one gap-matrix cell: one key, far rarer than either, that the database
            // estimates well (two separate keys are taken as independent and can send it down the list's whole index).
            yield return $"{ActivityFacet.Cell}{country}:{cell}";
        }
        else if (country is not null)
        {
            yield return ActivityFacet.Country + country;
        }
        else if (filter.Area is { } area)
        {
            yield return ActivityFacet.Area + area;
        }

        if (filter.TargetGroup is { } group)
        {
            yield return ActivityFacet.TargetGroup + group;
        }

        if (filter.Form is { } form)
        {
            yield return ActivityFacet.Form + form;
        }
    }
}
