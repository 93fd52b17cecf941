using Clearinghouse.Common;
using Clearinghouse.Services;

namespace Clearinghouse.Web.Services;

/// <summary>English labels of the service directory's code lists, used as localization keys (T[ServiceLabels.Of(x)]).</summary>
internal static class ServiceLabels
{
    public static string Of(ServiceKind value) => value switch
    {
        ServiceKind.Shelter => "Shelter",
        ServiceKind.MedicalCare => "Medical care",
        ServiceKind.PsychologicalSupport => "Psychological support",
        ServiceKind.LegalAid => "Legal aid and representation",
        ServiceKind.Interpretation => "Interpretation",
        ServiceKind.ReturnAssistance => "Return assistance",
        ServiceKind.Reintegration => "Reintegration",
        ServiceKind.VocationalTraining => "Vocational training",
        ServiceKind.ChildProtection => "Child protection",
        ServiceKind.Hotline => "Hotline",
        _ => "Other service",
    };

    public static string Of(EligibleSex value) => value switch
    {
        EligibleSex.Female => "Women and girls",
        EligibleSex.Male => "Men and boys",
        _ => "Other gender identities",
    };

    public static string Of(ServiceVisibility value) => value switch
    {
        ServiceVisibility.Public => "Public: listed to everyone",
        _ => "Restricted: listed only to signed-in partners",
    };

    public static string Of(FormOfExploitation value) => value switch
    {
        FormOfExploitation.SexualExploitation => "Sexual exploitation",
        FormOfExploitation.ForcedLabour => "Forced labour or services",
        FormOfExploitation.ChildLabour => "Child labour",
        FormOfExploitation.ForcedMarriage => "Forced marriage",
        FormOfExploitation.Servitude => "Servitude",
        FormOfExploitation.SlaveryAndSimilarPractices => "Slavery and similar practices",
        FormOfExploitation.ForcedCriminality => "Forced criminality",
        FormOfExploitation.ForcedBegging => "Forced begging",
        FormOfExploitation.OrganRemoval => "Removal of organs",
        FormOfExploitation.ForcedMilitaryByNonStateActors => "Forced military service by non-state actors",
        FormOfExploitation.ForcedAdoption => "Forced adoption",
        FormOfExploitation.Surrogacy => "Exploitative surrogacy",
        _ => "Other form of exploitation",
    };
}
