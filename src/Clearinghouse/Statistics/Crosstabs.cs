using Clearinghouse.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Clearinghouse.Statistics;

/// <summary>A table asked for: its row dimension and, for a two-way table, its column dimension.</summary>
internal readonly record struct TableShape(Dimension Rows, Dimension? Columns);

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
/// then the groups added), never loading a person's row. Several tables of the same period are counted from one
/// GROUP BY over all their dimensions together, each table then summed from those groups in memory, so a report
/// reads the cases of its period once instead of once per table. The SQL is written out per provider because the
/// multi-valued case columns (forms of exploitation, citizenship) are JSON text on SQLite and arrays on PostgreSQL.
/// </summary>
internal sealed class Crosstabs(AppDbContext db)
{
    public const string CasesSource = "Cases in this Clearinghouse";

    private static readonly DateTimeOffsetToBinaryConverter SqliteInstant = new();

    public async Task<CountTable> CountAsync(StatisticsPeriod period, Measure measure, Dimension rows, Dimension? columns, string? country, CancellationToken cancellationToken) =>
        (await CountAsync(period, measure, [new TableShape(rows, columns)], country, cancellationToken))[0];

    /// <summary>Counts several tables of one period, measure and country with one GROUP BY over cases (and one over imported records).</summary>
    public async Task<IReadOnlyList<CountTable>> CountAsync(StatisticsPeriod period, Measure measure, IReadOnlyList<TableShape> tables, string? country, CancellationToken cancellationToken)
    {
        var dimensions = tables.SelectMany(t => t.Columns is { } c ? new[] { t.Rows, c } : [t.Rows]).Distinct().ToList();
        var groups = await QueryCasesAsync(period, measure, dimensions, byYear: false, country, cancellationToken);
        var sources = new List<string> { CasesSource };
        if (period.IsWholeYears)
        {
            groups.AddRange(await QueryRecordsAsync(period, measure, dimensions, byYear: false, country, cancellationToken));
            sources.AddRange((await DatasetsAsync(period, cancellationToken)).Select(d => d.Name));
        }

        return [.. tables.Select(t => Sum(period, measure, t, dimensions, groups, sources))];
    }

    /// <summary>
    /// One table for each calendar year from <paramref name="firstYear"/> to <paramref name="lastYear"/> (a trend), the
    /// same as counting each year alone. Persons identified are counted in one GROUP BY over the years with the year
    /// as one more column; persons assisted may count in several years, so each year is counted on its own.
    /// </summary>
    public async Task<IReadOnlyList<CountTable>> CountYearsAsync(int firstYear, int lastYear, Measure measure, TableShape table, string? country, CancellationToken cancellationToken)
    {
        var years = Enumerable.Range(firstYear, lastYear - firstYear + 1).Select(StatisticsPeriod.Year).ToList();
        if (measure != Measure.Identified)
        {
            var counted = new List<CountTable>();
            foreach (var year in years)
            {
                counted.Add(await CountAsync(year, measure, table.Rows, table.Columns, country, cancellationToken));
            }

            return counted;
        }

        var all = new StatisticsPeriod(years[0].From, years[^1].To);
        var dimensions = table.Columns is { } c ? new List<Dimension> { table.Rows, c }.Distinct().ToList() : [table.Rows];
        var groups = await QueryCasesAsync(all, measure, dimensions, byYear: true, country, cancellationToken);
        groups.AddRange(await QueryRecordsAsync(all, measure, dimensions, byYear: true, country, cancellationToken));
        var datasets = await DatasetsAsync(all, cancellationToken);
        return [.. years.Select(year =>
        {
            var y = year.From.Year.ToString(System.Globalization.CultureInfo.InvariantCulture);
            List<string> sources = [CasesSource, .. datasets.Where(d => d.FirstYear <= year.From.Year && d.LastYear >= year.From.Year).Select(d => d.Name)];
            return Sum(year, measure, table, dimensions, [.. groups.Where(g => g.Codes[dimensions.Count] == y)], sources);
        })];
    }

