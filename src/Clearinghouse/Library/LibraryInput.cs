using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Clearinghouse.Common;
using Clearinghouse.Countries;
using Clearinghouse.Directory;

namespace Clearinghouse.Library;

/// <summary>
/// What a user sets when adding a document, from the upload form, the API or a bulk-load CSV row. One validator
/// serves all three and returns every problem at once, keyed by field name.
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
internal sealed partial record LibraryInput
{
    public string? Title { get; init; }

    /// <summary>ISO 639-1 code of the language of this version ("en", "ru").</summary>
    public string? Language { get; init; }

    public DocumentType? Type { get; init; }

    public IReadOnlyList<ThematicArea> Themes { get; init; } = [];

    public IReadOnlyList<string> Countries { get; init; } = [];

    public IReadOnlyList<Audience> Audiences { get; init; } = [];

    public Guid? PublisherId { get; init; }

    public string? PublisherName { get; init; }

    /// <summary>Authors as printed on the document ("A. Author; B. Author"), whether or not they are in the directory.</summary>
    public string? Authors { get; init; }

    /// <summary>Authors who are contact people in the directory: each the person's id or public e-mail address.</summary>
    public IReadOnlyList<string> AuthorPersonIds { get; init; } = [];

    public DateOnly? PublicationDate { get; init; }

    public int? PublicationYear { get; init; }

    public AccessLevel? AccessLevel { get; init; }

    public string? Provenance { get; init; }

    public VerificationStatus? VerificationStatus { get; init; }

    public DateOnly? InForceAsOf { get; init; }

    public bool IsOfficialTranslation { get; init; }

    public string? Summary { get; init; }

    public string? ExternalUrl { get; init; }

    /// <summary>Related activities of the inventory: each the activity's id or the key (slug) in its address.</summary>
    public IReadOnlyList<string> RelatedActivityIds { get; init; } = [];

    /// <summary>Related meetings of the directory: each the meeting's id or key (slug).</summary>
    public IReadOnlyList<string> RelatedMeetingIds { get; init; } = [];

    /// <summary>When correcting a document: the version of the document the change was made to (optimistic concurrency).</summary>
    public int? Version { get; init; }

    /// <summary>The current metadata of a document and one of its language versions, as the edit form and API take it.</summary>
    public static LibraryInput From(LibraryWork work, LibraryEdition edition) => new()
    {
        Title = edition.Title,
        Language = edition.Language,
        Type = work.Type,
        Themes = work.Themes,
        Countries = work.Countries,
        Audiences = work.Audiences,
        PublisherId = work.PublisherId,
        PublisherName = work.PublisherName,
        Authors = work.Authors,
        PublicationDate = work.PublicationDate,
        PublicationYear = work.PublicationYear,
        AccessLevel = work.AccessLevel,
        Provenance = work.Provenance,
        VerificationStatus = work.VerificationStatus,
        InForceAsOf = work.InForceAsOf,
        IsOfficialTranslation = edition.IsOfficialTranslation,
        Summary = edition.Summary,
        ExternalUrl = edition.ExternalUrl,
        AuthorPersonIds = [.. work.AuthorPersonIds.Select(LibraryLinks.IdText)],
        RelatedActivityIds = work.RelatedActivityIds,
        RelatedMeetingIds = [.. work.RelatedMeetingIds.Select(LibraryLinks.IdText)],
        Version = work.Version,
    };

    public Dictionary<string, string[]> Validate(CountryCatalog countries)
    {
        var errors = new ValidationErrors();
        errors.Required(nameof(Title), Title, "Enter the document's title.", 500);
        if (string.IsNullOrWhiteSpace(Language) || !LanguageCode().IsMatch(Language.Trim()))
        {
            errors.Add(nameof(Language), "Enter the language as a two-letter code, e.g. en or ru.");
        }

        if (Type is null)
        {
            errors.Add(nameof(Type), "Choose the type of document.");
        }

        foreach (var code in Countries.Where(c => !countries.Exists(c.Trim().ToUpperInvariant())))
        {
            errors.Add(nameof(Countries), $"'{code}' is not a known country code (use ISO 3166 alpha-2, e.g. MD, or XK for Kosovo).");
        }

        errors.MaxLength(nameof(PublisherName), PublisherName, 300);
        errors.MaxLength(nameof(Authors), Authors, 1000);
        errors.MaxLength(nameof(Provenance), Provenance, 1000);
        errors.MaxLength(nameof(Summary), Summary, 4000);
        errors.Url(nameof(ExternalUrl), ExternalUrl);
        errors.MaxLength(nameof(ExternalUrl), ExternalUrl, 1000);
        if (PublicationYear is < 1800 or > 2200)
        {
            errors.Add(nameof(PublicationYear), "Enter a year between 1800 and 2200.");
        }

        if (PublicationDate is { } date && PublicationYear is { } year && date.Year != year)
        {
            errors.Add(nameof(PublicationYear), "The year does not match the publication date.");
        }

        if (InForceAsOf is not null && Type != DocumentType.Legislation)
        {
            errors.Add(nameof(InForceAsOf), "Only legislation has an 'in force as of' date.");
        }

        return errors.ToDictionary();
    }

    [GeneratedRegex("^[a-z]{2}$")]
    private static partial Regex LanguageCode();
}
