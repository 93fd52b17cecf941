using System.ComponentModel.DataAnnotations;

namespace Clearinghouse.Library;

/// <summary>The "Library" configuration section.</summary>
internal sealed class LibraryOptions
{
    public const string Section = "Library";

    /// <summary>
    /// Folder of the stored files (named by their SHA-256). Relative paths are resolved against the content root;
    /// the default lies next to the default SQLite file.
    /// </summary>
    [Required]
    public string StoragePath { get; set; } = "data/library";

    /// <summary>Largest file accepted, in bytes (default 50 MB).</summary>
    [Range(1024, long.MaxValue)]
    public long MaxFileBytes { get; set; } = 50L * 1024 * 1024;

    /// <summary>Most characters of extracted text kept per file (for search and snippets).</summary>
    [Range(1000, 50_000_000)]
    public int MaxTextCharacters { get; set; } = 2_000_000;

    /// <summary>Records per OAI-PMH list response; harvesters follow the resumption token for the rest.</summary>
    [Range(1, 1000)]
    public int OaiPageSize { get; set; } = 100;
}
