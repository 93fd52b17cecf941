using Clearinghouse.Common;
using Clearinghouse.Services;

namespace Clearinghouse.Cases;

// Field names and code lists follow IOM's Human Trafficking Case Data Standard 2.0 (github.com/UNMigration/HTCDS,
// CC BY 4.0) where HTCDS has them: prs_Gender, prs_Citizenship, vic_TraffickingStatus, vic_AgeWhenTrafficked,
// vic_TypeOfExploitation (Common/Exploitation.cs), vic_ForcedLabourIndustry, vic_MethodsOfControl.

/// <summary>
/// A presumed or identified trafficked person, known to the system only by a pseudonymous case number.
/// Everything in the clear here is statistics; every identifier is inside <see cref="PersonalData"/>, sealed
/// with AES-GCM (see <c>CaseCipher</c>). Cases are not <see cref="IHasHistory"/>: their history is the
/// hash-chained <see cref="AuditEntry"/> log, which never holds identifiers, so anonymisation really destroys them.
/// </summary>
internal sealed class Case
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    /// <summary>Pseudonymous number, e.g. "C-2026-4KQ7XM": random, carries nothing about the person.</summary>
    public required string CaseNumber { get; set; }

    /// <summary>The organisation that registered the case and answers for it.</summary>
    public Guid OwnerOrganisationId { get; set; }

    public List<CaseTeamMember> Team { get; set; } = [];

    // ---- Statistics in the clear ----

    /// <summary>HTCDS prs_Gender.</summary>
    public Gender Gender { get; set; } = Gender.NonSpecifiedUnknown;

    /// <summary>HTCDS vic_AgeWhenTrafficked: age in years when identified, if known.</summary>
    public int? AgeAtIdentification { get; set; }

    /// <summary>Age group at identification; derived from <see cref="AgeAtIdentification"/> when the age is known.</summary>
    public AgeGroup AgeGroup { get; set; } = AgeGroup.Unknown;

    /// <summary>HTCDS prs_Citizenship: ISO 3166 alpha-2 codes (or XK).</summary>
    public List<string> Citizenship { get; set; } = [];

    /// <summary>ISO 3166 alpha-2 code (or XK) of the country where the person was exploited.</summary>
    public string? CountryOfExploitation { get; set; }

    public TraffickingScope Scope { get; set; } = TraffickingScope.Unknown;

    /// <summary>HTCDS vic_TypeOfExploitation, plus forced criminality.</summary>
    public List<FormOfExploitation> FormsOfExploitation { get; set; } = [];

    /// <summary>HTCDS vic_ForcedLabourIndustry.</summary>
    public LabourSector? LabourSector { get; set; }

    /// <summary>HTCDS vic_MethodsOfControl.</summary>
    public List<MethodOfControl> MethodsOfControl { get; set; } = [];

    public IdentificationChannel IdentificationChannel { get; set; }

    /// <summary>The organisation that identified the person (may differ from the owner).</summary>
    public Guid IdentifyingOrganisationId { get; set; }

    public DateOnly IdentifiedOn { get; set; }

    /// <summary>HTCDS vic_TraffickingStatus.</summary>
    public IdentificationStatus IdentificationStatus { get; set; } = IdentificationStatus.Presumed;

    public bool IsChild { get; set; }

    public bool HasDisability { get; set; }

    public bool IsPregnant { get; set; }

    public RiskLevel RiskLevel { get; set; } = RiskLevel.NotAssessed;

    /// <summary>Witness-protection case: never placed in a shelter marked unsuitable for witnesses.</summary>
    public bool WitnessProtection { get; set; }

    // ---- Child-specific path ----

    public DateOnly? GuardianAppointedOn { get; set; }

    public DateOnly? BestInterestAssessmentOn { get; set; }

    // ---- Life cycle ----

    public CaseState State { get; set; } = CaseState.Open;

    public DateOnly? ClosedOn { get; set; }

    /// <summary>Set when retention destroyed the identifiers; the statistics stay.</summary>
    public DateTimeOffset? AnonymisedAt { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>
    /// The identifiers and narrative (<see cref="CasePersonalData"/> as JSON), sealed by <c>CaseCipher</c>;
    /// the blob names the key-ring key that wrapped it. Null once anonymised.
    /// </summary>
    public byte[]? PersonalData { get; set; }

    /// <summary>Optimistic concurrency token, incremented on every change.</summary>
    public int Version { get; set; }
}

