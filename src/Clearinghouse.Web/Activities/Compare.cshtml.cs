using System.Globalization;
using Clearinghouse.Activities;
using Clearinghouse.Countries;
using Clearinghouse.Directory;
using Clearinghouse.Web.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Clearinghouse.Web.Activities;

/// <summary>The public inventory at two dates side by side: activities added, removed and changed in between.</summary>
internal sealed class CompareModel(ActivityHistory history, CountryCatalog countries, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public DateOnly? First { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? Second { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Country { get; set; }

    [BindProperty(SupportsGet = true)]
    public ThematicArea? Area { get; set; }

    public InventoryComparison? Result { get; private set; }

    public string? Problem { get; private set; }

    public IEnumerable<Country> CountryOptions => countries.Region.OrderBy(c => c.Name(Labels.Language), StringComparer.CurrentCulture);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        if (First is null && Second is null)
        {
            return;
        }

        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        if (First is not { } first || Second is not { } second)
        {
            Problem = "Enter both dates.";
            return;
        }

        if (first > second || second > today)
        {
            Problem = "The first date must come before the second, and neither may be in the future.";
            return;
        }

        Result = await history.CompareAsync(first, second, new ActivityFilter { Country = Country, Area = Area }, cancellationToken);
    }

    public string CountryName(string code) => countries.Find(code)?.Name(Labels.Language) ?? code;

    public static string Day(DateOnly day) => day.ToString("d MMMM yyyy", CultureInfo.CurrentCulture);
}
