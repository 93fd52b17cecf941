using Clearinghouse.Accounts;
using Clearinghouse.Countries;
using Clearinghouse.Directory;
using Clearinghouse.Services;
using Clearinghouse.Web.Directory.Edit;
using Clearinghouse.Web.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Clearinghouse.Web.Services;

/// <summary>
/// The shelter board: beds and occupancy of every shelter, for focal points and editors. Each shelter's own focal point
/// (or an editor) updates its occupancy in its row.
/// </summary>
[Authorize(Policy = ServicesWeb.ShelterBoard)]
internal sealed class SheltersModel(ServiceDirectory directory, ServiceEditor editor, CurrentUser user, CountryCatalog countries, IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Country { get; set; }

    public ShelterBoardDto Board { get; private set; } = new([], 0, 0, 0);

    public FormErrors Errors { get; private set; } = FormErrors.None;

    public Guid? ErrorRow { get; private set; }

    public bool MayUpdate(Guid organisationId) => user.CanEditOrganisation(organisationId);

    public string CountryName(string? code) => code is null ? string.Empty : countries.Find(code)?.Name(Labels.Language) ?? code;

    public IEnumerable<(string Value, string Text)> Countries =>
        countries.Region.Select(c => (c.Code, c.Name(Labels.Language))).OrderBy(c => c.Item2, StringComparer.CurrentCulture);

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Board = ServicesApi.Board(await directory.SheltersAsync(Country, cancellationToken));

    public async Task<IActionResult> OnPostAsync(Guid id, string? occupancy, CancellationToken cancellationToken)
    {
        int? value = int.TryParse(occupancy, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var number) ? number : null;
        var result = string.IsNullOrWhiteSpace(occupancy) || value is not null
            ? await editor.UpdateOccupancyAsync(id, new OccupancyInput { Occupancy = value }, cancellationToken)
            : EditResult<Service>.Invalid(new Dictionary<string, string[]> { ["Occupancy"] = ["Enter a whole number."] });
        switch (result.Outcome)
        {
            case EditOutcome.Saved:
                TempData[Notice.Key] = t["The occupancy of {0} was updated.", result.Record!.Name].Value;
                return Redirect("/services/shelters");
            case EditOutcome.Invalid:
                await OnGetAsync(cancellationToken);
                Errors = new FormErrors(result.Errors);
                ErrorRow = id;
                return Page();
            case EditOutcome.Forbidden:
                return Forbid();
            default:
                return NotFound();
        }
    }
}