/// <summary>An organisation (and optionally a named worker of it) on a case's team.</summary>
internal sealed class CaseTeamMember
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid CaseId { get; set; }

    public Guid OrganisationId { get; set; }

    /// <summary>A named worker; null means the organisation as a whole.</summary>
    public Guid? UserId { get; set; }

    public DateTimeOffset AddedAt { get; set; }
}

/// <summary>What is sealed in <see cref="Case.PersonalData"/>. Never logged, never indexed, never in a URL.</summary>
internal sealed class CasePersonalData
{
    public string? GivenName { get; set; }

    public string? FamilyName { get; set; }

    public List<string> Aliases { get; set; } = [];

    public DateOnly? DateOfBirth { get; set; }

    public List<IdentityDocument> Documents { get; set; } = [];

    public string? Phone { get; set; }

    public string? Email { get; set; }

    public string? Address { get; set; }

    /// <summary>Photo as a data URL-free base64 JPEG/PNG, with its media type.</summary>
    public string? PhotoBase64 { get; set; }

    public string? PhotoMediaType { get; set; }

    public string? Narrative { get; set; }
}

internal sealed class IdentityDocument
{
    public DocumentKind Kind { get; set; }

    public string Number { get; set; } = string.Empty;

    /// <summary>ISO 3166 alpha-2 (or XK) of the issuing country.</summary>
    public string? IssuingCountry { get; set; }
}

/// <summary>A consent given by the person: to be referred, or to have named categories of data shared with named organisations.</summary>
internal sealed class Consent
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid CaseId { get; set; }

    public ConsentScope Scope { get; set; }

    public DateOnly GivenOn { get; set; }

    /// <summary>For data sharing: the organisations the data may go to.</summary>
    public List<Guid> Organisations { get; set; } = [];

    /// <summary>For data sharing: which categories of personal data.</summary>
    public List<PersonalDataCategory> Categories { get; set; } = [];

    public DateTimeOffset RecordedAt { get; set; }

    public Guid RecordedByUserId { get; set; }

    public DateTimeOffset? WithdrawnAt { get; set; }
}

/// <summary>A referral of the person to a provider for one service.</summary>
internal sealed class Referral
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid CaseId { get; set; }

    public Case? Case { get; set; }

    public Guid ProviderOrganisationId { get; set; }

    public ServiceKind Service { get; set; }

    /// <summary>The provider's service the person is referred to (a service in the directory); null for "any of this kind".</summary>
    public Guid? ServiceId { get; set; }

    public ReferralStatus Status { get; set; } = ReferralStatus.Sent;

    public DateTimeOffset SentAt { get; set; }

    public Guid SentByUserId { get; set; }

    public DateTimeOffset? RespondedAt { get; set; }

    /// <summary>Why the provider declined (no identifiers: the form says so).</summary>
    public string? DeclineReason { get; set; }

    public DateOnly? DeliveredFrom { get; set; }

    public DateOnly? DeliveredTo { get; set; }

    /// <summary>The categories the sender chose to share; the provider sees only those still covered by an active consent.</summary>
    public List<PersonalDataCategory> SharedCategories { get; set; } = [];

    public int Version { get; set; }
}

/// <summary>One step of the standard operating procedure on a case's timeline.</summary>
internal sealed class SopStep
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid CaseId { get; set; }

    public SopStepKind Kind { get; set; }

    public DateOnly DueOn { get; set; }

    public Guid? ResponsibleUserId { get; set; }

    public DateTimeOffset? DoneAt { get; set; }
}

