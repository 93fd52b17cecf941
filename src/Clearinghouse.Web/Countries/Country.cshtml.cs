using Clearinghouse.Activities;
using Clearinghouse.Countries;
using Clearinghouse.Directory;
using Clearinghouse.Web.Activities;
using Clearinghouse.Web.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Clearinghouse.Web.Countries;

internal sealed class CountryModel(CountryProfiles profiles, ActivitySearch search, GapMatrix matrix, DonorInventory donors, TimeProvider clock) : PageModel
{
    public CountryProfile? Profile { get; private set; }

    public CountryActivities? Activities { get; private set; }

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken cancellationToken)
    {
        Profile = await profiles.GetAsync(code, Labels.Language, cancellationToken);
        if (Profile is null)
        {
            return NotFound();
        }

        Activities = await CountryActivities.LoadAsync(Profile.Code, search, matrix, donors, clock, cancellationToken);
        return Page();
    }
}
