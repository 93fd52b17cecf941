using System.ComponentModel.DataAnnotations;

namespace Clearinghouse.Activities.Iati;

/// <summary>The "Iati" configuration section: who the clearinghouse reports as when it publishes activities it recorded itself.</summary>
internal sealed class IatiOptions
{
    public const string Section = "Iati";

    /// <summary>
    /// IATI organisation identifier of the publisher of the export (reporting-org/@ref), and the prefix of the
    /// identifiers of activities that no publisher has given an IATI identifier. Set it to the hosting organisation's
    /// registered identifier before publishing to the IATI Registry.
    /// </summary>
    [Required]
    [RegularExpression(@"^[A-Za-z0-9\-_.]+$")]
    public string ReportingOrgRef { get; set; } = "XI-CLEARINGHOUSE";

    /// <summary>Name of the reporting organisation.</summary>
    [Required]
    public string ReportingOrgName { get; set; } = "Anti-trafficking clearinghouse";

    /// <summary>IATI OrganisationType code of the reporting organisation (default 90, Other).</summary>
    [Required]
    public string ReportingOrgType { get; set; } = IatiCodes.OtherOrganisationType;

    /// <summary>The most activities one IATI file may hold on import.</summary>
    [Range(1, 1_000_000)]
    public int MaxActivities { get; set; } = 100_000;
}
