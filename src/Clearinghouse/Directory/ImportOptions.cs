using System.ComponentModel.DataAnnotations;

namespace Clearinghouse.Directory;

/// <summary>The "Import" configuration section: limits for directory imports (web page, API and CLI).</summary>
internal sealed class ImportOptions
{
    public const string Section = "Import";

    /// <summary>The largest file accepted, in bytes (default 10 MB).</summary>
    [Range(1024, 1024L * 1024 * 1024)]
    public long MaxFileBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>The most organisation rows one file may hold (default 200,000).</summary>
    [Range(1, 10_000_000)]
    public int MaxRows { get; set; } = 200_000;

    /// <summary>Rows saved per batch inside the import's single transaction (progress is reported per batch).</summary>
    [Range(1, 100_000)]
    public int WriteBatchSize { get; set; } = 500;

    /// <summary>The size limit as people read it, e.g. "10 MB".</summary>
    public string MaxFileSizeText => MaxFileBytes >= 1024 * 1024
        ? $"{MaxFileBytes / (1024.0 * 1024):0.#} MB"
        : $"{MaxFileBytes / 1024.0:0.#} KB";
}
