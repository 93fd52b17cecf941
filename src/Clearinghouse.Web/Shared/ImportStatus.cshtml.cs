using Clearinghouse.Accounts;
using Clearinghouse.Web.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Clearinghouse.Web.Shared;

/// <summary>
/// The progress and then the outcome of one background import, at its kind's upload page followed by the job id
/// (<c>/directory/import/{id}</c>, <c>/activities/import/{id}</c>, <c>/statistics/import/{id}</c>: see
/// <see cref="WebShell"/>). Only the user who started the job can open it.
/// </summary>
[Authorize(Policy = Policies.EditsDirectory)]
internal sealed class ImportStatusModel(ImportJobs jobs, CurrentUser user) : PageModel
{
    public ImportJob Job { get; private set; } = null!;

    public ImportJobStatus Status { get; private set; } = null!;

    public int Percent => Status.Progress.RowsTotal == 0 ? 0 : (int)(100L * Status.Progress.RowsDone / Status.Progress.RowsTotal);

    public IActionResult OnGet(string id)
    {
        var kind = ImportKinds.All.FirstOrDefault(k => Request.Path.StartsWithSegments(k.UploadPath(), StringComparison.OrdinalIgnoreCase));
        if (jobs.Find(kind, id, user) is not { } job)
        {
            return NotFound();
        }

        Job = job;
        Status = job.Status;
        return Page();
    }
}
