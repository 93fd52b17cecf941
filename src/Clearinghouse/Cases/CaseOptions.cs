using System.ComponentModel.DataAnnotations;

namespace Clearinghouse.Cases;

/// <summary>Configuration section "Cases".</summary>
internal sealed class CaseOptions
{
    public const string Section = "Cases";

    /// <summary>
    /// The key-ring file (AES and HMAC keys for case data). Outside the database and the repository; created on first
    /// start. Relative paths are resolved against the content root. Losing it makes every case's identifiers unreadable.
    /// </summary>
    [Required]
    public string KeyRingPath { get; set; } = "data/keys/case-keyring.json";

    /// <summary>How long a supervisor's break-glass access lasts.</summary>
    [Range(1, 24)]
    public int BreakGlassHours { get; set; } = 4;

    /// <summary>Idle time after which a case worker's or supervisor's session ends.</summary>
    [Range(1, 240)]
    public int IdleTimeoutMinutes { get; set; } = 20;

    /// <summary>Days after closure when a case's identifiers are destroyed (statistics are kept).</summary>
    [Range(0, 36500)]
    public int RetentionDaysAfterClosure { get; set; } = 5 * 365;
}
