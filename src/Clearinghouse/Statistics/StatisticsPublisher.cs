using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Clearinghouse.Accounts;

namespace Clearinghouse.Statistics;

/// <summary>The "Statistics" configuration section.</summary>
internal sealed class StatisticsOptions
{
    public const string Section = "Statistics";

    /// <summary>Cells based on fewer persons than this are suppressed in public tables.</summary>
    [Range(2, 100)]
    public int Threshold { get; set; } = 5;

    /// <summary>Published values are rounded to a multiple of this (1: no rounding).</summary>
    [Range(1, 100)]
    public int RoundTo { get; set; } = 1;

    /// <summary>Every released combination of sex, age group, citizenship and country of exploitation in a record-level file describes at least this many persons (CTDC uses 11).</summary>
    [Range(2, 1000)]
    public int RecordFileThreshold { get; set; } = 11;

    /// <summary>The largest data set file the web page accepts, in MiB (a 250,000-row CTDC file is about 60 MiB).</summary>
    [Range(1, 2048)]
    public int MaxUploadMegabytes { get; set; } = 200;
}

/// <summary>One published cell: the value when it is shown, and the text a reader sees ("12", "&lt;5", "x").</summary>
internal sealed record PublishedCell(long? Value, string Display, CellStatus Status);

/// <summary>A table as it is published to one caller: suppressed (and rounded) unless the caller may see exact aggregates.</summary>
internal sealed record PublishedTable(
    string Period,
    string PeriodCode,
    Measure Measure,
    Dimension Rows,
    Dimension? Columns,
    IReadOnlyList<string> RowCategories,
    IReadOnlyList<string> ColumnCategories,
    IReadOnlyList<IReadOnlyList<PublishedCell>> Cells,
    IReadOnlyList<PublishedCell> RowTotals,
    IReadOnlyList<PublishedCell> ColumnTotals,
    PublishedCell Total,
    bool Suppressed,
    int Threshold,
    int RoundTo,
    bool Withheld,
    IReadOnlyList<string> Sources);

/// <summary>
/// Counts and publishes tables for the caller: the public (and every role but StatisticsPartner and Administrator)
/// gets small-cell suppression and rounding; the same rule applies to pages, downloads and the API.
/// </summary>
internal sealed class StatisticsPublisher(Crosstabs crosstabs, PerformanceMeasures performance, CurrentUser user, Microsoft.Extensions.Options.IOptions<StatisticsOptions> options)
{
    /// <summary>The rule for this caller: none for StatisticsPartner and Administrator, the configured one for everyone else.</summary>
    public SuppressionRule Rule => SeesExactAggregates ? SuppressionRule.None : new SuppressionRule(options.Value.Threshold, options.Value.RoundTo);

    public bool SeesExactAggregates => user.Roles.Contains(Roles.StatisticsPartner) || user.IsAdministrator;

    public async Task<PublishedTable> TableAsync(StatisticsPeriod period, Measure measure, Dimension rows, Dimension? columns, string? country, CancellationToken cancellationToken) =>
        (await TablesAsync(period, measure, [new TableShape(rows, columns)], country, cancellationToken))[0];

    /// <summary>Several tables of one period, counted together (one read of the period's cases), each suppressed on its own as if asked for alone.</summary>
    public async Task<IReadOnlyList<PublishedTable>> TablesAsync(StatisticsPeriod period, Measure measure, IReadOnlyList<TableShape> tables, string? country, CancellationToken cancellationToken)
    {
        // A pair is always computed in one order, so the same table asked for transposed is suppressed identically.
        var shapes = tables.Select(t => t.Columns == t.Rows ? t with { Columns = null } : t).ToList();
        var counted = await crosstabs.CountAsync(period, measure, [.. shapes.Select(t => Transposes(t) ? new TableShape(t.Columns!.Value, t.Rows) : t)], country, cancellationToken);
        var rule = Rule;
        return [.. shapes.Select((t, i) => Transposes(t) ? Transpose(Publish(counted[i], rule)) : Publish(counted[i], rule))];
    }

    /// <summary>One table for each calendar year of a trend, each suppressed as if asked for alone.</summary>
    public async Task<IReadOnlyList<PublishedTable>> YearsAsync(int firstYear, int lastYear, Measure measure, Dimension rows, string? country, CancellationToken cancellationToken)
    {
        var rule = Rule;
        return [.. (await crosstabs.CountYearsAsync(firstYear, lastYear, measure, new TableShape(rows, null), country, cancellationToken)).Select(t => Publish(t, rule))];
    }

