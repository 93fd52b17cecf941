using Clearinghouse.Common;
using Clearinghouse.Directory;

namespace Clearinghouse.Activities.Duplicates;

/// <summary>Why two activities look alike (reason codes; pages show them through their English labels).</summary>
internal enum DuplicateReason
{
    SameIatiIdentifier,
    SimilarTitle,
    SimilarSummary,
    SameCountry,
    SameArea,
    OverlappingPeriod,
    SameImplementer,
    SameDonor,
}

/// <summary>What the scorer compares of an activity (an existing one, or one being entered or imported).</summary>
internal sealed record DuplicateProbe(
    Guid? Id,
    string Title,
    string? Summary,
    IReadOnlyCollection<string> Countries,
    bool IsRegional,
    IReadOnlyCollection<ThematicArea> Areas,
    DateOnly? Start,
    DateOnly? End,
    IReadOnlyCollection<string> Implementers,
    IReadOnlyCollection<string> Donors,
    IReadOnlyCollection<string> IatiIdentifiers)
{
    /// <summary>Participants are compared by directory id when linked, else by normalised name.</summary>
    public static string ParticipantKey(Guid? organisationId, string? name) =>
        organisationId is { } id ? id.ToString("N") : NamePrefix + SearchTextBuilder.Normalize(name ?? string.Empty);

    /// <summary>The directory id in a <see cref="ParticipantKey"/>, or null for a participant known by name only.</summary>
    public static Guid? OrganisationOf(string participantKey) =>
        participantKey.StartsWith(NamePrefix, StringComparison.Ordinal) ? null : Guid.ParseExact(participantKey, "N");

    private const string NamePrefix = "name:";

    /// <summary>An activity as entered in a form, the API or an import row (not saved yet, or being edited).</summary>
    public static DuplicateProbe Of(ActivityInput input, Guid? id = null, IReadOnlyCollection<string>? iatiIdentifiers = null) => new(
        id,
        input.Title ?? string.Empty,
        input.Summary,
        [.. input.Countries.Select(c => c.Trim().ToUpperInvariant())],
        input.IsRegional,
        [.. input.ThematicAreas],
        input.StartDate,
        input.EndDate,
        [.. input.Participants.Where(p => p.Role is ParticipantRole.Implementer or ParticipantRole.Partner).Select(p => ParticipantKey(p.OrganisationId, p.Name))],
        [.. input.Participants.Where(p => p.Role == ParticipantRole.Donor).Select(p => ParticipantKey(p.OrganisationId, p.Name))],
        iatiIdentifiers ?? []);

    public static DuplicateProbe Of(Activity a) => new(
        a.Id,
        a.Title,
        a.Summary,
        a.Countries,
        a.IsRegional,
        a.ThematicAreas,
        a.StartDate,
        a.EndDate,
        [.. a.Participants.Where(p => p.Role is ParticipantRole.Implementer or ParticipantRole.Partner).Select(p => ParticipantKey(p.OrganisationId, p.Name))],
        [.. a.Participants.Where(p => p.Role == ParticipantRole.Donor).Select(p => ParticipantKey(p.OrganisationId, p.Name))],
        [.. a.IatiIdentifiers.Select(i => i.Identifier)]);
}

/// <summary>
/// Scores how likely two activities are the same or overlapping work. Text is compared as sets of character trigrams
/// of the normalised words (lower case, accents removed, any script: Russian compares like English), which tolerates
/// word order, inflection and small spelling differences. The score (0–100) adds weighted evidence; the reasons say
/// which. Pure and fast: the database pre-filters candidates, this ranks them in memory.
/// </summary>
internal static class DuplicateScorer
{
    /// <summary>Candidates scoring at least this are shown as possible duplicates.</summary>
    public const int Threshold = 50;

    /// <summary>Titles or summaries at least this similar count as evidence.</summary>
    private const double SimilarText = 0.35;

    public static (int Score, IReadOnlyList<DuplicateReason> Reasons) Score(DuplicateProbe a, DuplicateProbe b) => Score(a, b, Trigrams);

