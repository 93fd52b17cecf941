using Clearinghouse.Accounts;
using Clearinghouse.Countries;
using Clearinghouse.Directory;
using Clearinghouse.Services;
using Clearinghouse.Web.Directory.Edit;
using Clearinghouse.Web.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Clearinghouse.Web.Services;

/// <summary>
/// One service, with the fields the reader may see; a shelter's own focal point (or an editor) reports its occupancy
/// here. A restricted service does not exist for anonymous readers (404).
/// </summary>
internal sealed class ServiceModel(ServiceDirectory directory, ServiceEditor editor, CurrentUser user, CountryCatalog countries, IStringLocalizer<SharedResource> t) : PageModel
{
    public Service Service { get; private set; } = null!;

    public bool MayEdit => user.CanEditOrganisation(Service.OrganisationId);

    public bool SeesCapacity => directory.SeesShelterCapacity;

    public FormErrors Errors { get; private set; } = FormErrors.None;

    public string? OccupancyValue { get; private set; }

    public string CountryName(string code) => countries.Find(code)?.Name(Labels.Language) ?? code;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) =>
        await ShowAsync(id, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(Guid id, string? occupancy, CancellationToken cancellationToken)
    {
        int? value = int.TryParse(occupancy, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var number) ? number : null;
        var result = string.IsNullOrWhiteSpace(occupancy) || value is not null
            ? await editor.UpdateOccupancyAsync(id, new OccupancyInput { Occupancy = value }, cancellationToken)
            : EditResult<Service>.Invalid(new Dictionary<string, string[]> { ["Occupancy"] = ["Enter a whole number."] });
        switch (result.Outcome)
        {
            case EditOutcome.Saved:
                TempData[Notice.Key] = t["The occupancy was updated."].Value;
                return Redirect($"/services/{id}");
            case EditOutcome.Invalid:
                if (!await ShowAsync(id, cancellationToken))
                {
                    return NotFound();
                }

                if (!MayEdit)
                {
                    return Forbid();
                }

                Errors = new FormErrors(result.Errors);
                OccupancyValue = occupancy;
                return Page();
            case EditOutcome.Forbidden:
                return Forbid();
            default:
                return NotFound();
        }
    }

    private async Task<bool> ShowAsync(Guid id, CancellationToken cancellationToken)
    {
        var service = await directory.FindAsync(id, cancellationToken);
        if (service is null)
        {
            return false;
        }

        Service = service;
        OccupancyValue = service.Occupancy?.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return true;
    }
}
