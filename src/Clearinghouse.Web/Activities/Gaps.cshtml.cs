using System.Globalization;
using System.Text;
using Clearinghouse.Activities;
using Clearinghouse.Countries;
using Clearinghouse.Directory;
using Clearinghouse.Web.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Localization;

namespace Clearinghouse.Web.Activities;

/// <summary>
/// The gap map: country × thematic area, counted or budgeted, for activities ongoing on a day, active in a period or
/// at any time; needs assessments laid over it; a "gaps only" view; the table as CSV.
/// </summary>
internal sealed class GapsModel(GapMatrix matrix, CountryCatalog countries, TimeProvider clock, IStringLocalizer<SharedResource> t) : PageModel
{
    private static readonly string[] CsvHeader = ["country_code", "country", "thematic_area", "activities"];

    [BindProperty(SupportsGet = true)]
    public GapPeriod Period { get; set; } = GapPeriod.Any;

    [BindProperty(SupportsGet = true)]
    public DateOnly? On { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? To { get; set; }

    /// <summary>"count" or a currency code: what the map colours and the cells show first.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Measure { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool GapsOnly { get; set; }

    public GapMatrixResult Result { get; private set; } = null!;

    public IReadOnlyList<ThematicArea> Areas { get; } = Enum.GetValues<ThematicArea>();

    public string? Currency => Measure is { Length: 3 } m && !string.Equals(m, "count", StringComparison.OrdinalIgnoreCase) ? m.ToUpperInvariant() : null;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Result = await matrix.BuildAsync(Query, cancellationToken: cancellationToken);
    }

    /// <summary>The table as CSV (UTF-8 with BOM, so spreadsheet programs read the names right).</summary>
    public async Task<IActionResult> OnGetCsvAsync(CancellationToken cancellationToken)
    {
        Result = await matrix.BuildAsync(Query, cancellationToken: cancellationToken);
        var csv = new StringBuilder();
        var currencies = Result.Currencies.ToList();
        csv.AppendLine(string.Join(',', CsvHeader
            .Concat(currencies.Select(c => "budget_" + c)).Concat(["need_priority", "need_assessed_on", "gap"])));
        foreach (var country in Result.Countries)
        {
            foreach (var cell in Areas.Select(a => Result.Cell(country, a)).Where(c => c.Count > 0 || c.Need is not null))
            {
                var fields = new List<string?>
                {
                    country,
                    CountryName(country),
                    Labels.Of(cell.Area),
                    cell.Count.ToString(CultureInfo.InvariantCulture),
                };
                fields.AddRange(currencies.Select(c => cell.Budgets.TryGetValue(c, out var sum) ? sum.ToString(CultureInfo.InvariantCulture) : string.Empty));
                fields.Add(cell.Need?.Priority.ToString());
                fields.Add(cell.Need?.AssessedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                fields.Add(cell.IsGap ? "yes" : "no");
                csv.AppendLine(string.Join(',', fields.Select(Escape)));
            }
        }

        return File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(csv.ToString())).ToArray(), "text/csv; charset=utf-8", "gap-matrix.csv");
    }

    public GapQuery Query => Period switch
    {
        GapPeriod.During => new GapQuery(GapPeriod.During, From: From, To: To),
        GapPeriod.Any => new GapQuery(GapPeriod.Any),
        _ => new GapQuery(GapPeriod.OngoingOn, On: On ?? DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime)),
    };

    public string CountryName(string code) => countries.Find(code)?.Name(Labels.Language) ?? code;

    /// <summary>The value the map and the "measure" column use for a cell or a country.</summary>
    public decimal ValueOf(GapCell cell) => Currency is { } c ? cell.Budgets.GetValueOrDefault(c) : cell.Count;

    /// <summary>Per country: activities (any area), or the budgets in the chosen currency summed over areas would double count, so the largest cell.</summary>
    public IReadOnlyDictionary<string, int> MapBuckets()
    {
        var values = Result.Countries.ToDictionary(
            c => c,
            c => Currency is null ? Result.CountryTotals.GetValueOrDefault(c) : Areas.Max(a => ValueOf(Result.Cell(c, a))),
            StringComparer.Ordinal);
        return RegionMapModel.BucketsOf(values);
    }

    public string ActivitiesLink(string country, ThematicArea? area)
    {
        var (from, to) = Query.Range;
        var query = new Dictionary<string, string?>
        {
            ["country"] = country,
            ["area"] = area?.ToString(),
            ["from"] = from?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["to"] = to?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["active"] = "true",
        };
        return QueryHelpers.AddQueryString("/activities", query.Where(kv => kv.Value is not null));
    }

    public static string NeedsLink(string country, ThematicArea area) =>
        QueryHelpers.AddQueryString("/activities/gaps/needs", new Dictionary<string, string?> { ["country"] = country, ["area"] = area.ToString() });

    public string CsvLink()
    {
        var query = new Dictionary<string, string?>
        {
            ["handler"] = "csv",
            ["period"] = Period.ToString(),
            ["on"] = On?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["from"] = From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["to"] = To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        };
        return QueryHelpers.AddQueryString("/activities/gaps", query.Where(kv => kv.Value is not null));
    }

    public string PeriodText => Query.Period switch
    {
        GapPeriod.OngoingOn => t["Activities ongoing on {0}", Query.On!.Value.ToString("d MMMM yyyy", CultureInfo.CurrentCulture)].Value,
        GapPeriod.During => t["Activities active at some time between {0} and {1}", Query.From?.ToString("d MMMM yyyy", CultureInfo.CurrentCulture) ?? "…", Query.To?.ToString("d MMMM yyyy", CultureInfo.CurrentCulture) ?? "…"].Value,
        _ => t["All activities, whatever their period"].Value,
    };

    private static string Escape(string? value) =>
        value is null ? string.Empty
        : value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
        : value;
}
