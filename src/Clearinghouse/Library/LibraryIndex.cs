using System.Globalization;
using System.Text;
using Clearinghouse.Data;
using Microsoft.EntityFrameworkCore;

namespace Clearinghouse.Library;

/// <summary>
/// A candidate of a search, read from the edition's search row: the edition, its tier (0 exact title, 1 head, 2 further
/// text), rank and year, what the facets count, and (SQLite) the row of the full-text table that gives its snippet.
/// The lists are JSON arrays of strings.
/// </summary>
internal sealed class LibraryCandidate
{
    public Guid EditionId { get; set; }

    public int Tier { get; set; }

    public int? Year { get; set; }

    public double Rank { get; set; }

    public string Type { get; set; } = string.Empty;

    public string Language { get; set; } = string.Empty;

    public string Themes { get; set; } = "[]";

    public string Countries { get; set; } = "[]";

    public string Audiences { get; set; } = "[]";

    public long SearchRow { get; set; }
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
/// The full-text index of the library, one row per language edition, outside the EF model because each database does
/// it its own way (ADR 0008): PostgreSQL a table <c>library_search</c> with a tsvector of the whole text and a small one
/// of its "head" (GIN indexes), stemmed with the edition's language (english, russian, else simple); SQLite an FTS5 table
/// <c>library_fts</c> (porter + unicode61, diacritics removed). Beside the text, each edition has a <b>search row</b>
/// (ADR 0023): whether it is retired, its access level, title key, type, language, year, date, themes, countries,
/// audiences and publisher, copied from the edition and its work whenever the index is updated — on PostgreSQL as
/// columns of <c>library_search</c>, on SQLite in <c>library_search_rows</c>, whose rowid is the FTS5 row's. A search
/// reads and filters these rows only, and counts its facets from them, without joining the catalogue's tables.
/// </summary>
internal sealed class LibraryIndex(AppDbContext db)
{
    private const char MarkStart = '\u0002';
    private const char MarkEnd = '\u0003';

    /// <summary>How much of the text the PostgreSQL tsvector takes (a tsvector holds at most 1 MB).</summary>
    public const int MaxIndexedCharacters = 300_000;

    /// <summary>How much of the text opens the "head" (title, metadata and opening text) that ranks and gives snippets.</summary>
    public const int HeadCharacters = 4000;

    /// <summary>How much of the text a snippet is first cut from (PostgreSQL); further only when no match is there.</summary>
    public const int SnippetOpeningCharacters = 1500;

    /// <summary>How far into the text a snippet is looked for when the head does not match (PostgreSQL).</summary>
    public const int SnippetCharacters = 30_000;

    /// <summary>The search row's columns, the same on both databases (the LibrarySearchRows migrations create them).</summary>
    internal const string RowColumns = "retired, access_level, title_key, type, language, year, published, themes, countries, audiences, publisher_id";

    /// <summary>The values of <see cref="RowColumns"/> selected from the edition <c>e</c> and its work <c>w</c>.</summary>
    internal const string RowValues =
        """
        (e."RetiredAt" IS NOT NULL OR w."RetiredAt" IS NOT NULL), w."AccessLevel", e."TitleKey", w."Type", e."Language",
        w."PublicationYear", w."PublicationDate", w."Themes", w."Countries", w."Audiences", w."PublisherId"
        """;

    private const string EditionAndWork = """ "LibraryEditions" e JOIN "LibraryWorks" w ON w."Id" = e."WorkId" """;

    /// <summary>
    /// PostgreSQL: writes the index row of the editions in <paramref name="source"/> (a FROM item with the columns
    /// edition_id, config, title, meta and body, joined here to the edition <c>e</c> and its work <c>w</c>): both
    /// vectors, the head's word pairs (<c>library_pairs</c>, migration LibrarySearchRows) and the search row, in one
    /// statement (one row version per save).
    /// </summary>
    internal static string PostgresUpsertSql(string source) =>
        $"""
        INSERT INTO library_search (edition_id, config, meta, body, document, head, head_pairs, {RowColumns})
        SELECT x.edition_id, x.config, x.meta, x.body, {PostgresDocumentSql("x.config", "x.title", "x.meta", "x.body")}, h.head, library_pairs(h.head), {RowValues}
        FROM {source} JOIN {EditionAndWork} ON e."Id" = x.edition_id, LATERAL (SELECT {PostgresHeadSql("x.config", "x.title", "x.meta", "x.body")} AS head) h
        ON CONFLICT (edition_id) DO UPDATE SET config = excluded.config, meta = excluded.meta, body = excluded.body, document = excluded.document,
            head = excluded.head, head_pairs = excluded.head_pairs, retired = excluded.retired, access_level = excluded.access_level, title_key = excluded.title_key, type = excluded.type,
            language = excluded.language, year = excluded.year, published = excluded.published, themes = excluded.themes,
            countries = excluded.countries, audiences = excluded.audiences, publisher_id = excluded.publisher_id
        """;

