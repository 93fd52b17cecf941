using Clearinghouse.Accounts;
using Clearinghouse.Web.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Clearinghouse.Web.Directory;

/// <summary>The progress and then the outcome of one background import; only its own user can open it.</summary>
[Authorize(Policy = Policies.EditsDirectory)]
internal sealed class ImportStatusModel(ImportJobs jobs, CurrentUser user) : PageModel
{
    public ImportJob Job { get; private set; } = null!;

    public ImportJobStatus Status { get; private set; } = null!;

    public int Percent => Status.Progress.RowsTotal == 0 ? 0 : (int)(100L * Status.Progress.RowsDone / Status.Progress.RowsTotal);

    public IActionResult OnGet(string id)
    {
        if (jobs.Find(id, user) is not { } job)
        {
            return NotFound();
        }

        Job = job;
        Status = job.Status;
        return Page();
    }
}
