using System.Globalization;
using Clearinghouse.Directory;

namespace Clearinghouse.Web.Shared;

/// <summary>
/// English labels for the code lists, used as localization keys into the shared string resources (so Russian comes
/// from SharedResource.ru.resx like every other text). Any file that says "localization key" has its label strings
/// checked for a translation by LocalizationTests.
/// </summary>
internal static class Labels
{
    public static string Language => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;

    public static string Of(OrganisationType value) => value switch
    {
        OrganisationType.GovernmentBody => "Government body",
        OrganisationType.NationalCoordinatorOffice => "National co-ordinator's office",
        OrganisationType.Ngo => "Non-governmental organisation",
        OrganisationType.InternationalOrganisation => "International organisation",
        OrganisationType.OsceInstitution => "OSCE institution",
        OrganisationType.OsceFieldOperation => "OSCE field operation",
        OrganisationType.Donor => "Donor",
        OrganisationType.ResearchInstitution => "Research institution",
        OrganisationType.Media => "Media",
        _ => "Other",
    };

    public static string Of(ThematicArea value) => value switch
    {
        ThematicArea.Prevention => "Prevention",
        ThematicArea.AwarenessRaising => "Awareness raising",
        ThematicArea.ProtectionAndAssistance => "Victim protection and assistance",
        ThematicArea.ReturnAndReintegration => "Return and reintegration",
        ThematicArea.LegislativeReform => "Legislative reform",
        ThematicArea.LawEnforcementCooperation => "Law enforcement co-operation",
        ThematicArea.Prosecution => "Prosecution",
        ThematicArea.TrainingAndCapacityBuilding => "Training and capacity building",
        ThematicArea.PartnershipAndCoordination => "Partnership and co-ordination",
        _ => "Research and data",
    };

    public static string Of(TargetGroup value) => value switch
    {
        TargetGroup.Women => "Women",
        TargetGroup.Men => "Men",
        TargetGroup.Children => "Children",
        TargetGroup.UnaccompaniedChildren => "Unaccompanied and separated children",
        TargetGroup.RomaAndSinti => "Roma and Sinti",
        TargetGroup.Migrants => "Migrants and migrant workers",
        TargetGroup.Refugees => "Refugees",
        TargetGroup.Minorities => "Minorities",
        TargetGroup.PeopleWithDisabilities => "People with disabilities",
        TargetGroup.Unemployed => "Unemployed people",
        TargetGroup.Homeless => "Homeless people",
        TargetGroup.Police => "Police",
        TargetGroup.BorderGuards => "Border guards",
        TargetGroup.Judiciary => "Judges and prosecutors",
        TargetGroup.LabourInspectors => "Labour inspectors",
        TargetGroup.SocialWorkers => "Social workers",
        _ => "Media professionals",
    };

    public static string Of(FocalPointRole value) => value switch
    {
        FocalPointRole.NationalCoordinator => "National co-ordinator",
        FocalPointRole.NationalRapporteur => "National rapporteur",
        FocalPointRole.AntiTraffickingFocalPoint => "Anti-trafficking focal point",
        FocalPointRole.HeadOfOffice => "Head of office",
        _ => "Contact",
    };

    public static string Of(CoordinationBodyKind value) => value switch
    {
        CoordinationBodyKind.NationalCoordinationBody => "National co-ordination body",
        CoordinationBodyKind.NationalWorkingGroup => "National working group or task force",
        CoordinationBodyKind.RegionalTaskForce => "Regional task force",
        CoordinationBodyKind.ExpertTeam => "Expert team",
        CoordinationBodyKind.ShelterCoordinationGroup => "Shelter co-ordination group",
        CoordinationBodyKind.Alliance => "Alliance",
        _ => "Other",
    };

    public static string Of(MembershipRole value) => value switch
    {
        MembershipRole.Chair => "Chair",
        MembershipRole.Observer => "Observer",
        MembershipRole.Secretariat => "Secretariat",
        _ => "Member",
    };

    /// <summary>The kind of change in a history entry (ChangeActions).</summary>
    public static string OfChange(string action) => action switch
    {
        "Created" => "Added",
        "Updated" => "Changed",
        "Retired" => "Retired from the directory",
        "Restored" => "Restored to the directory",
        "Merged" => "Merged",
        _ => "Changed",
    };
}
