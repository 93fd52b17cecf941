using Clearinghouse.Accounts;
using Clearinghouse.Countries;
using Clearinghouse.Data;
using Clearinghouse.Directory;
using Clearinghouse.Web.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Clearinghouse.Web.Directory.Edit;

/// <summary>
/// Adds (editors) or changes an organisation; retires and restores it (editors). A focal point may change only their own
/// organisation: every handler checks the record, since the folder only requires a signed-in partner.
/// </summary>
internal sealed class OrganisationEditModel(
    DirectoryEditor editor, AppDbContext db, CurrentUser user, CountryCatalog countries, IStringLocalizer<SharedResource> t)
    : RecordEditPageModel<Organisation>
{
    public Guid? Id { get; private set; }

    public OrganisationInput Input { get; private set; } = new();

    public string? Slug { get; private set; }

    /// <summary>The name as stored (the heading keeps it while the form shows what was typed).</summary>
    public string StoredName { get; private set; } = string.Empty;

    public bool IsRetired { get; private set; }

    public bool CanRetire => user.IsEditor && Id is not null;

    public IReadOnlyList<PersonLink> RetiredPeople { get; private set; } = [];

    public IEnumerable<(string Value, string Text)> AllCountries =>
        countries.All.Select(c => (c.Code, c.Name(Labels.Language))).OrderBy(c => c.Item2, StringComparer.CurrentCulture);

    public IEnumerable<(string Value, string Text)> RegionCountries =>
        countries.Region.Select(c => (c.Code, c.Name(Labels.Language))).OrderBy(c => c.Item2, StringComparer.CurrentCulture);

    public async Task<IActionResult> OnGetAsync(Guid? id, CancellationToken cancellationToken)
    {
        if (!MayOpen(id))
        {
            return Forbid();
        }

        return id is null ? Page() : await ShowStoredAsync(id.Value, cancellationToken);
    }

    /// <summary>
    /// The checkbox lists are bound as parameters: model binding cannot fill the read-only empty lists the input record
    /// starts with.
    /// </summary>
    public async Task<IActionResult> OnPostAsync(
        Guid? id,
        OrganisationInput input,
        List<string> countriesActive,
        List<ThematicArea> thematicAreas,
        List<TargetGroup> targetGroups,
        CancellationToken cancellationToken)
    {
        if (!MayOpen(id))
        {
            return Forbid();
        }

        input = input with { CountriesActive = countriesActive, ThematicAreas = thematicAreas, TargetGroups = targetGroups };
        return await SaveAsync(
            id,
            t["Choose one of the options listed."],
            () => input.Validate(countries),
            () => editor.CreateOrganisationAsync(input, cancellationToken),
            existing => editor.UpdateOrganisationAsync(existing, input, cancellationToken),
            (_, added) => added ? t["The organisation was added."] : t["Your changes were saved."],
            () => Input = input,
            cancellationToken);
    }

    public Task<IActionResult> OnPostRetireAsync(Guid id, int? version, CancellationToken cancellationToken) =>
        ChangeRetiredAsync(id, editor.RetireOrganisationAsync(id, version, cancellationToken), _ => t["The organisation was retired. It is no longer shown to the public."], cancellationToken);

    public Task<IActionResult> OnPostRestoreAsync(Guid id, int? version, CancellationToken cancellationToken) =>
        ChangeRetiredAsync(id, editor.RestoreOrganisationAsync(id, version, cancellationToken), _ => t["The organisation was restored."], cancellationToken);

    protected override Task<IActionResult> ShowRecordAsync(Organisation record, CancellationToken cancellationToken) =>
        Task.FromResult<IActionResult>(Redirect($"/directory/{record.Slug}"));

    /// <summary>New organisations are for editors; an existing one for whoever may edit it (a missing id never passes).</summary>
    private bool MayOpen(Guid? id) => id is null ? user.IsEditor : user.CanEditOrganisation(id.Value);

    /// <summary>Loads the stored organisation into the form, if the caller may see it (retired ones: editors only).</summary>
    protected override async Task<IActionResult> ShowStoredAsync(Guid id, CancellationToken cancellationToken)
    {
        var editorView = user.IsEditor;
        var organisation = await db.Organisations.AsNoTracking()
            .FirstOrDefaultAsync(o => o.Id == id && (editorView || o.RetiredAt == null), cancellationToken);
        if (organisation is null)
        {
            return NotFound();
        }

        Id = id;
        Input = OrganisationInput.From(organisation);
        Slug = organisation.Slug;
        StoredName = organisation.Name;
        IsRetired = organisation.RetiredAt is not null;
        if (editorView)
        {
            RetiredPeople = await db.People.AsNoTracking()
                .Where(p => p.OrganisationId == id && p.RetiredAt != null)
                .OrderBy(p => p.FamilyName).ThenBy(p => p.GivenName)
                .Select(p => new PersonLink(p.Id, p.GivenName + " " + p.FamilyName))
                .ToListAsync(cancellationToken);
        }

        return Page();
    }
}

internal sealed record PersonLink(Guid Id, string Name);
