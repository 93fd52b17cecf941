using System.ComponentModel;
using System.Text.Json;
using Clearinghouse.Accounts;
using Clearinghouse.Directory;
using Clearinghouse.Library;
using Clearinghouse.Web.Accounts;
using Clearinghouse.Web.Shared;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace Clearinghouse.Web.Library;

internal sealed record LibraryItemDto(Guid EditionId, string Slug, string Title, string Language, DocumentType Type, int? Year, string? Publisher, AccessLevel AccessLevel, string? Summary, string? Snippet, string Url);

internal sealed record LibrarySearchDto(
    IReadOnlyList<LibraryItemDto> Items,
    int Page,
    int PageSize,
    [property: Description("The number of matches, counted up to 1,000 (or up to the page asked for): beyond that totalIsLowerBound is true, and the facet counts are of those first matches.")]
    int TotalCount,
    bool TotalIsLowerBound,
    LibraryFacets Facets);

internal sealed record LibraryFileDto(Guid Id, int Version, string Sha256, string ContentType, long Size, string FileName, ExtractionStatus ExtractionStatus, string? ExtractionNote, DateTimeOffset UploadedAt, string DownloadUrl);

internal sealed record LibraryEditionDto(Guid Id, string Language, string Title, string? Summary, bool IsOriginal, bool IsOfficialTranslation, string? ExternalUrl, IReadOnlyList<LibraryFileDto> Files);

internal sealed record LibraryDocumentDto(
    Guid Id,
    string Slug,
    DocumentType Type,
    IReadOnlyList<ThematicArea> Themes,
    IReadOnlyList<string> Countries,
    IReadOnlyList<Audience> Audiences,
    Guid? PublisherId,
    string? Publisher,
    string? Authors,
    [property: Description("Authors who are contact people in the directory (only those the caller may see).")]
    IReadOnlyList<Guid> AuthorPersonIds,
    IReadOnlyList<LibraryLinkDto> AuthorPeople,
    DateOnly? PublicationDate,
    int? PublicationYear,
    AccessLevel AccessLevel,
    string? Provenance,
    VerificationStatus VerificationStatus,
    DateOnly? InForceAsOf,
    [property: Description("Related activities of the inventory (only those the caller may see).")]
    IReadOnlyList<Guid> RelatedActivityIds,
    IReadOnlyList<LibraryLinkDto> RelatedActivities,
    IReadOnlyList<Guid> RelatedMeetingIds,
    IReadOnlyList<LibraryLinkDto> RelatedMeetings,
    IReadOnlyList<LibraryEditionDto> Editions,
    int Version);

/// <summary>A record a document links to: a person (with their organisation as detail), an activity or a meeting, and the page that shows it.</summary>
internal sealed record LibraryLinkDto(Guid Id, string Name, string? Detail, string? Url);

internal sealed record LibraryCreatedDto(string Slug, string Url);

/// <summary>The library under /api/v1/library: search, read, download (all callers, by access level) and adding documents (API token).</summary>
internal static class LibraryApi
{
    public const string DownloadPath = "/api/v1/library/files/";

