using Clearinghouse.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Clearinghouse.Statistics;

/// <summary>One group of a GROUP BY: the two dimension codes and the number of persons.</summary>
internal sealed class GroupCount
{
    public string? A { get; set; }

    public string? B { get; set; }

    public long N { get; set; }
}

/// <summary>The counts of a period by up to two dimensions, from the cases and the imported data sets together.</summary>
internal sealed record CountTable(
    StatisticsPeriod Period,
    Measure Measure,
    Dimension Rows,
    Dimension? Columns,
    IReadOnlyList<string> RowCategories,
    IReadOnlyList<string> ColumnCategories,
    long[,] Cells,
    IReadOnlyList<string> Sources);

/// <summary>
/// Counts persons by one or two dimensions with a GROUP BY in the database (cases and imported records separately,
/// then the groups added), never loading a person's row. The SQL is written out per provider because the
/// multi-valued case columns (forms of exploitation, citizenship) are JSON text on SQLite and arrays on PostgreSQL.
/// </summary>
internal sealed class Crosstabs(AppDbContext db)
{
    public const string CasesSource = "Cases in this Clearinghouse";

    private static readonly DateTimeOffsetToBinaryConverter SqliteInstant = new();

    public async Task<CountTable> CountAsync(StatisticsPeriod period, Measure measure, Dimension rows, Dimension? columns, string? country, CancellationToken cancellationToken)
    {
        var groups = new Dictionary<(string A, string B), long>();
        foreach (var g in await QueryCasesAsync(period, measure, rows, columns, country, cancellationToken))
        {
            Add(groups, g);
        }

        var sources = new List<string> { CasesSource };
        if (period.IsWholeYears)
        {
            foreach (var g in await QueryRecordsAsync(period, measure, rows, columns, country, cancellationToken))
            {
                Add(groups, g);
            }

            sources.AddRange(await db.StatisticsDatasets
                .Where(d => d.SupersededAt == null && d.FirstYear <= period.To.Year && d.LastYear >= period.From.Year)
                .OrderBy(d => d.Source)
                .Select(d => d.IsFictitious ? d.Source + " (fictitious)" : d.Source)
                .ToListAsync(cancellationToken));
        }

        var rowCategories = CategoriesOf(rows, groups.Keys.Select(k => k.A));
        var columnCategories = columns is { } c ? CategoriesOf(c, groups.Keys.Select(k => k.B)) : [string.Empty];
        var cells = new long[rowCategories.Count, columnCategories.Count];
        var rowIndex = rowCategories.Select((v, i) => (v, i)).ToDictionary(x => x.v, x => x.i, StringComparer.Ordinal);
        var columnIndex = columnCategories.Select((v, i) => (v, i)).ToDictionary(x => x.v, x => x.i, StringComparer.Ordinal);
        foreach (var ((a, b), n) in groups)
        {
            cells[rowIndex[a], columnIndex[b]] += n;
        }

        return new CountTable(period, measure, rows, columns, rowCategories, columnCategories, cells, sources);
    }

    private static void Add(Dictionary<(string, string), long> groups, GroupCount g)
    {
        var key = (StatisticsCodes.Normalise(g.A), g.B is null ? string.Empty : StatisticsCodes.Normalise(g.B));
        groups[key] = groups.GetValueOrDefault(key) + g.N;
    }

    private static List<string> CategoriesOf(Dimension dimension, IEnumerable<string> present)
    {
        var seen = present.ToHashSet(StringComparer.Ordinal);
        var list = StatisticsCodes.Categories(dimension)?.ToList()
            ?? [.. seen.Where(s => s != StatisticsCodes.Unknown).Order(StringComparer.Ordinal)];
        list.AddRange(seen.Where(s => s != StatisticsCodes.Unknown && !list.Contains(s)).Order(StringComparer.Ordinal));
        list.Add(StatisticsCodes.Unknown);
        return list;
    }

    private bool IsSqlite => db.Database.IsSqlite();

