using Clearinghouse.Countries;
using Clearinghouse.Directory;
using Clearinghouse.Web.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Clearinghouse.Web.Countries;

internal sealed class CountryModel(CountryProfiles profiles) : PageModel
{
    public CountryProfile? Profile { get; private set; }

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken cancellationToken)
    {
        Profile = await profiles.GetAsync(code, Labels.Language, cancellationToken);
        return Profile is null ? NotFound() : Page();
    }
}