    private static readonly JsonSerializerOptions MetadataJson = new(JsonSerializerOptions.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    public static RouteGroupBuilder MapLibraryApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/library").WithTags("Library").RequireRateLimiting(WebShell.ApiRateLimit);
        api.MapGet(string.Empty, Search).WithName("SearchLibrary").WithSummary("Search the library")
            .WithDescription("Full text of the files and the metadata. q takes words, \"quoted phrases\" and prefixes (traffick*). Filters: type, theme, "
                             + "country, language, year, audience, publisher. sort: Relevance (exact title first), Newest, Oldest. Facet counts cover the "
                             + "whole result. Anonymous callers see public documents only, signed-in partners also partner documents, editors all.");
        api.MapGet("/{slug}", Get).WithName("GetLibraryDocument").WithSummary("Get one document with its language versions and files");
        api.MapGet("/files/{id:guid}", Download).WithName("DownloadLibraryFile").WithSummary("Download a stored file")
            .Produces<Stream>(StatusCodes.Status200OK, "application/octet-stream");

        // API token only (never a cookie), and only the roles that may add documents; each handler then checks the publisher.
        var write = api.MapGroup(string.Empty)
            .RequireAuthorization(p => p.AddAuthenticationSchemes(ApiTokenHandler.SchemeName).RequireRole(Roles.FocalPoint, Roles.Editor, Roles.Administrator))
            .DisableAntiforgery()
            .WithMetadata(new RequestSizeLimitAttribute(1024L * 1024 * 1024))
            .WithFormOptions(multipartBodyLengthLimit: 1024L * 1024 * 1024)
            .WithDescription("Needs an API token. Send multipart/form-data with the field 'metadata' (JSON, the fields of the upload form) and, "
                             + "unless metadata.externalUrl is given, the field 'file'. authorPersonIds (directory people: id or public e-mail), "
                             + "relatedActivityIds (activities: id or slug) and relatedMeetingIds (meetings: id or slug) link the document; an unknown "
                             + "or retired one answers a validation ProblemDetails naming the field. Editors add any document; a focal point only documents "
                             + "their organisation published (publisherId). A file already in the library (same SHA-256) answers 422.")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        write.MapPost(string.Empty, Create).WithName("CreateLibraryDocument").WithSummary("Add a document (metadata and file)");
        write.MapPost("/{slug}/translations", AddTranslation).WithName("AddLibraryTranslation").WithSummary("Add a language version of a document");
        write.MapPut("/{slug}", Update).WithName("UpdateLibraryDocument").WithSummary("Correct a document's metadata (editors)")
            .WithDescription("Needs an API token of an editor. Send JSON with every field of the upload form (absent fields are emptied); language "
                             + "chooses the language version whose title, summary and web address change; version (from GET) guards against "
                             + "overwriting someone else's change (409). Problems answer 422 naming each field; nothing is changed then.")
            .Accepts<LibraryInput>("application/json").ProducesProblem(StatusCodes.Status409Conflict)
            .RequireAuthorization(p => p.AddAuthenticationSchemes(ApiTokenHandler.SchemeName).RequireRole(Roles.Editor, Roles.Administrator));
        write.MapPost("/editions/{id:guid}/files", AddVersion).WithName("AddLibraryFileVersion").WithSummary("Upload a new version of a language version's file");
        return api;
    }

    private static async Task<Ok<LibrarySearchDto>> Search(
        string? q, DocumentType? type, ThematicArea? theme, string? country, string? language, int? year, Audience? audience, Guid? publisher,
        LibrarySort? sort, int? page, int? pageSize, LibrarySearch search, CancellationToken cancellationToken)
    {
        var result = await search.SearchAsync(
            new LibrarySearchRequest
            {
                Query = q,
                Type = type,
                Theme = theme,
                Country = country,
                Language = language,
                Year = year,
                Audience = audience,
                PublisherId = publisher,
                Sort = sort ?? LibrarySort.Relevance,
                Page = page ?? 1,
                PageSize = pageSize ?? 20,
            },
            cancellationToken);
        var items = result.Results.Items.Select(r => new LibraryItemDto(
            r.EditionId, r.Slug, r.Title, r.Language, r.Type, r.Year, r.Publisher, r.AccessLevel, r.Summary,
            r.Snippet is null ? null : LibraryIndex.SnippetText(r.Snippet), $"/library/{r.Slug}?lang={r.Language}")).ToList();
        return TypedResults.Ok(new LibrarySearchDto(items, result.Results.PageNumber, result.Results.PageSize, result.Results.TotalCount, result.Results.TotalIsLowerBound, result.Facets));
    }

    private static async Task<Results<Ok<LibraryDocumentDto>, NotFound>> Get(string slug, LibrarySearch search, LibraryLinks links, CancellationToken cancellationToken)
    {
        var work = await search.GetAsync(slug, cancellationToken);
        return work is null ? TypedResults.NotFound() : TypedResults.Ok(ToDto(work, await links.ForWorkAsync(work, cancellationToken)));
    }

