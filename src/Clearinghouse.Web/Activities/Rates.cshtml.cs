using Clearinghouse.Activities;
using Clearinghouse.Directory;
using Clearinghouse.Web.Accounts;
using Clearinghouse.Web.Directory.Edit;
using Clearinghouse.Web.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Clearinghouse.Web.Activities;

/// <summary>Editors keep the exchange rates the donor pages use for converted totals (one rate per pair and year).</summary>
[Authorize(Policy = Policies.EditsDirectory)]
internal sealed class RatesModel(ExchangeRates rates, IStringLocalizer<SharedResource> t) : PageModel
{
    public ExchangeRateInput Input { get; private set; } = new() { ToCurrency = "EUR" };

    public FormErrors Errors { get; private set; } = FormErrors.None;

    public IReadOnlyList<ExchangeRate> Current { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Current = await rates.CurrentAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(ExchangeRateInput input, CancellationToken cancellationToken)
    {
        var result = await rates.SetAsync(input, cancellationToken);
        switch (result.Outcome)
        {
            case EditOutcome.Saved:
                TempData[Notice.Key] = t["The exchange rate was saved."].Value;
                return Redirect("/activities/rates");
            case EditOutcome.Forbidden:
                return Forbid();
            default:
                Input = input;
                Errors = new FormErrors(result.Errors);
                Current = await rates.CurrentAsync(cancellationToken);
                return Page();
        }
    }

    public async Task<IActionResult> OnPostRetireAsync(Guid id, CancellationToken cancellationToken)
    {
        var result = await rates.RetireAsync(id, cancellationToken);
        switch (result.Outcome)
        {
            case EditOutcome.Saved:
                TempData[Notice.Key] = t["The exchange rate was removed from use. It stays in the history."].Value;
                return Redirect("/activities/rates");
            case EditOutcome.Forbidden:
                return Forbid();
            default:
                return NotFound();
        }
    }
}
