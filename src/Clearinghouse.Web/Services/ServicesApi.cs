using System.Text.Json;
using System.Text.Json.Nodes;
using Clearinghouse.Common;
using Clearinghouse.Directory;
using Clearinghouse.Services;
using Clearinghouse.Web.Accounts;
using Clearinghouse.Web.Directory;
using Clearinghouse.Web.Shared;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Clearinghouse.Web.Services;

/// <summary>
/// The service directory through /api/v1/services: public search and HSDS export, the shelter board, changes (API token
/// only), and planned-operation notices, which answer 404 to anyone outside the filing organisation and its partners.
/// Validation problems are keyed by the JSON field name (camelCase).
/// </summary>
internal static class ServicesApi
{
    private const string WriteDescription =
        "Needs an API token (Authorization: Bearer ...). Editors change every service; a focal point changes the services of "
        + "their own organisation and reports its shelters' occupancy. Updates must send the 'version' last read: a different "
        + "stored version answers 409. Services are retired and restored, never deleted.";

    public static RouteGroupBuilder MapServicesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/services").WithTags("Services").RequireRateLimiting(WebShell.ApiRateLimit);

        api.MapGet(string.Empty, List).WithName("ListServices").WithSummary("Search the service directory")
            .WithDescription("Filters combine with AND: kind, country (served or located), language (ISO 639-1), the person's age, sex, "
                + "nationality and form of exploitation (services without a restriction match any). Restricted services, a shelter's address "
                + "and telephone are shown only to signed-in partners; beds and occupancy only to focal points and editors. pageSize is at most 100.");
        api.MapGet("/{id:guid}", Get).WithName("GetService").WithSummary("Get one service");
        api.MapGet("/hsds", Hsds).WithName("ServicesHsds").WithSummary("Public services as Open Referral HSDS 3.0 service records")
            .WithDescription("A page of HSDS 3.0 'service' objects with organization, phones, schedules, service_areas, languages and "
                + "service_at_locations nested. Only public services; shelters never carry a phone or a location.");
        api.MapGet("/hsds.zip", HsdsZip).WithName("ServicesHsdsTabular").WithSummary("Public services as Open Referral HSDS 3.0 tabular data (ZIP of CSV)")
            .WithDescription("A ZIP with datapackage.json and organizations.csv, services.csv, locations.csv, addresses.csv, "
                + "service_at_location.csv, phones.csv, languages.csv, schedules.csv, service_areas.csv, attributes.csv and taxonomy_terms.csv, "
                + "cut from the same records as /hsds: only public services; shelters never carry a phone or a location.");
        api.MapGet("/shelters", Shelters).RequireAuthorization(ServicesWeb.ShelterBoard)
            .WithName("ShelterBoard").WithSummary("Beds and occupancy of every shelter (focal points and editors)");

        var write = api.MapGroup(string.Empty).RequireAuthorization(Policies.ApiWriter).WithDescription(WriteDescription)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        write.MapPost(string.Empty, Create).WithName("CreateService").WithSummary("Add a service");
        write.MapPut("/{id:guid}", Update).WithName("UpdateService").WithSummary("Change a service").ProducesProblem(StatusCodes.Status409Conflict);
        write.MapPut("/{id:guid}/occupancy", (Guid id, OccupancyInput input, ServiceEditor editor, ServiceDirectory directory, CancellationToken ct) =>
                Saved(editor.UpdateOccupancyAsync(id, input, ct), directory, ct))
            .WithName("UpdateOccupancy").WithSummary("Report a shelter's beds taken (its own focal point, or an editor)");
        write.MapPost("/{id:guid}/retire", (Guid id, int? version, ServiceEditor editor, ServiceDirectory directory, CancellationToken ct) =>
                Saved(editor.RetireAsync(id, version, ct), directory, ct))
            .WithName("RetireService").WithSummary("Retire a service").ProducesProblem(StatusCodes.Status409Conflict);
        write.MapPost("/{id:guid}/restore", (Guid id, int? version, ServiceEditor editor, ServiceDirectory directory, CancellationToken ct) =>
                Saved(editor.RestoreAsync(id, version, ct), directory, ct))
            .WithName("RestoreService").WithSummary("Restore a retired service (editors)").ProducesProblem(StatusCodes.Status409Conflict);

