using Clearinghouse.Accounts;
using Clearinghouse.Common;
using Clearinghouse.Data;
using Clearinghouse.Directory;
using Microsoft.EntityFrameworkCore;

namespace Clearinghouse.Library;

internal enum LibrarySort
{
    Relevance,
    Newest,
    Oldest,
}

/// <summary>What the caller searches for; every filter is optional.</summary>
internal sealed record LibrarySearchRequest
{
    public string? Query { get; init; }

    public DocumentType? Type { get; init; }

    public ThematicArea? Theme { get; init; }

    public string? Country { get; init; }

    public string? Language { get; init; }

    public int? Year { get; init; }

    public Audience? Audience { get; init; }

    public Guid? PublisherId { get; init; }

    public LibrarySort Sort { get; init; } = LibrarySort.Relevance;

    public int Page { get; init; } = 1;

    public int PageSize { get; init; } = Paging.DefaultPageSize;
}

/// <summary>One language version in a result list. Snippet: plain text with \u0002...\u0003 around the matches.</summary>
internal sealed record LibraryResult(
    Guid EditionId,
    string Slug,
    string Title,
    string Language,
    DocumentType Type,
    int? Year,
    DateOnly? PublicationDate,
    string? Publisher,
    AccessLevel AccessLevel,
    string? Summary,
    string? Snippet);

internal sealed record FacetValue(string Value, int Count);

internal sealed record LibraryFacets(
    IReadOnlyList<FacetValue> Type,
    IReadOnlyList<FacetValue> Theme,
    IReadOnlyList<FacetValue> Country,
    IReadOnlyList<FacetValue> Language,
    IReadOnlyList<FacetValue> Year,
    IReadOnlyList<FacetValue> Audience);

internal sealed record LibrarySearchResult(Page<LibraryResult> Results, LibraryFacets Facets);

/// <summary>
/// All reads of the library. What the caller may see is decided in the query: anonymous callers see public
/// documents only, signed-in partners also partner documents, editors everything — in results, counts, facets
/// and snippets alike, because every one of them is computed from <see cref="Visible"/>.
/// </summary>
internal sealed class LibrarySearch(AppDbContext db, CurrentUser user, LibraryIndex index)
{
    public IReadOnlyList<AccessLevel> AllowedLevels =>
        user.IsEditor ? [AccessLevel.Public, AccessLevel.Partners, AccessLevel.Restricted]
        : user.IsAuthenticated ? [AccessLevel.Public, AccessLevel.Partners]
        : [AccessLevel.Public];

    /// <summary>The editions the caller may see (not retired, work not retired, access level allowed).</summary>
    public IQueryable<LibraryEdition> Visible()
    {
        var allowed = AllowedLevels.ToList();
        return db.LibraryEditions.AsNoTracking()
            .Where(e => e.RetiredAt == null && e.Work!.RetiredAt == null && allowed.Contains(e.Work.AccessLevel));
    }

    public IQueryable<LibraryWork> VisibleWorks()
    {
        var allowed = AllowedLevels.ToList();
        return db.LibraryWorks.AsNoTracking().Where(w => w.RetiredAt == null && allowed.Contains(w.AccessLevel));
    }

