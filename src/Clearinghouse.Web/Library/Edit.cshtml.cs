using Clearinghouse.Accounts;
using Clearinghouse.Common;
using Clearinghouse.Countries;
using Clearinghouse.Data;
using Clearinghouse.Directory;
using Clearinghouse.Library;
using Clearinghouse.Web.Directory.Edit;
using Clearinghouse.Web.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Clearinghouse.Web.Library;

/// <summary>
/// Corrects a document's metadata (editors only): the document's fields and those of one language version (?lang=),
/// with the same form and checks as the add page. The change history of the document is listed below the form.
/// </summary>
[Authorize(Roles = $"{Roles.Editor},{Roles.Administrator}")]
internal sealed class EditModel(LibraryCatalogue catalogue, LibraryLinks links, AppDbContext db, CurrentUser user, CountryCatalog countries, IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string Slug { get; set; } = string.Empty;

    public LibraryInput Input { get; private set; } = new();

    public FormErrors Errors { get; private set; } = FormErrors.None;

    public bool Conflict { get; private set; }

    /// <summary>The linked people, activities and meetings, and what the lookups found.</summary>
    public IReadOnlyDictionary<LinkKind, LinkSection> Links { get; private set; } = new Dictionary<LinkKind, LinkSection>();

    public IReadOnlyList<(string Value, string Text)> Publishers { get; private set; } = [];

    public IReadOnlyList<(string Value, string Text)> RegionCountries => LibraryForm.RegionCountries(countries);

    /// <summary>Recorded changes to the document and its language versions, newest first.</summary>
    public IReadOnlyList<ChangeRecord> History { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string? lang, CancellationToken cancellationToken)
    {
        var work = await db.LibraryWorks.AsNoTracking().Include(w => w.Editions)
            .SingleOrDefaultAsync(w => w.Slug == Slug && w.RetiredAt == null, cancellationToken);
        var edition = work?.Editions.FirstOrDefault(e => e.Language == lang) ?? work?.Editions.OrderByDescending(e => e.IsOriginal).FirstOrDefault();
        if (work is null || edition is null)
        {
            return NotFound();
        }

        Input = LibraryInput.From(work, edition);
        (_, Links, _) = await LibraryForm.LinksAsync(links, Input, null, cancellationToken);
        await LoadAsync(work.Id, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(
        LibraryInput input,
        List<ThematicArea> themes,
        List<string> countries,
        List<Audience> audiences,
        CancellationToken cancellationToken)
    {
        (Input, var binding) = LibraryForm.Read(input, themes, countries, audiences, ModelState, t["Choose one of the options listed."]);
        (Input, Links, var lookups) = await LibraryForm.LinksAsync(links, Input, Request.Form, cancellationToken);
        foreach (var (field, messages) in lookups)
        {
            binding.TryAdd(field, messages);
        }

        var finding = binding.Count == 0 && !string.IsNullOrEmpty(Request.Form[LibraryForm.FindButton]);
        var result = finding ? LibraryWriteResult.Invalid([])
            : binding.Count > 0 ? LibraryWriteResult.Invalid(binding)
            : await catalogue.UpdateDocumentAsync(Slug, Input, cancellationToken);
        switch (result.Outcome)
        {
            case LibraryWriteOutcome.Done:
                TempData[Notice.Key] = t["The document was saved."].Value;
                return Redirect($"/library/{result.Slug}?lang={Input.Language}");
            case LibraryWriteOutcome.Forbidden:
                return Forbid();
            case LibraryWriteOutcome.NotFound:
                return NotFound();
            case LibraryWriteOutcome.Conflict:
                Conflict = true;
                break;
            default:
                Errors = new FormErrors(result.Errors!);
                break;
        }

        var workId = await db.LibraryWorks.Where(w => w.Slug == Slug).Select(w => w.Id).SingleAsync(cancellationToken);
        await LoadAsync(workId, cancellationToken);
        return Page();
    }

    private async Task LoadAsync(Guid workId, CancellationToken cancellationToken)
    {
        Publishers = await LibraryForm.PublishersAsync(db, user, cancellationToken);
        var ids = await db.LibraryEditions.Where(e => e.WorkId == workId).Select(e => e.Id).ToListAsync(cancellationToken);
        ids.Add(workId);
        History = (await db.ChangeRecords.AsNoTracking().Where(c => ids.Contains(c.EntityId)).ToListAsync(cancellationToken))
            .OrderByDescending(c => c.ChangedAt).ThenByDescending(c => c.Id).Take(50).ToList();
    }

    /// <summary>The names of the changed fields of a change record (its JSON object's keys).</summary>
    public static IEnumerable<string> Fields(ChangeRecord change) =>
        System.Text.Json.Nodes.JsonNode.Parse(change.Changes) is System.Text.Json.Nodes.JsonObject changes ? changes.Select(c => c.Key) : [];
}
