using System.Text.Json;
using Clearinghouse.Activities;
using Clearinghouse.Common;
using Clearinghouse.Directory;
using Clearinghouse.Web.Accounts;
using Clearinghouse.Web.Directory;
using Clearinghouse.Web.Shared;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Clearinghouse.Web.Activities;

/// <summary>
/// The activities inventory through /api/v1: reading (published activities for everyone; drafts for their
/// organisation's focal points and for editors) and writing (API token only).
/// </summary>
internal static class ActivitiesApi
{
    private const string WriteDescription =
        "Needs an API token (Authorization: Bearer ...); browser cookies are refused. Focal points enter and change their own "
        + "organisation's activities (it is added as an implementer) while they are drafts or submitted; editors change and "
        + "publish everything. Updates must send the 'version' last read: a different stored version answers 409. Validation "
        + "problems answer 400 with the field named in 'errors' (camelCase, e.g. 'participants[0].currency'). Activities are "
        + "retired and restored, never deleted.";

    public static RouteGroupBuilder MapActivitiesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/activities").WithTags("Activities").RequireRateLimiting(WebShell.ApiRateLimit);
        api.MapGet(string.Empty, List).WithName("ListActivities").WithSummary("List and filter activities")
            .WithDescription("Filters combine with AND: country (ISO code), area, targetGroup, form (of exploitation), organisation "
                + "(any role), donor, status, active (true: not cancelled), review (signed-in), from/to (period overlap), q (words in title and summary). Newest "
                + "start first. pageSize is at most 100. 'count' stops at 1,001: 'countIsCapped' then means more than 1,000.");
        api.MapGet("/{id:guid}", Get).WithName("GetActivity").WithSummary("Get one activity with its participants");

        var write = api.MapGroup(string.Empty).WithTags("Activities editing").RequireAuthorization(Policies.ApiWriter)
            .WithDescription(WriteDescription).ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        write.MapPost(string.Empty, Create).WithName("CreateActivity").WithSummary("Enter an activity (as a draft)");
        write.MapPut("/{id:guid}", (Guid id, ActivityInput input, ActivityEditor editor, CancellationToken ct) => Result(editor.UpdateAsync(id, input, ct)))
            .WithName("UpdateActivity").WithSummary("Change an activity").ProducesProblem(StatusCodes.Status409Conflict);
        write.MapPost("/{id:guid}/submit", (Guid id, int? version, ActivityEditor editor, CancellationToken ct) => Result(editor.SubmitAsync(id, version, ct)))
            .WithName("SubmitActivity").WithSummary("Hand a draft to the editors for review").ProducesProblem(StatusCodes.Status409Conflict);
        write.MapPost("/{id:guid}/publish", (Guid id, int? version, ActivityEditor editor, CancellationToken ct) => Result(editor.PublishAsync(id, version, ct)))
            .WithName("PublishActivity").WithSummary("Publish an activity (editors)").ProducesProblem(StatusCodes.Status409Conflict);
        write.MapPost("/{id:guid}/retire", (Guid id, int? version, ActivityEditor editor, CancellationToken ct) => Result(editor.RetireAsync(id, version, ct)))
            .WithName("RetireActivity").WithSummary("Retire an activity").ProducesProblem(StatusCodes.Status409Conflict);
        write.MapPost("/{id:guid}/restore", (Guid id, int? version, ActivityEditor editor, CancellationToken ct) => Result(editor.RestoreAsync(id, version, ct)))
            .WithName("RestoreActivity").WithSummary("Restore a retired activity (editors)").ProducesProblem(StatusCodes.Status409Conflict);
        return api;
    }

    private static async Task<Ok<ActivityPageDto>> List(
        ActivitySearch search,
        string? q,
        string? country,
        ThematicArea? area,
        TargetGroup? targetGroup,
        FormOfExploitation? form,
        Guid? organisation,
        Guid? donor,
        ActivityStatus? status,
        ReviewState? review,
        DateOnly? from,
        DateOnly? to,
        bool? includeRetired,
        bool? active,
        int? page,
        int? pageSize,
        CancellationToken cancellationToken)
    {
        var filter = new ActivityFilter
        {
            Q = q,
            Country = country,
            Area = area,
            TargetGroup = targetGroup,
            Form = form,
            Organisation = organisation,
            Donor = donor,
            Status = status,
            Review = review,
            From = from,
            To = to,
            IncludeRetired = includeRetired == true,
            Active = active == true,
        };
        var result = await search.SearchAsync(filter, page, pageSize, "en", cancellationToken);
        return TypedResults.Ok(new ActivityPageDto(
            [.. result.Items.Select(a => new ActivityListItemDto(
                a.Id, a.Slug, a.Localized.Name, a.Status, a.ReviewState, a.StartDate, a.EndDate, a.Countries, a.IsRegional, a.ThematicAreas,
                a.Budget, a.BudgetCurrency, a.Implementers, a.Donors, a.IsRetired))],
            result.PageNumber,
            result.PageSize,
            Math.Min(result.Count, ActivitySearch.CountCap + 1),
            result.CountIsCapped,
            result.HasMore));
    }

    private static async Task<Results<Ok<ActivityDto>, NotFound>> Get(Guid id, ActivitySearch search, CancellationToken cancellationToken) =>
        await search.FindAsync(id, null, cancellationToken) is { } activity ? TypedResults.Ok(ActivityDto.From(activity)) : TypedResults.NotFound();

    private static async Task<Results<Created<ActivityDto>, ValidationProblem, ForbidHttpResult>> Create(
        ActivityInput input, ActivityEditor editor, ActivitySearch search, CancellationToken cancellationToken)
    {
        var result = await editor.CreateAsync(input, cancellationToken);
        return result.Outcome switch
        {
            EditOutcome.Saved => TypedResults.Created($"/api/v1/activities/{result.Record!.Id}", ActivityDto.From((await search.FindAsync(result.Record.Id, null, cancellationToken))!)),
            EditOutcome.Invalid => Invalid(result.Errors),
            EditOutcome.Forbidden => TypedResults.Forbid(),
            _ => throw new InvalidOperationException($"Unexpected outcome {result.Outcome}."),
        };
    }

    private static async Task<Results<Ok<ActivityDto>, ValidationProblem, ForbidHttpResult, NotFound, ProblemHttpResult>> Result(Task<EditResult<Activity>> edit)
    {
        var result = await edit;
        return result.Outcome switch
        {
            EditOutcome.Saved => TypedResults.Ok(ActivityDto.From(result.Record!)),
            EditOutcome.Invalid => Invalid(result.Errors),
            EditOutcome.Forbidden => TypedResults.Forbid(),
            EditOutcome.NotFound => TypedResults.NotFound(),
            _ => TypedResults.Problem(
                title: "Edit conflict",
                detail: "Someone else changed this activity after you read it (its version is different). Read it again and make your change on the new version.",
                statusCode: StatusCodes.Status409Conflict),
        };
    }

    /// <summary>Field names as sent in JSON: each segment in camelCase ("Participants[0].Currency" → "participants[0].currency").</summary>
    private static ValidationProblem Invalid(IReadOnlyDictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(errors.ToDictionary(
            e => string.Join('.', e.Key.Split('.').Select(JsonNamingPolicy.CamelCase.ConvertName)),
            e => e.Value,
            StringComparer.Ordinal));
}

