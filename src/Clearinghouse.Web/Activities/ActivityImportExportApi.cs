using Clearinghouse.Activities;
using Clearinghouse.Activities.Duplicates;
using Clearinghouse.Activities.Files;
using Clearinghouse.Directory;
using Clearinghouse.Web.Accounts;
using Clearinghouse.Web.Directory;
using Clearinghouse.Web.Shared;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Clearinghouse.Web.Activities;

/// <summary>The activities as files (CSV, XLSX, IATI XML, HXL 3W) and their import; duplicate candidates, the duplicates report and an editor's decisions on pairs.</summary>
internal static class ActivityImportExportApi
{
    public static RouteGroupBuilder MapActivityImportExportApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/activities").WithTags("Activities: files and duplicates").RequireRateLimiting(WebShell.ApiRateLimit);
        foreach (var format in new[] { ActivityFileFormat.Csv, ActivityFileFormat.Xlsx, ActivityFileFormat.Iati, ActivityFileFormat.Hxl })
        {
            api.MapGet("/export." + ActivityExporter.Extension(format), ([AsParameters] ActivityExportQuery query, ActivityExporter exporter, TimeProvider clock, CancellationToken cancellationToken) =>
                    TypedResults.Stream(
                        stream => exporter.ExportAsync(stream, format, query.ToFilter(), cancellationToken),
                        ActivityExporter.ContentType(format),
                        $"clearinghouse-activities-{clock.GetUtcNow():yyyy-MM-dd}.{ActivityExporter.Extension(format)}"))
                .WithName("ExportActivities" + format)
                .WithSummary(format switch
                {
                    ActivityFileFormat.Iati => "Download activities as IATI activity XML 2.03",
                    ActivityFileFormat.Hxl => "Download a who-does-what-where (3W) table with HXL hashtags",
                    _ => $"Download activities as {format.ToString().ToUpperInvariant()}",
                })
                .WithDescription(
                    "The activities the caller may see (published ones for everyone), retired and merged ones left out, ordered by title. Optional " +
                    "filters: country (ISO code), area (thematic area), status. CSV and XLSX have the columns of the import; the HXL file has a row " +
                    "of hashtags under the header and one row per activity and country.")
                .Produces<Stream>(StatusCodes.Status200OK, ActivityExporter.ContentType(format))
                .AllowAnonymous();
        }

        api.MapPost("/import", Import)
            .WithName("ImportActivities")
            .WithSummary("Import activities from CSV, XLSX or IATI activity XML")
            .WithDescription(
                "Send the file as the multipart form field 'file'. The format is recognised from the content. CSV/XLSX rows with a slug update that " +
                "activity, rows without one add a new activity. IATI: a known iati-identifier updates its activity; another publisher's report of " +
                "the same activity (participating-org/@activity-id or related-activity type 5) joins it. Every activity is checked first: if any has a " +
                "problem, nothing is written and the answer (422) lists every problem, keyed 'row N: column' (for IATI, N is the line of the " +
                "iati-activity). Needs an API token of an editor.")
            .Accepts<IFormFile>("multipart/form-data")
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .RequireAuthorization(Policies.ApiWriter, Policies.EditsDirectory)
            .DisableAntiforgery(); // token-only policy: no browser cookie reaches it

