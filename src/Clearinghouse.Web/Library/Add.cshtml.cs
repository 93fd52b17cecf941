using Clearinghouse.Accounts;
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
/// Adds a document with its file (or web address), a language version of a document (?to=slug), or a new version of a
/// file (?edition=id). Editors add anything; focal points only documents their organisation published.
/// </summary>
[Authorize(Roles = $"{Roles.FocalPoint},{Roles.Editor},{Roles.Administrator}")]
[RequestSizeLimit(RequestLimit)]
[RequestFormLimits(MultipartBodyLengthLimit = RequestLimit)]
internal sealed class AddModel(LibraryCatalogue catalogue, LibraryLinks links, AppDbContext db, CurrentUser user, CountryCatalog countries, IStringLocalizer<SharedResource> t) : PageModel
{
    /// <summary>Requests up to this size reach the page, which then explains the configured file limit in words.</summary>
    private const long RequestLimit = 1024L * 1024 * 1024;

    [BindProperty(SupportsGet = true)]
    public string? To { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid? Edition { get; set; }

    public string? TargetTitle { get; private set; }

    public LibraryInput Input { get; private set; } = new() { Language = "en" };

    public FormErrors Errors { get; private set; } = FormErrors.None;

    /// <summary>The form came back from a lookup (Find): a browser never keeps a chosen file, so it must be chosen again.</summary>
    public bool LookedUp { get; private set; }

    /// <summary>The linked people, activities and meetings, and what the lookups found.</summary>
    public IReadOnlyDictionary<LinkKind, LinkSection> Links { get; private set; } = new Dictionary<LinkKind, LinkSection>();

    public IReadOnlyList<(string Value, string Text)> Publishers { get; private set; } = [];

    public IReadOnlyList<(string Value, string Text)> RegionCountries => LibraryForm.RegionCountries(countries);

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!await LoadTargetAsync(cancellationToken))
        {
            return NotFound();
        }

        await LoadPublishersAsync(cancellationToken);
        (_, Links, _) = await LibraryForm.LinksAsync(links, Input, null, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(
        LibraryInput input,
        List<ThematicArea> themes,
        List<string> countries,
        List<Audience> audiences,
        IFormFile? file,
        CancellationToken cancellationToken)
    {
        if (!await LoadTargetAsync(cancellationToken))
        {
            return NotFound();
        }

        (Input, var binding) = LibraryForm.Read(input, themes, countries, audiences, ModelState, t["Choose one of the options listed."]);
        var linking = Edition is null && To is null;
        if (linking)
        {
            (Input, Links, var lookups) = await LibraryForm.LinksAsync(links, Input, Request.Form, cancellationToken);
            foreach (var (field, messages) in lookups)
            {
                binding.TryAdd(field, messages);
            }

            if (binding.Count == 0 && !string.IsNullOrEmpty(Request.Form[LibraryForm.FindButton]))
            {
                // Only looking up: the form comes back with what was found, nothing is saved.
                LookedUp = file is not null;
                await LoadPublishersAsync(cancellationToken);
                return Page();
            }
        }

        if (binding.Count > 0)
        {
            Errors = new FormErrors(binding);
            await LoadPublishersAsync(cancellationToken);
            return Page();
        }

        await using var content = file?.OpenReadStream();
        var upload = file is null ? null : new UploadedFile(content!, file.FileName);
        LibraryWriteResult result;
        if (Edition is { } editionId)
        {
            result = upload is null
                ? LibraryWriteResult.Invalid(new Dictionary<string, string[]> { [LibraryCatalogue.FileField] = ["Choose a file to upload."] })
                : await catalogue.AddFileVersionAsync(editionId, upload, cancellationToken);
        }
        else if (To is not null)
        {
            result = await catalogue.AddTranslationAsync(To, Input, upload, cancellationToken);
        }
        else
        {
            result = await catalogue.AddDocumentAsync(Input, upload, cancellationToken);
        }

        switch (result.Outcome)
        {
            case LibraryWriteOutcome.Done:
                TempData[Notice.Key] = t["The document was saved."].Value;
                return Redirect($"/library/{result.Slug}");
            case LibraryWriteOutcome.Forbidden:
                return Forbid();
            case LibraryWriteOutcome.NotFound:
                return NotFound();
            default:
                Errors = new FormErrors(result.Errors!);
                await LoadPublishersAsync(cancellationToken);
                if (linking)
                {
                    (_, Links, _) = await LibraryForm.LinksAsync(links, Input, null, cancellationToken);
                }

                return Page();
        }
    }

    private async Task<bool> LoadTargetAsync(CancellationToken cancellationToken)
    {
        if (Edition is { } editionId)
        {
            TargetTitle = await db.LibraryEditions.Where(e => e.Id == editionId && e.RetiredAt == null).Select(e => e.Title).SingleOrDefaultAsync(cancellationToken);
            return TargetTitle is not null;
        }

        if (To is not null)
        {
            TargetTitle = await db.LibraryWorks.Where(w => w.Slug == To && w.RetiredAt == null)
                .Select(w => w.Editions.OrderByDescending(e => e.IsOriginal).Select(e => e.Title).FirstOrDefault()).SingleOrDefaultAsync(cancellationToken);
            return TargetTitle is not null;
        }

        return true;
    }

    private async Task LoadPublishersAsync(CancellationToken cancellationToken) =>
        Publishers = await LibraryForm.PublishersAsync(db, user, cancellationToken);
}