internal sealed record ActivityPageDto(IReadOnlyList<ActivityListItemDto> Items, int Page, int PageSize, int Count, bool CountIsCapped, bool HasMore);

internal sealed record ActivityListItemDto(
    Guid Id,
    string Slug,
    string Title,
    ActivityStatus Status,
    ReviewState ReviewState,
    DateOnly? StartDate,
    DateOnly? EndDate,
    IReadOnlyList<string> Countries,
    bool IsRegional,
    IReadOnlyList<ThematicArea> ThematicAreas,
    decimal? Budget,
    string? BudgetCurrency,
    IReadOnlyList<string> Implementers,
    IReadOnlyList<string> Donors,
    bool IsRetired);

internal sealed record ParticipantDto(ParticipantRole Role, Guid? OrganisationId, string? OrganisationSlug, string? Name, decimal? Amount, string? Currency, string? IatiRef);

internal sealed record ActivityDto(
    Guid Id,
    string Slug,
    string Title,
    string? Summary,
    string OriginalLanguage,
    IReadOnlyList<TranslationDto> Translations,
    ActivityStatus Status,
    ReviewState ReviewState,
    DateOnly? StartDate,
    DateOnly? EndDate,
    IReadOnlyList<string> Countries,
    bool IsRegional,
    bool AddressesInternalTrafficking,
    IReadOnlyList<ThematicArea> ThematicAreas,
    IReadOnlyList<TargetGroup> TargetGroups,
    IReadOnlyList<FormOfExploitation> FormsOfExploitation,
    decimal? Budget,
    string? BudgetCurrency,
    IReadOnlyList<ActivityLinkInput> Links,
    Guid? ContactPersonId,
    IReadOnlyList<ParticipantDto> Participants,
    DateTimeOffset? PublishedAt,
    bool IsRetired,
    int Version)
{
    public static ActivityDto From(Activity a) => new(
        a.Id,
        a.Slug,
        a.Title,
        a.Summary,
        a.OriginalLanguage,
        [.. a.Translations.Select(t => new TranslationDto(t.Language, t.Name, t.Description))],
        a.Status,
        a.ReviewState,
        a.StartDate,
        a.EndDate,
        a.Countries,
        a.IsRegional,
        a.AddressesInternalTrafficking,
        a.ThematicAreas,
        a.TargetGroups,
        a.FormsOfExploitation,
        a.Budget,
        a.BudgetCurrency,
        [.. a.Links.Select(l => new ActivityLinkInput(l.Title, l.Url))],
        a.ContactPersonId,
        [.. a.Participants.OrderBy(p => p.Role).ThenBy(p => p.Id)
            .Select(p => new ParticipantDto(p.Role, p.OrganisationId, p.Organisation?.Slug, p.Organisation?.Name ?? p.Name, p.Amount, p.Currency, p.IatiRef))],
        a.PublishedAt,
        a.RetiredAt is not null,
        a.Version);
}