/// <summary>A multi-agency case meeting. Decisions and action texts are sealed like the personal data.</summary>
internal sealed class CaseConference
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid CaseId { get; set; }

    public DateOnly HeldOn { get; set; }

    /// <summary>Participating organisations.</summary>
    public List<Guid> Participants { get; set; } = [];

    /// <summary>Sealed text of the decisions.</summary>
    public byte[]? Decisions { get; set; }

    public List<ConferenceAction> Actions { get; set; } = [];

    public DateTimeOffset RecordedAt { get; set; }
}

internal sealed class ConferenceAction
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid ConferenceId { get; set; }

    public Guid CaseId { get; set; }

    /// <summary>Sealed text of the action.</summary>
    public byte[]? Description { get; set; }

    public Guid OwnerUserId { get; set; }

    public DateOnly DueOn { get; set; }

    public DateTimeOffset? DoneAt { get; set; }
}

/// <summary>
/// One line of the append-only, tamper-evident case audit log. <see cref="Hash"/> is SHA-256 over the entry's
/// fields and <see cref="PreviousHash"/>, so changing or removing any entry breaks every later link.
/// Holds no identifier of the person: only ids, the actor's account name and a short non-identifying detail.
/// </summary>
internal sealed class AuditEntry
{
    /// <summary>1, 2, 3, … with no gaps; unique, so two writers cannot fork the chain.</summary>
    public long Sequence { get; set; }

    public DateTimeOffset At { get; set; }

    public Guid? UserId { get; set; }

    public required string Actor { get; set; }

    public Guid? CaseId { get; set; }

    public required string Action { get; set; }

    public string Detail { get; set; } = string.Empty;

    public required string PreviousHash { get; set; }

    public required string Hash { get; set; }
}

/// <summary>A keyed hash (HMAC-SHA-256) of one normalised identifier of a case, for duplicate checks.</summary>
internal sealed class CaseIdentifierHash
{
    public long Id { get; set; }

    public Guid CaseId { get; set; }

    public IdentifierKind Kind { get; set; }

    /// <summary>Lower-case hex HMAC; the key lives in the key ring, outside the database.</summary>
    public required string Hash { get; set; }
}

/// <summary>A request from one organisation to another to link two cases that look like the same person.</summary>
internal sealed class CaseLinkRequest
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid FromCaseId { get; set; }

    public Guid ToCaseId { get; set; }

    public Guid FromOrganisationId { get; set; }

    public Guid ToOrganisationId { get; set; }

    public DateTimeOffset RequestedAt { get; set; }

    public LinkRequestStatus Status { get; set; } = LinkRequestStatus.Open;
}

/// <summary>Time-limited emergency access of a supervisor to a case outside their organisation's team.</summary>
internal sealed class BreakGlassGrant
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid CaseId { get; set; }

    public Guid UserId { get; set; }

    public required string Reason { get; set; }

    public DateTimeOffset GrantedAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }
}

/// <summary>An in-app notice to an organisation's case workers (break-glass on their case, a link request, a referral).</summary>
internal sealed class CaseNotification
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid OrganisationId { get; set; }

    public Guid? CaseId { get; set; }

    public NotificationKind Kind { get; set; }

    /// <summary>Non-identifying text (case number, organisation, reason category).</summary>
    public required string Message { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? ReadAt { get; set; }
}

/// <summary>A request to export a case's personal data; it needs a supervisor's approval.</summary>
internal sealed class CaseExportApproval
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid CaseId { get; set; }

    public Guid RequestedByUserId { get; set; }

    public DateTimeOffset RequestedAt { get; set; }

    public Guid? ApprovedByUserId { get; set; }

    public DateTimeOffset? ApprovedAt { get; set; }

    public DateTimeOffset? UsedAt { get; set; }
}
