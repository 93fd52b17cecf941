using System.Globalization;
using System.Text;
using Clearinghouse.Data;
using Microsoft.EntityFrameworkCore;

namespace Clearinghouse.Library;

/// <summary>A full-text match: the edition and its relevance (higher is better).</summary>
internal sealed class LibraryHit
{
    public Guid EditionId { get; set; }

    public double Rank { get; set; }
}

/// <summary>A candidate of a search: the edition, its tier (0 exact title, 1 head, 2 further text), rank and year.</summary>
internal sealed class LibraryCandidate
{
    public Guid EditionId { get; set; }

    public int Tier { get; set; }

    public int? Year { get; set; }

    public double Rank { get; set; }
}

/// <summary>A parsed search query: words, "quoted phrases" and prefixes (word*), all required.</summary>
internal sealed record LibraryQuery(IReadOnlyList<LibraryQuery.Term> Terms)
{
    public bool IsEmpty => Terms.Count == 0;

    /// <summary>One word, or several words that must appear in this order; Prefix: the last word may go on.</summary>
    internal sealed record Term(IReadOnlyList<string> Words, bool Prefix);

    public static LibraryQuery Parse(string? text)
    {
        var terms = new List<Term>();
        if (string.IsNullOrWhiteSpace(text))
        {
            return new LibraryQuery(terms);
        }

        var parts = text.Split('"');
        for (var i = 0; i < parts.Length; i++)
        {
            var inQuotes = i % 2 == 1;
            if (inQuotes)
            {
                var words = Words(parts[i]);
                if (words.Count > 0)
                {
                    terms.Add(new Term(words, false));
                }

                continue;
            }

            foreach (var token in parts[i].Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
            {
                var words = Words(token);
                if (words.Count > 0)
                {
                    // "anti-trafficking" is two words that must stand together.
                    terms.Add(new Term(words, token.EndsWith('*')));
                }
            }
        }

        return new LibraryQuery(terms.Take(20).ToList());
    }

    /// <summary>Letters and digits only, lower case: nothing of the query syntax of either database gets through.</summary>
    private static List<string> Words(string text)
    {
        var words = new List<string>();
        var current = new StringBuilder();
        foreach (var ch in text.Normalize(NormalizationForm.FormC))
        {
            if (char.IsLetterOrDigit(ch))
            {
                current.Append(char.ToLowerInvariant(ch));
            }
            else if (current.Length > 0)
            {
                words.Add(current.ToString());
                current.Clear();
            }
        }

        if (current.Length > 0)
        {
            words.Add(current.ToString());
        }

        return words;
    }

    /// <summary>PostgreSQL to_tsquery syntax: a &amp; (b &lt;-&gt; c) &amp; d:*.</summary>
    public string ToTsQuery() => string.Join(" & ", Terms.Select(t =>
    {
        var words = string.Join(" <-> ", t.Words);
        var term = t.Words.Count > 1 ? $"({words})" : words;
        return t.Prefix ? (t.Words.Count > 1 ? $"({string.Join(" <-> ", t.Words.SkipLast(1).Append(t.Words[^1] + ":*"))})" : term + ":*") : term;
    }));

    /// <summary>SQLite FTS5 syntax: "a" "b c" "d"*.</summary>
    public string ToFts5() => string.Join(" ", Terms.Select(t => $"\"{string.Join(' ', t.Words)}\"" + (t.Prefix ? "*" : string.Empty)));
}

/// <summary>
/// The full-text index of the library, one row per language edition, outside the EF model because each
/// database does it its own way: PostgreSQL a tsvector column with a GIN index, stemmed with the edition's
/// language (english, russian, else simple); SQLite an FTS5 table (porter + unicode61, diacritics removed).
/// The tables are created by the LibrarySearchIndex migration of each provider (raw SQL; see ADR 0008).
/// </summary>
internal sealed class LibraryIndex(AppDbContext db)
{
    private const char MarkStart = '\u0002';
    private const char MarkEnd = '\u0003';

    /// <summary>How much of the text the PostgreSQL tsvector takes (a tsvector holds at most 1 MB).</summary>
    public const int MaxIndexedCharacters = 300_000;

    /// <summary>How much of the text opens the "head" (title, metadata and opening text) that ranks and gives snippets.</summary>
    public const int HeadCharacters = 4000;

    /// <summary>How far into the text a snippet is looked for when the head does not match (PostgreSQL).</summary>
    public const int SnippetCharacters = 30_000;

