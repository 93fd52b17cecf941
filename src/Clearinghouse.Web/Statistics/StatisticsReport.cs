using Clearinghouse.Statistics;
using Clearinghouse.Web.Shared;

namespace Clearinghouse.Web.Statistics;

/// <summary>What a statistics request asks for (query string of pages, downloads and the API).</summary>
internal sealed class TableRequest
{
    /// <summary>"2025", "2025-Q2", "2020..2025" or "2025-01-01..2025-06-30".</summary>
    public string? Period { get; set; }

    public Measure? Measure { get; set; }

    public Dimension? Rows { get; set; }

    public Dimension? Columns { get; set; }

    /// <summary>ISO 3166 alpha-2 code (or XK) of the country of exploitation, to narrow every table to it.</summary>
    public string? Country { get; set; }
}

/// <summary>The tables of a country or regional report: trend, form of exploitation by sex, countries, flows.</summary>
internal sealed record StatisticsReport(
    StatisticsPeriod Period,
    string? Country,
    PublishedTable FormBySex,
    PublishedTable AgeBySex,
    IReadOnlyList<(int Year, PublishedTable Table)> Trend,
    PublishedTable CountriesOfExploitation,
    PublishedTable Citizenships,
    PublishedTable Flows,
    PublishedTable Scope);

/// <summary>Builds reports from the publisher (so every table is suppressed for the caller like the API).</summary>
internal sealed class StatisticsReports(StatisticsPublisher publisher, TimeProvider clock)
{
    /// <summary>The default period: the last complete calendar year.</summary>
    public StatisticsPeriod DefaultPeriod => StatisticsPeriod.Year(clock.GetUtcNow().Year - 1);

    public async Task<StatisticsReport> BuildAsync(StatisticsPeriod period, Measure measure, string? country, CancellationToken cancellationToken)
    {
        // The six years of the trend are counted in one read of their cases.
        var lastYear = period.To.Year;
        var years = await publisher.YearsAsync(lastYear - 5, lastYear, measure, Dimension.Sex, country, cancellationToken);
        List<(int Year, PublishedTable Table)> trend = [.. years.Select((t, i) => (lastYear - 5 + i, t))];

        // The period's tables are counted in two reads of its cases, each grouping by a few dimensions whose
        // combinations stay few (sex × form × age; citizenship × country × scope), and each table is summed from
        // them in memory and suppressed as if asked for alone.
        var persons = await publisher.TablesAsync(period, measure, [new(Dimension.FormOfExploitation, Dimension.Sex), new(Dimension.AgeGroup, Dimension.Sex)], country, cancellationToken);
        var places = await publisher.TablesAsync(
            period,
            measure,
            [new(Dimension.CountryOfExploitation, null), new(Dimension.Citizenship, null), new(Dimension.Citizenship, Dimension.CountryOfExploitation), new(Dimension.Scope, null)],
            country,
            cancellationToken);
        IReadOnlyList<PublishedTable> tables = [.. persons, .. places];
        return new StatisticsReport(period, country, tables[0], tables[1], trend, tables[2], tables[3], tables[4], tables[5]);
    }
}

/// <summary>The choropleth of a one-dimensional country table (Shared/_RegionMap), coloured from the published cells only.</summary>
internal static class StatisticsMaps
{
    /// <summary>
    /// Published counts go into quartile buckets; a count hidden as "&lt;k" is below every published count, so it takes
    /// the lowest bucket; a cell hidden as "x" stays uncoloured. The text of each country is what the table shows.
    /// </summary>
    public static RegionMapModel Of(PublishedTable table, string id, string caption, Func<string, string?> link)
    {
        var values = new Dictionary<string, long>(StringComparer.Ordinal);
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < table.RowCategories.Count; i++)
        {
            var code = table.RowCategories[i];
            var cell = table.RowTotals[i];
            if (code == StatisticsCodes.Unknown)
            {
                continue;
            }

            texts[code] = cell.Display;
            if (cell.Status == CellStatus.Published)
            {
                values[code] = cell.Value ?? 0;
            }
        }

        var buckets = RegionMapModel.BucketsOf(values);
        for (var i = 0; i < table.RowCategories.Count; i++)
        {
            if (table.RowTotals[i].Status == CellStatus.Primary)
            {
                buckets[table.RowCategories[i]] = 1;
            }
        }

        return new RegionMapModel(id, caption, buckets, texts, link);
    }
}
