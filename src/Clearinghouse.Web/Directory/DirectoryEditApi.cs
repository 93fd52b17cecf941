using System.Text.Json;
using System.Text.Json.Nodes;
using Clearinghouse.Accounts;
using Clearinghouse.Common;
using Clearinghouse.Data;
using Clearinghouse.Directory;
using Clearinghouse.Web.Accounts;
using Clearinghouse.Web.Shared;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Clearinghouse.Web.Directory;

/// <summary>
/// Changing the directory through /api/v1 (API token only), reading people and bodies (public, restricted fields for
/// partners) and the change history (signed-in partners, cookie or token).
/// Validation problems are keyed by the JSON field name as sent, in camelCase ("country", "members[0].role").
/// </summary>
internal static class DirectoryEditApi
{
    private const string WriteDescription =
        "Needs an API token (Authorization: Bearer ...); browser cookies are refused. Editors change everything; a focal point "
        + "changes only their own organisation and its people. Updates must send the 'version' last read: a different stored "
        + "version answers 409. Unknown fields, malformed JSON and unknown codes answer 400 with the field named in 'errors' "
        + "(camelCase JSON names). Records are retired and restored, never deleted.";

    public static RouteGroupBuilder MapDirectoryEditApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").RequireRateLimiting(WebShell.ApiRateLimit);

        var read = api.MapGroup(string.Empty).WithTags("Directory");
        read.MapGet("/people", ListPeople).WithName("ListPeople").WithSummary("List contact people")
            .WithDescription("Direct telephone and personal e-mail are filled only for signed-in partners. Sorted by family name; pageSize is at most 100.");
        read.MapGet("/people/{id:guid}", GetPerson).WithName("GetPerson").WithSummary("Get one contact person");
        read.MapGet("/bodies", ListBodies).WithName("ListBodies").WithSummary("List co-ordination bodies")
            .WithDescription("Filter by country (ISO code) and kind. Sorted by name; pageSize is at most 100.");
        read.MapGet("/bodies/{id:guid}", GetBody).WithName("GetBody").WithSummary("Get one co-ordination body with its members");

        var history = api.MapGroup(string.Empty).WithTags("History").RequireAuthorization(Policies.Partner);
        history.MapGet("/organisations/{id:guid}/history", (Guid id, DirectoryHistory h, CancellationToken ct) => History(HistoryKind.Organisation, id, h, ct))
            .WithName("OrganisationHistory").WithSummary("Changes to an organisation, newest first");
        history.MapGet("/people/{id:guid}/history", (Guid id, DirectoryHistory h, CancellationToken ct) => History(HistoryKind.Person, id, h, ct))
            .WithName("PersonHistory").WithSummary("Changes to a contact person, newest first");
        history.MapGet("/bodies/{id:guid}/history", (Guid id, DirectoryHistory h, CancellationToken ct) => History(HistoryKind.Body, id, h, ct))
            .WithName("BodyHistory").WithSummary("Changes to a co-ordination body and its members, newest first");

