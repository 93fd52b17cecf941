using Clearinghouse.Countries;
using Clearinghouse.Directory;
using Clearinghouse.Services;
using Clearinghouse.Web.Accounts;
using Clearinghouse.Web.Directory.Edit;
using Clearinghouse.Web.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Clearinghouse.Web.Services;

/// <summary>
/// One notice with the partners' capacity. A named partner records the temporary places it arranged; the filing
/// organisation withdraws it. Anyone outside those organisations gets 404, so the notice's existence does not leak.
/// </summary>
[Authorize(Policy = Policies.Partner)]
internal sealed class OperationModel(OperationNotices notices, CountryCatalog countries, IStringLocalizer<SharedResource> t) : PageModel
{
    public PlannedOperationNotice Notice { get; private set; } = null!;

    public NoticeCapacity Capacity { get; private set; } = null!;

    public bool IsPartner { get; private set; }

    public bool IsFiler { get; private set; }

    public FormErrors Errors { get; private set; } = FormErrors.None;

    public string? PlacesValue { get; private set; }

    public string? NoteValue { get; private set; }

    public string CountryName(string? code) => code is null ? string.Empty : countries.Find(code)?.Name(Labels.Language) ?? code;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) =>
        await ShowAsync(id, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(Guid id, string? temporaryPlaces, string? note, CancellationToken cancellationToken)
    {
        int? value = int.TryParse(temporaryPlaces, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var number) ? number : null;
        var result = string.IsNullOrWhiteSpace(temporaryPlaces) || value is not null
            ? await notices.RecordPlacesAsync(id, new PlacesInput { TemporaryPlaces = value, Note = note }, cancellationToken)
            : EditResult<PlannedOperationNotice>.Invalid(new Dictionary<string, string[]> { ["TemporaryPlaces"] = ["Enter a whole number."] });
        switch (result.Outcome)
        {
            case EditOutcome.Saved:
                TempData[Directory.Edit.Notice.Key] = t["The temporary places were recorded."].Value;
                return Redirect($"/services/operations/{id}");
            case EditOutcome.Invalid:
                if (!await ShowAsync(id, cancellationToken))
                {
                    return NotFound();
                }

                if (!IsPartner)
                {
                    return Forbid();
                }

                Errors = new FormErrors(result.Errors);
                PlacesValue = temporaryPlaces;
                NoteValue = note;
                return Page();
            case EditOutcome.Forbidden:
                return Forbid();
            default:
                return NotFound();
        }
    }

    public async Task<IActionResult> OnPostWithdrawAsync(Guid id, CancellationToken cancellationToken)
    {
        var result = await notices.WithdrawAsync(id, cancellationToken);
        switch (result.Outcome)
        {
            case EditOutcome.Saved:
                TempData[Directory.Edit.Notice.Key] = t["The notice was withdrawn."].Value;
                return Redirect("/services/operations");
            case EditOutcome.Forbidden:
                return Forbid();
            default:
                return NotFound();
        }
    }

    private async Task<bool> ShowAsync(Guid id, CancellationToken cancellationToken)
    {
        var notice = await notices.FindAsync(id, cancellationToken);
        if (notice is null)
        {
            return false;
        }

        Notice = notice;
        Capacity = await notices.CapacityAsync(notice, cancellationToken);
        IsPartner = notices.IsPartner(notice);
        IsFiler = notices.IsFiler(notice);
        return true;
    }
}