    /// <summary>
    /// One page of results with its count and facets. The search runs once: the first 1,000 matches (more when the
    /// page asked for lies further) are the candidates, in the order shown; the count stops there
    /// (<see cref="Page{T}.TotalIsLowerBound"/>, as in the directory, ADR 0007) and the facets count those same
    /// candidates, so with more than 1,000 matches they are lower bounds too (ADR 0016).
    /// </summary>
    public async Task<LibrarySearchResult> SearchAsync(LibrarySearchRequest request, CancellationToken cancellationToken)
    {
        var (pageNumber, pageSize) = Paging.Normalize(request.Page, request.PageSize);
        var query = LibraryQuery.Parse(request.Query);
        var limit = Math.Max(Paging.CountLimit, pageNumber * pageSize) + 1;
        List<LibraryCandidate> candidates;
        if (!query.IsEmpty && request.Sort == LibrarySort.Relevance)
        {
            var titleKey = LibraryEdition.NormaliseTitle(request.Query!.Replace("\"", string.Empty, StringComparison.Ordinal).Trim());
            candidates = (await index.CandidatesAsync(query, titleKey, request, AllowedLevels, limit, cancellationToken))
                .OrderBy(c => c.Tier).ThenByDescending(c => c.Rank).ThenByDescending(c => c.Year ?? int.MinValue).ThenBy(c => c.EditionId)
                .ToList();
        }
        else
        {
            candidates = await index.ByDateAsync(query, request, AllowedLevels, request.Sort == LibrarySort.Oldest, limit, cancellationToken);
        }

        var lowerBound = candidates.Count == limit;
        if (lowerBound)
        {
            candidates.RemoveAt(candidates.Count - 1);
        }

        var facets = Facets(candidates);
        var page = candidates.Skip((pageNumber - 1) * pageSize).Take(pageSize).ToList();
        var pageIds = page.Select(c => c.EditionId).ToList();

        // The rows shown are read through Visible() again, so that the access levels hold by construction.
        var rows = await Visible().Where(e => pageIds.Contains(e.Id)).Select(e => new
        {
            e.Id,
            e.Work!.Slug,
            e.Title,
            e.Language,
            e.Work.Type,
            e.Work.PublicationYear,
            e.Work.PublicationDate,
            Publisher = e.Work.Publisher != null ? e.Work.Publisher.Name : e.Work.PublisherName,
            e.Work.AccessLevel,
            e.Summary,
        }).ToListAsync(cancellationToken);
        var snippets = query.IsEmpty ? [] : await index.SnippetsAsync(query, page, cancellationToken);
        var byId = rows.ToDictionary(r => r.Id);
        var shown = pageIds.Where(byId.ContainsKey).Select(id => byId[id]).Select(r => new LibraryResult(
            r.Id, r.Slug, r.Title, r.Language, r.Type, r.PublicationYear, r.PublicationDate, r.Publisher, r.AccessLevel, r.Summary,
            snippets.GetValueOrDefault(r.Id))).ToList();
        return new LibrarySearchResult(new Page<LibraryResult>(shown, pageNumber, pageSize, candidates.Count, lowerBound), facets);
    }

    /// <summary>A work with its editions and files, if the caller may see it (else null: the page answers 404).</summary>
    public Task<LibraryWork?> GetAsync(string slug, CancellationToken cancellationToken) =>
        VisibleWorks()
            .Include(w => w.Publisher)
            .Include(w => w.Editions.Where(e => e.RetiredAt == null).OrderByDescending(e => e.IsOriginal).ThenBy(e => e.Language))
            .ThenInclude(e => e.Files.OrderByDescending(f => f.VersionNumber))
            .AsSplitQuery()
            .SingleOrDefaultAsync(w => w.Slug == slug, cancellationToken);

    /// <summary>A stored file, if the caller may see the document it belongs to.</summary>
    public Task<LibraryFile?> GetFileAsync(Guid fileId, CancellationToken cancellationToken)
    {
        var allowed = AllowedLevels.ToList();
        return db.LibraryFiles.AsNoTracking()
            .Where(f => f.Id == fileId && f.Edition!.RetiredAt == null && f.Edition.Work!.RetiredAt == null && allowed.Contains(f.Edition.Work.AccessLevel))
            .SingleOrDefaultAsync(cancellationToken);
    }

