using Clearinghouse.Accounts;
using Clearinghouse.Activities.Files;
using Clearinghouse.Directory;
using Clearinghouse.Web.Accounts;
using Clearinghouse.Web.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Clearinghouse.Web.Activities;

/// <summary>
/// Editors upload a CSV, XLSX or IATI file; after the size check it is imported in the background, and the job page
/// (<c>/activities/import/{id}</c>) shows the progress, then what was added or every problem.
/// </summary>
[Authorize(Policy = Policies.EditsDirectory)]
[RequestSizeLimit(RequestLimit)]
[RequestFormLimits(MultipartBodyLengthLimit = RequestLimit)]
internal sealed class ActivityImportModel(ActivityImporter importer, ImportJobs jobs, CurrentUser user) : PageModel
{
    private const long RequestLimit = 256L * 1024 * 1024;

    public IReadOnlyList<ImportError> Errors { get; private set; } = [];

    public ImportOptions Limits => importer.Options;

    public async Task<IActionResult> OnPostAsync(IFormFile? file, CancellationToken cancellationToken)
    {
        if (file is null || file.Length == 0)
        {
            Errors = [new ImportError(null, string.Empty, "Select a CSV, XLSX or IATI XML file to import.")];
            return Page();
        }

        byte[]? content = null;
        if (file.Length <= Limits.MaxFileBytes)
        {
            await using var stream = file.OpenReadStream();
            content = await importer.ReadLimitedAsync(stream, cancellationToken);
        }

        if (content is null)
        {
            Errors = [new ImportError(null, string.Empty, importer.TooLargeMessage)];
            return Page();
        }

        var fileName = Path.GetFileName(file.FileName);
        var job = jobs.Start(User, user.UserId!.Value, ImportKind.Activities, fileName, async (services, progress, cancellationToken) =>
        {
            var result = await services.GetRequiredService<ActivityImporter>().ImportAsync(content, fileName, progress: progress, cancellationToken: cancellationToken);
            return new ImportOutcome(result.Errors, result);
        });
        return Redirect(job.Path);
    }
}
