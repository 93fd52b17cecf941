using Clearinghouse.Cases;
using Clearinghouse.Web.Directory.Edit;
using Clearinghouse.Web.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Clearinghouse.Web.Cases;

/// <summary>
/// A referral as the receiving provider sees it: the service and the case number, plus only the personal data
/// the sender shared and a live consent still covers. Accept, decline with a reason, or record delivery.
/// </summary>
internal sealed class ReferralModel(CaseRegistry registry, IStringLocalizer<SharedResource> t) : PageModel
{
    public ReferralView View { get; private set; } = null!;

    public FormErrors Errors { get; private set; } = FormErrors.None;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) =>
        await ShowAsync(id, cancellationToken) ? Page() : NotFound();

    public Task<IActionResult> OnPostAcceptAsync(Guid id, CancellationToken cancellationToken) =>
        AnswerAsync(id, ReferralStatus.Accepted, null, null, null, t["You accepted the referral."], cancellationToken);

    public Task<IActionResult> OnPostDeclineAsync(Guid id, string? declineReason, CancellationToken cancellationToken) =>
        AnswerAsync(id, ReferralStatus.Declined, declineReason, null, null, t["You declined the referral."], cancellationToken);

    public Task<IActionResult> OnPostDeliveredAsync(Guid id, DateOnly? deliveredFrom, DateOnly? deliveredTo, CancellationToken cancellationToken) =>
        AnswerAsync(id, ReferralStatus.Delivered, null, deliveredFrom, deliveredTo, t["The service was recorded as delivered."], cancellationToken);

    private async Task<IActionResult> AnswerAsync(Guid id, ReferralStatus answer, string? reason, DateOnly? from, DateOnly? to, string notice, CancellationToken cancellationToken)
    {
        var errors = await registry.AnswerReferralAsync(id, answer, reason, from, to, cancellationToken);
        if (errors is null)
        {
            return NotFound();
        }

        if (errors.Count == 0)
        {
            TempData[Notice.Key] = notice;
            return Redirect($"/cases/referrals/{id}");
        }

        if (!await ShowAsync(id, cancellationToken))
        {
            return NotFound();
        }

        Errors = new FormErrors(errors);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private async Task<bool> ShowAsync(Guid id, CancellationToken cancellationToken)
    {
        var view = await registry.ViewReferralAsync(id, cancellationToken);
        if (view is null)
        {
            return false;
        }

        View = view;
        return true;
    }
}