    /// <summary>
    /// SQLite: indexes an edition (placeholders of its key, title, metadata and text): the FTS5 row of the whole text,
    /// the search row with the same rowid, and the head's FTS5 row (title, metadata and the first
    /// <see cref="HeadCharacters"/> characters) with that rowid too, from which snippets are cut.
    /// </summary>
    internal static string SqliteInsertSql(string key, string title, string meta, string body) =>
        $"""
        INSERT INTO library_fts (edition_id, title, meta, body) VALUES ({key}, {title}, {meta}, {body});
        INSERT INTO library_search_rows (rowid, edition_id, {RowColumns}) SELECT last_insert_rowid(), e."Id", {RowValues} FROM {EditionAndWork} WHERE e."Id" = {key};
        INSERT INTO library_fts_head (rowid, title, meta, head) SELECT rowid, {title}, {meta}, substr({body}, 1, {HeadCharacters}) FROM library_search_rows WHERE edition_id = {key};
        """;

    /// <summary>The tsquery of a search (a parameter): English and Russian stems and the words as typed, any of them.</summary>
    private static string PostgresQuery(string parameter) =>
        $"(to_tsquery('english', {parameter}) || to_tsquery('russian', {parameter}) || to_tsquery('simple', {parameter}))";

    public bool IsPostgres => db.Database.IsNpgsql();

    /// <summary>PostgreSQL: the weighted tsvector of a whole language version (title A, metadata B, text C).</summary>
    internal static string PostgresDocumentSql(string config, string title, string meta, string body) =>
        $"setweight(to_tsvector({config}, {title}), 'A') || setweight(to_tsvector({config}, {meta}), 'B') || setweight(to_tsvector({config}, {body}), 'C')";

    /// <summary>PostgreSQL: the same for the head, the text cut at <see cref="HeadCharacters"/> (kept in step with the LibrarySearchSpeed migration).</summary>
    internal static string PostgresHeadSql(string config, string title, string meta, string body) =>
        PostgresDocumentSql(config, title, meta, $"left({body}, {HeadCharacters})");

