using Clearinghouse.Cases;
using Clearinghouse.Countries;
using Clearinghouse.Data;
using Clearinghouse.Web.Directory.Edit;
using Clearinghouse.Web.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Clearinghouse.Web.Cases;

/// <summary>Registers a presumed trafficked person. After saving, warns of possible duplicates at other organisations without showing them.</summary>
internal sealed class RegisterModel(CaseRegistry registry, AppDbContext db, CountryCatalog countries, IStringLocalizer<SharedResource> t) : PageModel
{
    public CaseForm Form { get; private set; } = null!;

    public Case? Registered { get; private set; }

    public IReadOnlyList<DuplicateHint> Duplicates { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Form = await CaseForm.LoadAsync(new CaseInput(), FormErrors.None, countries, db, cancellationToken);

    public async Task<IActionResult> OnPostAsync(CaseInput input, CancellationToken cancellationToken)
    {
        var binding = FormErrors.BindingErrors(ModelState, t["Choose one of the options listed."]);
        var result = binding.Count > 0 ? new RegistrationResult(null, input.Validate(countries, DateOnly.MinValue), []) : await registry.RegisterAsync(input, cancellationToken);
        if (result.Case is null)
        {
            Form = await CaseForm.LoadAsync(input, FormErrors.Merge(binding, result.Errors), countries, db, cancellationToken);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        if (result.Duplicates.Count == 0)
        {
            TempData[Notice.Key] = t["Case {0} was registered.", result.Case.CaseNumber].Value;
            return Redirect($"/cases/{result.Case.Id}");
        }

        Registered = result.Case;
        Duplicates = [.. result.Duplicates.DistinctBy(d => d.OrganisationId)];
        return Page();
    }
}
