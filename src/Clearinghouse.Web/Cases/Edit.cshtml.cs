using Clearinghouse.Cases;
using Clearinghouse.Countries;
using Clearinghouse.Data;
using Clearinghouse.Web.Directory.Edit;
using Clearinghouse.Web.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Clearinghouse.Web.Cases;

/// <summary>Edits a case. The form carries the version it showed; if someone saved in between, nothing is overwritten.</summary>
internal sealed class EditModel(CaseRegistry registry, AppDbContext db, CountryCatalog countries, IStringLocalizer<SharedResource> t) : PageModel
{
    public CaseForm Form { get; private set; } = null!;

    public string CaseNumber { get; private set; } = string.Empty;

    public Guid Id { get; private set; }

    public bool Conflict { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        var view = await registry.ViewAsync(id, cancellationToken);
        if (view?.Personal is null)
        {
            return NotFound();
        }

        Id = id;
        CaseNumber = view.Case.CaseNumber;
        Form = await CaseForm.LoadAsync(CaseInput.From(view.Case, view.Personal), FormErrors.None, countries, db, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CaseInput input, CancellationToken cancellationToken)
    {
        var binding = FormErrors.BindingErrors(ModelState, t["Choose one of the options listed."]);
        Dictionary<string, string[]>? errors;
        try
        {
            errors = binding.Count > 0 ? binding : await registry.UpdateAsync(id, input, cancellationToken);
        }
        catch (CaseConcurrencyException)
        {
            var shown = await OnGetAsync(id, cancellationToken);
            Conflict = shown is PageResult;
            Response.StatusCode = StatusCodes.Status409Conflict;
            return shown;
        }

        if (errors is null)
        {
            return NotFound();
        }

        if (errors.Count == 0)
        {
            TempData[Notice.Key] = t["Your changes were saved."].Value;
            return Redirect($"/cases/{id}");
        }

        var view = await registry.ViewAsync(id, cancellationToken);
        if (view is null)
        {
            return NotFound();
        }

        Id = id;
        CaseNumber = view.Case.CaseNumber;
        Form = await CaseForm.LoadAsync(input, FormErrors.Merge(binding, errors), countries, db, cancellationToken);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