        var write = api.MapGroup(string.Empty).WithTags("Directory editing").RequireAuthorization(Policies.ApiWriter)
            .WithDescription(WriteDescription).ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);

        write.MapPost("/organisations", CreateOrganisation).WithName("CreateOrganisation").WithSummary("Add an organisation (editors)");
        write.MapPut("/organisations/{id:guid}", UpdateOrganisation).WithName("UpdateOrganisation").WithSummary("Change an organisation")
            .ProducesProblem(StatusCodes.Status409Conflict);
        write.MapPost("/organisations/{id:guid}/retire", (Guid id, int? version, DirectoryEditor editor, CancellationToken ct) =>
                OrganisationResult(editor.RetireOrganisationAsync(id, version, ct)))
            .WithName("RetireOrganisation").WithSummary("Retire an organisation (editors)").ProducesProblem(StatusCodes.Status409Conflict);
        write.MapPost("/organisations/{id:guid}/restore", (Guid id, int? version, DirectoryEditor editor, CancellationToken ct) =>
                OrganisationResult(editor.RestoreOrganisationAsync(id, version, ct)))
            .WithName("RestoreOrganisation").WithSummary("Restore a retired organisation (editors)").ProducesProblem(StatusCodes.Status409Conflict);

        write.MapPost("/people", CreatePerson).WithName("CreatePerson").WithSummary("Add a contact person to an organisation");
        write.MapPut("/people/{id:guid}", UpdatePerson).WithName("UpdatePerson").WithSummary("Change a contact person")
            .ProducesProblem(StatusCodes.Status409Conflict);
        write.MapPost("/people/{id:guid}/retire", (Guid id, int? version, DirectoryEditor editor, CancellationToken ct) =>
                PersonResult(editor.RetirePersonAsync(id, version, ct)))
            .WithName("RetirePerson").WithSummary("Retire a contact person").ProducesProblem(StatusCodes.Status409Conflict);
        write.MapPost("/people/{id:guid}/restore", (Guid id, int? version, DirectoryEditor editor, CancellationToken ct) =>
                PersonResult(editor.RestorePersonAsync(id, version, ct)))
            .WithName("RestorePerson").WithSummary("Restore a retired contact person (editors)").ProducesProblem(StatusCodes.Status409Conflict);

        write.MapPost("/bodies", CreateBody).WithName("CreateBody").WithSummary("Add a co-ordination body with its members (editors)");
        write.MapPut("/bodies/{id:guid}", UpdateBody).WithName("UpdateBody").WithSummary("Change a co-ordination body; 'members' replaces the list (editors)")
            .ProducesProblem(StatusCodes.Status409Conflict);
        write.MapPost("/bodies/{id:guid}/retire", (Guid id, int? version, DirectoryEditor editor, AppDbContext db, CancellationToken ct) =>
                BodyResult(editor.RetireBodyAsync(id, version, ct), db, ct))
            .WithName("RetireBody").WithSummary("Retire a co-ordination body (editors)").ProducesProblem(StatusCodes.Status409Conflict);
        write.MapPost("/bodies/{id:guid}/restore", (Guid id, int? version, DirectoryEditor editor, AppDbContext db, CancellationToken ct) =>
                BodyResult(editor.RestoreBodyAsync(id, version, ct), db, ct))
            .WithName("RestoreBody").WithSummary("Restore a retired co-ordination body (editors)").ProducesProblem(StatusCodes.Status409Conflict);
        return api;
    }

    // ---------------------------------------------------------------- reads

    private static async Task<Ok<PageDto<PersonDto>>> ListPeople(
        DirectorySearch directory, Guid? organisation, FocalPointRole? role, bool? includeRetired, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        var people = await directory.PeoplePageAsync(
            p => (organisation == null || p.OrganisationId == organisation) && (role == null || p.Role == role),
            includeRetired == true,
            page,
            pageSize,
            cancellationToken);
        return TypedResults.Ok(PageDto.From(people, PersonDto.From));
    }

    private static async Task<Results<Ok<PersonDto>, NotFound>> GetPerson(Guid id, DirectorySearch directory, CancellationToken cancellationToken) =>
        await directory.People(p => p.Id == id, includeRetired: true).FirstOrDefaultAsync(cancellationToken) is { } person
            ? TypedResults.Ok(PersonDto.From(person))
            : TypedResults.NotFound();

    private static async Task<Ok<PageDto<CoordinationBodyDto>>> ListBodies(
        DirectorySearch directory, CurrentUser user, string? country, CoordinationBodyKind? kind, bool? includeRetired, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        var (number, size) = Paging.Normalize(page, pageSize);
        var query = directory.Bodies(includeRetired == true);
        if (!string.IsNullOrWhiteSpace(country))
        {
            var code = country.Trim().ToUpperInvariant();
            query = query.Where(b => b.CountryCode == code);
        }

        if (kind is { } k)
        {
            query = query.Where(b => b.Kind == k);
        }

        var total = await query.CountAsync(cancellationToken);
        var items = await WithVisibleMembers(query.OrderBy(b => b.Name).ThenBy(b => b.Id).Skip((number - 1) * size).Take(size), user.IsEditor)
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(PageDto.From(new Page<CoordinationBody>(items, number, size, total), BodyDto));
    }

    private static async Task<Results<Ok<CoordinationBodyDto>, NotFound>> GetBody(Guid id, DirectorySearch directory, CurrentUser user, CancellationToken cancellationToken) =>
        await WithVisibleMembers(directory.Bodies(includeRetired: true).Where(b => b.Id == id), user.IsEditor).FirstOrDefaultAsync(cancellationToken) is { } body
            ? TypedResults.Ok(BodyDto(body))
            : TypedResults.NotFound();

    /// <summary>Seats of retired organisations are left out in the query, except for editors.</summary>
    private static IQueryable<CoordinationBody> WithVisibleMembers(IQueryable<CoordinationBody> bodies, bool editor) =>
        bodies.Include(b => b.Members.Where(m => editor || m.Organisation!.RetiredAt == null)).ThenInclude(m => m.Organisation);

    private static async Task<Results<Ok<IReadOnlyList<HistoryEntryDto>>, NotFound>> History(
        HistoryKind kind, Guid id, DirectoryHistory history, CancellationToken cancellationToken)
    {
        var record = await history.ReadAsync(kind, id, cancellationToken);
        if (record is null)
        {
            return TypedResults.NotFound();
        }

        IReadOnlyList<HistoryEntryDto> entries = [.. record.Entries.Select(e => new HistoryEntryDto(
            e.ChangedAt,
            e.ChangedBy,
            e.Action,
            [.. e.Changes.Select(c => new FieldChangeDto(JsonNamingPolicy.CamelCase.ConvertName(c.Field), c.Before, c.After, c.MemberOrganisationId))]))];
        return TypedResults.Ok(entries);
    }

    // ---------------------------------------------------------------- writes

    private static async Task<Results<Created<OrganisationDto>, ValidationProblem, ForbidHttpResult>> CreateOrganisation(
        OrganisationInput input, DirectoryEditor editor, CancellationToken cancellationToken)
    {
        var result = await editor.CreateOrganisationAsync(input, cancellationToken);
        return result.Outcome switch
        {
            EditOutcome.Saved => TypedResults.Created($"/api/v1/organisations/{result.Record!.Id}", OrganisationDto.From(result.Record)),
            EditOutcome.Invalid => Invalid(result.Errors),
            EditOutcome.Forbidden => TypedResults.Forbid(),
            _ => throw Unexpected(result.Outcome),
        };
    }

    private static Task<Results<Ok<OrganisationDto>, ValidationProblem, ForbidHttpResult, NotFound, ProblemHttpResult>> UpdateOrganisation(
        Guid id, OrganisationInput input, DirectoryEditor editor, CancellationToken cancellationToken) =>
        OrganisationResult(editor.UpdateOrganisationAsync(id, input, cancellationToken));

    private static async Task<Results<Created<PersonDto>, ValidationProblem, ForbidHttpResult>> CreatePerson(
        PersonInput input, DirectoryEditor editor, CancellationToken cancellationToken)
    {
        var result = await editor.CreatePersonAsync(input, cancellationToken);
        return result.Outcome switch
        {
            EditOutcome.Saved => TypedResults.Created($"/api/v1/people/{result.Record!.Id}", PersonDtoOf(result.Record)),
            EditOutcome.Invalid => Invalid(result.Errors),
            EditOutcome.Forbidden => TypedResults.Forbid(),
            _ => throw Unexpected(result.Outcome),
        };
    }

    private static Task<Results<Ok<PersonDto>, ValidationProblem, ForbidHttpResult, NotFound, ProblemHttpResult>> UpdatePerson(
        Guid id, PersonInput input, DirectoryEditor editor, CancellationToken cancellationToken) =>
        PersonResult(editor.UpdatePersonAsync(id, input, cancellationToken));

    private static async Task<Results<Created<CoordinationBodyDto>, ValidationProblem, ForbidHttpResult>> CreateBody(
        CoordinationBodyInput input, DirectoryEditor editor, AppDbContext db, CancellationToken cancellationToken)
    {
        var result = await editor.CreateBodyAsync(input, cancellationToken);
        return result.Outcome switch
        {
            EditOutcome.Saved => TypedResults.Created($"/api/v1/bodies/{result.Record!.Id}", await SavedBodyAsync(result.Record.Id, db, cancellationToken)),
            EditOutcome.Invalid => Invalid(result.Errors),
            EditOutcome.Forbidden => TypedResults.Forbid(),
            _ => throw Unexpected(result.Outcome),
        };
    }

    private static Task<Results<Ok<CoordinationBodyDto>, ValidationProblem, ForbidHttpResult, NotFound, ProblemHttpResult>> UpdateBody(
        Guid id, CoordinationBodyInput input, DirectoryEditor editor, AppDbContext db, CancellationToken cancellationToken) =>
        BodyResult(editor.UpdateBodyAsync(id, input, cancellationToken), db, cancellationToken);

    private static async Task<Results<Ok<OrganisationDto>, ValidationProblem, ForbidHttpResult, NotFound, ProblemHttpResult>> OrganisationResult(Task<EditResult<Organisation>> edit)
    {
        var result = await edit;
        return result.Outcome == EditOutcome.Saved ? TypedResults.Ok(OrganisationDto.From(result.Record!)) : NotSaved<Organisation, OrganisationDto>(result);
    }

    private static async Task<Results<Ok<PersonDto>, ValidationProblem, ForbidHttpResult, NotFound, ProblemHttpResult>> PersonResult(Task<EditResult<Person>> edit)
    {
        var result = await edit;
        return result.Outcome == EditOutcome.Saved ? TypedResults.Ok(PersonDtoOf(result.Record!)) : NotSaved<Person, PersonDto>(result);
    }

    private static async Task<Results<Ok<CoordinationBodyDto>, ValidationProblem, ForbidHttpResult, NotFound, ProblemHttpResult>> BodyResult(
        Task<EditResult<CoordinationBody>> edit, AppDbContext db, CancellationToken cancellationToken)
    {
        var result = await edit;
        return result.Outcome == EditOutcome.Saved ? TypedResults.Ok(await SavedBodyAsync(result.Record!.Id, db, cancellationToken)) : NotSaved<CoordinationBody, CoordinationBodyDto>(result);
    }

    /// <summary>The four ways a change is refused, as the API answers them.</summary>
    private static Results<Ok<T>, ValidationProblem, ForbidHttpResult, NotFound, ProblemHttpResult> NotSaved<TRecord, T>(EditResult<TRecord> result)
        where TRecord : class => result.Outcome switch
        {
            EditOutcome.Invalid => Invalid(result.Errors),
            EditOutcome.Forbidden => TypedResults.Forbid(),
            EditOutcome.NotFound => TypedResults.NotFound(),
            EditOutcome.Conflict => TypedResults.Problem(
                title: "Edit conflict",
                detail: "Someone else changed this record after you read it (its version is different). Read it again and make your change on the new version.",
                statusCode: StatusCodes.Status409Conflict),
            _ => throw Unexpected(result.Outcome),
        };

    private static ValidationProblem Invalid(IReadOnlyDictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(errors.ToDictionary(e => JsonNamingPolicy.CamelCase.ConvertName(e.Key), e => e.Value, StringComparer.Ordinal));

    private static InvalidOperationException Unexpected(EditOutcome outcome) => new($"Unexpected outcome {outcome}.");

    /// <summary>Writers are signed in, so they see the restricted fields of the person they just saved.</summary>
    private static PersonDto PersonDtoOf(Person p) =>
        new(p.Id, p.OrganisationId, p.GivenName, p.FamilyName, p.JobTitle, p.Role, p.PublicEmail, p.PublicPhone, p.DirectPhone, p.PersonalEmail, p.RetiredAt is not null)
        {
            Version = p.Version,
        };

    private static async Task<CoordinationBodyDto> SavedBodyAsync(Guid id, AppDbContext db, CancellationToken cancellationToken) =>
        BodyDto(await db.CoordinationBodies.AsNoTracking().Include(b => b.Members).ThenInclude(m => m.Organisation)
            .FirstAsync(b => b.Id == id, cancellationToken));

    private static CoordinationBodyDto BodyDto(CoordinationBody b) => new(
        b.Id,
        b.Slug,
        b.Name,
        b.Kind,
        b.CountryCode,
        b.ConvenorId,
        b.Description,
        b.Established,
        b.Website,
        b.OriginalLanguage,
        [.. b.Translations.Select(t => new TranslationDto(t.Language, t.Name, t.Description))],
        [.. b.Members.OrderBy(m => m.Role).ThenBy(m => m.Organisation!.Name, StringComparer.Ordinal)
            .Select(m => new MemberDto(m.OrganisationId, m.Organisation!.Slug, m.Organisation.Name, m.Role))],
        b.RetiredAt is not null,
        b.Version);
}

/// <summary>One change to a record: when, by whom, what (Created, Updated, Retired, Restored) and the fields changed.</summary>
internal sealed record HistoryEntryDto(DateTimeOffset ChangedAt, string ChangedBy, string Action, IReadOnlyList<FieldChangeDto> Changes);

/// <summary>A changed field (camelCase property name) with its old and new value; for a member seat, the organisation.</summary>
internal sealed record FieldChangeDto(string Field, JsonNode? OldValue, JsonNode? NewValue, Guid? OrganisationId);
