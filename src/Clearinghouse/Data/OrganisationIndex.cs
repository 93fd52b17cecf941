using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.RegularExpressions;
using Clearinghouse.Directory;
using Microsoft.EntityFrameworkCore;

namespace Clearinghouse.Data;

/// <summary>
/// The directory filters that need an index, written in each database's own SQL so that the index can answer them:
/// free text (words of <see cref="Organisation.SearchText"/>), country, thematic area and target group.
/// <para>
/// PostgreSQL: <c>LIKE '%word%'</c> is answered by the pg_trgm GIN index on SearchText; the lists are matched by
/// array containment (<c>"ThematicAreas" @> ARRAY['…']</c>), which the GIN indexes on the array columns answer (EF Core's
/// own translation, <c>'…' = ANY(…)</c>, cannot use them, and its containment form fails for enum arrays).
/// SQLite: words of three or more letters are looked up in the FTS5 table <c>OrganisationSearch</c> (trigram
/// tokenizer, external content, kept in step by triggers; see the DirectorySearchIndexes migration); the lists,
/// stored as JSON text, are matched with <c>instr</c> on the quoted value, which is far cheaper than <c>json_each</c>.
/// </para>
/// <para>
/// On both databases every word is also matched with <c>LIKE</c>, so the result is the same substring match as
/// before, whether or not an index took part (ADR 0004, ADR 0007).
/// </para>
/// </summary>
internal static partial class OrganisationIndex
{
    /// <summary>The SQLite FTS5 table over <c>Organisations.SearchText</c> (trigram tokenizer, external content).</summary>
    public const string SqliteSearchTable = "OrganisationSearch";

    /// <summary>The SQLite FTS5 table of each organisation's type, countries, areas and target groups as words.</summary>
    public const string SqliteFacetsTable = "OrganisationFacets";

    /// <summary>
    /// Organisations matching every word (already normalised with <c>SearchTextBuilder</c>), the type, the country (as
    /// seat or as country of activity), the thematic area and the target group; null or empty arguments do not filter.
    /// <see cref="OrganisationQueries.Listed"/> is meant to be sorted and paged, <see cref="OrganisationQueries.Counted"/>
    /// to be counted up to a limit; both select the same organisations.
    /// </summary>
    public static OrganisationQueries Matching(
        AppDbContext db, IReadOnlyList<string> words, OrganisationType? type, string? country, ThematicArea? area, TargetGroup? group)
    {
        var npgsql = db.Database.IsNpgsql();
        var conditions = new Sql();
        foreach (var word in words)
        {
            conditions.Add($"o.\"SearchText\" LIKE {{0}} ESCAPE '\\'", "%" + EscapeLike(word) + "%");
        }

        if (type is { } t)
        {
            // On SQLite the unary + keeps the planner off the (Type, CountryCode) index: one type can be half the table,
            // and walking it then sorting is far slower than walking the name index.
            conditions.Add(npgsql ? "o.\"Type\" = {0}" : "+o.\"Type\" = {0}", t.ToString());
        }

        if (!string.IsNullOrEmpty(country))
        {
            if (npgsql)
            {
                conditions.Add("(o.\"CountryCode\" = {0} OR o.\"CountriesActive\" @> {1})", country, new[] { country });
            }
            else
            {
                conditions.Add("(o.\"CountryCode\" = {0} OR instr(o.\"CountriesActive\", {1}) > 0)", country, Quoted(country));
            }
        }

        if (area is { } a)
        {
            conditions.Add(ListContains(npgsql, "ThematicAreas"), npgsql ? (object)new[] { a.ToString() } : Quoted(a.ToString()));
        }

        if (group is { } g)
        {
            conditions.Add(ListContains(npgsql, "TargetGroups"), npgsql ? (object)new[] { g.ToString() } : Quoted(g.ToString()));
        }

        if (npgsql)
        {
            // One query serves both: the planner picks the trigram, array or (Name, Id) index from the values.
            var all = conditions.Query(db, "\"Organisations\" AS o");
            return new OrganisationQueries(all, all);
        }

        return SqliteQueries(db, conditions, words, type, country, area, group);
    }

