using Clearinghouse.Statistics;
using Clearinghouse.Web.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Clearinghouse.Web.Statistics;

/// <summary>
/// Clearinghouse staff upload a record-level data set (CTDC or HTCDS CSV) from a partner; the <see cref="DatasetImporter"/>
/// checks every row and writes all of it or nothing, as the CLI's `statistics import` does.
/// </summary>
[Authorize(Policy = Policies.EditsDirectory)]
[RequestSizeLimit(RequestLimit)]
[RequestFormLimits(MultipartBodyLengthLimit = RequestLimit)]
internal sealed class DatasetImportModel(DatasetImporter importer, IOptions<StatisticsOptions> options) : PageModel
{
    /// <summary>Requests up to this size reach the page, which then explains the configured limit; larger ones are cut off.</summary>
    private const long RequestLimit = 2048L * 1024 * 1024;

    [BindProperty]
    public string? Source { get; set; }

    public IReadOnlyList<DatasetProblem> Problems { get; private set; } = [];

    public DatasetImportResult? Result { get; private set; }

    public int MaxMegabytes => options.Value.MaxUploadMegabytes;

    public async Task<IActionResult> OnPostAsync(IFormFile? file, CancellationToken cancellationToken)
    {
        var problem = file is null || file.Length == 0 ? "Select a CSV file to import."
            : file.Length > MaxMegabytes * 1024L * 1024 ? "The file is larger than the limit. Split it by year into smaller files."
            : !Path.GetExtension(file.FileName).Equals(".csv", StringComparison.OrdinalIgnoreCase) ? "Upload a .csv file (CTDC or HTCDS layout)."
            : null;
        if (problem is not null)
        {
            Problems = [new DatasetProblem(null, "file", problem)];
            return Page();
        }

        await using var upload = file!.OpenReadStream();
        var result = await importer.ImportAsync(upload, file.FileName, Source ?? string.Empty, fictitious: false, progress: null, cancellationToken);
        if (result.Dataset is null)
        {
            Problems = result.Problems;
        }
        else
        {
            Result = result;
        }

        return Page();
    }
}
