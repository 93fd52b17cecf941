using Clearinghouse.Library;

namespace Clearinghouse.Web.Library;

/// <summary>English labels of the library's code lists; each is a localization key into the shared string resources.</summary>
internal static class LibraryLabels
{
    public static string Of(DocumentType value) => value switch
    {
        DocumentType.Standard => "Standard",
        DocumentType.Guideline => "Guideline",
        DocumentType.Handbook => "Handbook",
        DocumentType.TrainingMaterial => "Training material",
        DocumentType.ResearchReport => "Research report",
        DocumentType.PolicyPaper => "Policy paper",
        DocumentType.Legislation => "Legislation",
        DocumentType.LegislativeReview => "Legislative review",
        DocumentType.NrmAssessment => "NRM assessment",
        DocumentType.MeetingReport => "Meeting report",
        DocumentType.CodeOfEthics => "Code of ethics",
        _ => "Other document",
    };

    public static string Of(Audience value) => value switch
    {
        Audience.Police => "Police",
        Audience.BorderGuards => "Border guards",
        Audience.Prosecutors => "Prosecutors",
        Audience.Judiciary => "Judiciary",
        Audience.LabourInspectors => "Labour inspectors",
        Audience.SocialWorkers => "Social workers",
        Audience.HealthWorkers => "Health workers",
        Audience.Teachers => "Teachers",
        Audience.Media => "Media",
        Audience.Ngos => "NGOs",
        Audience.PolicyMakers => "Policy makers",
        _ => "General public",
    };

    public static string Of(AccessLevel value) => value switch
    {
        AccessLevel.Public => "Public",
        AccessLevel.Partners => "Partners only",
        _ => "Restricted",
    };

    public static string Of(VerificationStatus value) => value switch
    {
        VerificationStatus.Verified => "Verified",
        VerificationStatus.Disputed => "Disputed",
        _ => "Not verified",
    };

    public static string Of(ExtractionStatus value) => value switch
    {
        ExtractionStatus.Extracted => "Text extracted",
        ExtractionStatus.NotExtractable => "Text not extractable",
        _ => "Text not read yet",
    };

    public static string Language(string code) => code switch
    {
        "en" => "English",
        "ru" => "Russian",
        "fr" => "French",
        "de" => "German",
        "sq" => "Albanian",
        "bs" => "Bosnian",
        "hr" => "Croatian",
        "sr" => "Serbian",
        "mk" => "Macedonian",
        "ro" => "Romanian",
        "bg" => "Bulgarian",
        "uk" => "Ukrainian",
        "tr" => "Turkish",
        "uz" => "Uzbek",
        "ka" => "Georgian",
        "hy" => "Armenian",
        "az" => "Azerbaijani",
        "kk" => "Kazakh",
        "ky" => "Kyrgyz",
        "tg" => "Tajik",
        _ => "Other language",
    };
}
