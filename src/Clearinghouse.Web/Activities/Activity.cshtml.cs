using Clearinghouse.Activities;
using Clearinghouse.Countries;
using Clearinghouse.Library;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Clearinghouse.Web.Activities;

/// <summary>One activity; drafts only for those who may see them (others get 404).</summary>
internal sealed class ActivityModel(ActivitySearch search, ActivityEditor editor, LibraryLinks library, CountryCatalog countries) : PageModel
{
    public Activity Activity { get; private set; } = null!;

    public bool MayEdit { get; private set; }

    /// <summary>Library documents related to the activity that the viewer may see (library access levels).</summary>
    public IReadOnlyList<LinkedRecord> Documents { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        var activity = await search.FindAsync(null, slug, cancellationToken);
        if (activity is null)
        {
            return NotFound();
        }

        Activity = activity;
        MayEdit = editor.MayEdit(activity);
        Documents = await library.DocumentsAboutActivityAsync(activity.Id, 20, cancellationToken);
        return Page();
    }

    public string CountryName(string code) => countries.Find(code)?.Name(Shared.Labels.Language) ?? code;
}