    /// <summary>Other visible documents that share the most of type, publisher, themes and countries.</summary>
    public async Task<IReadOnlyList<LibraryResult>> RelatedAsync(LibraryWork work, int count, CancellationToken cancellationToken)
    {
        var themes = work.Themes;
        var countries = work.Countries;
        var candidates = await VisibleWorks()
            .Where(w => w.Id != work.Id && (w.Type == work.Type || (work.PublisherId != null && w.PublisherId == work.PublisherId)
                                            || w.Themes.Any(t => themes.Contains(t)) || w.Countries.Any(c => countries.Contains(c))))
            .OrderByDescending(w => w.CreatedAt)
            .Take(200)
            .Select(w => new
            {
                w.Id,
                w.Slug,
                w.Type,
                w.PublisherId,
                w.Themes,
                w.Countries,
                w.PublicationYear,
                w.PublicationDate,
                Publisher = w.Publisher != null ? w.Publisher.Name : w.PublisherName,
                w.AccessLevel,
                Edition = w.Editions.Where(e => e.RetiredAt == null).OrderByDescending(e => e.IsOriginal).Select(e => new { e.Id, e.Title, e.Language, e.Summary }).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        return candidates
            .Where(c => c.Edition is not null)
            .Select(c => new
            {
                c,
                Score = (c.Type == work.Type ? 1 : 0) + (work.PublisherId is not null && c.PublisherId == work.PublisherId ? 2 : 0)
                        + (2 * c.Themes.Intersect(themes).Count()) + (2 * c.Countries.Intersect(countries).Count()),
            })
            .OrderByDescending(x => x.Score).ThenByDescending(x => x.c.PublicationYear)
            .Take(count)
            .Select(x => new LibraryResult(x.c.Edition!.Id, x.c.Slug, x.c.Edition.Title, x.c.Edition.Language, x.c.Type, x.c.PublicationYear,
                x.c.PublicationDate, x.c.Publisher, x.c.AccessLevel, x.c.Edition.Summary, null))
            .ToList();
    }

    /// <summary>
    /// The facets of the candidates (at most a page past the first 1,000 matches), counted from their search rows, which
    /// the candidate query read with the caller's access levels.
    /// </summary>
    private static LibraryFacets Facets(List<LibraryCandidate> candidates)
    {
        var types = new Dictionary<string, int>(StringComparer.Ordinal);
        var languages = new Dictionary<string, int>(StringComparer.Ordinal);
        var years = new Dictionary<int, int>();
        var themes = new Dictionary<string, int>(StringComparer.Ordinal);
        var countries = new Dictionary<string, int>(StringComparer.Ordinal);
        var audiences = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var row in candidates)
        {
            Count(types, [row.Type]);
            Count(languages, [row.Language]);
            if (row.Year is { } year)
            {
                years[year] = years.GetValueOrDefault(year) + 1;
            }

            Count(themes, List(row.Themes));
            Count(countries, List(row.Countries));
            Count(audiences, List(row.Audiences));
        }

        return new LibraryFacets(
            ByCount(types),
            ByCount(themes),
            ByCount(countries),
            ByCount(languages),
            years.OrderByDescending(y => y.Key).Select(y => new FacetValue(y.Key.ToString(System.Globalization.CultureInfo.InvariantCulture), y.Value)).ToList(),
            ByCount(audiences));
    }

    /// <summary>A list of the search row (a JSON array of strings; PostgreSQL gives NULL for an empty array).</summary>
    private static string[] List(string? json) =>
        string.IsNullOrEmpty(json) || json == "[]" ? [] : System.Text.Json.JsonSerializer.Deserialize<string[]>(json) ?? [];

    private static void Count(Dictionary<string, int> counts, IEnumerable<string> values)
    {
        foreach (var value in values.Distinct(StringComparer.Ordinal))
        {
            counts[value] = counts.GetValueOrDefault(value) + 1;
        }
    }

    private static List<FacetValue> ByCount(Dictionary<string, int> counts) =>
        counts.Select(c => new FacetValue(c.Key, c.Value)).OrderByDescending(v => v.Count).ThenBy(v => v.Value, StringComparer.Ordinal).ToList();
}
