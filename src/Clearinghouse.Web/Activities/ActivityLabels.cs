using Clearinghouse.Activities;
using Clearinghouse.Common;

namespace Clearinghouse.Web.Activities;

/// <summary>
/// English labels for the activities' code lists; each is a localization key into the shared string resources
/// (Russian in SharedResource.ru.resx), like <see cref="Shared.Labels"/>.
/// </summary>
internal static class ActivityLabels
{
    public static string Of(ActivityStatus value) => value switch
    {
        ActivityStatus.Planned => "Planned",
        ActivityStatus.Ongoing => "Ongoing",
        ActivityStatus.Completed => "Completed",
        _ => "Cancelled",
    };

    public static string Of(ReviewState value) => value switch
    {
        ReviewState.Draft => "Draft",
        ReviewState.Submitted => "Submitted for review",
        _ => "Published",
    };

    public static string Of(ParticipantRole value) => value switch
    {
        ParticipantRole.Implementer => "Implementer",
        ParticipantRole.Partner => "Partner",
        ParticipantRole.Donor => "Donor",
        ParticipantRole.Accountable => "Accountable organisation",
        _ => "Extending organisation",
    };

    public static string Of(NeedPriority value) => value switch
    {
        NeedPriority.High => "High",
        NeedPriority.Medium => "Medium",
        _ => "Low",
    };

    public static string Of(FormOfExploitation value) => value switch
    {
        FormOfExploitation.SexualExploitation => "Sexual exploitation",
        FormOfExploitation.ForcedLabour => "Forced labour",
        FormOfExploitation.ChildLabour => "Child labour",
        FormOfExploitation.ForcedMarriage => "Forced marriage",
        FormOfExploitation.Servitude => "Servitude",
        FormOfExploitation.SlaveryAndSimilarPractices => "Slavery and similar practices",
        FormOfExploitation.ForcedCriminality => "Forced criminality",
        FormOfExploitation.ForcedBegging => "Forced begging",
        FormOfExploitation.OrganRemoval => "Removal of organs",
        FormOfExploitation.ForcedMilitaryByNonStateActors => "Forced military service by non-state actors",
        FormOfExploitation.ForcedAdoption => "Forced or illegal adoption",
        FormOfExploitation.Surrogacy => "Exploitative surrogacy",
        _ => "Other form of exploitation",
    };

    /// <summary>"1 Jan 2006 – 31 Dec 2007", "from 1 Jan 2006", "until ...", or empty.</summary>
    public static string Period(DateOnly? start, DateOnly? end, IFormatProvider culture)
    {
        string D(DateOnly d) => d.ToString("d MMM yyyy", culture);
        return (start, end) switch
        {
            ({ } s, { } e) => $"{D(s)} – {D(e)}",
            ({ } s, null) => $"{D(s)} –",
            (null, { } e) => $"– {D(e)}",
            _ => string.Empty,
        };
    }

    /// <summary>An amount with its currency code, grouped by thousands.</summary>
    public static string Money(decimal amount, string? currency, IFormatProvider culture) =>
        $"{amount.ToString(amount == decimal.Truncate(amount) ? "N0" : "N2", culture)} {currency}".TrimEnd();
}
