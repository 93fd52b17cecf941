using Clearinghouse.Activities;
using Clearinghouse.Countries;
using Clearinghouse.Web.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;

namespace Clearinghouse.Web.Activities;

/// <summary>
/// The donor inventory: every donor of published activities (what, where, how much, when), or with a country, who
/// funds what there. Amounts per currency; with <see cref="Convert"/>, also a total converted with the editors' rates.
/// </summary>
internal sealed class DonorsModel(DonorInventory inventory, CountryCatalog countries) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Country { get; set; }

    /// <summary>ISO 4217 code to convert totals to with the editors' rate table; empty: no conversion.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Convert { get; set; }

    public IReadOnlyList<DonorSummary> Donors { get; private set; } = [];

    public IReadOnlyList<FundingLine> Lines { get; private set; } = [];

    public RateTable? Rates { get; private set; }

    /// <summary>The currencies the editors keep rates into (the conversions offered).</summary>
    public IReadOnlyList<string> ConvertOptions { get; private set; } = [];

    public Country? SelectedCountry => string.IsNullOrWhiteSpace(Country) ? null : countries.Find(Country.Trim());

    public IEnumerable<Country> CountryOptions => countries.Region.OrderBy(c => c.Name(Labels.Language), StringComparer.CurrentCulture);

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!string.IsNullOrWhiteSpace(Country) && SelectedCountry is null)
        {
            return NotFound();
        }

        ConvertOptions = await inventory.ConversionCurrenciesAsync(cancellationToken);
        Rates = await inventory.RatesAsync(Convert, cancellationToken);
        Donors = await inventory.SummariesAsync(SelectedCountry?.Code, Rates, cancellationToken);
        if (SelectedCountry is not null)
        {
            // What each donor funds in the country, activity by activity (the page lists them under each donor).
            Lines = await inventory.LinesAsync(SelectedCountry.Code, cancellationToken: cancellationToken);
        }
        return Page();
    }

    public string CountryName(string code) => countries.Find(code)?.Name(Labels.Language) ?? code;

    public string DonorLink(DonorKey key) => DonorModel.Link(key, Country, Rates?.Currency);
}

/// <summary>What the donor pages' option form shows: a country choice (the inventory page only) and the conversion.</summary>
internal sealed record DonorOptions(string Action, string? Country, string? Convert, IReadOnlyList<string> Options, IEnumerable<Country>? Countries)
{
    public IReadOnlyList<(string Name, string Value)> Hidden { get; init; } = [];
}

/// <summary>A donor's funding lines as a table (with a converted column when a rate table is chosen).</summary>
internal sealed record FundingTable(IReadOnlyList<FundingLine> Lines, RateTable? Rates);
