using Clearinghouse.Accounts;
using Clearinghouse.Countries;
using Clearinghouse.Directory;
using Clearinghouse.Web.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Clearinghouse.Web.Directory;

internal sealed class OrganisationModel(DirectorySearch directory, CountryCatalog countries, CurrentUser user) : PageModel
{
    public OrganisationDetails? Details { get; private set; }

    public bool CanEdit { get; private set; }

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        Details = await directory.GetOrganisationAsync(slug, Labels.Language, cancellationToken);
        if (Details is null)
        {
            return NotFound();
        }

        CanEdit = user.CanEditOrganisation(Details.Organisation.Id);
        return Page();
    }

    public string? CountryName(string? code) => countries.Find(code)?.Name(Labels.Language);
}
