using Clearinghouse.Activities;
using Clearinghouse.Countries;
using Clearinghouse.Web.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;

namespace Clearinghouse.Web.Activities;

/// <summary>One donor: the published activities it funds, with amounts per currency and, optionally, converted.</summary>
internal sealed class DonorModel(DonorInventory inventory, CountryCatalog countries) : PageModel
{
    /// <summary>The donor's directory organisation id; or <see cref="Name"/> for a donor not in the directory.</summary>
    [BindProperty(SupportsGet = true)]
    public Guid? Organisation { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Name { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Country { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Convert { get; set; }

    public string DonorName { get; private set; } = string.Empty;

    public string? DonorSlug { get; private set; }

    public IReadOnlyList<FundingLine> Lines { get; private set; } = [];

    public MoneyTotals Totals { get; private set; } = new(new Dictionary<string, decimal>(), null);

    public RateTable? Rates { get; private set; }

    public IReadOnlyList<string> ConvertOptions { get; private set; } = [];

    public Country? SelectedCountry => string.IsNullOrWhiteSpace(Country) ? null : countries.Find(Country.Trim());

    public static string Link(DonorKey key, string? country, string? convert) =>
        QueryHelpers.AddQueryString("/activities/donor", new Dictionary<string, string?>
        {
            ["organisation"] = key.OrganisationId?.ToString(),
            ["name"] = key.OrganisationId is null ? key.Name : null,
            ["country"] = string.IsNullOrWhiteSpace(country) ? null : country,
            ["convert"] = convert,
        }.Where(kv => kv.Value is not null));

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (Organisation is null && string.IsNullOrWhiteSpace(Name))
        {
            return NotFound();
        }

        var key = DonorKey.Of(Organisation, Name);
        ConvertOptions = await inventory.ConversionCurrenciesAsync(cancellationToken);
        Rates = await inventory.RatesAsync(Convert, cancellationToken);
        Lines = await inventory.LinesAsync(SelectedCountry?.Code, key, cancellationToken);
        if (Lines.Count == 0)
        {
            return NotFound();
        }

        DonorName = Lines[0].DonorName;
        DonorSlug = Lines[0].DonorSlug;
        Totals = MoneyTotals.Of(Lines, Rates);
        return Page();
    }

    public string CountryName(string code) => countries.Find(code)?.Name(Labels.Language) ?? code;
}