    /// <summary>The SQL expression of a dimension over a case row "c" joined to its identifying organisation "o".</summary>
    internal string CaseExpression(Dimension dimension) => dimension switch
    {
        Dimension.Sex => "c.\"Gender\"",
        Dimension.AgeGroup => "c.\"AgeGroup\"",
        Dimension.ChildOrAdult => "CASE WHEN c.\"AgeGroup\" IN ('Age0To11', 'Age12To17') OR c.\"IsChild\" = TRUE THEN 'Child' WHEN c.\"AgeGroup\" = 'Unknown' THEN NULL ELSE 'Adult' END",
        Dimension.FormOfExploitation => IsSqlite
            ? "CASE json_array_length(c.\"FormsOfExploitation\") WHEN 0 THEN NULL WHEN 1 THEN json_extract(c.\"FormsOfExploitation\", '$[0]') ELSE 'Multiple' END"
            : "CASE cardinality(c.\"FormsOfExploitation\") WHEN 0 THEN NULL WHEN 1 THEN c.\"FormsOfExploitation\"[1] ELSE 'Multiple' END",
        Dimension.Sector => "c.\"LabourSector\"",
        Dimension.Citizenship => IsSqlite ? "json_extract(c.\"Citizenship\", '$[0]')" : "c.\"Citizenship\"[1]",
        Dimension.CountryOfExploitation => "c.\"CountryOfExploitation\"",
        Dimension.Scope => "c.\"Scope\"",
        Dimension.IdentificationChannel => "c.\"IdentificationChannel\"",
        Dimension.IdentifyingOrganisationType => "o.\"Type\"",
        Dimension.ServicesReceived => "CASE (SELECT COUNT(DISTINCT r.\"Service\") FROM \"Referrals\" r WHERE r.\"CaseId\" = c.\"Id\" AND r.\"DeliveredFrom\" IS NOT NULL) WHEN 0 THEN 'None' WHEN 1 THEN 'One' WHEN 2 THEN 'Two' ELSE 'ThreeOrMore' END",
        Dimension.Outcome => "CASE WHEN EXISTS (SELECT 1 FROM \"SopSteps\" s WHERE s.\"CaseId\" = c.\"Id\" AND s.\"Kind\" = 'TraffickedAgain' AND s.\"DoneAt\" IS NOT NULL) THEN 'TraffickedAgain' "
            + "WHEN EXISTS (SELECT 1 FROM \"SopSteps\" s WHERE s.\"CaseId\" = c.\"Id\" AND s.\"Kind\" = 'VoluntaryReturn' AND s.\"DoneAt\" IS NOT NULL) THEN 'Return' "
            + "WHEN EXISTS (SELECT 1 FROM \"SopSteps\" s WHERE s.\"CaseId\" = c.\"Id\" AND s.\"Kind\" = 'LocalIntegration' AND s.\"DoneAt\" IS NOT NULL) THEN 'LocalIntegration' ELSE 'NoneRecorded' END",
        _ => throw new ArgumentOutOfRangeException(nameof(dimension)),
    };

    private static string RecordExpression(Dimension dimension) => StatisticsCodes.InImportedData(dimension) ? $"x.\"{dimension}\"" : "NULL";

    /// <summary>The GROUP BY over cases, as SQL with its parameters (also used by the benchmark to time the plain query).</summary>
    internal (string Sql, object[] Parameters) CaseSql(StatisticsPeriod period, Measure measure, Dimension rows, Dimension? columns, string? country)
    {
        var from = period.From;
        var to = period.To;
        var startInstant = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var endInstant = new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        object start = IsSqlite ? SqliteInstant.ConvertToProvider(startInstant)! : startInstant;
        object end = IsSqlite ? SqliteInstant.ConvertToProvider(endInstant)! : endInstant;
        var where = measure == Measure.Identified
            ? "c.\"IdentifiedOn\" >= {0} AND c.\"IdentifiedOn\" <= {1}"
            : "(EXISTS (SELECT 1 FROM \"Referrals\" r WHERE r.\"CaseId\" = c.\"Id\" AND r.\"DeliveredFrom\" IS NOT NULL AND r.\"DeliveredFrom\" <= {1} AND (r.\"DeliveredTo\" IS NULL OR r.\"DeliveredTo\" >= {0}))"
              + " OR EXISTS (SELECT 1 FROM \"SopSteps\" s WHERE s.\"CaseId\" = c.\"Id\" AND s.\"Kind\" = 'FirstAssistance' AND s.\"DoneAt\" >= {2} AND s.\"DoneAt\" < {3}))";
        var countryFilter = country is null ? string.Empty : " AND c.\"CountryOfExploitation\" = {4}";
        var b = columns is { } c ? CaseExpression(c) : "NULL";
        var sql = $"SELECT q.a AS \"A\", q.b AS \"B\", COUNT(*) AS \"N\" FROM (SELECT {CaseExpression(rows)} AS a, {b} AS b FROM \"Cases\" c "
            + "JOIN \"Organisations\" o ON o.\"Id\" = c.\"IdentifyingOrganisationId\" "
            + $"WHERE c.\"IdentificationStatus\" <> 'NotATraffickingCase' AND {where}{countryFilter}) q GROUP BY q.a, q.b";
        return (sql, [from, to, start, end, country ?? string.Empty]);
    }

    private async Task<List<GroupCount>> QueryCasesAsync(StatisticsPeriod period, Measure measure, Dimension rows, Dimension? columns, string? country, CancellationToken cancellationToken)
    {
        var (sql, parameters) = CaseSql(period, measure, rows, columns, country);
        return await db.Database.SqlQueryRaw<GroupCount>(sql, parameters).ToListAsync(cancellationToken);
    }

    private async Task<List<GroupCount>> QueryRecordsAsync(StatisticsPeriod period, Measure measure, Dimension rows, Dimension? columns, string? country, CancellationToken cancellationToken)
    {
        var b = columns is { } c ? RecordExpression(c) : "NULL";
        var assisted = measure == Measure.Assisted ? " AND x.\"Assisted\" = TRUE" : string.Empty;
        var countryFilter = country is null ? string.Empty : " AND x.\"CountryOfExploitation\" = {2}";
        var sql = $"SELECT q.a AS \"A\", q.b AS \"B\", COUNT(*) AS \"N\" FROM (SELECT {RecordExpression(rows)} AS a, {b} AS b FROM \"StatisticsRecords\" x "
            + "JOIN \"StatisticsDatasets\" d ON d.\"Id\" = x.\"DatasetId\" "
            + $"WHERE d.\"SupersededAt\" IS NULL AND x.\"Year\" >= {{0}} AND x.\"Year\" <= {{1}}{assisted}{countryFilter}) q GROUP BY q.a, q.b";
        return await db.Database.SqlQueryRaw<GroupCount>(sql, period.From.Year, period.To.Year, country ?? string.Empty).ToListAsync(cancellationToken);
    }
}
