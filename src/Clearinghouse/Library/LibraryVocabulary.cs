namespace Clearinghouse.Library;

// Code lists of the library. Names are stored as text in the database, so the order can change freely.

internal enum DocumentType
{
    Standard,
    Guideline,
    Handbook,
    TrainingMaterial,
    ResearchReport,
    PolicyPaper,
    Legislation,
    LegislativeReview,
    NrmAssessment,
    MeetingReport,
    CodeOfEthics,
    Other,
}

/// <summary>The professions and groups a document is written for.</summary>
internal enum Audience
{
    Police,
    BorderGuards,
    Prosecutors,
    Judiciary,
    LabourInspectors,
    SocialWorkers,
    HealthWorkers,
    Teachers,
    Media,
    Ngos,
    PolicyMakers,
    GeneralPublic,
}

/// <summary>Who may find and read a document. Ordered: each level sees its own and the levels before it.</summary>
internal enum AccessLevel
{
    /// <summary>Everyone, including anonymous visitors and harvesters.</summary>
    Public = 0,

    /// <summary>Signed-in partners (every role).</summary>
    Partners = 1,

    /// <summary>Editors and administrators only.</summary>
    Restricted = 2,
}

internal enum VerificationStatus
{
    Unverified,
    Verified,
    Disputed,
}

internal enum ExtractionStatus
{
    /// <summary>Not tried yet (e.g. queued by a bulk load).</summary>
    Pending,
    Extracted,

    /// <summary>Stored and listed, but no text could be read (corrupt, encrypted, scanned without text).</summary>
    NotExtractable,
}

/// <summary>The kinds of file the library accepts, recognised by their content.</summary>
internal enum FileKind
{
    Pdf,
    Docx,
    Html,
    Markdown,
    PlainText,
}