    public bool IsPostgres => db.Database.IsNpgsql();

    /// <summary>PostgreSQL: the weighted tsvector of a whole language version (title A, metadata B, text C).</summary>
    internal static string PostgresDocumentSql(string config, string title, string meta, string body) =>
        $"setweight(to_tsvector({config}, {title}), 'A') || setweight(to_tsvector({config}, {meta}), 'B') || setweight(to_tsvector({config}, {body}), 'C')";

    /// <summary>PostgreSQL: the same for the head, the text cut at <see cref="HeadCharacters"/> (kept in step with the LibrarySearchSpeed migration).</summary>
    internal static string PostgresHeadSql(string config, string title, string meta, string body) =>
        PostgresDocumentSql(config, title, meta, $"left({body}, {HeadCharacters})");

    /// <summary>Re-indexes one edition from its title, its work's metadata and the text of its current file.</summary>
    public async Task UpdateAsync(Guid editionId, CancellationToken cancellationToken)
    {
        var edition = await db.LibraryEditions.AsNoTracking()
            .Where(e => e.Id == editionId)
            .Select(e => new
            {
                e.Title,
                e.Language,
                e.Summary,
                e.Work!.Authors,
                e.Work.PublisherName,
                Publisher = e.Work.Publisher == null ? null : e.Work.Publisher.Name,
                PublisherAcronym = e.Work.Publisher == null ? null : e.Work.Publisher.Acronym,
                Text = e.Files.OrderByDescending(f => f.VersionNumber).Select(f => f.ExtractedText).FirstOrDefault(),
            })
            .SingleAsync(cancellationToken);
        var meta = string.Join(" \n", new[] { edition.Summary, edition.Authors, edition.PublisherName, edition.Publisher, edition.PublisherAcronym }.Where(s => !string.IsNullOrWhiteSpace(s)));
        var body = edition.Text ?? string.Empty;
        if (IsPostgres)
        {
            // A tsvector holds at most 1 MB; a very long text is indexed by its first part.
            if (body.Length > MaxIndexedCharacters)
            {
                body = body[..MaxIndexedCharacters];
            }

            // The SQL pieces are constants of this class; the values are parameters.
#pragma warning disable EF1002
            await db.Database.ExecuteSqlRawAsync(
                $$"""
                INSERT INTO library_search (edition_id, config, meta, body, document, head)
                VALUES ({0}, {1}::regconfig, {2}, {3}, {{PostgresDocumentSql("{1}::regconfig", "{4}", "{2}", "{3}")}}, {{PostgresHeadSql("{1}::regconfig", "{4}", "{2}", "{3}")}})
                ON CONFLICT (edition_id) DO UPDATE SET config = excluded.config, meta = excluded.meta, body = excluded.body, document = excluded.document, head = excluded.head
                """,
                [editionId, Config(edition.Language), meta, body, edition.Title],
                cancellationToken);
#pragma warning restore EF1002
        }
        else
        {
            var key = SqliteKey(editionId);
            await db.Database.ExecuteSqlAsync($"DELETE FROM library_fts WHERE edition_id = {key}", cancellationToken);
            await db.Database.ExecuteSqlAsync(
                $"INSERT INTO library_fts (edition_id, title, meta, body) VALUES ({key}, {edition.Title}, {meta}, {body})",
                cancellationToken);
        }
    }

    /// <summary>
    /// The editions matching the query, with their relevance; compose it with LINQ (it is not run here). On PostgreSQL
    /// the head is tested first (it is part of the document): a match there spares reading the whole text's vector.
    /// </summary>
    public IQueryable<LibraryHit> Match(LibraryQuery query)
    {
        if (IsPostgres)
        {
            var tsquery = query.ToTsQuery();
            return db.Database.SqlQuery<LibraryHit>(
                $"""
                SELECT s.edition_id AS "EditionId", ts_rank_cd(s.head, q.query)::float8 AS "Rank"
                FROM library_search s,
                     (SELECT to_tsquery('english', {tsquery}) || to_tsquery('russian', {tsquery}) || to_tsquery('simple', {tsquery}) AS query) q
                WHERE s.head @@ q.query OR s.document @@ q.query
                """);
        }

        var match = query.ToFts5();
        return db.Database.SqlQuery<LibraryHit>(
            $"SELECT edition_id AS EditionId, -bm25(library_fts, 0.0, 10.0, 4.0, 1.0) AS Rank FROM library_fts WHERE library_fts MATCH {match}");
    }

