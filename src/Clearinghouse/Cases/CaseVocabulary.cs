namespace Clearinghouse.Cases;

/// <summary>HTCDS prs_Gender.</summary>
internal enum Gender
{
    Feminine,
    Masculine,
    TransgenderFeminine,
    TransgenderMasculine,
    NonConforming,
    NonSpecifiedUnknown,
}

/// <summary>Age group at identification (the groups used in statistical reporting).</summary>
internal enum AgeGroup
{
    Unknown,
    Age0To11,
    Age12To17,
    Age18To24,
    Age25To34,
    Age35To49,
    Age50Plus,
}

internal static class AgeGroups
{
    public static AgeGroup For(int? age) => age switch
    {
        null => AgeGroup.Unknown,
        < 12 => AgeGroup.Age0To11,
        < 18 => AgeGroup.Age12To17,
        < 25 => AgeGroup.Age18To24,
        < 35 => AgeGroup.Age25To34,
        < 50 => AgeGroup.Age35To49,
        _ => AgeGroup.Age50Plus,
    };

    public static bool IsChildGroup(this AgeGroup group) => group is AgeGroup.Age0To11 or AgeGroup.Age12To17;
}

internal enum TraffickingScope
{
    Unknown,
    Internal,
    CrossBorder,
}

/// <summary>HTCDS vic_MethodsOfControl.</summary>
internal enum MethodOfControl
{
    PhysicalThreats,
    ThreatsLawEnforcement,
    ThreatensChildrenFamily,
    DebtBondage,
    FalsePromises,
    PhysicalAbuse,
    SexualAbuse,
    TakesEarnings,
    RestrictsFinancialAccess,
    RestrictsMedicalCare,
    WithholdsNecessities,
    PsychologicalAbuse,
    PsychoactiveSubstance,
    ExcessiveWorkingHours,
    WithholdsDocuments,
    Other,
}

internal enum IdentificationChannel
{
    PoliceOperation,
    Hotline,
    NgoOutreach,
    LabourInspection,
    SelfReferral,
    Other,
}

/// <summary>HTCDS vic_TraffickingStatus: PossibleVictimOfTrafficking, ActualVictimOfTrafficking, NotAVictimOfTrafficking.</summary>
internal enum IdentificationStatus
{
    Presumed,
    FormallyIdentified,
    NotATraffickingCase,
}

internal enum RiskLevel
{
    NotAssessed,
    Low,
    Medium,
    High,
}

internal enum CaseState
{
    Open,
    Closed,
    Anonymised,
}

internal enum DocumentKind
{
    Passport,
    IdentityCard,
    ResidencePermit,
    BirthCertificate,
    Other,
}

internal enum ConsentScope
{
    /// <summary>Consent to be referred to services.</summary>
    Referral,

    /// <summary>Consent to share named categories of data with named organisations.</summary>
    DataSharing,
}

/// <summary>The categories of sealed personal data a consent and a referral can cover.</summary>
internal enum PersonalDataCategory
{
    Names,
    DateOfBirth,
    Documents,
    ContactDetails,
    Photo,
    Narrative,
}

internal enum ReferralStatus
{
    Sent,
    Accepted,
    Declined,
    Delivered,
}

/// <summary>Steps of the standard operating procedures (identification to closure).</summary>
internal enum SopStepKind
{
    Identification,
    FirstAssistance,
    Referral,
    ShelterPlacement,
    ReflectionPeriod,
    ResidencePermit,
    LegalProceedings,
    WitnessStatus,
    VoluntaryReturn,
    LocalIntegration,
    Reintegration,
    FollowUpAssessment,
    Closure,

    /// <summary>The person was trafficked again after assistance (recorded as done on the day it became known); an outcome in the statistics.</summary>
    TraffickedAgain,
}

internal enum IdentifierKind
{
    /// <summary>A name variant (given/family/alias tokens, order-free).</summary>
    Name,

    /// <summary>A name variant together with the date of birth.</summary>
    NameAndBirthDate,

    /// <summary>A document number with its kind.</summary>
    Document,
}

internal enum LinkRequestStatus
{
    Open,
    Linked,
    Refused,
}

internal enum NotificationKind
{
    BreakGlass,
    LinkRequest,
    Referral,
    ExportRequest,
}
