using Clearinghouse.Accounts;
using Clearinghouse.Common;
using Clearinghouse.Countries;
using Clearinghouse.Data;
using Clearinghouse.Directory;
using Clearinghouse.Services;
using Clearinghouse.Web.Accounts;
using Clearinghouse.Web.Directory.Edit;
using Clearinghouse.Web.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Clearinghouse.Web.Services;

/// <summary>
/// Adds or changes a service; retires (provider's focal point or editor) and restores (editors) it. A focal point adds
/// and edits only their own organisation's services: every handler lets the editor decide on the record.
/// </summary>
[Authorize(Policy = Policies.Partner)]
internal sealed class ServiceEditModel(ServiceEditor editor, AppDbContext db, CurrentUser user, CountryCatalog countries, IStringLocalizer<SharedResource> t) : PageModel
{
    public Guid? Id { get; private set; }

    public ServiceInput Input { get; private set; } = new();

    public FormErrors Errors { get; private set; } = FormErrors.None;

    public bool Conflict { get; private set; }

    public bool IsRetired { get; private set; }

    public string StoredName { get; private set; } = string.Empty;

    public bool IsEditor => user.IsEditor;

    public IReadOnlyList<(string Value, string Text)> Providers { get; private set; } = [];

    public IEnumerable<(string Value, string Text)> RegionCountries =>
        countries.Region.Select(c => (c.Code, c.Name(Labels.Language))).OrderBy(c => c.Item2, StringComparer.CurrentCulture);

    public async Task<IActionResult> OnGetAsync(Guid? id, CancellationToken cancellationToken)
    {
        if (id is null)
        {
            if (!MayAdd)
            {
                return Forbid();
            }

            Input = new ServiceInput { OrganisationId = user.OrganisationId, Kind = ServiceKind.Shelter, Visibility = ServiceVisibility.Public };
            await LoadProvidersAsync(cancellationToken);
            return Page();
        }

        return await ShowStoredAsync(id.Value, cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(
        Guid? id,
        ServiceInput input,
        List<EligibleSex> sexes,
        List<FormOfExploitation> formsOfExploitation,
        List<string> countriesServed,
        string? nationalities,
        string? languages,
        CancellationToken cancellationToken)
    {
        input = input with
        {
            Sexes = sexes,
            FormsOfExploitation = formsOfExploitation,
            CountriesServed = countriesServed,
            Nationalities = Split(nationalities),
            Languages = Split(languages),
            OrganisationId = input.OrganisationId ?? (user.IsEditor ? null : user.OrganisationId),
        };
        var binding = FormErrors.BindingErrors(ModelState, t["Choose one of the options listed."]);
        foreach (var key in new[] { nameof(ServiceInput.MinimumAge), nameof(ServiceInput.MaximumAge), nameof(ServiceInput.Beds) }.Where(binding.ContainsKey))
        {
            binding[key] = [t["Enter a whole number."]];
        }

        var result = binding.Count > 0
            ? EditResult<Service>.Invalid(input.Validate(countries))
            : id is null
                ? await editor.CreateAsync(input, cancellationToken)
                : await editor.UpdateAsync(id.Value, input, cancellationToken);
        switch (result.Outcome)
        {
            case EditOutcome.Saved:
                TempData[Notice.Key] = id is null ? t["The service was added."].Value : t["Your changes were saved."].Value;
                return Redirect($"/services/{result.Record!.Id}");
            case EditOutcome.Invalid:
                var shown = id is null ? (MayAdd ? Page() : Forbid()) : await ShowStoredAsync(id.Value, cancellationToken);
                if (shown is not PageResult)
                {
                    return shown;
                }

                await LoadProvidersAsync(cancellationToken);
                Input = input;
                Errors = FormErrors.Merge(binding, result.Errors);
                return Page();
            case EditOutcome.Conflict when id is not null:
                var stored = await ShowStoredAsync(id.Value, cancellationToken);
                if (stored is PageResult)
                {
                    Conflict = true;
                    Response.StatusCode = StatusCodes.Status409Conflict;
                }

                return stored;
            case EditOutcome.Forbidden:
                return Forbid();
            default:
                return NotFound();
        }
    }

    public Task<IActionResult> OnPostRetireAsync(Guid id, int? version, CancellationToken cancellationToken) =>
        ChangeRetiredAsync(editor.RetireAsync(id, version, cancellationToken), t["The service was retired. It is no longer listed."]);

    public Task<IActionResult> OnPostRestoreAsync(Guid id, int? version, CancellationToken cancellationToken) =>
        ChangeRetiredAsync(editor.RestoreAsync(id, version, cancellationToken), t["The service was restored."]);

    private bool MayAdd => user.IsEditor || (user.Roles.Contains(Roles.FocalPoint) && user.OrganisationId is not null);

    private async Task<IActionResult> ChangeRetiredAsync(Task<EditResult<Service>> change, string notice)
    {
        var result = await change;
        switch (result.Outcome)
        {
            case EditOutcome.Saved:
                TempData[Notice.Key] = notice;
                return Redirect(result.Record!.RetiredAt is null || user.IsEditor ? $"/services/{result.Record.Id}" : "/services");
            case EditOutcome.Forbidden:
                return Forbid();
            case EditOutcome.Conflict:
                return Conflict409();
            default:
                return NotFound();
        }
    }

    private StatusCodeResult Conflict409() => StatusCode(StatusCodes.Status409Conflict);

    private async Task<IActionResult> ShowStoredAsync(Guid id, CancellationToken cancellationToken)
    {
        var editorView = user.IsEditor;
        var service = await db.Services.AsNoTracking()
            .FirstOrDefaultAsync(s => s.Id == id && (editorView || (s.RetiredAt == null && s.Organisation!.RetiredAt == null)), cancellationToken);
        if (service is null)
        {
            return NotFound();
        }

        if (!user.CanEditOrganisation(service.OrganisationId))
        {
            return Forbid();
        }

        Id = id;
        Input = ServiceInput.From(service);
        StoredName = service.Name;
        IsRetired = service.RetiredAt is not null;
        await LoadProvidersAsync(cancellationToken);
        return Page();
    }

    /// <summary>Editors choose any active organisation; a focal point's services belong to their own.</summary>
    private async Task LoadProvidersAsync(CancellationToken cancellationToken)
    {
        var own = user.OrganisationId;
        var editorView = user.IsEditor;
        var organisations = await db.Organisations.AsNoTracking()
            .Where(o => o.RetiredAt == null && (editorView || o.Id == own))
            .OrderBy(o => o.Name)
            .Select(o => new { o.Id, o.Name })
            .ToListAsync(cancellationToken);
        Providers = [.. organisations.Select(o => (o.Id.ToString(), o.Name))];
    }

    private static List<string> Split(string? codes) =>
        [.. (codes ?? string.Empty).Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
}