    /// <summary>
    /// The first <paramref name="limit"/> visible editions that match the query and the filters, in tiers: 0 the exact
    /// title, 1 (PostgreSQL) a match in the head — title, metadata and the first <see cref="HeadCharacters"/> characters
    /// of the text — 2 a match further in the text only. The full-text match runs once, and stops at the limit, so a
    /// common word costs no more than a rare one; the rank (ts_rank_cd of the small head vector on PostgreSQL, bm25 on
    /// SQLite) is computed for these candidates only. The access levels are applied here, in SQL (ADR 0016).
    /// </summary>
    public async Task<List<LibraryCandidate>> CandidatesAsync(
        LibraryQuery query, string titleKey, LibrarySearchRequest filters, IReadOnlyList<AccessLevel> allowed, int limit, CancellationToken cancellationToken)
    {
        var parameters = new List<object>();
        string P(object value)
        {
            parameters.Add(value);
            return "{" + (parameters.Count - 1).ToString(CultureInfo.InvariantCulture) + "}";
        }

        var postgres = IsPostgres;
        var conditions = new List<string> { "e.\"RetiredAt\" IS NULL", "w.\"RetiredAt\" IS NULL" };
        conditions.Add(postgres
            ? $"w.\"AccessLevel\" = ANY({P(allowed.Select(a => a.ToString()).ToArray())})"
            : $"w.\"AccessLevel\" IN ({string.Join(", ", allowed.Select(a => P(a.ToString())))})");
        string InList(string column, string value) => postgres ? $"{P(value)} = ANY(w.\"{column}\")" : $"instr(w.\"{column}\", {P("\"" + value + "\"")}) > 0";
        if (filters.Type is { } type)
        {
            conditions.Add($"w.\"Type\" = {P(type.ToString())}");
        }

        if (filters.Theme is { } theme)
        {
            conditions.Add(InList("Themes", theme.ToString()));
        }

        if (!string.IsNullOrWhiteSpace(filters.Country))
        {
            conditions.Add(InList("Countries", filters.Country.Trim().ToUpperInvariant()));
        }

        if (!string.IsNullOrWhiteSpace(filters.Language))
        {
            conditions.Add($"e.\"Language\" = {P(filters.Language.Trim().ToLowerInvariant())}");
        }

        if (filters.Year is { } year)
        {
            conditions.Add($"w.\"PublicationYear\" = {P(year)}");
        }

        if (filters.Audience is { } audience)
        {
            conditions.Add(InList("Audiences", audience.ToString()));
        }

        if (filters.PublisherId is { } publisher)
        {
            conditions.Add($"w.\"PublisherId\" = {(postgres ? P(publisher) : P(SqliteKey(publisher)))}");
        }

        var where = string.Join(" AND ", conditions);
        var key = P(titleKey);
        string sql;
        if (postgres)
        {
            var tsquery = P(query.ToTsQuery());
            const string from = "library_search s JOIN \"LibraryEditions\" e ON e.\"Id\" = s.edition_id JOIN \"LibraryWorks\" w ON w.\"Id\" = e.\"WorkId\"";

            // UNION ALL under one LIMIT: PostgreSQL runs the branches in order and stops as soon as it has enough.
            sql = $"""
                WITH q AS (SELECT to_tsquery('english', {tsquery}) || to_tsquery('russian', {tsquery}) || to_tsquery('simple', {tsquery}) AS query)
                SELECT c.edition_id AS "EditionId", c.tier AS "Tier", c.year AS "Year", ts_rank_cd(s.head, q.query)::float8 AS "Rank"
                FROM (SELECT e."Id" AS edition_id, 0 AS tier, w."PublicationYear" AS year FROM {from}, q
                      WHERE e."TitleKey" = {key} AND s.document @@ q.query AND {where}
                      UNION ALL
                      SELECT e."Id", 1, w."PublicationYear" FROM {from}, q
                      WHERE s.head @@ q.query AND e."TitleKey" <> {key} AND {where}
                      UNION ALL
                      SELECT e."Id", 2, w."PublicationYear" FROM {from}, q
                      WHERE s.document @@ q.query AND NOT (s.head @@ q.query) AND e."TitleKey" <> {key} AND {where}
                      LIMIT {P(limit)}) c
                JOIN library_search s ON s.edition_id = c.edition_id, q
                """;
        }
        else
        {
            var match = P(query.ToFts5());

            // The FTS5 table drives (CROSS JOIN keeps the order); bm25 is computed for the rows returned only.
            sql = $"""
                SELECT e."Id" AS "EditionId", CASE WHEN e."TitleKey" = {key} THEN 0 ELSE 1 END AS "Tier", w."PublicationYear" AS "Year",
                       -bm25(library_fts, 0.0, 10.0, 4.0, 1.0) AS "Rank"
                FROM library_fts f CROSS JOIN "LibraryEditions" e CROSS JOIN "LibraryWorks" w
                WHERE library_fts MATCH {match} AND e."Id" = f.edition_id AND w."Id" = e."WorkId" AND {where}
                LIMIT {P(limit)}
                """;
        }

