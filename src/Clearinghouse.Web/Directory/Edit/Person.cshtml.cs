using Clearinghouse.Accounts;
using Clearinghouse.Data;
using Clearinghouse.Directory;
using Clearinghouse.Web.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Clearinghouse.Web.Directory.Edit;

/// <summary>
/// Adds a contact person to an organisation (?organisation=id) or changes, retires and restores one. Editors, and the
/// focal point of that organisation; the record decides, so a missing organisation never passes.
/// </summary>
internal sealed class PersonEditModel(DirectoryEditor editor, AppDbContext db, CurrentUser user, IStringLocalizer<SharedResource> t) : PageModel
{
    public Guid? Id { get; private set; }

    public PersonInput Input { get; private set; } = new();

    public FormErrors Errors { get; private set; } = FormErrors.None;

    public bool Conflict { get; private set; }

    public bool IsRetired { get; private set; }

    /// <summary>The name as stored (the heading keeps it while the form shows what was typed).</summary>
    public string StoredName { get; private set; } = string.Empty;

    public string OrganisationName { get; private set; } = string.Empty;

    public string OrganisationSlug { get; private set; } = string.Empty;

    public bool IsEditor => user.IsEditor;

    public async Task<IActionResult> OnGetAsync(Guid? id, Guid? organisation, CancellationToken cancellationToken)
    {
        if (id is { } personId)
        {
            return await ShowStoredAsync(personId, cancellationToken);
        }

        if (organisation is not { } organisationId || !user.CanEditOrganisation(organisationId))
        {
            return organisation is null ? NotFound() : Forbid();
        }

        if (!await ShowOrganisationAsync(organisationId, cancellationToken))
        {
            return NotFound();
        }

        Input = new PersonInput { OrganisationId = organisationId, Role = FocalPointRole.Contact };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid? id, PersonInput input, CancellationToken cancellationToken)
    {
        var binding = FormErrors.BindingErrors(ModelState, t["Choose one of the options listed."]);
        var result = binding.Count > 0
            ? EditResult<Person>.Invalid(input.Validate())
            : id is null
                ? await editor.CreatePersonAsync(input, cancellationToken)
                : await editor.UpdatePersonAsync(id.Value, input, cancellationToken);
        switch (result.Outcome)
        {
            case EditOutcome.Saved:
                TempData[Notice.Key] = id is null ? t["{0} was added.", result.Record!.FullName].Value : t["Your changes to {0} were saved.", result.Record!.FullName].Value;
                return await RedirectToOrganisationAsync(result.Record.OrganisationId, cancellationToken);
            case EditOutcome.Invalid:
                // Shows the form only to whoever may edit the record (the same checks as for opening it).
                var shown = id is { } personId ? await ShowStoredAsync(personId, cancellationToken) : await ShowNewAsync(input, cancellationToken);
                if (shown is not PageResult)
                {
                    return shown;
                }

                Input = input;
                Errors = FormErrors.Merge(binding, result.Errors);
                return Page();
            default:
                return await RefusedAsync(id, result.Outcome, cancellationToken);
        }
    }

    public Task<IActionResult> OnPostRetireAsync(Guid id, int? version, CancellationToken cancellationToken) =>
        ChangeRetiredAsync(id, editor.RetirePersonAsync(id, version, cancellationToken), retired: true, cancellationToken);

    public Task<IActionResult> OnPostRestoreAsync(Guid id, int? version, CancellationToken cancellationToken) =>
        ChangeRetiredAsync(id, editor.RestorePersonAsync(id, version, cancellationToken), retired: false, cancellationToken);

    private async Task<IActionResult> ChangeRetiredAsync(Guid id, Task<EditResult<Person>> change, bool retired, CancellationToken cancellationToken)
    {
        var result = await change;
        if (result.Outcome != EditOutcome.Saved)
        {
            return await RefusedAsync(id, result.Outcome, cancellationToken);
        }

        TempData[Notice.Key] = retired
            ? t["{0} was retired and is no longer listed.", result.Record!.FullName].Value
            : t["{0} was restored.", result.Record!.FullName].Value;
        return await RedirectToOrganisationAsync(result.Record.OrganisationId, cancellationToken);
    }

    private async Task<IActionResult> RefusedAsync(Guid? id, EditOutcome outcome, CancellationToken cancellationToken)
    {
        switch (outcome)
        {
            case EditOutcome.Forbidden:
                return Forbid();
            case EditOutcome.Conflict when id is { } personId:
                var shown = await ShowStoredAsync(personId, cancellationToken);
                if (shown is PageResult)
                {
                    Conflict = true;
                    Response.StatusCode = StatusCodes.Status409Conflict;
                }

                return shown;
            default:
                return NotFound();
        }
    }

    private async Task<IActionResult> RedirectToOrganisationAsync(Guid organisationId, CancellationToken cancellationToken)
    {
        var slug = await db.Organisations.Where(o => o.Id == organisationId).Select(o => o.Slug).FirstAsync(cancellationToken);
        return Redirect($"/directory/{slug}");
    }

    /// <summary>The stored person in the form, if the caller may see (retired: editors only) and edit them.</summary>
    private async Task<IActionResult> ShowStoredAsync(Guid id, CancellationToken cancellationToken)
    {
        var editorView = user.IsEditor;
        var person = await db.People.AsNoTracking()
            .FirstOrDefaultAsync(p => p.Id == id && (editorView || (p.RetiredAt == null && p.Organisation!.RetiredAt == null)), cancellationToken);
        if (person is null)
        {
            return NotFound();
        }

        if (!user.CanEditOrganisation(person.OrganisationId))
        {
            return Forbid();
        }

        Id = id;
        Input = PersonInput.From(person);
        IsRetired = person.RetiredAt is not null;
        StoredName = person.FullName;
        return await ShowOrganisationAsync(person.OrganisationId, cancellationToken) ? Page() : NotFound();
    }

    private async Task<IActionResult> ShowNewAsync(PersonInput input, CancellationToken cancellationToken) =>
        input.OrganisationId is { } organisationId && user.CanEditOrganisation(organisationId)
            ? await ShowOrganisationAsync(organisationId, cancellationToken) ? Page() : NotFound()
            : Forbid();

    private async Task<bool> ShowOrganisationAsync(Guid organisationId, CancellationToken cancellationToken)
    {
        var editorView = user.IsEditor;
        var organisation = await db.Organisations.AsNoTracking()
            .Where(o => o.Id == organisationId && (editorView || o.RetiredAt == null))
            .Select(o => new { o.Name, o.Slug })
            .FirstOrDefaultAsync(cancellationToken);
        if (organisation is null)
        {
            return false;
        }

        OrganisationName = organisation.Name;
        OrganisationSlug = organisation.Slug;
        return true;
    }
}
