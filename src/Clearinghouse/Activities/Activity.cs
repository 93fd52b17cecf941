using Clearinghouse.Common;
using Clearinghouse.Directory;

namespace Clearinghouse.Activities;

/// <summary>
/// A project or programme against trafficking: who does it, who funds it, where, on what, for whom and when.
/// Focal points enter their organisation's activities as drafts; editors publish them.
/// </summary>
internal sealed class Activity : IHasHistory
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    /// <summary>Stable, readable key used in addresses.</summary>
    public required string Slug { get; set; }

    public required string Title { get; set; }

    public string? Summary { get; set; }

    /// <summary>ISO 639-1 code of the language <see cref="Title"/> and <see cref="Summary"/> are written in.</summary>
    public string OriginalLanguage { get; set; } = "en";

    public List<Translation> Translations { get; set; } = [];

    public ActivityStatus Status { get; set; } = ActivityStatus.Planned;

    public ReviewState ReviewState { get; set; } = ReviewState.Draft;

    public DateOnly? StartDate { get; set; }

    public DateOnly? EndDate { get; set; }

    /// <summary>Countries where the activity takes place (ISO 3166 alpha-2 or XK). Empty with <see cref="IsRegional"/> for region-wide work.</summary>
    public List<string> Countries { get; set; } = [];

    /// <summary>Covers the whole region (or several countries as one regional programme) rather than named countries only.</summary>
    public bool IsRegional { get; set; }

    /// <summary>Addresses trafficking within one country (internal trafficking), not only across borders.</summary>
    public bool AddressesInternalTrafficking { get; set; }

    public List<ThematicArea> ThematicAreas { get; set; } = [];

    public List<TargetGroup> TargetGroups { get; set; } = [];

    public List<FormOfExploitation> FormsOfExploitation { get; set; } = [];

    /// <summary>Total budget in <see cref="BudgetCurrency"/>; null when not known.</summary>
    public decimal? Budget { get; set; }

    /// <summary>ISO 4217 code of <see cref="Budget"/>.</summary>
    public string? BudgetCurrency { get; set; }

    /// <summary>Links to the activity's own pages and documents.</summary>
    public List<ActivityLink> Links { get; set; } = [];

    /// <summary>Contact focal point in the directory.</summary>
    public Guid? ContactPersonId { get; set; }

    public Person? ContactPerson { get; set; }

    /// <summary>Implementers, partners and donors (with amounts).</summary>
    public List<ActivityParticipant> Participants { get; set; } = [];

    /// <summary>IATI identifiers under which publishers report this activity (donor and implementer may both publish it).</summary>
    public List<ActivityIatiIdentifier> IatiIdentifiers { get; set; } = [];

    /// <summary>Set when an editor merged this activity into another; the merged one is retired and points to the survivor.</summary>
    public Guid? MergedIntoId { get; set; }

    /// <summary>
    /// Search keys derived from the lists above (one row per country, area, target group, form of exploitation and
    /// country × area cell), kept up to date on every save, so that filters and the gap matrix use an index.
    /// </summary>
    public List<ActivityFacet> Facets { get; set; } = [];

    /// <summary>Lower-cased title, summary and translations, for free-text search on any provider.</summary>
    public string SearchText { get; set; } = string.Empty;

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? PublishedAt { get; set; }

    public DateTimeOffset? RetiredAt { get; set; }

    public int Version { get; set; }

    public LocalizedText Localize(string language) =>
        Translations.Localize(language, Title, Summary, OriginalLanguage);

    /// <summary>Brings <see cref="Facets"/> in line with the lists (adds and removes rows; unchanged rows stay).</summary>
    public void RefreshFacets()
    {
        var wanted = ActivityFacet.KeysOf(this);
        Facets.RemoveAll(f => !wanted.Contains(f.Key));
        foreach (var key in wanted.Except(Facets.Select(f => f.Key)))
        {
            Facets.Add(new ActivityFacet { Key = key });
        }
    }

    public void RefreshSearchText() =>
        SearchText = SearchTextBuilder.Build([Title, Summary, .. Translations.SelectMany(t => new[] { t.Name, t.Description })]);
}

/// <summary>
/// One search key of an activity: "c:MD" (country), "a:Prevention" (thematic area), "t:Women" (target group),
/// "f:ForcedLabour" (form of exploitation), "x:MD:Prevention" (a cell of the gap matrix).
/// </summary>
internal sealed class ActivityFacet
{
    public const string Country = "c:";
    public const string Area = "a:";
    public const string TargetGroup = "t:";
    public const string Form = "f:";
    public const string Cell = "x:";

    public required string Key { get; set; }

    public static HashSet<string> KeysOf(Activity a)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        keys.UnionWith(a.Countries.Select(c => Country + c));
        keys.UnionWith(a.ThematicAreas.Select(t => Area + t));
        keys.UnionWith(a.TargetGroups.Select(t => TargetGroup + t));
        keys.UnionWith(a.FormsOfExploitation.Select(f => Form + f));
        keys.UnionWith(a.Countries.SelectMany(c => a.ThematicAreas.Select(t => $"{Cell}{c}:{t}")));
        return keys;
    }
}