#pragma warning disable EF1002 // Every value is a parameter; the SQL is built from this method's constants.
        return await db.Database.SqlQueryRaw<LibraryCandidate>(sql, [.. parameters]).ToListAsync(cancellationToken);
#pragma warning restore EF1002
    }

    /// <summary>Highlighted fragments of the text for the given editions (plain text; highlights as \u0002...\u0003).</summary>
    public async Task<Dictionary<Guid, string>> SnippetsAsync(LibraryQuery query, IReadOnlyCollection<Guid> editionIds, CancellationToken cancellationToken)
    {
        if (editionIds.Count == 0 || query.IsEmpty)
        {
            return [];
        }

        List<SnippetRow> rows;
        if (IsPostgres)
        {
            var tsquery = query.ToTsQuery();
            var ids = editionIds.ToArray();
            rows = await db.Database.SqlQuery<SnippetRow>(
                $"""
                SELECT s.edition_id AS "EditionId",
                       ts_headline(s.config, CASE WHEN s.body = '' THEN s.meta WHEN s.head @@ q.query THEN left(s.body, {HeadCharacters}) ELSE left(s.body, {SnippetCharacters}) END, q.query,
                                   'StartSel=' || chr(2) || ', StopSel=' || chr(3) || ', MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "') AS "Snippet"
                FROM library_search s,
                     (SELECT to_tsquery('english', {tsquery}) || to_tsquery('russian', {tsquery}) || to_tsquery('simple', {tsquery}) AS query) q
                WHERE s.edition_id = ANY({ids})
                """).ToListAsync(cancellationToken);
        }
        else
        {
            var match = query.ToFts5();
            rows = await db.Database.SqlQuery<SnippetRow>(
                $"SELECT edition_id AS EditionId, snippet(library_fts, -1, char(2), char(3), ' … ', 24) AS Snippet FROM library_fts WHERE library_fts MATCH {match}")
                .Where(r => editionIds.Contains(r.EditionId))
                .ToListAsync(cancellationToken);
        }

        return rows.GroupBy(r => r.EditionId).ToDictionary(g => g.Key, g => g.First().Snippet ?? string.Empty);
    }

    /// <summary>Turns a snippet's highlight marks into HTML &lt;mark&gt; elements, encoding everything else.</summary>
    public static string SnippetHtml(string snippet)
    {
        var encoded = System.Net.WebUtility.HtmlEncode(snippet.Replace(MarkStart, '\u0001').Replace(MarkEnd, '\u0004'));
        return encoded.Replace("\u0001", "<mark>", StringComparison.Ordinal).Replace("\u0004", "</mark>", StringComparison.Ordinal);
    }

    /// <summary>The snippet as plain text (for the API and feeds), highlights dropped.</summary>
    public static string SnippetText(string snippet) => snippet.Replace(MarkStart.ToString(), string.Empty, StringComparison.Ordinal).Replace(MarkEnd.ToString(), string.Empty, StringComparison.Ordinal);

    /// <summary>The text-search configuration of a language (english, russian, …; simple for the others).</summary>
    internal static string Config(string language) => language switch
    {
        "en" => "english",
        "ru" => "russian",
        "de" => "german",
        "fr" => "french",
        "it" => "italian",
        "es" => "spanish",
        "pt" => "portuguese",
        "nl" => "dutch",
        "sv" => "swedish",
        "no" => "norwegian",
        "da" => "danish",
        "fi" => "finnish",
        "hu" => "hungarian",
        "ro" => "romanian",
        "tr" => "turkish",
        _ => "simple",
    };

    /// <summary>EF Core stores a Guid in SQLite as upper-case text; the FTS table keeps the same form.</summary>
    private static string SqliteKey(Guid id) => id.ToString().ToUpper(CultureInfo.InvariantCulture);

    private sealed class SnippetRow
    {
        public Guid EditionId { get; set; }

        public string? Snippet { get; set; }
    }
}
