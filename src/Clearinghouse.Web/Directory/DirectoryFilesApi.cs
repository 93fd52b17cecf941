using Clearinghouse.Accounts;
using Clearinghouse.Directory;
using Clearinghouse.Web.Accounts;
using Clearinghouse.Web.Shared;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Clearinghouse.Web.Directory;

/// <summary>The directory as files: CSV/XLSX downloads (page links and API) and imports (API; the page is Import.cshtml).</summary>
internal static class DirectoryFilesApi
{
    public static RouteGroupBuilder MapDirectoryFilesApi(this IEndpointRouteBuilder app)
    {
        // Downloads linked from the directory page: the same filters as /directory.
        app.MapGet("/directory/export.csv", ([AsParameters] DirectoryFileQuery query, DirectoryExporter exporter, TimeProvider clock, CancellationToken cancellationToken) =>
                Download(DirectoryFileFormat.Csv, query, exporter, clock, cancellationToken))
            .AllowAnonymous()
            .ExcludeFromDescription();
        app.MapGet("/directory/export.xlsx", ([AsParameters] DirectoryFileQuery query, DirectoryExporter exporter, TimeProvider clock, CancellationToken cancellationToken) =>
                Download(DirectoryFileFormat.Xlsx, query, exporter, clock, cancellationToken))
            .AllowAnonymous()
            .ExcludeFromDescription();

        var api = app.MapGroup("/api/v1/organisations").WithTags("Directory").RequireRateLimiting(WebShell.ApiRateLimit);
        api.MapGet("/export", Export)
            .WithName("ExportOrganisations")
            .WithSummary("Download organisations as CSV or XLSX")
            .WithDescription(
                "One row per organisation with the columns slug, name, acronym, type, country, countries_active, thematic_areas, target_groups, description, " +
                "website, public_email, public_phone, address, name_ru, description_ru (lists separated by ';'), ordered by name. Takes the same filters as " +
                "GET /api/v1/organisations. CSV is UTF-8 with a byte-order mark; XLSX has a second sheet 'People' with contact people " +
                "(restricted fields only for signed-in partners).")
            .Produces<Stream>(StatusCodes.Status200OK, DirectoryFiles.CsvContentType, DirectoryFiles.XlsxContentType)
            .AllowAnonymous();
        api.MapPost("/import", Import)
            .WithName("ImportOrganisations")
            .WithSummary("Import organisations from a CSV or XLSX file")
            .WithDescription(
                "Send the file as the multipart form field 'file', in the columns of the export. Rows with a slug update that organisation; rows " +
                "without one add a new organisation. Every row is checked first: if any row has a problem, nothing is written and the answer " +
                "(422) lists every problem, keyed 'row N: column'. Otherwise all rows are written in one transaction. Needs an API token of an editor.")
            .Accepts<IFormFile>("multipart/form-data")
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .RequireAuthorization(Policies.ApiWriter, Policies.EditsDirectory)
            .DisableAntiforgery(); // token-only policy: no browser cookie can reach it, so there is no cross-site request to forge
        return api;
    }

    /// <summary>Answer keys for import problems: "row 3: country", "row 1" for a whole row, "file" for the whole file.</summary>
    public static Dictionary<string, string[]> ToValidationErrors(IEnumerable<ImportError> errors) =>
        errors
            .GroupBy(e => e.Row is null ? "file" : string.IsNullOrEmpty(e.Column) ? $"row {e.Row}" : $"row {e.Row}: {e.Column}", StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(e => e.Problem).ToArray(), StringComparer.Ordinal);

    private static PushStreamHttpResult Download(DirectoryFileFormat format, DirectoryFileQuery query, DirectoryExporter exporter, TimeProvider clock, CancellationToken cancellationToken) =>
        TypedResults.Stream(
            stream => exporter.ExportAsync(stream, format, query.ToFilter(), cancellationToken),
            format.ContentType(),
            $"clearinghouse-directory-{clock.GetUtcNow():yyyy-MM-dd}.{format.Extension()}");

    private static Results<PushStreamHttpResult, ValidationProblem> Export(
        [AsParameters] DirectoryFileQuery query, string? format, DirectoryExporter exporter, TimeProvider clock, CancellationToken cancellationToken)
    {
        var chosen = string.IsNullOrWhiteSpace(format) ? DirectoryFileFormat.Csv : DirectoryFiles.ParseFormat(format);
        if (chosen is null)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["format"] = [$"'{format}' is not a file format here. Use csv or xlsx."] });
        }

        return Download(chosen.Value, query, exporter, clock, cancellationToken);
    }

    private static async Task<Results<Ok<ImportSummaryDto>, ProblemHttpResult>> Import(IFormFile? file, DirectoryImporter importer, CancellationToken cancellationToken)
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

        var (format, problem) = DirectoryFiles.Identify(content, file.FileName);
        if (format is null)
        {
            return TypedResults.Problem(title: "Not a CSV or XLSX file", detail: problem, statusCode: StatusCodes.Status400BadRequest);
        }

        var result = await importer.ImportAsync(content, file.FileName, format, progress: null, cancellationToken);
        if (!result.Succeeded)
        {
            return TypedResults.Problem(new HttpValidationProblemDetails(ToValidationErrors(result.Errors))
            {
                Status = StatusCodes.Status422UnprocessableEntity,
                Title = "The file has problems; nothing was imported",
                Detail = $"{result.Errors.Count} problem(s). Correct them all in the file and send it again.",
            });
        }

        return TypedResults.Ok(new ImportSummaryDto(result.Created, result.Updated, result.Unchanged));
    }
}

/// <summary>The filters of the directory page, for downloads.</summary>
internal sealed record DirectoryFileQuery(
    [FromQuery(Name = "q")] string? Q,
    [FromQuery(Name = "country")] string? Country,
    [FromQuery(Name = "type")] OrganisationType? Type,
    [FromQuery(Name = "area")] ThematicArea? Area,
    [FromQuery(Name = "targetGroup")] TargetGroup? TargetGroup,
    [FromQuery(Name = "includeRetired")] bool? IncludeRetired)
{
    public DirectoryFilter ToFilter() => new() { Q = Q, Country = Country, Type = Type, Area = Area, TargetGroup = TargetGroup, IncludeRetired = IncludeRetired == true };
}

/// <summary>What an import did: organisations added, changed, and listed in the file but already as it says.</summary>
internal sealed record ImportSummaryDto(int Created, int Updated, int Unchanged);
