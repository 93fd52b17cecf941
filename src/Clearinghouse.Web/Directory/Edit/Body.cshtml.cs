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

/// <summary>What the body form posts: the body's fields and its member rows (bound instead of any entity).</summary>
internal sealed class BodyForm
{
    public string? Name { get; set; }

    public CoordinationBodyKind? Kind { get; set; }

    public string? Country { get; set; }

    public Guid? ConvenorId { get; set; }

    public string? Description { get; set; }

    public string? Established { get; set; }

    public string? Website { get; set; }

    public string? NameRu { get; set; }

    public string? DescriptionRu { get; set; }

    public int? Version { get; set; }

    public List<MemberRow> Members { get; set; } = [];

    /// <summary>Rows with an organisation that are not ticked for removal become the members.</summary>
    public CoordinationBodyInput ToInput() => new()
    {
        Name = Name,
        Kind = Kind,
        Country = Country,
        ConvenorId = ConvenorId,
        Description = Description,
        Established = Established,
        Website = Website,
        NameRu = NameRu,
        DescriptionRu = DescriptionRu,
        Version = Version,
        Members = [.. Members.Where(m => m.OrganisationId is not null && !m.Remove).Select(m => new MemberInput(m.OrganisationId!.Value, m.Role ?? MembershipRole.Member))],
    };

    public static BodyForm From(CoordinationBodyInput input) => new()
    {
        Name = input.Name,
        Kind = input.Kind,
        Country = input.Country,
        ConvenorId = input.ConvenorId,
        Description = input.Description,
        Established = input.Established,
        Website = input.Website,
        NameRu = input.NameRu,
        DescriptionRu = input.DescriptionRu,
        Version = input.Version,
        Members = [.. input.Members.Select(m => new MemberRow { OrganisationId = m.OrganisationId, Role = m.Role })],
    };
}

/// <summary>One row of the members table: an organisation, its role, and whether to remove it.</summary>
internal sealed class MemberRow
{
    public Guid? OrganisationId { get; set; }

    public MembershipRole? Role { get; set; }

    public bool Remove { get; set; }
}

/// <summary>Adds or changes a co-ordination body and its members; retires and restores it. Editors only.</summary>
internal sealed class BodyEditModel(DirectoryEditor editor, AppDbContext db, CurrentUser user, CountryCatalog countries, IStringLocalizer<SharedResource> t)
    : RecordEditPageModel<CoordinationBody>
{
    /// <summary>Empty rows offered for new members (enough without JavaScript; save and edit again for more).</summary>
    public const int EmptyRows = 3;

    public Guid? Id { get; private set; }

    public BodyForm Form { get; private set; } = new();

    public bool IsRetired { get; private set; }

    public string? Slug { get; private set; }

    /// <summary>The name as stored (the heading keeps it while the form shows what was typed).</summary>
    public string StoredName { get; private set; } = string.Empty;

    public IReadOnlyList<(string Value, string Text)> Organisations { get; private set; } = [];

    public IEnumerable<(string Value, string Text)> RegionCountries =>
        countries.Region.Select(c => (c.Code, c.Name(Labels.Language))).OrderBy(c => c.Item2, StringComparer.CurrentCulture);

    public async Task<IActionResult> OnGetAsync(Guid? id, CancellationToken cancellationToken)
    {
        if (!user.IsEditor)
        {
            return Forbid();
        }

        var shown = id is null ? Page() : await ShowStoredAsync(id.Value, cancellationToken);
        if (shown is PageResult)
        {
            await PrepareFormAsync(cancellationToken);
        }

        return shown;
    }

    public async Task<IActionResult> OnPostAsync(Guid? id, BodyForm form, CancellationToken cancellationToken)
    {
        if (!user.IsEditor)
        {
            return Forbid();
        }

        var input = form.ToInput();
        return await SaveAsync(
            id,
            t["Choose one of the options listed."],
            () => input.Validate(countries),
            () => editor.CreateBodyAsync(input, cancellationToken),
            existing => editor.UpdateBodyAsync(existing, input, cancellationToken),
            (_, added) => added ? t["The co-ordination body was added."] : t["Your changes were saved."],
            () =>
            {
                Form = form;
                Form.Members.RemoveAll(m => m.OrganisationId is null);
            },
            cancellationToken);
    }

    public Task<IActionResult> OnPostRetireAsync(Guid id, int? version, CancellationToken cancellationToken) =>
        ChangeRetiredAsync(id, editor.RetireBodyAsync(id, version, cancellationToken), _ => t["The co-ordination body was retired. It is no longer shown to the public."], cancellationToken);

    public Task<IActionResult> OnPostRestoreAsync(Guid id, int? version, CancellationToken cancellationToken) =>
        ChangeRetiredAsync(id, editor.RestoreBodyAsync(id, version, cancellationToken), _ => t["The co-ordination body was restored."], cancellationToken);

    protected override Task<IActionResult> ShowRecordAsync(CoordinationBody record, CancellationToken cancellationToken) =>
        Task.FromResult<IActionResult>(Redirect($"/bodies/{record.Slug}"));

    protected override async Task<IActionResult> ShowStoredAsync(Guid id, CancellationToken cancellationToken)
    {
        var body = await db.CoordinationBodies.AsNoTracking().Include(b => b.Members).ThenInclude(m => m.Organisation)
            .FirstOrDefaultAsync(b => b.Id == id, cancellationToken);
        if (body is null)
        {
            return NotFound();
        }

        Id = id;
        Slug = body.Slug;
        StoredName = body.Name;
        IsRetired = body.RetiredAt is not null;
        Form = BodyForm.From(DirectoryEditor.InputFrom(body));
        Form.Members = [.. Form.Members.OrderBy(m => body.Members.First(s => s.OrganisationId == m.OrganisationId).Organisation!.Name, StringComparer.CurrentCulture)];
        return Page();
    }

    /// <summary>Organisations to choose from: those listed, plus any retired one the form already names (so it is not lost).</summary>
    protected override async Task PrepareFormAsync(CancellationToken cancellationToken)
    {
        var named = Form.Members.Select(m => m.OrganisationId).Append(Form.ConvenorId).OfType<Guid>().ToList();
        var options = await db.Organisations.AsNoTracking()
            .Where(o => o.RetiredAt == null || named.Contains(o.Id))
            .OrderBy(o => o.Name)
            .Select(o => new { o.Id, o.Name, o.Acronym, o.CountryCode })
            .ToListAsync(cancellationToken);
        Organisations = [.. options.Select(o => (o.Id.ToString(), o.Name + (o.Acronym is null ? "" : $" ({o.Acronym})") + (o.CountryCode is null ? "" : $" – {o.CountryCode}")))];
    }
}
