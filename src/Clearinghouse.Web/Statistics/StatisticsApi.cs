using Clearinghouse.Countries;
using Clearinghouse.Directory;
using Clearinghouse.Statistics;
using Clearinghouse.Web.Shared;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Clearinghouse.Web.Statistics;

/// <summary>A data set as the public sees it: its source and years, never its records.</summary>
internal sealed record DatasetDto(Guid Id, string Source, int FirstYear, int LastYear, int RecordCount, bool IsFictitious, DateTimeOffset ImportedAt, bool Superseded);

/// <summary>
/// Statistics through /api/v1/statistics and the table downloads of the pages. Every answer goes through
/// <see cref="StatisticsPublisher"/>, so the same caller gets the same suppression on a page, a download and the API.
/// </summary>
internal static class StatisticsApi
{
    public static IServiceCollection AddStatisticsWeb(this IServiceCollection services)
    {
        services.AddScoped<StatisticsReports>();
        return services;
    }

    public static RouteGroupBuilder MapStatisticsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/statistics/table.csv", ([AsParameters] TableQuery query, StatisticsPublisher publisher, StatisticsReports reports, CountryCatalog countries, CancellationToken cancellationToken) =>
                DownloadAsync(query.ToRequest(), publisher, reports, countries, DirectoryFileFormat.Csv, cancellationToken))
            .AllowAnonymous()
            .ExcludeFromDescription();
        app.MapGet("/statistics/table.xlsx", ([AsParameters] TableQuery query, StatisticsPublisher publisher, StatisticsReports reports, CountryCatalog countries, CancellationToken cancellationToken) =>
                DownloadAsync(query.ToRequest(), publisher, reports, countries, DirectoryFileFormat.Xlsx, cancellationToken))
            .AllowAnonymous()
            .ExcludeFromDescription();

        var api = app.MapGroup("/api/v1/statistics").WithTags("Statistics").RequireRateLimiting(WebShell.ApiRateLimit);
        api.MapGet("/table", TableAsync)
            .WithName("GetStatisticsTable")
            .WithSummary("Persons identified or assisted in a period, by one or two dimensions, with totals")
            .WithDescription(
                "period: 2025, 2025-Q2, 2020..2025 or 2025-01-01..2025-06-30 (default: the last complete year). measure: Identified or Assisted. " +
                "rows, columns: Sex, ChildOrAdult, AgeGroup, FormOfExploitation, Sector, Citizenship, CountryOfExploitation, Scope, " +
                "IdentificationChannel, IdentifyingOrganisationType, ServicesReceived, Outcome. country: narrows to one country of exploitation. " +
                "Cells of fewer than the threshold (default 5) are null with display \"<5\"; cells hidden so that those cannot be worked out " +
                "are null with display \"x\". Callers with the StatisticsPartner role (and administrators) get exact aggregates. Never microdata.")
            .AllowAnonymous();
        api.MapGet("/performance", PerformanceAsync)
            .WithName("GetReferralMechanismPerformance")
            .WithSummary("Performance of the referral mechanism for the cases identified in a period")
            .WithDescription(
                "Median days from identification to first assistance and to the first referral, share of answered referrals accepted, services " +
                "delivered per case, follow-up assessments done on time, and cases assisted for 3, 6 and 12 months. A measure resting on fewer " +
                "cases than the threshold is null with display \"<5\" (exact for the StatisticsPartner role).")
            .AllowAnonymous();
        api.MapGet("/datasets", DatasetsAsync)
            .WithName("ListStatisticsDatasets")
            .WithSummary("The imported data sets: source, years and number of records")
            .AllowAnonymous();
        return api;
    }

    private static async Task<Results<Ok<PublishedTable>, ValidationProblem>> TableAsync([AsParameters] TableQuery query, StatisticsPublisher publisher, StatisticsReports reports, CancellationToken cancellationToken)
    {
        var request = query.ToRequest();
        var period = StatisticsPeriod.TryParse(request.Period);
        if (request.Period is { Length: > 0 } && period is null)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["period"] = ["Give the period as 2025, 2025-Q2, 2020..2025 or 2025-01-01..2025-06-30."] });
        }

        return TypedResults.Ok(await publisher.TableAsync(period ?? reports.DefaultPeriod, request.Measure ?? Measure.Identified, request.Rows ?? Dimension.FormOfExploitation, request.Columns, request.Country?.ToUpperInvariant(), cancellationToken));
    }

    private static async Task<Results<Ok<PerformanceReport>, ValidationProblem>> PerformanceAsync(string? period, StatisticsPublisher publisher, StatisticsReports reports, CancellationToken cancellationToken)
    {
        var parsed = StatisticsPeriod.TryParse(period);
        if (period is { Length: > 0 } && parsed is null)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["period"] = ["Give the period as 2025, 2025-Q2, 2020..2025 or 2025-01-01..2025-06-30."] });
        }

        return TypedResults.Ok(await publisher.PerformanceAsync(parsed ?? reports.DefaultPeriod, cancellationToken));
    }

    private static async Task<Ok<List<DatasetDto>>> DatasetsAsync(Data.AppDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(await db.StatisticsDatasets
            .OrderBy(d => d.Source).ThenBy(d => d.FirstYear)
            .Select(d => new DatasetDto(d.Id, d.Source, d.FirstYear, d.LastYear, d.RecordCount, d.IsFictitious, d.ImportedAt, d.SupersededAt != null))
            .ToListAsync(cancellationToken));

    private static async Task<IResult> DownloadAsync(TableRequest query, StatisticsPublisher publisher, StatisticsReports reports, CountryCatalog countries, DirectoryFileFormat format, CancellationToken cancellationToken)
    {
        var period = StatisticsPeriod.TryParse(query.Period) ?? reports.DefaultPeriod;
        var table = await publisher.TableAsync(period, query.Measure ?? Measure.Identified, query.Rows ?? Dimension.FormOfExploitation, query.Columns, query.Country?.ToUpperInvariant(), cancellationToken);
        string Label(Dimension d, string code) => StatisticsLabels.Category(d, code, countries, s => s);
        var header = new List<string> { StatisticsLabels.Of(table.Rows) };
        if (table.Columns is { } columns)
        {
            header.AddRange(table.ColumnCategories.Select(c => Label(columns, c)));
        }

        header.Add("Total");
        var rows = new List<string?[]>();
        for (var i = 0; i < table.RowCategories.Count; i++)
        {
            rows.Add([Label(table.Rows, table.RowCategories[i]), .. table.Columns is null ? [] : table.Cells[i].Select(c => c.Display), table.RowTotals[i].Display]);
        }

        rows.Add(["Total", .. table.Columns is null ? [] : table.ColumnTotals.Select(c => c.Display), table.Total.Display]);
        rows.Add([$"{StatisticsLabels.Of(table.Measure)}, period {table.Period}. " + (table.Suppressed ? $"Counts below {table.Threshold} shown as <{table.Threshold}; x = hidden so that those cannot be worked out." : "Exact aggregates: not for publication.")]);
        var name = $"clearinghouse-statistics-{table.PeriodCode.Replace("..", "_", StringComparison.Ordinal)}-{table.Rows}{(table.Columns is { } c ? "-" + c : string.Empty)}.{format.Extension()}";
        return TypedResults.Stream(
            stream => format == DirectoryFileFormat.Csv
                ? DirectoryFiles.WriteCsvAsync(stream, header, rows.ToAsyncEnumerable(), cancellationToken)
                : DirectoryFiles.WriteXlsxAsync(stream, [("Statistics", header, rows)], cancellationToken),
            format.ContentType(),
            name);
    }
}

/// <summary>The query string of GET /api/v1/statistics/table.</summary>
internal sealed class TableQuery
{
    [FromQuery(Name = "period")]
    public string? Period { get; set; }

    [FromQuery(Name = "measure")]
    public Measure? Measure { get; set; }

    [FromQuery(Name = "rows")]
    public Dimension? Rows { get; set; }

    [FromQuery(Name = "columns")]
    public Dimension? Columns { get; set; }

    [FromQuery(Name = "country")]
    public string? Country { get; set; }

    public TableRequest ToRequest() => new() { Period = Period, Measure = Measure, Rows = Rows, Columns = Columns, Country = Country };
}
