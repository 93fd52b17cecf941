using Clearinghouse.Statistics;
using Clearinghouse.Web.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Clearinghouse.Web.Statistics;

/// <summary>/statistics: any table of the period by one or two dimensions, with its chart and the main report charts.</summary>
internal sealed class IndexModel(StatisticsPublisher publisher, StatisticsReports reports, IAuthorizationService authorization) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public TableRequest Query { get; set; } = new();

    public StatisticsPeriod Period { get; private set; } = null!;

    public PublishedTable Table { get; private set; } = null!;

    public StatisticsReport Report { get; private set; } = null!;

    public PerformanceReport Performance { get; private set; } = null!;

    public bool PeriodInvalid { get; private set; }

    public bool Exact => publisher.SeesExactAggregates;

    /// <summary>Clearinghouse staff may import partners' data sets (/statistics/import).</summary>
    public bool CanImport { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var parsed = StatisticsPeriod.TryParse(Query.Period);
        PeriodInvalid = Query.Period is { Length: > 0 } && parsed is null;
        Period = parsed ?? reports.DefaultPeriod;
        var measure = Query.Measure ?? Measure.Identified;
        Table = await publisher.TableAsync(Period, measure, Query.Rows ?? Dimension.FormOfExploitation, Query.Columns ?? (Query.Rows is null ? Dimension.Sex : null), null, cancellationToken);
        Report = await reports.BuildAsync(Period, measure, null, cancellationToken);
        Performance = await publisher.PerformanceAsync(Period, cancellationToken);
        CanImport = (await authorization.AuthorizeAsync(User, Policies.EditsDirectory)).Succeeded;
    }

    /// <summary>The query string of the current table, for the download links.</summary>
    public string TableQuery =>
        $"period={Uri.EscapeDataString(Period.Code)}&measure={Table.Measure}&rows={Table.Rows}" + (Table.Columns is { } c ? $"&columns={c}" : string.Empty);
}