    /// <summary>The imported data sets in force that cover part of a whole-years period, by source.</summary>
    private async Task<List<(string Name, int FirstYear, int LastYear)>> DatasetsAsync(StatisticsPeriod period, CancellationToken cancellationToken) =>
        [.. (await db.StatisticsDatasets
            .Where(d => d.SupersededAt == null && d.FirstYear <= period.To.Year && d.LastYear >= period.From.Year)
            .OrderBy(d => d.Source)
            .Select(d => new { Name = d.IsFictitious ? d.Source + " (fictitious)" : d.Source, d.FirstYear, d.LastYear })
            .ToListAsync(cancellationToken))
            .Select(d => (d.Name, d.FirstYear, d.LastYear))];

    /// <summary>One table from the groups over all dimensions: each group's persons added to the cell of its two codes.</summary>
    private static CountTable Sum(StatisticsPeriod period, Measure measure, TableShape table, List<Dimension> dimensions, List<(string?[] Codes, long N)> groups, List<string> sources)
    {
        var a = dimensions.IndexOf(table.Rows);
        var b = table.Columns is { } columns ? dimensions.IndexOf(columns) : -1;
        var counts = new Dictionary<(string A, string B), long>();
        foreach (var (codes, n) in groups)
        {
            // A missing value is counted as "Unknown" in either dimension; a one-way table has one unnamed column.
            var key = (StatisticsCodes.Normalise(codes[a]), b < 0 ? string.Empty : StatisticsCodes.Normalise(codes[b]));
            counts[key] = counts.GetValueOrDefault(key) + n;
        }

        var rowCategories = CategoriesOf(table.Rows, counts.Keys.Select(k => k.A));
        var columnCategories = table.Columns is { } c ? CategoriesOf(c, counts.Keys.Select(k => k.B)) : [string.Empty];
        var cells = new long[rowCategories.Count, columnCategories.Count];
        var rowIndex = rowCategories.Select((v, i) => (v, i)).ToDictionary(x => x.v, x => x.i, StringComparer.Ordinal);
        var columnIndex = columnCategories.Select((v, i) => (v, i)).ToDictionary(x => x.v, x => x.i, StringComparer.Ordinal);
        foreach (var ((ra, cb), n) in counts)
        {
            cells[rowIndex[ra], columnIndex[cb]] += n;
        }

        return new CountTable(period, measure, table.Rows, table.Columns, rowCategories, columnCategories, cells, sources);
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
    internal (string Sql, object[] Parameters) CaseSql(StatisticsPeriod period, Measure measure, IReadOnlyList<Dimension> dimensions, bool byYear, string? country)
    {
        var from = period.From;
        var to = period.To;
        var startInstant = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var endInstant = new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        object start = IsSqlite ? SqliteInstant.ConvertToProvider(startInstant)! : startInstant;
        object end = IsSqlite ? SqliteInstant.ConvertToProvider(endInstant)! : endInstant;
        var where = measure == Measure.Identified
            ? "c.\"IdentifiedOn\" >= @p0 AND c.\"IdentifiedOn\" <= @p1"
            : "(EXISTS (SELECT 1 FROM \"Referrals\" r WHERE r.\"CaseId\" = c.\"Id\" AND r.\"DeliveredFrom\" IS NOT NULL AND r.\"DeliveredFrom\" <= @p1 AND (r.\"DeliveredTo\" IS NULL OR r.\"DeliveredTo\" >= @p0))"
              + " OR EXISTS (SELECT 1 FROM \"SopSteps\" s WHERE s.\"CaseId\" = c.\"Id\" AND s.\"Kind\" = 'FirstAssistance' AND s.\"DoneAt\" >= @p2 AND s.\"DoneAt\" < @p3))";
        var countryFilter = country is null ? string.Empty : " AND c.\"CountryOfExploitation\" = @p4";

        // Every case has an identifying organisation (a required foreign key), so the join changes no count and is
        // only made when the organisation's type is counted.
        var join = dimensions.Contains(Dimension.IdentifyingOrganisationType) ? "JOIN \"Organisations\" o ON o.\"Id\" = c.\"IdentifyingOrganisationId\" " : string.Empty;
        // The year of identification, as text, is one more code after the dimensions when a trend is counted.
        List<string> expressions = [.. dimensions.Select(CaseExpression)];
        if (byYear)
        {
            expressions.Add(IsSqlite ? "substr(c.\"IdentifiedOn\", 1, 4)" : "to_char(c.\"IdentifiedOn\", 'YYYY')");
        }

        var sql = $"SELECT {Columns(expressions.Count)}, COUNT(*) AS n FROM (SELECT {string.Join(", ", expressions.Select((e, i) => $"{e} AS d{i}"))} FROM \"Cases\" c "
            + join + $"WHERE c.\"IdentificationStatus\" <> 'NotATraffickingCase' AND {where}{countryFilter}) q GROUP BY {Columns(expressions.Count)}";
        return (sql, [from, to, start, end, country ?? string.Empty]);
    }

    private static string Columns(int count) => string.Join(", ", Enumerable.Range(0, count).Select(i => $"q.d{i}"));

    private Task<List<(string?[] Codes, long N)>> QueryCasesAsync(StatisticsPeriod period, Measure measure, List<Dimension> dimensions, bool byYear, string? country, CancellationToken cancellationToken)
    {
        var (sql, parameters) = CaseSql(period, measure, dimensions, byYear, country);
        return QueryGroupsAsync(sql, parameters, dimensions.Count + (byYear ? 1 : 0), cancellationToken);
    }

    private Task<List<(string?[] Codes, long N)>> QueryRecordsAsync(StatisticsPeriod period, Measure measure, List<Dimension> dimensions, bool byYear, string? country, CancellationToken cancellationToken)
    {
        var assisted = measure == Measure.Assisted ? " AND x.\"Assisted\" = TRUE" : string.Empty;
        var countryFilter = country is null ? string.Empty : " AND x.\"CountryOfExploitation\" = @p2";
        List<string> expressions = [.. dimensions.Select(RecordExpression)];
        if (byYear)
        {
            expressions.Add("CAST(x.\"Year\" AS TEXT)");
        }

        var sql = $"SELECT {Columns(expressions.Count)}, COUNT(*) AS n FROM (SELECT {string.Join(", ", expressions.Select((e, i) => $"{e} AS d{i}"))} FROM \"StatisticsRecords\" x "
            + "JOIN \"StatisticsDatasets\" d ON d.\"Id\" = x.\"DatasetId\" "
            + $"WHERE d.\"SupersededAt\" IS NULL AND x.\"Year\" >= @p0 AND x.\"Year\" <= @p1{assisted}{countryFilter}) q GROUP BY {Columns(expressions.Count)}";
        return QueryGroupsAsync(sql, [period.From.Year, period.To.Year, country ?? string.Empty], expressions.Count, cancellationToken);
    }

    /// <summary>Runs a GROUP BY whose first columns are dimension codes and whose last is the count (parameters @p0, @p1, ...).</summary>
    private async Task<List<(string?[] Codes, long N)>> QueryGroupsAsync(string sql, object[] parameters, int dimensions, CancellationToken cancellationToken)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            for (var i = 0; i < parameters.Length; i++)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = $"p{i}";
                parameter.Value = parameters[i];
                command.Parameters.Add(parameter);
            }

            var groups = new List<(string?[], long)>();
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var codes = new string?[dimensions];
                for (var i = 0; i < dimensions; i++)
                {
                    codes[i] = reader.IsDBNull(i) ? null : reader.GetString(i);
                }

                groups.Add((codes, reader.GetInt64(dimensions)));
            }

            return groups;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
