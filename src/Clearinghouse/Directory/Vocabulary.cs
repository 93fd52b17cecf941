namespace Clearinghouse.Directory;

// Code lists of the directory. Names are stored as text in the database, so the order can change freely.

internal enum OrganisationType
{
    GovernmentBody,
    NationalCoordinatorOffice,
    Ngo,
    InternationalOrganisation,
    OsceInstitution,
    OsceFieldOperation,
    Donor,
    ResearchInstitution,
    Media,
    Other,
}

/// <summary>The four "P"s and the Stability Pact Task Force's finer list of areas.</summary>
internal enum ThematicArea
{
    Prevention,
    AwarenessRaising,
    ProtectionAndAssistance,
    ReturnAndReintegration,
    LegislativeReform,
    LawEnforcementCooperation,
    Prosecution,
    TrainingAndCapacityBuilding,
    PartnershipAndCoordination,
    ResearchAndData,
}

internal enum TargetGroup
{
    Women,
    Men,
    Children,
    UnaccompaniedChildren,
    RomaAndSinti,
    Migrants,
    Refugees,
    Minorities,
    PeopleWithDisabilities,
    Unemployed,
    Homeless,
    Police,
    BorderGuards,
    Judiciary,
    LabourInspectors,
    SocialWorkers,
    Media,
}

internal enum FocalPointRole
{
    NationalCoordinator,
    NationalRapporteur,
    AntiTraffickingFocalPoint,
    HeadOfOffice,
    Contact,
}

internal enum CoordinationBodyKind
{
    NationalCoordinationBody,
    NationalWorkingGroup,
    RegionalTaskForce,
    ExpertTeam,
    ShelterCoordinationGroup,
    Alliance,
    Other,
}

internal enum MembershipRole
{
    Chair,
    Member,
    Observer,
    Secretariat,
}