        var notices = api.MapGroup("/operations").WithTags("Planned operations").RequireAuthorization(Policies.Partner)
            .WithDescription("A notice exists only for people of the filing organisation and of the partners named on it; anyone else gets 404.");
        notices.MapGet(string.Empty, ListNotices).WithName("ListOperationNotices").WithSummary("Notices of planned operations your organisation filed or was named on");
        notices.MapGet("/{id:guid}", GetNotice).WithName("GetOperationNotice").WithSummary("One notice with the partners' capacity");
        var noticeWrites = notices.MapGroup(string.Empty).RequireAuthorization(Policies.ApiWriter);
        noticeWrites.MapPost(string.Empty, FileNotice).WithName("FileOperationNotice").WithSummary("File a notice of a planned operation to named shelter partners (a focal point for their organisation)");
        noticeWrites.MapPut("/{id:guid}/places", RecordPlaces).WithName("RecordTemporaryPlaces").WithSummary("A named partner records the temporary places it arranged");
        noticeWrites.MapPost("/{id:guid}/withdraw", Withdraw).WithName("WithdrawOperationNotice").WithSummary("The filing organisation withdraws its notice");
        return api;
    }

    private static async Task<Ok<PageDto<ServiceDto>>> List(
        ServiceDirectory directory,
        string? q,
        ServiceKind? kind,
        string? country,
        string? language,
        int? age,
        EligibleSex? sex,
        string? nationality,
        FormOfExploitation? form,
        Guid? organisation,
        bool? includeRetired,
        int? page,
        int? pageSize,
        CancellationToken cancellationToken)
    {
        var filter = new ServiceFilter
        {
            Q = q,
            Kind = kind,
            Country = country,
            Language = language,
            Age = age,
            Sex = sex,
            Nationality = nationality,
            Form = form,
            Organisation = organisation,
            IncludeRetired = includeRetired == true,
        };
        var result = await directory.PageAsync(filter, page, pageSize, cancellationToken);
        return TypedResults.Ok(PageDto.From(result, s => ServiceDto.From(s, directory.SeesShelterCapacity)));
    }

    private static async Task<Results<Ok<ServiceDto>, NotFound>> Get(Guid id, ServiceDirectory directory, CancellationToken cancellationToken) =>
        await directory.FindAsync(id, cancellationToken) is { } service
            ? TypedResults.Ok(ServiceDto.From(service, directory.SeesShelterCapacity))
            : TypedResults.NotFound();

    private static async Task<Ok<JsonObject>> Hsds(HsdsExport export, int? page, int? pageSize, CancellationToken cancellationToken) =>
        TypedResults.Ok(await export.PageAsync(page, pageSize, cancellationToken));

    private static async Task<FileContentHttpResult> HsdsZip(HsdsTabularExport export, CancellationToken cancellationToken)
    {
        using var zip = new MemoryStream();
        await export.WriteZipAsync(zip, cancellationToken);
        return TypedResults.File(zip.ToArray(), "application/zip", "clearinghouse-hsds.zip");
    }

    private static async Task<Ok<ShelterBoardDto>> Shelters(ServiceDirectory directory, string? country, CancellationToken cancellationToken) =>
        TypedResults.Ok(Board(await directory.SheltersAsync(country, cancellationToken)));

    internal static ShelterBoardDto Board(IReadOnlyList<Service> shelters) => new(
        [.. shelters.Select(s => new ShelterDto(
            s.Id, s.Name, s.OrganisationId, s.Organisation?.Name ?? string.Empty, s.City, s.CountryCode, s.Beds, s.Occupancy, s.FreeBeds,
            s.OccupancyUpdatedAt, s.SuitableForWitnessProtection, s.AcceptsChildren, s.Languages))],
        shelters.Sum(s => s.Beds ?? 0),
        shelters.Sum(s => s.Occupancy ?? 0),
        shelters.Sum(s => s.FreeBeds ?? 0));

    private static async Task<Results<Created<ServiceDto>, ValidationProblem, ForbidHttpResult>> Create(
        ServiceInput input, ServiceEditor editor, ServiceDirectory directory, CancellationToken cancellationToken)
    {
        var result = await editor.CreateAsync(input, cancellationToken);
        return result.Outcome switch
        {
            EditOutcome.Saved => TypedResults.Created($"/api/v1/services/{result.Record!.Id}", await ReadBackAsync(result.Record, directory, cancellationToken)),
            EditOutcome.Invalid => Invalid(result.Errors),
            _ => TypedResults.Forbid(),
        };
    }

    private static Task<Results<Ok<ServiceDto>, ValidationProblem, ForbidHttpResult, NotFound, ProblemHttpResult>> Update(
        Guid id, ServiceInput input, ServiceEditor editor, ServiceDirectory directory, CancellationToken cancellationToken) =>
        Saved(editor.UpdateAsync(id, input, cancellationToken), directory, cancellationToken);

    private static async Task<Results<Ok<ServiceDto>, ValidationProblem, ForbidHttpResult, NotFound, ProblemHttpResult>> Saved(
        Task<EditResult<Service>> edit, ServiceDirectory directory, CancellationToken cancellationToken)
    {
        var result = await edit;
        return result.Outcome switch
        {
            EditOutcome.Saved => TypedResults.Ok(await ReadBackAsync(result.Record!, directory, cancellationToken)),
            EditOutcome.Invalid => Invalid(result.Errors),
            EditOutcome.Forbidden => TypedResults.Forbid(),
            EditOutcome.NotFound => TypedResults.NotFound(),
            _ => Conflict(),
        };
    }

    /// <summary>
    /// The saved service as the writer may see it, read through the same rules as every other read. A focal point who
    /// just retired their service no longer reads it; they get what they saved (writers see every field of their own service).
    /// </summary>
    private static async Task<ServiceDto> ReadBackAsync(Service saved, ServiceDirectory directory, CancellationToken cancellationToken) =>
        await directory.FindAsync(saved.Id, cancellationToken) is { } service
            ? ServiceDto.From(service, directory.SeesShelterCapacity)
            : ServiceDto.From(saved, seesCapacity: true);

    // ---------------------------------------------------------------- notices

    private static async Task<Ok<IReadOnlyList<NoticeDto>>> ListNotices(OperationNotices notices, bool? includeWithdrawn, CancellationToken cancellationToken)
    {
        var list = await notices.ListAsync(includeWithdrawn == true, cancellationToken);
        var items = new List<NoticeDto>(list.Count);
        foreach (var notice in list)
        {
            items.Add(NoticeDto.From(notice, await notices.CapacityAsync(notice, cancellationToken)));
        }

        return TypedResults.Ok<IReadOnlyList<NoticeDto>>(items);
    }

    private static async Task<Results<Ok<NoticeDto>, NotFound>> GetNotice(Guid id, OperationNotices notices, CancellationToken cancellationToken) =>
        await notices.FindAsync(id, cancellationToken) is { } notice
            ? TypedResults.Ok(NoticeDto.From(notice, await notices.CapacityAsync(notice, cancellationToken)))
            : TypedResults.NotFound();

    private static async Task<Results<Created<NoticeDto>, ValidationProblem, ForbidHttpResult>> FileNotice(
        NoticeInput input, OperationNotices notices, CancellationToken cancellationToken)
    {
        var result = await notices.FileAsync(input, cancellationToken);
        if (result.Outcome == EditOutcome.Saved)
        {
            var notice = (await notices.FindAsync(result.Record!.Id, cancellationToken))!;
            return TypedResults.Created($"/api/v1/services/operations/{notice.Id}", NoticeDto.From(notice, await notices.CapacityAsync(notice, cancellationToken)));
        }

        return result.Outcome == EditOutcome.Invalid ? Invalid(result.Errors) : TypedResults.Forbid();
    }

    private static async Task<Results<Ok<NoticeDto>, ValidationProblem, ForbidHttpResult, NotFound, ProblemHttpResult>> RecordPlaces(
        Guid id, PlacesInput input, OperationNotices notices, CancellationToken cancellationToken) =>
        await NoticeResultAsync(id, notices.RecordPlacesAsync(id, input, cancellationToken), notices, cancellationToken);

    private static async Task<Results<Ok<NoticeDto>, ValidationProblem, ForbidHttpResult, NotFound, ProblemHttpResult>> Withdraw(
        Guid id, OperationNotices notices, CancellationToken cancellationToken) =>
        await NoticeResultAsync(id, notices.WithdrawAsync(id, cancellationToken), notices, cancellationToken);

    private static async Task<Results<Ok<NoticeDto>, ValidationProblem, ForbidHttpResult, NotFound, ProblemHttpResult>> NoticeResultAsync(
        Guid id, Task<EditResult<PlannedOperationNotice>> edit, OperationNotices notices, CancellationToken cancellationToken)
    {
        var result = await edit;
        switch (result.Outcome)
        {
            case EditOutcome.Saved:
                var notice = (await notices.FindAsync(id, cancellationToken))!;
                return TypedResults.Ok(NoticeDto.From(notice, await notices.CapacityAsync(notice, cancellationToken)));
            case EditOutcome.Invalid:
                return Invalid(result.Errors);
            case EditOutcome.Forbidden:
                return TypedResults.Forbid();
            case EditOutcome.NotFound:
                return TypedResults.NotFound();
            default:
                return Conflict();
        }
    }

    private static ProblemHttpResult Conflict() => TypedResults.Problem(
        title: "Edit conflict",
        detail: "Someone else changed this record after you read it (its version is different). Read it again and make your change on the new version.",
        statusCode: StatusCodes.Status409Conflict);

    private static ValidationProblem Invalid(IReadOnlyDictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(errors.ToDictionary(e => JsonNamingPolicy.CamelCase.ConvertName(e.Key), e => e.Value, StringComparer.Ordinal));
}