        api.MapPost("/duplicates/candidates", Candidates)
            .WithName("ActivityDuplicateCandidates")
            .WithSummary("Existing activities that may be the same as the one given")
            .WithDescription("Send the activity as for creating it (add 'id' of an activity being edited to leave it out). Answers up to ten candidates with a score (0–100) and the reasons.")
            .RequireAuthorization(Policies.Partner)
            .DisableAntiforgery();
        api.MapGet("/duplicates", Pairs)
            .WithName("ActivityDuplicates")
            .WithSummary("Possible duplicates in the inventory (editors)")
            .RequireAuthorization(Policies.EditsDirectory);
        api.MapPost("/duplicates/dismiss", Dismiss)
            .WithName("DismissActivityDuplicate")
            .WithSummary("Mark two activities as not duplicates (editors)")
            .RequireAuthorization(Policies.ApiWriter, Policies.EditsDirectory)
            .DisableAntiforgery();
        api.MapPost("/duplicates/merge", Merge)
            .WithName("MergeActivityDuplicates")
            .WithSummary("Merge one activity into another (editors)")
            .WithDescription("The survivor gains the merged activity's participants and IATI identifiers; the merged one is retired and points to the survivor. Both histories are kept.")
            .RequireAuthorization(Policies.ApiWriter, Policies.EditsDirectory)
            .DisableAntiforgery();
        return api;
    }

    private static async Task<Results<Ok<ActivityImportSummaryDto>, ProblemHttpResult>> Import(IFormFile? file, ActivityImporter importer, CancellationToken cancellationToken)
    {
        if (file is null || file.Length == 0)
        {
            return TypedResults.Problem(title: "No file", detail: "Send the file to import as the multipart form field 'file'.", statusCode: StatusCodes.Status400BadRequest);
        }

        byte[]? content = null;
        if (file.Length <= importer.Options.MaxFileBytes)
        {
            await using var stream = file.OpenReadStream();
            content = await importer.ReadLimitedAsync(stream, cancellationToken);
        }

        if (content is null)
        {
            return TypedResults.Problem(title: "File too large", detail: importer.TooLargeMessage, statusCode: StatusCodes.Status413PayloadTooLarge);
        }

        var (format, problem) = ActivityImporter.Identify(content, file.FileName);
        if (format is null)
        {
            return TypedResults.Problem(title: "Not a CSV, XLSX or IATI file", detail: problem, statusCode: StatusCodes.Status400BadRequest);
        }

        var result = await importer.ImportAsync(content, file.FileName, format, progress: null, cancellationToken);
        if (!result.Succeeded)
        {
            return TypedResults.Problem(new HttpValidationProblemDetails(DirectoryFilesApi.ToValidationErrors(result.Errors))
            {
                Status = StatusCodes.Status422UnprocessableEntity,
                Title = "The file has problems; nothing was imported",
                Detail = $"{result.Errors.Count} problem(s). Correct them all in the file and send it again.",
            });
        }

        return TypedResults.Ok(ActivityImportSummaryDto.From(result));
    }

    private static async Task<Ok<List<DuplicateCandidateDto>>> Candidates(DuplicateCheckDto body, DuplicateFinder finder, CancellationToken cancellationToken)
    {
        var candidates = await finder.CandidatesAsync(DuplicateProbe.Of(body.Activity ?? new ActivityInput(), body.Id), cancellationToken: cancellationToken);
        return TypedResults.Ok(candidates.Select(DuplicateCandidateDto.From).ToList());
    }

    private static async Task<Ok<List<DuplicatePairDto>>> Pairs(string? country, DuplicateFinder finder, CancellationToken cancellationToken)
    {
        var pairs = await finder.PairsAsync(country, cancellationToken: cancellationToken);
        return TypedResults.Ok(pairs.Select(p => new DuplicatePairDto(DuplicateCandidateDto.From(p.First), DuplicateCandidateDto.From(p.Second), p.Score, [.. p.Reasons.Select(r => r.ToString())])).ToList());
    }

    private static async Task<Results<NoContent, ValidationProblem>> Dismiss(DuplicatePairRequest body, DuplicateFinder finder, CancellationToken cancellationToken) =>
        body.First is { } first && body.Second is { } second && await finder.DismissAsync(first, second, cancellationToken)
            ? TypedResults.NoContent()
            : TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["second"] = ["Give the ids of two different existing activities."] });

    private static async Task<Results<NoContent, ValidationProblem, Conflict>> Merge(MergeRequest body, DuplicateFinder finder, CancellationToken cancellationToken)
    {
        if (body.Survivor is not { } survivor || body.Merged is not { } merged)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["merged"] = ["Give the ids of the activity to keep (survivor) and the one to merge into it (merged)."] });
        }

        return await finder.MergeAsync(survivor, merged, cancellationToken) switch
        {
            MergeOutcome.Merged => TypedResults.NoContent(),
            MergeOutcome.Conflict => TypedResults.Conflict(),
            _ => TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["merged"] = ["Give the ids of two different existing activities that have not been merged."] }),
        };
    }
}

/// <summary>The filters of an activities download.</summary>
internal sealed record ActivityExportQuery(
    [FromQuery(Name = "country")] string? Country,
    [FromQuery(Name = "area")] ThematicArea? Area,
    [FromQuery(Name = "status")] ActivityStatus? Status)
{
    public ActivityExportFilter ToFilter() => new(Country, Area, Status);
}

internal sealed record DuplicateCheckDto(Guid? Id, ActivityInput? Activity);

internal sealed record DuplicatePairRequest(Guid? First, Guid? Second);

internal sealed record MergeRequest(Guid? Survivor, Guid? Merged);

internal sealed record DuplicateCandidateDto(Guid Id, string Slug, string Title, int Score, IReadOnlyList<string> Reasons)
{
    public static DuplicateCandidateDto From(DuplicateCandidate c) => new(c.Id, c.Slug, c.Title, c.Score, [.. c.Reasons.Select(r => r.ToString())]);
}

internal sealed record DuplicatePairDto(DuplicateCandidateDto First, DuplicateCandidateDto Second, int Score, IReadOnlyList<string> Reasons);

/// <summary>The outcome of an activities import, with the new activities that look like ones already in the inventory.</summary>
internal sealed record ActivityImportSummaryDto(int Created, int Updated, int Unchanged, IReadOnlyList<ImportedDuplicatesDto> PossibleDuplicates)
{
    public static ActivityImportSummaryDto From(ImportResult r) => new(
        r.Created, r.Updated, r.Unchanged, [.. r.PossibleDuplicates.Select(d => new ImportedDuplicatesDto(d.Row, d.Title, [.. d.Candidates.Select(DuplicateCandidateDto.From)]))]);
}

internal sealed record ImportedDuplicatesDto(int Row, string Title, IReadOnlyList<DuplicateCandidateDto> Candidates);
