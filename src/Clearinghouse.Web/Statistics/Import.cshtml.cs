using Clearinghouse.Accounts;
using Clearinghouse.Directory;
using Clearinghouse.Statistics;
using Clearinghouse.Web.Accounts;
using Clearinghouse.Web.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Clearinghouse.Web.Statistics;

/// <summary>
/// Clearinghouse staff upload a record-level data set (CTDC or HTCDS CSV) from a partner. After the quick checks
/// (source, size, type) the file is kept in a private temporary file and the <see cref="DatasetImporter"/> imports it in
/// the background, all or nothing as the CLI's `statistics import` does; the job page (<c>/statistics/import/{id}</c>)
/// shows the rows read, then the data set or every problem. The temporary file is deleted when the job is over.
/// </summary>
[Authorize(Policy = Policies.EditsDirectory)]
[RequestSizeLimit(RequestLimit)]
[RequestFormLimits(MultipartBodyLengthLimit = RequestLimit)]
internal sealed class DatasetImportModel(ImportJobs jobs, CurrentUser user, IOptions<StatisticsOptions> options) : PageModel
{
    /// <summary>Requests up to this size reach the page, which then explains the configured limit; larger ones are cut off.</summary>
    private const long RequestLimit = 2048L * 1024 * 1024;

    [BindProperty]
    public string? Source { get; set; }

    public IReadOnlyList<DatasetProblem> Problems { get; private set; } = [];

    public int MaxMegabytes => options.Value.MaxUploadMegabytes;

    public async Task<IActionResult> OnPostAsync(IFormFile? file, CancellationToken cancellationToken)
    {
        var (field, problem) = DatasetImporter.SourceProblem(Source) is { } noSource ? ("source", noSource)
            : file is null || file.Length == 0 ? ("file", "Select a CSV file to import.")
            : file.Length > MaxMegabytes * 1024L * 1024 ? ("file", "The file is larger than the limit. Split it by year into smaller files.")
            : !Path.GetExtension(file.FileName).Equals(".csv", StringComparison.OrdinalIgnoreCase) ? ("file", "Upload a .csv file (CTDC or HTCDS layout).")
            : (string.Empty, null);
        if (problem is not null)
        {
            Problems = [new DatasetProblem(null, field, problem)];
            return Page();
        }

        var path = await UploadFolder.SaveAsync(file!, cancellationToken);
        var fileName = Path.GetFileName(file!.FileName);
        var source = Source!;
        var job = jobs.Start(User, user.UserId!.Value, ImportKind.Statistics, fileName, async (services, progress, cancellationToken) =>
        {
            await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.Asynchronous | FileOptions.SequentialScan);
            var result = await services.GetRequiredService<DatasetImporter>().ImportAsync(stream, fileName, source, fictitious: false, new RowsRead(progress), cancellationToken);
            return new ImportOutcome([.. result.Problems.Select(p => new ImportError(p.Row is { } row ? (int)Math.Min(row, int.MaxValue) : null, p.Column, p.Problem))], result);
        }, () => UploadFolder.Delete(path));
        return Redirect(job.Path);
    }

    /// <summary>The importer counts rows as it streams the file; the total is known only at the end.</summary>
    private sealed class RowsRead(IProgress<ImportProgress> progress) : IProgress<long>
    {
        public void Report(long value) => progress.Report(new ImportProgress((int)Math.Min(value, int.MaxValue), 0, ImportStage.Checking));
    }
}
