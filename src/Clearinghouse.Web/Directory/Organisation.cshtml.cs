using Clearinghouse.Accounts;
using Clearinghouse.Countries;
using Clearinghouse.Directory;
using Clearinghouse.Library;
using Clearinghouse.Web.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Clearinghouse.Web.Directory;

internal sealed class OrganisationModel(DirectorySearch directory, LibraryLinks library, CountryCatalog countries, CurrentUser user) : PageModel
{
    public OrganisationDetails? Details { get; private set; }

    public bool CanEdit { get; private set; }

    /// <summary>Library documents the viewer may see that name a contact person of the organisation as an author, by person.</summary>
    public IReadOnlyDictionary<Guid, List<LinkedRecord>> Publications { get; private set; } = new Dictionary<Guid, List<LinkedRecord>>();

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        Details = await directory.GetOrganisationAsync(slug, Labels.Language, cancellationToken);
        if (Details is null)
        {
            return NotFound();
        }

        CanEdit = user.CanEditOrganisation(Details.Organisation.Id);
        Publications = await library.PublicationsOfAsync([.. Details.People.Select(p => p.Id)], 50, cancellationToken);
        return Page();
    }

    public string? CountryName(string? code) => countries.Find(code)?.Name(Labels.Language);
}