    private static async Task<Results<FileStreamHttpResult, NotFound>> Download(Guid id, LibrarySearch search, LibraryStorage storage, HttpContext http, CancellationToken cancellationToken)
    {
        var file = await search.GetFileAsync(id, cancellationToken);
        if (file is null)
        {
            return TypedResults.NotFound();
        }

        // Always an attachment (never rendered on this site), and a sandbox in case a browser renders it anyway.
        http.Response.Headers[HeaderNames.ContentSecurityPolicy] = "sandbox; default-src 'none'";
        http.Response.Headers.XContentTypeOptions = "nosniff";
        var contentType = file.ContentType;
        return TypedResults.File(storage.Open(file.Sha256), contentType, file.OriginalFileName, lastModified: file.UploadedAt,
            entityTag: new EntityTagHeaderValue($"\"{file.Sha256}\""), enableRangeProcessing: true);
    }

    private static async Task<Results<Created<LibraryCreatedDto>, ValidationProblem, ForbidHttpResult, ProblemHttpResult>> Create(
        [FromForm] string? metadata, IFormFile? file, LibraryCatalogue catalogue, CancellationToken cancellationToken)
    {
        var (input, problem) = ReadMetadata(metadata);
        if (input is null)
        {
            return problem!;
        }

        await using var content = file?.OpenReadStream();
        var result = await catalogue.AddDocumentAsync(input, file is null ? null : new UploadedFile(content!, file.FileName), cancellationToken);
        return WriteResult(result);
    }

    private static async Task<Results<Created<LibraryCreatedDto>, ValidationProblem, ForbidHttpResult, ProblemHttpResult>> AddTranslation(
        string slug, [FromForm] string? metadata, IFormFile? file, LibraryCatalogue catalogue, CancellationToken cancellationToken)
    {
        var (input, problem) = ReadMetadata(metadata);
        if (input is null)
        {
            return problem!;
        }

        await using var content = file?.OpenReadStream();
        var result = await catalogue.AddTranslationAsync(slug, input, file is null ? null : new UploadedFile(content!, file.FileName), cancellationToken);
        return WriteResult(result);
    }

    private static async Task<Results<Ok<LibraryCreatedDto>, ValidationProblem, ForbidHttpResult, ProblemHttpResult>> Update(
        string slug, HttpRequest request, LibraryCatalogue catalogue, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(request.Body);
        var (input, problem) = ReadMetadata(await reader.ReadToEndAsync(cancellationToken));
        if (input is null)
        {
            return problem!;
        }

        var result = await catalogue.UpdateDocumentAsync(slug, input, cancellationToken);
        return result.Outcome switch
        {
            LibraryWriteOutcome.Done => TypedResults.Ok(new LibraryCreatedDto(result.Slug!, $"/library/{result.Slug}")),
            LibraryWriteOutcome.Forbidden => TypedResults.Forbid(),
            LibraryWriteOutcome.Invalid => Invalid(result),
            _ => Problem(result),
        };
    }

    private static async Task<Results<Created<LibraryCreatedDto>, ValidationProblem, ForbidHttpResult, ProblemHttpResult>> AddVersion(
        Guid id, IFormFile? file, LibraryCatalogue catalogue, CancellationToken cancellationToken)
    {
        if (file is null)
        {
            return TypedResults.Problem(title: "No file", detail: "Send the file as the multipart form field 'file'.", statusCode: StatusCodes.Status400BadRequest);
        }

        await using var content = file.OpenReadStream();
        return WriteResult(await catalogue.AddFileVersionAsync(id, new UploadedFile(content, file.FileName), cancellationToken));
    }

