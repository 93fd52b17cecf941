using Clearinghouse.Common;
using Clearinghouse.Directory;

namespace Clearinghouse.Library;

/// <summary>
/// One document of the library as an intellectual work, whatever its language: a handbook, a law, a report.
/// Its language versions are <see cref="LibraryEdition"/>s, each with its stored files.
/// </summary>
internal sealed class LibraryWork : IHasHistory
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    /// <summary>Stable, readable key used in addresses.</summary>
    public required string Slug { get; set; }

    public DocumentType Type { get; set; } = DocumentType.Other;

    public List<ThematicArea> Themes { get; set; } = [];

    /// <summary>Countries the document covers (ISO 3166 alpha-2, or XK); empty for regional or global documents.</summary>
    public List<string> Countries { get; set; } = [];

    public List<Audience> Audiences { get; set; } = [];

    /// <summary>The publishing organisation, when it is in the directory.</summary>
    public Guid? PublisherId { get; set; }

    public Organisation? Publisher { get; set; }

    /// <summary>The publisher's name when it is not in the directory (or as printed on the document).</summary>
    public string? PublisherName { get; set; }

    /// <summary>Authors that are contact people in the directory.</summary>
    public List<Guid> AuthorPersonIds { get; set; } = [];

    /// <summary>Authors as printed ("A. Author; B. Author"), including those not in the directory.</summary>
    public string? Authors { get; set; }

    public DateOnly? PublicationDate { get; set; }

    /// <summary>Publication year (kept separately: some documents only give a year); used by the year facet.</summary>
    public int? PublicationYear { get; set; }

    public AccessLevel AccessLevel { get; set; } = AccessLevel.Public;

    /// <summary>Related meetings of the directory.</summary>
    public List<Guid> RelatedMeetingIds { get; set; } = [];

    /// <summary>
    /// Related activities of the inventory: their ids as strings ("D" format, <see cref="LibraryLinks.IdText"/>),
    /// set and checked by <see cref="LibraryLinks"/> (kept as strings so that the column of earlier migrations stays).
    /// </summary>
    public List<string> RelatedActivityIds { get; set; } = [];

    /// <summary>Where the copy came from: "publisher's website", "sent by the national co-ordinator", ...</summary>
    public string? Provenance { get; set; }

    public VerificationStatus VerificationStatus { get; set; } = VerificationStatus.Unverified;

    /// <summary>For legislation: the date the text is consolidated to.</summary>
    public DateOnly? InForceAsOf { get; set; }

    public List<LibraryEdition> Editions { get; set; } = [];

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? RetiredAt { get; set; }

    public int Version { get; set; }
}

/// <summary>One language version of a work: its title, summary, external link and stored files.</summary>
internal sealed class LibraryEdition : IHasHistory
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid WorkId { get; set; }

    public LibraryWork? Work { get; set; }

    /// <summary>ISO 639-1 code of the language of this version.</summary>
    public required string Language { get; set; }

    public required string Title { get; set; }

    /// <summary>Lower-cased, whitespace-collapsed title: an exact title match ranks first.</summary>
    public string TitleKey { get; set; } = string.Empty;

    /// <summary>A short summary written for the catalogue (never text copied from the document).</summary>
    public string? Summary { get; set; }

    /// <summary>The version the work was first published in.</summary>
    public bool IsOriginal { get; set; }

    /// <summary>For legislation: whether this translation is an official one.</summary>
    public bool IsOfficialTranslation { get; set; }

    /// <summary>Where the document can be read on the publisher's site (for link-only entries and as a source).</summary>
    public string? ExternalUrl { get; set; }

    public List<LibraryFile> Files { get; set; } = [];

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? RetiredAt { get; set; }

    public int Version { get; set; }

    public void RefreshTitleKey() => TitleKey = NormaliseTitle(Title);

    public static string NormaliseTitle(string title) =>
        string.Join(' ', title.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToLowerInvariant();
}

/// <summary>
/// One stored file of an edition. A new upload adds a new file (a higher <see cref="VersionNumber"/>) and never
/// overwrites the old one. The file lies on disk under its SHA-256, never under the uploader's file name.
/// </summary>
internal sealed class LibraryFile
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid EditionId { get; set; }

    public LibraryEdition? Edition { get; set; }

    /// <summary>1 for the first upload, then 2, 3, ...; the highest is the current version.</summary>
    public int VersionNumber { get; set; }

    /// <summary>Lower-case hex SHA-256 of the content; also the name of the file in the storage folder.</summary>
    public required string Sha256 { get; set; }

    public FileKind Kind { get; set; }

    public required string ContentType { get; set; }

    public long Size { get; set; }

    /// <summary>The uploader's file name, shown and offered on download only (sanitised), never used as a path.</summary>
    public required string OriginalFileName { get; set; }

    public ExtractionStatus ExtractionStatus { get; set; } = ExtractionStatus.Pending;

    /// <summary>Why no text could be extracted, in plain words.</summary>
    public string? ExtractionNote { get; set; }

    /// <summary>The text read from the file (for search and snippets); null when none could be read.</summary>
    public string? ExtractedText { get; set; }

    public int? PageCount { get; set; }

    public DateTimeOffset UploadedAt { get; set; }

    public required string UploadedBy { get; set; }
}
