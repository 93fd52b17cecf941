using Clearinghouse.Countries;
using Clearinghouse.Statistics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Clearinghouse.Web.Statistics;

/// <summary>The printable regional report (/statistics/region) and country report (/statistics/countries/{code}).</summary>
internal sealed class ReportModel(StatisticsReports reports, CountryCatalog countries, StatisticsPublisher publisher) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Period { get; set; }

    public Country? Country { get; private set; }

    public StatisticsReport Report { get; private set; } = null!;

    public bool Exact => publisher.SeesExactAggregates;

    public async Task<IActionResult> OnGetAsync(string? code, CancellationToken cancellationToken)
    {
        if (code is not null)
        {
            Country = countries.Find(code.ToUpperInvariant());
            if (Country is null)
            {
                return NotFound();
            }
        }

        var period = StatisticsPeriod.TryParse(Period) ?? reports.DefaultPeriod;
        Report = await reports.BuildAsync(period, Measure.Identified, Country?.Code, cancellationToken);
        return Page();
    }
}
