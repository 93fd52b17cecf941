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
internal sealed class PersonEditModel(DirectoryEditor editor, AppDbContext db, CurrentUser user, IStringLocalizer<SharedResource> t)
    : RecordEditPageModel<Person>
{
    private PersonInput? posted;

    public Guid? Id { get; private set; }

    public PersonInput Input { get; private set; } = new();

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
        posted = input;
        return await SaveAsync(
            id,
            t["Choose one of the options listed."],
            input.Validate,
            () => editor.CreatePersonAsync(input, cancellationToken),
            existing => editor.UpdatePersonAsync(existing, input, cancellationToken),
            (person, added) => added ? t["{0} was added.", person.FullName] : t["Your changes to {0} were saved.", person.FullName],
            () => Input = input,
            cancellationToken);
    }

    public Task<IActionResult> OnPostRetireAsync(Guid id, int? version, CancellationToken cancellationToken) =>
        ChangeRetiredAsync(id, editor.RetirePersonAsync(id, version, cancellationToken), person => t["{0} was retired and is no longer listed.", person.FullName], cancellationToken);

    public Task<IActionResult> OnPostRestoreAsync(Guid id, int? version, CancellationToken cancellationToken) =>
        ChangeRetiredAsync(id, editor.RestorePersonAsync(id, version, cancellationToken), person => t["{0} was restored.", person.FullName], cancellationToken);

    protected override Task<IActionResult> ShowRecordAsync(Person record, CancellationToken cancellationToken) =>
        RedirectToOrganisationAsync(record.OrganisationId, cancellationToken);

    private async Task<IActionResult> RedirectToOrganisationAsync(Guid organisationId, CancellationToken cancellationToken)
    {
        var slug = await db.Organisations.Where(o => o.Id == organisationId).Select(o => o.Slug).FirstAsync(cancellationToken);
        return Redirect($"/directory/{slug}");
    }

    /// <summary>The stored person in the form, if the caller may see (retired: editors only) and edit them.</summary>
    protected override async Task<IActionResult> ShowStoredAsync(Guid id, CancellationToken cancellationToken)
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

    /// <summary>The form for a new person of the organisation the form posted, if the caller may edit it.</summary>
    protected override async Task<IActionResult> ShowNewAsync(CancellationToken cancellationToken) =>
        posted?.OrganisationId is { } organisationId && user.CanEditOrganisation(organisationId)
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
