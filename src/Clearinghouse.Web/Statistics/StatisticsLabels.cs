using Clearinghouse.Countries;
using Clearinghouse.Statistics;

namespace Clearinghouse.Web.Statistics;

/// <summary>
/// English labels of the statistics dimensions and categories; each is a localization key into the shared
/// resources (Russian in SharedResource.ru.resx). Country codes are named from the country list.
/// </summary>
internal static class StatisticsLabels
{
    public static string Of(Dimension dimension) => dimension switch
    {
        Dimension.Sex => "Sex",
        Dimension.ChildOrAdult => "Children and adults",
        Dimension.AgeGroup => "Age group",
        Dimension.FormOfExploitation => "Form of exploitation",
        Dimension.Sector => "Sector of labour exploitation",
        Dimension.Citizenship => "Citizenship",
        Dimension.CountryOfExploitation => "Country of exploitation",
        Dimension.Scope => "Internal or cross-border",
        Dimension.IdentificationChannel => "Identification channel",
        Dimension.IdentifyingOrganisationType => "Identifying organisation type",
        Dimension.ServicesReceived => "Services received",
        Dimension.Outcome => "Outcome",
        _ => dimension.ToString(),
    };

    public static string Of(Measure measure) => measure == Measure.Identified ? "Persons identified" : "Persons assisted";

    /// <summary>The label of a category code of a dimension (countries by name in the page's language).</summary>
    public static string Category(Dimension dimension, string code, CountryCatalog countries, Func<string, string> translate) =>
        StatisticsCodes.IsCountry(dimension) && code != StatisticsCodes.Unknown
            ? countries.Find(code)?.Name(Shared.Labels.Language) ?? code
            : translate(Category(code));

    public static string MeasureLabel(string key) => key switch
    {
        "DaysToFirstAssistance" => "Days from identification to first assistance (median)",
        "DaysToFirstReferral" => "Days from identification to the first referral (median)",
        "ReferralsAccepted" => "Referrals accepted (% of answered referrals)",
        "ServicesPerCase" => "Services delivered per case",
        "FollowUpsOnTime" => "Follow-up assessments done on time (%)",
        "AssistedThreeMonths" => "Cases assisted for 3 months or more (%)",
        "AssistedSixMonths" => "Cases assisted for 6 months or more (%)",
        "AssistedTwelveMonths" => "Cases assisted for 12 months or more (%)",
        _ => key,
    };

    public static string Category(string code) => code switch
    {
        "Feminine" => "Female",
        "Masculine" => "Male",
        "TransgenderFeminine" => "Transgender female",
        "TransgenderMasculine" => "Transgender male",
        "NonConforming" => "Gender non-conforming",
        "Child" => "Children (under 18)",
        "Adult" => "Adults (18 and over)",
        "Age0To11" => "0–11",
        "Age12To17" => "12–17",
        "Age18To24" => "18–24",
        "Age25To34" => "25–34",
        "Age35To49" => "35–49",
        "Age50Plus" => "50 and over",
        "SexualExploitation" => "Sexual exploitation",
        "ForcedLabour" => "Forced labour",
        "ChildLabour" => "Child labour",
        "ForcedMarriage" => "Forced marriage",
        "Servitude" => "Servitude",
        "SlaveryAndSimilarPractices" => "Slavery and similar practices",
        "ForcedCriminality" => "Forced criminality",
        "ForcedBegging" => "Forced begging",
        "OrganRemoval" => "Removal of organs",
        "ForcedMilitaryByNonStateActors" => "Forced military service (non-state actors)",
        "ForcedAdoption" => "Forced adoption",
        "Surrogacy" => "Surrogacy",
        "Other" => "Other",
        "Multiple" => "More than one form",
        "AgricultureForestryAndFishing" => "Agriculture, forestry and fishing",
        "MiningAndQuarrying" => "Mining and quarrying",
        "Manufacturing" => "Manufacturing",
        "ElectricityGasSteamAndAirConditioningSupply" => "Electricity and gas supply",
        "WaterSupplySewerageWasteManagement" => "Water supply and waste management",
        "Construction" => "Construction",
        "WholesaleAndRetailTradeRepairOfMotorVehicles" => "Wholesale and retail trade",
        "TransportationAndStorage" => "Transport and storage",
        "AccommodationAndFoodServiceActivities" => "Accommodation and food services",
        "InformationAndCommunication" => "Information and communication",
        "FinancialAndInsuranceActivities" => "Finance and insurance",
        "RealEstateActivities" => "Real estate",
        "ProfessionalScientificAndTechnicalActivities" => "Professional and technical activities",
        "AdministrativeAndSupportServiceActivities" => "Administrative and support services",
        "PublicAdministrationAndDefence" => "Public administration and defence",
        "Education" => "Education",
        "HumanHealthAndSocialWorkActivities" => "Health and social work",
        "ArtsEntertainmentAndRecreation" => "Arts, entertainment and recreation",
        "OtherServiceActivities" => "Other services",
        "ActivitiesOfHouseholdsAsEmployers" => "Domestic work (households as employers)",
        "ActivitiesOfExtraterritorialOrganizations" => "Extraterritorial organisations",
        "Internal" => "Internal",
        "CrossBorder" => "Cross-border",
        "PoliceOperation" => "Police operation",
        "Hotline" => "Hotline",
        "NgoOutreach" => "NGO outreach",
        "LabourInspection" => "Labour inspection",
        "SelfReferral" => "Self-referral",
        "GovernmentBody" => "Government body",
        "NationalCoordinatorOffice" => "National co-ordinator's office",
        "Ngo" => "Non-governmental organisation",
        "InternationalOrganisation" => "International organisation",
        "OsceInstitution" => "OSCE institution",
        "OsceFieldOperation" => "OSCE field operation",
        "Donor" => "Donor",
        "ResearchInstitution" => "Research institution",
        "Media" => "Media",
        "None" => "None",
        "One" => "One service",
        "Two" => "Two services",
        "ThreeOrMore" => "Three or more services",
        "Return" => "Return",
        "LocalIntegration" => "Local integration",
        "TraffickedAgain" => "Re-trafficked",
        "NoneRecorded" => "None recorded yet",
        "Unknown" => "Not known",
        "Identified" => "Persons identified",
        "Assisted" => "Persons assisted",
        _ => code,
    };
}