    // SQLite plans badly around the FTS5 tables on its own, so the application chooses: the index that matches fewer
    // organisations (asked with a count that stops at the limit, about a millisecond) drives the query, and every other
    // condition is checked on the rows it finds. A count always streams from that index and stops at the limit. A
    // sorted page is driven by it only when it matches no more than the limit; otherwise many rows match and walking
    // the name index with the plain conditions finds a page sooner than sorting every match.
    private static OrganisationQueries SqliteQueries(
        AppDbContext db, Sql conditions, IReadOnlyList<string> words, OrganisationType? type, string? country, ThematicArea? area, TargetGroup? group)
    {
        var indexed = words.Where(w => w.Length >= 3).ToList();
        var text = indexed.Count > 0
            ? string.Join(' ', indexed.Select(w => "\"" + w.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""))
            : null;
        var facetWords = new List<string>();
        if (type is { } t)
        {
            facetWords.Add("type" + t);
        }

        if (country is not null && country.All(char.IsAsciiLetterOrDigit))
        {
            facetWords.Add("country" + country);
        }

        if (area is { } a)
        {
            facetWords.Add("area" + a);
        }

        if (group is { } g)
        {
            facetWords.Add("group" + g);
        }

        var facets = facetWords.Count > 0 ? string.Join(' ', facetWords.Select(w => "\"" + w.ToLowerInvariant() + "\"")) : null;

        var plain = conditions.Count == 0 ? db.Organisations : conditions.Query(db, "\"Organisations\" AS o");
        if (text is null && facets is null)
        {
            return new OrganisationQueries(plain, plain);
        }

        var limit = Common.Paging.CountLimit + 1;
        (string Table, string Match, int Count) driver;
        if (text is not null && facets is not null)
        {
            var textCount = Probe(db, SqliteSearchTable, text, limit);
            var facetCount = Probe(db, SqliteFacetsTable, facets, limit);
            driver = textCount < facetCount ? (SqliteSearchTable, text, textCount) : (SqliteFacetsTable, facets, facetCount);
        }
        else
        {
            var (table, match) = text is not null ? (SqliteSearchTable, text) : (SqliteFacetsTable, facets!);
            driver = (table, match, Probe(db, table, match, limit));
        }

        // CROSS JOIN makes SQLite read the FTS5 table first and look each organisation up by rowid.
        var driven = conditions.Query(db, $"\"{driver.Table}\"({{0}}) AS f CROSS JOIN \"Organisations\" AS o ON o.rowid = f.rowid", driver.Match);
        return new OrganisationQueries(driver.Count < limit ? driven : plain, driven);
    }

    private static int Probe(AppDbContext db, string table, string match, int limit) =>
        (table == SqliteSearchTable
            ? db.Database.SqlQuery<int>($"SELECT count(*) AS \"Value\" FROM (SELECT 1 FROM \"OrganisationSearch\"({match}) LIMIT {limit})")
            : db.Database.SqlQuery<int>($"SELECT count(*) AS \"Value\" FROM (SELECT 1 FROM \"OrganisationFacets\"({match}) LIMIT {limit})"))
        .AsEnumerable().First();

    private static string ListContains(bool npgsql, string column) =>
        npgsql ? $"o.\"{column}\" @> {{0}}" : $"instr(o.\"{column}\", {{0}}) > 0";

    // Lists are stored on SQLite as JSON arrays of strings (["MD","AL"]); codes and enum names need no JSON escaping,
    // and with its quotes a value cannot match part of another.
    private static string Quoted(string value) => "\"" + value + "\"";

    private static string EscapeLike(string term) =>
        term.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);

    /// <summary>WHERE conditions, each with its own parameters numbered {0}, {1}…</summary>
    private sealed partial class Sql
    {
        private readonly List<(string Text, object[] Values)> conditions = [];

        public int Count => conditions.Count;

        public void Add(string condition, params object[] values) => conditions.Add((condition, values));

        /// <summary>SELECT o.* FROM <paramref name="from"/> WHERE every condition; <paramref name="fromValues"/> are the FROM's parameters.</summary>
        public IQueryable<Organisation> Query(AppDbContext db, string from, params object[] fromValues)
        {
            var arguments = new List<object>();
            var sql = new StringBuilder("SELECT o.* FROM ").Append(Number(from, fromValues, arguments));
            if (conditions.Count > 0)
            {
                sql.Append(" WHERE ").AppendJoin(" AND ", conditions.Select(c => Number(c.Text, c.Values, arguments)));
            }

            return db.Organisations.FromSql(FormattableStringFactory.Create(sql.ToString(), [.. arguments]));
        }

        private static string Number(string text, object[] values, List<object> arguments)
        {
            var offset = arguments.Count;
            arguments.AddRange(values);
            return Placeholder().Replace(text, m => "{" + (int.Parse(m.Groups[1].ValueSpan, CultureInfo.InvariantCulture) + offset).ToString(CultureInfo.InvariantCulture) + "}");
        }

        [GeneratedRegex(@"\{(\d+)\}")]
        private static partial Regex Placeholder();
    }
}

/// <summary>The same selection of organisations, planned for a sorted page and for a count.</summary>
internal sealed record OrganisationQueries(IQueryable<Organisation> Listed, IQueryable<Organisation> Counted);
