using Clearinghouse.Accounts;
using Clearinghouse.Directory;
using Clearinghouse.Web.Accounts;
using Clearinghouse.Web.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Clearinghouse.Web.Directory;

/// <summary>Editors upload a CSV or XLSX file; it is checked by content and size, then imported in the background.</summary>
[Authorize(Policy = Policies.EditsDirectory)]
[RequestSizeLimit(RequestLimit)]
[RequestFormLimits(MultipartBodyLengthLimit = RequestLimit)]
internal sealed class ImportModel(DirectoryImporter importer, ImportJobs jobs, CurrentUser user, IStringLocalizer<SharedResource> t) : PageModel
{
    /// <summary>
    /// Requests up to this size reach the page, which then answers with the configured file limit in words;
    /// larger ones are cut off by the server (the default 30 MB would cut off many files before the page could explain).
    /// </summary>
    private const long RequestLimit = 256L * 1024 * 1024;

    public string? Error { get; private set; }

    public ImportOptions Limits => importer.Options;

    public async Task<IActionResult> OnPostAsync(IFormFile? file, CancellationToken cancellationToken)
    {
        if (file is null || file.Length == 0)
        {
            Error = file is null ? t["Select a CSV or XLSX file to import."] : t["The selected file is empty."];
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
            Error = t["The selected file must be smaller than {0}.", Limits.MaxFileSizeText];
            return Page();
        }

        var (format, problem) = DirectoryFiles.Identify(content, file.FileName);
        if (format is null)
        {
            Error = t[problem!];
            return Page();
        }

        var fileName = Path.GetFileName(file.FileName);
        var chosen = format.Value;
        var job = jobs.Start(User, user.UserId!.Value, ImportKind.Directory, fileName, async (services, progress, cancellationToken) =>
        {
            var result = await services.GetRequiredService<DirectoryImporter>().ImportAsync(content, fileName, chosen, progress, cancellationToken);
            return new ImportOutcome(result.Errors, result);
        });
        return Redirect(job.Path);
    }
}
