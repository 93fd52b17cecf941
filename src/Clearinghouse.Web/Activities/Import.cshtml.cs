using Clearinghouse.Activities.Files;
using Clearinghouse.Directory;
using Clearinghouse.Web.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Clearinghouse.Web.Activities;

/// <summary>Editors upload a CSV, XLSX or IATI file; it is checked and imported at once, or every problem is listed.</summary>
[Authorize(Policy = Policies.EditsDirectory)]
[RequestSizeLimit(RequestLimit)]
[RequestFormLimits(MultipartBodyLengthLimit = RequestLimit)]
internal sealed class ActivityImportModel(ActivityImporter importer) : PageModel
{
    private const long RequestLimit = 256L * 1024 * 1024;

    public IReadOnlyList<ImportError> Errors { get; private set; } = [];

    public ImportResult? Result { get; private set; }

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

        var result = await importer.ImportAsync(content, file.FileName, cancellationToken: cancellationToken);
        if (result.Succeeded)
        {
            Result = result;
        }
        else
        {
            Errors = result.Errors;
        }

        return Page();
    }
}
