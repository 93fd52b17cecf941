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

    public bool IsPostgres => db.Database.IsNpgsql();

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
            if (body.Length > 300_000)
            {
                body = body[..300_000];
            }

            var config = Config(edition.Language);
            await db.Database.ExecuteSqlAsync(
                $"""
                INSERT INTO library_search (edition_id, config, meta, body, document)
                VALUES ({editionId}, {config}::regconfig, {meta}, {body},
                    setweight(to_tsvector({config}::regconfig, {edition.Title}), 'A')
                    || setweight(to_tsvector({config}::regconfig, {meta}), 'B')
                    || setweight(to_tsvector({config}::regconfig, {body}), 'C'))
                ON CONFLICT (edition_id) DO UPDATE SET config = excluded.config, meta = excluded.meta, body = excluded.body, document = excluded.document
                """,
                cancellationToken);
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

    /// <summary>The editions matching the query, with their relevance; compose it with LINQ (it is not run here).</summary>
    public IQueryable<LibraryHit> Match(LibraryQuery query)
    {
        if (IsPostgres)
        {
            var tsquery = query.ToTsQuery();
            return db.Database.SqlQuery<LibraryHit>(
                $"""
                SELECT s.edition_id AS "EditionId", ts_rank_cd(s.document, q.query)::float8 AS "Rank"
                FROM library_search s,
                     (SELECT to_tsquery('english', {tsquery}) || to_tsquery('russian', {tsquery}) || to_tsquery('simple', {tsquery}) AS query) q
                WHERE s.document @@ q.query
                """);
        }

        var match = query.ToFts5();
        return db.Database.SqlQuery<LibraryHit>(
            $"SELECT edition_id AS EditionId, -bm25(library_fts, 0.0, 10.0, 4.0, 1.0) AS Rank FROM library_fts WHERE library_fts MATCH {match}");
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
                       ts_headline(s.config, CASE WHEN s.body = '' THEN s.meta ELSE left(s.body, 100000) END, q.query,
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

    private static string Config(string language) => language switch
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