    /// <summary>
    /// Re-indexes one edition from its title, its work's metadata and the text of its current file, and rewrites its
    /// search row. Every change to an edition or its work calls this for each edition concerned, in the transaction of
    /// the change (<see cref="LibraryCatalogue"/>), so that the rows never disagree with the catalogue.
    /// </summary>
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
                PostgresUpsertSql("(SELECT {0}::uuid AS edition_id, {1}::regconfig AS config, {2} AS title, {3} AS meta, {4} AS body) x"),
                [editionId, Config(edition.Language), edition.Title, meta, body],
                cancellationToken);
#pragma warning restore EF1002
        }
        else
        {
            // The old text's row is found through the search row (the FTS5 table has no index on edition_id); the new
            // search row takes the new FTS5 row's rowid.
            var key = SqliteKey(editionId);
#pragma warning disable EF1002
            await db.Database.ExecuteSqlRawAsync(
                $$"""
                DELETE FROM library_fts WHERE rowid IN (SELECT rowid FROM library_search_rows WHERE edition_id = {0});
                DELETE FROM library_fts_head WHERE rowid IN (SELECT rowid FROM library_search_rows WHERE edition_id = {0});
                DELETE FROM library_search_rows WHERE edition_id = {0};
                {{SqliteInsertSql("{0}", "{1}", "{2}", "{3}")}}
                """,
                [key, edition.Title, meta, body],
                cancellationToken);
#pragma warning restore EF1002
        }
    }

    /// <summary>
    /// The first <paramref name="limit"/> visible editions that match the query and the filters, in tiers: 0 the exact
    /// title, 1 (PostgreSQL) a match in the head — title, metadata and the first <see cref="HeadCharacters"/> characters
    /// of the text — 2 a match further in the text only. The full-text match runs once, and stops at the limit, so a
    /// common word costs no more than a rare one; the rank (ts_rank of the small head vector on PostgreSQL — the title
    /// weighs most, then the metadata, then the text; ts_rank_cd, by cover density, cost ten times as much — and bm25 on
    /// SQLite) is computed for these candidates only. The access levels and filters are tested on the search rows, in
    /// SQL (ADR 0016, 0022). The tsquery is written out in each branch, not in a CTE, so that PostgreSQL plans with its
    /// value: for a word in most documents it walks the table and stops at the limit instead of building the index's
    /// bitmap of every match.
    /// </summary>
    public async Task<List<LibraryCandidate>> CandidatesAsync(
        LibraryQuery query, string titleKey, LibrarySearchRequest filters, IReadOnlyList<AccessLevel> allowed, int limit, CancellationToken cancellationToken)
    {
        var sql = new SearchSql(IsPostgres);
        var where = sql.Conditions(filters, allowed);
        var key = sql.P(titleKey);
        string text;
        if (sql.Postgres)
        {
            var q = PostgresQuery(sql.P(query.ToTsQuery()));

            // A phrase of words found in most documents is rare as a phrase: the head's word pairs (GIN) find the
            // documents that have its words side by side, and only those are tested, with the function form of @@ so
            // that the planner does not also build the bitmap of every document holding the words. library_phrase_pairs
            // is computed when the query is planned (it is immutable and its argument is known), and the condition
            // reduces to one of its two sides; it is NULL when no phrase leaves a pair of stems (stop words between).
            var phrases = query.Terms.Where(t => t.Words.Count > 1 && !t.Prefix).Select(t => string.Join(' ', t.Words)).ToArray();
            var pairs = $"library_phrase_pairs({sql.P(phrases)})";
            var head = phrases.Length == 0
                ? $"s.head @@ {q}"
                : $"(({pairs} IS NULL AND s.head @@ {q}) OR ({pairs} IS NOT NULL AND s.head_pairs @@ {pairs} AND ts_match_vq(s.head, {q})))";
            string Columns(int tier) =>
                $"""s.edition_id AS "EditionId", {tier} AS "Tier", s.year AS "Year", ts_rank(s.head, {q})::float8 AS "Rank", {SearchSql.PostgresFacetColumns}, 0::bigint AS "SearchRow" """;

            // UNION ALL under one LIMIT: PostgreSQL runs the branches in order and stops as soon as it has enough.
            text = $"""
                SELECT {Columns(0)} FROM library_search s WHERE s.title_key = {key} AND s.document @@ {q} AND {where}
                UNION ALL
                SELECT {Columns(1)} FROM library_search s WHERE {head} AND s.title_key <> {key} AND {where}
                UNION ALL
                SELECT {Columns(2)} FROM library_search s WHERE s.document @@ {q} AND NOT (s.head @@ {q}) AND s.title_key <> {key} AND {where}
                LIMIT {sql.P(limit)}
                """;
        }
        else
        {
            // The FTS5 table drives (CROSS JOIN keeps the order); bm25 is computed for the rows returned only.
            text = $"""
                SELECT s.edition_id AS "EditionId", CASE WHEN s.title_key = {key} THEN 0 ELSE 1 END AS "Tier", s.year AS "Year",
                       -bm25(library_fts, 0.0, 10.0, 4.0, 1.0) AS "Rank", {SearchSql.SqliteFacetColumns}, f.rowid AS "SearchRow"
                FROM library_fts f CROSS JOIN library_search_rows s
                WHERE library_fts MATCH {sql.P(query.ToFts5())} AND s.rowid = f.rowid AND {where}
                LIMIT {sql.P(limit)}
                """;
        }

        return await sql.ListAsync(db, text, cancellationToken);
    }

    /// <summary>
    /// The first <paramref name="limit"/> visible editions that match the filters (and the query, if any) by date: newest
    /// first, or oldest first; undated ones last, then by edition id. Read from the search rows in the order of their
    /// date index, so that a page of the newest documents reads about as many rows as it shows.
    /// </summary>
    public async Task<List<LibraryCandidate>> ByDateAsync(
        LibraryQuery query, LibrarySearchRequest filters, IReadOnlyList<AccessLevel> allowed, bool oldest, int limit, CancellationToken cancellationToken)
    {
        var sql = new SearchSql(IsPostgres);
        var where = sql.Conditions(filters, allowed);
        string text;
        if (sql.Postgres)
        {
            if (!query.IsEmpty)
            {
                var q = PostgresQuery(sql.P(query.ToTsQuery()));
                where += $" AND (s.head @@ {q} OR s.document @@ {q})";
            }

            var order = oldest
                ? "s.year ASC NULLS LAST, s.published ASC NULLS LAST, s.edition_id ASC"
                : "s.year DESC NULLS LAST, s.published DESC NULLS LAST, s.edition_id DESC";
            text = $"""
                SELECT s.edition_id AS "EditionId", 1 AS "Tier", s.year AS "Year", 0::float8 AS "Rank", {SearchSql.PostgresFacetColumns}, 0::bigint AS "SearchRow"
                FROM library_search s WHERE {where} ORDER BY {order} LIMIT {sql.P(limit)}
                """;
        }
        else
        {
            if (!query.IsEmpty)
            {
                where += $" AND s.rowid IN (SELECT rowid FROM library_fts WHERE library_fts MATCH {sql.P(query.ToFts5())})";
            }

            // SQLite sorts NULL first: DESC puts undated rows last by itself, as the index library_search_rows_date does.
            var order = oldest
                ? "s.year ASC NULLS LAST, s.published ASC NULLS LAST, s.edition_id ASC"
                : "s.year DESC, s.published DESC, s.edition_id DESC";
            text = $"""
                SELECT s.edition_id AS "EditionId", 1 AS "Tier", s.year AS "Year", 0.0 AS "Rank", {SearchSql.SqliteFacetColumns}, s.rowid AS "SearchRow"
                FROM library_search_rows s WHERE {where} ORDER BY {order} LIMIT {sql.P(limit)}
                """;
        }

        return await sql.ListAsync(db, text, cancellationToken);
    }

    /// <summary>
    /// Highlighted fragments of the text for the given candidates (plain text; highlights as \u0002...\u0003). PostgreSQL
    /// cuts the text with left() only, which decompresses just the opening of the stored text (a comparison of the whole
    /// text would decompress all of it); SQLite finds the texts by the FTS5 rows of the candidates, so that only those
    /// rows are read.
    /// </summary>
    public async Task<Dictionary<Guid, string>> SnippetsAsync(LibraryQuery query, IReadOnlyCollection<LibraryCandidate> candidates, CancellationToken cancellationToken)
    {
        if (candidates.Count == 0 || query.IsEmpty)
        {
            return [];
        }

        List<SnippetRow> rows;
        if (IsPostgres)
        {
            var sql = new SearchSql(true);
            var q = PostgresQuery(sql.P(query.ToTsQuery()));
            var ids = sql.P(candidates.Select(c => c.EditionId).ToArray());
            const string options = """'StartSel=' || chr(2) || ', StopSel=' || chr(3) || ', MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "'""";

            // Cutting a snippet parses its text (about 0.7 ms per 4,000 characters): first the opening
            // SnippetOpeningCharacters, and only when no match is highlighted there the head's or the longer text.
            // (OFFSET 0 keeps the inner query whole, so that its snippet is cut once, not once per use.)
            var text = $"""
                SELECT o.edition_id AS "EditionId",
                       CASE WHEN strpos(o.snippet, chr(2)) > 0 OR o.opening_only THEN o.snippet
                            ELSE ts_headline(o.config, left(o.body, CASE WHEN o.in_head THEN {HeadCharacters} ELSE {SnippetCharacters} END), o.query, {options}) END AS "Snippet"
                FROM (SELECT s.edition_id, s.config, s.body, q.query, s.head @@ q.query AS in_head,
                             length(left(s.body, {SnippetOpeningCharacters + 1})) <= {SnippetOpeningCharacters} AS opening_only,
                             ts_headline(s.config, coalesce(nullif(left(s.body, {SnippetOpeningCharacters}), ''), s.meta), q.query, {options}) AS snippet
                      FROM library_search s, (SELECT {q} AS query) q
                      WHERE s.edition_id = ANY({ids}) OFFSET 0) o
                """;
#pragma warning disable EF1002 // Every value is a parameter; the SQL is made of this class's constants.
            rows = await db.Database.SqlQueryRaw<SnippetRow>(text, [.. sql.Values]).ToListAsync(cancellationToken);
#pragma warning restore EF1002
        }
        else
        {
            // From the head's short text first (cutting a snippet tokenises the whole column), then from the whole text
            // for the candidates whose match lies further in.
            rows = await SqliteSnippetsAsync("library_fts_head", query, candidates, cancellationToken);
            var found = rows.Select(r => r.EditionId).ToHashSet();
            var rest = candidates.Where(c => !found.Contains(c.EditionId)).ToList();
            if (rest.Count > 0)
            {
                rows.AddRange(await SqliteSnippetsAsync("library_fts", query, rest, cancellationToken));
            }
        }

        return rows.GroupBy(r => r.EditionId).ToDictionary(g => g.Key, g => g.First().Snippet ?? string.Empty);
    }

    private async Task<List<SnippetRow>> SqliteSnippetsAsync(string table, LibraryQuery query, IReadOnlyCollection<LibraryCandidate> candidates, CancellationToken cancellationToken)
    {
        var sql = new SearchSql(false);
        var text = $"""
            SELECT s.edition_id AS "EditionId", snippet({table}, -1, char(2), char(3), ' … ', 24) AS "Snippet"
            FROM {table} f CROSS JOIN library_search_rows s
            WHERE {table} MATCH {sql.P(query.ToFts5())} AND f.rowid IN ({string.Join(", ", candidates.Select(c => sql.P(c.SearchRow)))}) AND s.rowid = f.rowid
            """;
#pragma warning disable EF1002 // Every value is a parameter; the table is one of two names of this class.
        return await db.Database.SqlQueryRaw<SnippetRow>(text, [.. sql.Values]).ToListAsync(cancellationToken);
#pragma warning restore EF1002
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

/// <summary>
/// The SQL of a search over the search rows (alias <c>s</c>: <c>library_search</c> on PostgreSQL,
/// <c>library_search_rows</c> on SQLite): its parameters, the conditions of the caller's access levels and the filters,
/// and the columns the facets count. Every value is a parameter; the SQL is made of this class's constants.
/// </summary>
internal sealed class SearchSql(bool postgres)
{
    public const string PostgresFacetColumns =
        """s.type AS "Type", s.language AS "Language", array_to_json(s.themes)::text AS "Themes", array_to_json(s.countries)::text AS "Countries", array_to_json(s.audiences)::text AS "Audiences" """;

    public const string SqliteFacetColumns =
        """s.type AS "Type", s.language AS "Language", s.themes AS "Themes", s.countries AS "Countries", s.audiences AS "Audiences" """;

    public bool Postgres { get; } = postgres;

    public List<object> Values { get; } = [];

    /// <summary>Adds a parameter and returns its placeholder.</summary>
    public string P(object value)
    {
        Values.Add(value);
        return "{" + (Values.Count - 1).ToString(CultureInfo.InvariantCulture) + "}";
    }

    /// <summary>Not retired, an allowed access level, and every filter of the request.</summary>
    public string Conditions(LibrarySearchRequest filters, IReadOnlyList<AccessLevel> allowed)
    {
        var conditions = new List<string>
        {
            Postgres ? "NOT s.retired" : "s.retired = 0",
            Postgres
                ? $"s.access_level = ANY({P(allowed.Select(a => a.ToString()).ToArray())})"
                : $"s.access_level IN ({string.Join(", ", allowed.Select(a => P(a.ToString())))})",
        };
        // PostgreSQL: containment, which the GIN index over the three lists answers.
        string InList(string column, string value) => Postgres ? $"s.{column} @> {P(new[] { value })}" : $"instr(s.{column}, {P("\"" + value + "\"")}) > 0";
        if (filters.Type is { } type)
        {
            conditions.Add($"s.type = {P(type.ToString())}");
        }

        if (filters.Theme is { } theme)
        {
            conditions.Add(InList("themes", theme.ToString()));
        }

        if (!string.IsNullOrWhiteSpace(filters.Country))
        {
            conditions.Add(InList("countries", filters.Country.Trim().ToUpperInvariant()));
        }

        if (!string.IsNullOrWhiteSpace(filters.Language))
        {
            conditions.Add($"s.language = {P(filters.Language.Trim().ToLowerInvariant())}");
        }

        if (filters.Year is { } year)
        {
            conditions.Add($"s.year = {P(year)}");
        }

        if (filters.Audience is { } audience)
        {
            conditions.Add(InList("audiences", audience.ToString()));
        }

        if (filters.PublisherId is { } publisher)
        {
            conditions.Add($"s.publisher_id = {(Postgres ? P(publisher) : P(publisher.ToString().ToUpperInvariant()))}");
        }

        return string.Join(" AND ", conditions);
    }

    public Task<List<LibraryCandidate>> ListAsync(AppDbContext db, string sql, CancellationToken cancellationToken)
    {
#pragma warning disable EF1002 // Every value is a parameter; the SQL is built from this class's constants.
        return db.Database.SqlQueryRaw<LibraryCandidate>(sql, [.. Values]).ToListAsync(cancellationToken);
#pragma warning restore EF1002
    }
}