    private static bool Transposes(TableShape table) => table.Columns is { } c && c < table.Rows;

    /// <summary>The NRM performance measures of the period, with measures on fewer than k cases hidden for this caller.</summary>
    public Task<PerformanceReport> PerformanceAsync(StatisticsPeriod period, CancellationToken cancellationToken) =>
        performance.ComputeAsync(period, Rule, cancellationToken);

    /// <summary>Suppresses and formats counted tables (pure: used by the tests with hand-made counts).</summary>
    internal static PublishedTable Publish(CountTable counts, SuppressionRule rule)
    {
        var r = counts.RowCategories.Count;
        var k = counts.ColumnCategories.Count;
        var rowTotals = new long[r];
        var columnTotals = new long[k];
        for (var i = 0; i < r; i++)
        {
            for (var j = 0; j < k; j++)
            {
                rowTotals[i] += counts.Cells[i, j];
                columnTotals[j] += counts.Cells[i, j];
            }
        }

        var oneWay = new Dictionary<string, long[]> { ["rows"] = rowTotals };
        var twoWay = new List<(string, string, long[,])>();
        if (counts.Columns is not null)
        {
            oneWay["columns"] = columnTotals;
            twoWay.Add(("rows", "columns", counts.Cells));
        }

        var (patterns, tables, withheld) = Suppressor.SuppressFamily(oneWay, twoWay, rule);
        var rowPattern = patterns["rows"];
        PublishedCell Cell(long value, CellStatus status) => status switch
        {
            CellStatus.Published => new PublishedCell(rule.Round(value), rule.Round(value).ToString("N0", CultureInfo.InvariantCulture), status),
            CellStatus.Primary => new PublishedCell(null, "<" + rule.Threshold.ToString(CultureInfo.InvariantCulture), status),
            _ => new PublishedCell(null, "x", status),
        };

        var rowCells = Enumerable.Range(0, r).Select(i => Cell(rowTotals[i], rowPattern.Status[i])).ToList();
        var total = Cell(rowPattern.Total, rowPattern.TotalStatus);
        List<IReadOnlyList<PublishedCell>> cells;
        List<PublishedCell> columnCells;
        if (counts.Columns is null)
        {
            cells = [.. rowCells.Select(c => (IReadOnlyList<PublishedCell>)[c])];
            columnCells = [total];
        }
        else if (tables.TryGetValue(("rows", "columns"), out var pattern))
        {
            cells = [.. Enumerable.Range(0, r).Select(i => (IReadOnlyList<PublishedCell>)[.. Enumerable.Range(0, k).Select(j => Cell(pattern.Values[i, j], pattern.Status[i, j]))])];
            columnCells = [.. Enumerable.Range(0, k).Select(j => Cell(columnTotals[j], patterns["columns"].Status[j]))];
        }
        else
        {
            var hidden = new PublishedCell(null, "x", CellStatus.Secondary);
            cells = [.. Enumerable.Range(0, r).Select(_ => (IReadOnlyList<PublishedCell>)[.. Enumerable.Range(0, k).Select(_ => hidden)])];
            columnCells = [.. Enumerable.Range(0, k).Select(j => Cell(columnTotals[j], patterns["columns"].Status[j]))];
        }

        return new PublishedTable(
            counts.Period.Label,
            counts.Period.Code,
            counts.Measure,
            counts.Rows,
            counts.Columns,
            counts.RowCategories,
            counts.Columns is null ? [] : counts.ColumnCategories,
            cells,
            rowCells,
            columnCells,
            total,
            rule.Suppresses,
            rule.Threshold,
            rule.RoundTo,
            withheld.Count > 0,
            counts.Sources);
    }

    private static PublishedTable Transpose(PublishedTable t) => t with
    {
        Rows = t.Columns!.Value,
        Columns = t.Rows,
        RowCategories = t.ColumnCategories,
        ColumnCategories = t.RowCategories,
        Cells = [.. Enumerable.Range(0, t.ColumnCategories.Count).Select(j => (IReadOnlyList<PublishedCell>)[.. t.Cells.Select(row => row[j])])],
        RowTotals = t.ColumnTotals,
        ColumnTotals = t.RowTotals,
    };
}