internal enum ActivityStatus
{
    Planned,
    Ongoing,
    Completed,
    Cancelled,
}

/// <summary>Where a record stands in the editorial review: only published activities are public.</summary>
internal enum ReviewState
{
    Draft,
    Submitted,
    Published,
}

/// <summary>A titled link (web page, report, document in the library).</summary>
internal sealed class ActivityLink
{
    public required string Title { get; set; }

    public required string Url { get; set; }
}

/// <summary>
/// An organisation's part in an activity. Linked to the directory when known; an unlinked name is kept as given
/// (e.g. from an IATI file naming an organisation the directory does not have yet).
/// </summary>
internal sealed class ActivityParticipant
{
    public long Id { get; set; }

    public Guid ActivityId { get; set; }

    public Activity? Activity { get; set; }

    public ParticipantRole Role { get; set; }

    public Guid? OrganisationId { get; set; }

    public Organisation? Organisation { get; set; }

    /// <summary>Name as given when the organisation is not (yet) in the directory.</summary>
    public string? Name { get; set; }

    /// <summary>IATI organisation identifier, when known (e.g. "XM-DAC-41122").</summary>
    public string? IatiRef { get; set; }

    /// <summary>For donors: the amount committed, in <see cref="Currency"/>.</summary>
    public decimal? Amount { get; set; }

    /// <summary>ISO 4217 code of <see cref="Amount"/>.</summary>
    public string? Currency { get; set; }
}

/// <summary>The IATI organisation roles (code list OrganisationRole: 1 Funding, 2 Accountable, 3 Extending, 4 Implementing), plus partner.</summary>
internal enum ParticipantRole
{
    Implementer,
    Partner,
    Donor,
    Accountable,
    Extending,
}

/// <summary>An IATI activity identifier under which this activity is published; re-importing it updates the same activity.</summary>
internal sealed class ActivityIatiIdentifier
{
    /// <summary>The IATI identifier (reporting organisation's ref + "-" + its own id).</summary>
    public required string Identifier { get; set; }

    public Guid ActivityId { get; set; }

    public Activity? Activity { get; set; }

    /// <summary>IATI ref of the organisation that published this record.</summary>
    public string? ReportingOrgRef { get; set; }

    public DateTimeOffset? LastImportedAt { get; set; }
}

/// <summary>An analyst's judgement of the need for work in one thematic area in one country.</summary>
internal sealed class NeedsAssessment : IHasHistory
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public required string CountryCode { get; set; }

    public ThematicArea Area { get; set; }

    public NeedPriority Priority { get; set; }

    public required string Rationale { get; set; }

    /// <summary>Title or citation of the source (assessment report, mission report, ...).</summary>
    public string? SourceTitle { get; set; }

    public string? SourceUrl { get; set; }

    public DateOnly AssessedOn { get; set; }

    public DateTimeOffset? RetiredAt { get; set; }

    public int Version { get; set; }
}

internal enum NeedPriority
{
    Low,
    Medium,
    High,
}

/// <summary>A conversion rate kept by editors, used only where totals across currencies are asked for (and labelled as converted).</summary>
internal sealed class ExchangeRate : IHasHistory
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    /// <summary>ISO 4217 code converted from.</summary>
    public required string Currency { get; set; }

    /// <summary>ISO 4217 code converted to (the reporting currency, e.g. EUR).</summary>
    public required string ToCurrency { get; set; }

    /// <summary>Units of <see cref="ToCurrency"/> per unit of <see cref="Currency"/>.</summary>
    public decimal Rate { get; set; }

    /// <summary>Year the rate applies to (amounts are converted with the rate of their activity's start year).</summary>
    public int Year { get; set; }

    public string? Source { get; set; }

    public DateTimeOffset? RetiredAt { get; set; }

    public int Version { get; set; }
}

/// <summary>An editor's decision that two activities flagged as possible duplicates are different activities.</summary>
internal sealed class DuplicateDismissal
{
    /// <summary>The smaller of the two activity ids (pairs are stored once, in order).</summary>
    public Guid FirstActivityId { get; set; }

    public Guid SecondActivityId { get; set; }

    public required string DecidedBy { get; set; }

    public DateTimeOffset DecidedAt { get; set; }
}

/// <summary>
/// The state of an activity from <see cref="ValidFrom"/> until <see cref="ValidTo"/> (null: still current), as JSON,
/// written on every change, so the inventory can be shown as it stood on a past date.
/// </summary>
internal sealed class ActivityRevision
{
    public long Id { get; set; }

    public Guid ActivityId { get; set; }

    public DateTimeOffset ValidFrom { get; set; }

    public DateTimeOffset? ValidTo { get; set; }

    /// <summary>The activity (with its participants) serialised as JSON.</summary>
    public required string Snapshot { get; set; }
}