    /// <summary>
    /// As <see cref="Score(DuplicateProbe, DuplicateProbe)"/>, taking each text's trigrams from <paramref name="trigrams"/>
    /// (a cache, when one activity is compared with many).
    /// </summary>
    public static (int Score, IReadOnlyList<DuplicateReason> Reasons) Score(DuplicateProbe a, DuplicateProbe b, Func<string, TrigramSet> trigrams)
    {
        var reasons = new List<DuplicateReason>();
        if (a.IatiIdentifiers.Intersect(b.IatiIdentifiers, StringComparer.Ordinal).Any())
        {
            return (100, [DuplicateReason.SameIatiIdentifier]);
        }

        double score = 0;
        var title = Similarity(trigrams(a.Title), trigrams(b.Title));
        if (title >= SimilarText)
        {
            score += 45 * title;
            reasons.Add(DuplicateReason.SimilarTitle);
        }

        if (a.Summary is not null && b.Summary is not null)
        {
            var summary = Similarity(trigrams(a.Summary), trigrams(b.Summary));
            if (summary >= SimilarText)
            {
                score += 15 * summary;
                reasons.Add(DuplicateReason.SimilarSummary);
            }
        }

        if (a.Countries.Intersect(b.Countries, StringComparer.Ordinal).Any() || (a.IsRegional && b.IsRegional && a.Countries.Count + b.Countries.Count == 0))
        {
            score += 10;
            reasons.Add(DuplicateReason.SameCountry);
        }

        if (a.Areas.Intersect(b.Areas).Any())
        {
            score += 5;
            reasons.Add(DuplicateReason.SameArea);
        }

        if (Overlap(a, b))
        {
            score += 10;
            reasons.Add(DuplicateReason.OverlappingPeriod);
        }

        if (a.Implementers.Intersect(b.Implementers, StringComparer.Ordinal).Any())
        {
            score += 15;
            reasons.Add(DuplicateReason.SameImplementer);
        }

        if (a.Donors.Intersect(b.Donors, StringComparer.Ordinal).Any())
        {
            score += 10;
            reasons.Add(DuplicateReason.SameDonor);
        }

        // Without some likeness of the text, sharing a country, area and period is normal co-existence, not duplication.
        if (!reasons.Contains(DuplicateReason.SimilarTitle) && !reasons.Contains(DuplicateReason.SimilarSummary))
        {
            score = Math.Min(score, Threshold - 1);
        }

        return ((int)Math.Round(Math.Min(score, 100)), reasons);
    }

    /// <summary>
    /// The most <see cref="Score(DuplicateProbe, DuplicateProbe)"/> could give <paramref name="probe"/> against an activity
    /// whose title has similarity <paramref name="title"/> with the probe's, whose summary has similarity
    /// <paramref name="summary"/> (0 when either has none; null when not known yet: then assumed alike), whose period
    /// overlaps the probe's or not (<paramref name="overlap"/>), which shares an implementer or donor with it or not, and
    /// whose country and area are assumed to match. Below <see cref="Threshold"/> − 0.5 the activity cannot be shown.
    /// </summary>
    public static double Bound(DuplicateProbe probe, double title, double? summary, bool overlap, bool sharedImplementer, bool sharedDonor)
    {
        var text = (title >= SimilarText ? 45 * title : 0)
            + (summary is { } known ? (known >= SimilarText ? 15 * known : 0) : probe.Summary is not null ? 15 : 0);
        var score = text + 10 + 5 + (overlap ? 10 : 0) + (sharedImplementer ? 15 : 0) + (sharedDonor ? 10 : 0);
        return text == 0 ? Math.Min(score, Threshold - 1) : Math.Min(score, 100);
    }

    /// <summary>Periods overlap when both are known and intersect; an open end runs on.</summary>
    public static bool Overlap(DuplicateProbe a, DuplicateProbe b) => Overlap(a.Start, a.End, b.Start, b.End);

    /// <summary>As <see cref="Overlap(DuplicateProbe, DuplicateProbe)"/>, of two periods given by their dates.</summary>
    public static bool Overlap(DateOnly? aStart, DateOnly? aEnd, DateOnly? bStart, DateOnly? bEnd) =>
        aStart is not null && bStart is not null
        && aStart <= (bEnd ?? DateOnly.MaxValue) && bStart <= (aEnd ?? DateOnly.MaxValue);

    /// <summary>Dice coefficient of the two texts' trigram sets (0 = nothing shared, 1 = same).</summary>
    public static double Similarity(string left, string right) => Similarity(Trigrams(left), Trigrams(right));

    /// <summary>As <see cref="Similarity(string, string)"/>, of two texts' <see cref="Trigrams"/> worked out beforehand.</summary>
    public static double Similarity(TrigramSet a, TrigramSet b)
    {
        if (a.Count == 0 || b.Count == 0)
        {
            return 0;
        }

        return 2.0 * TrigramSet.Shared(a, b) / (a.Count + b.Count);
    }

    /// <summary>
    /// As <see cref="Similarity(TrigramSet, TrigramSet)"/> of the set <paramref name="set"/> (<see cref="TrigramSet.Matcher"/>)
    /// and the trigrams of <paramref name="text"/>, without building the latter's set (for one text compared with many).
    /// </summary>
    public static double Similarity(TrigramMatcher set, string text)
    {
        var (count, shared) = TrigramSet.Compare(set, TrigramSet.IsPlain(text) ? text : SearchTextBuilder.Normalize(text), StopWords);
        return set.Count == 0 || count == 0 ? 0 : 2.0 * shared / (set.Count + count);
    }

    /// <summary>Trigrams of each word padded with spaces (" mo", "mol", ..., "va "), after normalisation; punctuation splits words.</summary>
    public static TrigramSet Trigrams(string text) =>
        TrigramSet.IsPlain(text) ? TrigramSet.Of(text, StopWords) : TrigramSet.Of(SearchTextBuilder.Normalize(text), StopWords);

    /// <summary>Words too common in this domain to tell activities apart (English and Russian).</summary>
    private static readonly HashSet<string> StopWordSet = new(StringComparer.Ordinal)
    {
        "the", "of", "and", "in", "for", "to", "on", "a", "an", "with", "by", "at", "from", "project", "programme", "program",
        "в", "и", "на", "по", "для", "с", "о", "об", "от", "к", "проект", "программа",
    };

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> StopWords = StopWordSet.GetAlternateLookup<ReadOnlySpan<char>>();
}
