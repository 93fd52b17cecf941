using System.Text.Json;
using System.Text.Json.Serialization;
using Clearinghouse.Directory;

namespace Clearinghouse.Activities;

/// <summary>
/// An activity as it stood at one moment, with its participants: what an <see cref="ActivityRevision"/> stores as
/// JSON, and what the "as of a past date" views read back.
/// </summary>
internal sealed record ActivitySnapshot
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerOptions.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public Guid Id { get; init; }

    public required string Slug { get; init; }

    public required string Title { get; init; }

    public string? Summary { get; init; }

    public ActivityStatus Status { get; init; }

    public ReviewState ReviewState { get; init; }

    public DateOnly? StartDate { get; init; }

    public DateOnly? EndDate { get; init; }

    public List<string> Countries { get; init; } = [];

    public bool IsRegional { get; init; }

    public bool AddressesInternalTrafficking { get; init; }

    public List<ThematicArea> ThematicAreas { get; init; } = [];

    public List<TargetGroup> TargetGroups { get; init; } = [];

    public List<Common.FormOfExploitation> FormsOfExploitation { get; init; } = [];

    public decimal? Budget { get; init; }

    public string? BudgetCurrency { get; init; }

    public List<ActivityLinkInput> Links { get; init; } = [];

    public Guid? ContactPersonId { get; init; }

    public List<SnapshotParticipant> Participants { get; init; } = [];

    public List<Common.Translation> Translations { get; init; } = [];

    public Guid? MergedIntoId { get; init; }

    public DateTimeOffset? PublishedAt { get; init; }

    public DateTimeOffset? RetiredAt { get; init; }

    public int Version { get; init; }

    /// <summary>What the public saw of the activity at that moment: published and not retired.</summary>
    [JsonIgnore]
    public bool IsPublic => ReviewState == ReviewState.Published && RetiredAt is null;

    public static ActivitySnapshot Of(Activity a, int version) => new()
    {
        Id = a.Id,
        Slug = a.Slug,
        Title = a.Title,
        Summary = a.Summary,
        Status = a.Status,
        ReviewState = a.ReviewState,
        StartDate = a.StartDate,
        EndDate = a.EndDate,
        Countries = [.. a.Countries],
        IsRegional = a.IsRegional,
        AddressesInternalTrafficking = a.AddressesInternalTrafficking,
        ThematicAreas = [.. a.ThematicAreas],
        TargetGroups = [.. a.TargetGroups],
        FormsOfExploitation = [.. a.FormsOfExploitation],
        Budget = a.Budget,
        BudgetCurrency = a.BudgetCurrency,
        Links = [.. a.Links.Select(l => new ActivityLinkInput(l.Title, l.Url))],
        ContactPersonId = a.ContactPersonId,
        Participants = [.. a.Participants
            .OrderBy(p => p.Role).ThenBy(p => p.OrganisationId).ThenBy(p => p.Name, StringComparer.Ordinal)
            .Select(p => new SnapshotParticipant(p.Role, p.OrganisationId, p.Name, p.Amount, p.Currency, p.IatiRef))],
        Translations = [.. a.Translations.Select(t => new Common.Translation { Language = t.Language, Name = t.Name, Description = t.Description })],
        MergedIntoId = a.MergedIntoId,
        PublishedAt = a.PublishedAt,
        RetiredAt = a.RetiredAt,
        Version = version,
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static ActivitySnapshot Parse(string json) =>
        JsonSerializer.Deserialize<ActivitySnapshot>(json, Json) ?? throw new InvalidOperationException("Empty activity snapshot.");

    /// <summary>True when the two snapshots differ in anything but the version.</summary>
    public bool DiffersFrom(ActivitySnapshot other) =>
        (this with { Version = 0 }).ToJson() != (other with { Version = 0 }).ToJson();
}

/// <summary>A participant as stored in a snapshot.</summary>
internal sealed record SnapshotParticipant(
    ParticipantRole Role,
    Guid? OrganisationId,
    string? Name,
    decimal? Amount,
    string? Currency,
    string? IatiRef);
