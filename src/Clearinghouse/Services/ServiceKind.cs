namespace Clearinghouse.Services;

/// <summary>The kinds of assistance a provider offers and a referral asks for (shared by services and cases).</summary>
internal enum ServiceKind
{
    Shelter,
    MedicalCare,
    PsychologicalSupport,
    LegalAid,
    Interpretation,
    ReturnAssistance,
    Reintegration,
    VocationalTraining,
    ChildProtection,
    Hotline,
    Other,
}
