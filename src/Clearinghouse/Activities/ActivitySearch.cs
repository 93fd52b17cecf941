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

    public IQueryable<Activity> Query(ActivityFilter filter)
    {
        var query = ActivityAccess.Visible(db.Activities.AsNoTracking(), user);
        if (!(filter.IncludeRetired && user.IsEditor))
        {
            query = query.Where(a => a.RetiredAt == null);
        }

        if (!string.IsNullOrWhiteSpace(filter.Q))
        {
            foreach (var term in SearchTextBuilder.Normalize(filter.Q).Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(8))
            {
                var pattern = ContainsPattern(term);
                query = query.Where(a => EF.Functions.Like(a.SearchText, pattern, "\\"));
            }
        }

        foreach (var key in FacetKeys(filter))
        {
            query = query.Where(a => a.Facets.Any(f => f.Key == key));
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

    /// <summary>A LIKE pattern (escape character backslash) matching text that contains <paramref name="text"/>.</summary>
    public static string ContainsPattern(string text) =>
        "%" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";

    /// <summary>Newest start first (activities without a start date last), then by id for a stable order.</summary>
    public async Task<ActivityPage> SearchAsync(ActivityFilter filter, int? page, int? pageSize, string language, CancellationToken cancellationToken = default)
    {
        var (number, size) = Paging.Normalize(page, pageSize);
        var query = Query(filter);
        var count = await query.Select(a => a.Id).Take(CountCap + 1).CountAsync(cancellationToken);
        var rows = await query
            .OrderBy(a => a.StartDate == null).ThenByDescending(a => a.StartDate).ThenBy(a => a.Id)
            .Skip((number - 1) * size).Take(size + 1)
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
            .ToListAsync(cancellationToken);
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
        var country = string.IsNullOrWhiteSpace(filter.Country) ? null : filter.Country.Trim().ToUpperInvariant();
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
