using System.Text.Json;
using System.Text.Json.Serialization;
using Clearinghouse.Common;
using Clearinghouse.Data;
using Clearinghouse.Directory;
using Microsoft.EntityFrameworkCore;

namespace Clearinghouse.Activities;

/// <summary>
/// The demo inventory (Data/Demo/activities.json): activities named in the OSCE and Stability Pact source documents,
/// with dates and countries as those give them (no amounts: the documents state none), summaries in our own words,
/// participants linked to the demo directory by slug; and a few needs assessments. Loaded after the directory; records
/// whose slug exists are left alone. Each activity gets its first revision, so the as-of views know it.
/// </summary>
internal sealed class ActivitiesDemoData(TimeProvider clock) : IDemoDataSet
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerOptions.Web) { Converters = { new JsonStringEnumConverter() } };

    public string SettingKey => "demo-activities-loaded";

    public int Order => 10;

    public async Task<int> LoadAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        var file = Read();
        var now = clock.GetUtcNow();
        var organisations = await db.Organisations.Select(o => new { o.Slug, o.Id }).ToDictionaryAsync(o => o.Slug, o => o.Id, cancellationToken);
        var existing = await db.Activities.Select(a => a.Slug).ToListAsync(cancellationToken);
        var added = 0;
        foreach (var d in file.Activities.Where(d => !existing.Contains(d.Key)))
        {
            var activity = new Activity
            {
                Slug = d.Key,
                Title = d.Title,
                ReviewState = ReviewState.Published,
                CreatedAt = now,
                PublishedAt = now,
            };
            static IEnumerable<ParticipantInput> Linked(IEnumerable<string> keys, ParticipantRole role, Dictionary<string, Guid> ids) =>
                keys.Where(ids.ContainsKey).Select(k => new ParticipantInput(role, ids[k]));

            // Through the same input as the form, the API and imports, so the lists are stored in their canonical order
            // (sorted, once each) and re-importing an unchanged export finds nothing to change.
            new ActivityInput
            {
                Title = d.Title,
                Summary = d.Summary,
                Status = d.Status,
                StartDate = d.StartDate,
                EndDate = d.EndDate,
                Countries = d.Countries,
                IsRegional = d.IsRegional,
                AddressesInternalTrafficking = d.AddressesInternalTrafficking,
                ThematicAreas = d.ThematicAreas,
                TargetGroups = d.TargetGroups,
                FormsOfExploitation = d.FormsOfExploitation,
                Participants =
                [
                    .. Linked(d.Implementers, ParticipantRole.Implementer, organisations),
                    .. Linked(d.Partners, ParticipantRole.Partner, organisations),
                    .. Linked(d.Donors, ParticipantRole.Donor, organisations),
                ],
            }.ApplyTo(activity);
            db.Activities.Add(activity);
            db.ActivityRevisions.Add(new ActivityRevision { ActivityId = activity.Id, ValidFrom = now, Snapshot = ActivitySnapshot.Of(activity, 1).ToJson() });
            added++;
        }

        if (!await db.NeedsAssessments.AnyAsync(cancellationToken))
        {
            db.NeedsAssessments.AddRange(file.NeedsAssessments.Select(n => new NeedsAssessment
            {
                CountryCode = n.Country,
                Area = n.Area,
                Priority = n.Priority,
                Rationale = n.Rationale,
                SourceTitle = n.SourceTitle,
                AssessedOn = n.AssessedOn,
            }));
        }

        return added;
    }

    private static DemoFile Read()
    {
        using var stream = typeof(ActivitiesDemoData).Assembly.GetManifestResourceStream("Clearinghouse.Data.Demo.activities.json")
            ?? throw new InvalidOperationException("The embedded demo activities are missing.");
        return JsonSerializer.Deserialize<DemoFile>(stream, Json) ?? throw new InvalidOperationException("The demo activities are empty.");
    }

    private sealed record DemoFile(List<DemoActivity> Activities, List<DemoNeed> NeedsAssessments);

    private sealed record DemoActivity(
        string Key,
        string Title,
        string Summary,
        ActivityStatus Status,
        DateOnly? StartDate,
        DateOnly? EndDate,
        List<string> Countries,
        bool IsRegional,
        bool AddressesInternalTrafficking,
        List<ThematicArea> ThematicAreas,
        List<TargetGroup> TargetGroups,
        List<FormOfExploitation> FormsOfExploitation,
        List<string> Implementers,
        List<string> Partners,
        List<string> Donors);

    private sealed record DemoNeed(string Country, ThematicArea Area, NeedPriority Priority, string Rationale, string? SourceTitle, DateOnly AssessedOn);
}