    private static (LibraryInput? Input, ProblemHttpResult? Problem) ReadMetadata(string? metadata)
    {
        if (string.IsNullOrWhiteSpace(metadata))
        {
            return (null, TypedResults.Problem(title: "No metadata", detail: "Send the document's metadata as JSON in the multipart form field 'metadata'.", statusCode: StatusCodes.Status400BadRequest));
        }

        try
        {
            var input = JsonSerializer.Deserialize<LibraryInput>(metadata, MetadataJson);
            return input is null
                ? (null, TypedResults.Problem(title: "No metadata", detail: "The metadata is empty.", statusCode: StatusCodes.Status400BadRequest))
                : (input, null);
        }
        catch (JsonException e)
        {
            return (null, TypedResults.Problem(title: "Malformed metadata", detail: $"The metadata is not valid JSON for a library document: {e.Message}", statusCode: StatusCodes.Status400BadRequest));
        }
    }

    private static Results<Created<LibraryCreatedDto>, ValidationProblem, ForbidHttpResult, ProblemHttpResult> WriteResult(LibraryWriteResult result) => result.Outcome switch
    {
        LibraryWriteOutcome.Done => TypedResults.Created($"/api/v1/library/{result.Slug}", new LibraryCreatedDto(result.Slug!, $"/library/{result.Slug}")),
        LibraryWriteOutcome.Forbidden => TypedResults.Forbid(),
        LibraryWriteOutcome.Invalid => Invalid(result),
        _ => Problem(result),
    };

    private static ValidationProblem Invalid(LibraryWriteResult result) => TypedResults.ValidationProblem(
        result.Errors!.ToDictionary(e => JsonNamingPolicy.CamelCase.ConvertName(e.Key), e => e.Value, StringComparer.Ordinal),
        title: result.DuplicateOf is null ? "The document has problems" : "The file is already in the library",
        detail: result.DuplicateOf is null ? null : $"/library/{result.DuplicateOf}");

    private static ProblemHttpResult Problem(LibraryWriteResult result) => result.Outcome == LibraryWriteOutcome.Conflict
        ? TypedResults.Problem(title: "Edit conflict", detail: "Someone else changed this document after you read it. Read it again and make your change again.", statusCode: StatusCodes.Status409Conflict)
        : TypedResults.Problem(title: "Not found", detail: "No such document in the library.", statusCode: StatusCodes.Status404NotFound);

    /// <summary>A document as the API gives it; <paramref name="links"/> are those the caller may see (<see cref="LibraryLinks.ForWorkAsync"/>).</summary>
    public static LibraryDocumentDto ToDto(LibraryWork work, IReadOnlyDictionary<LinkKind, IReadOnlyList<LinkedRecord>> links) => new(
        work.Id, work.Slug, work.Type, work.Themes, work.Countries, work.Audiences, work.PublisherId,
        work.Publisher?.Name ?? work.PublisherName, work.Authors,
        [.. links[LinkKind.Author].Select(l => l.Id)], Links(links[LinkKind.Author]),
        work.PublicationDate, work.PublicationYear, work.AccessLevel, work.Provenance,
        work.VerificationStatus, work.InForceAsOf,
        [.. links[LinkKind.Activity].Select(l => l.Id)], Links(links[LinkKind.Activity]),
        [.. links[LinkKind.Meeting].Select(l => l.Id)], Links(links[LinkKind.Meeting]),
        work.Editions.Select(e => new LibraryEditionDto(e.Id, e.Language, e.Title, e.Summary, e.IsOriginal, e.IsOfficialTranslation, e.ExternalUrl,
            e.Files.Select(f => new LibraryFileDto(f.Id, f.VersionNumber, f.Sha256, f.ContentType, f.Size, f.OriginalFileName, f.ExtractionStatus,
                f.ExtractionNote, f.UploadedAt, DownloadPath + f.Id)).ToList())).ToList(), work.Version);

    private static List<LibraryLinkDto> Links(IReadOnlyList<LinkedRecord> records) => [.. records.Select(r => new LibraryLinkDto(r.Id, r.Text, r.Detail, r.Url))];
}
