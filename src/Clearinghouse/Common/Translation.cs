namespace Clearinghouse.Common;

/// <summary>A translation of a record's name and description into one language (ISO 639-1 code).</summary>
internal sealed class Translation
{
    public required string Language { get; set; }

    public required string Name { get; set; }

    public string? Description { get; set; }
}

/// <summary>Name and description shown to a reader, and whether they fell back to the original language.</summary>
internal sealed record LocalizedText(string Name, string? Description, string Language, bool IsFallback);

internal static class TranslationExtensions
{
    /// <summary>Picks the reader's language if a translation exists, else the original text (marked as a fallback).</summary>
    public static LocalizedText Localize(
        this IEnumerable<Translation> translations,
        string readerLanguage,
        string originalName,
        string? originalDescription,
        string originalLanguage)
    {
        if (string.Equals(readerLanguage, originalLanguage, StringComparison.OrdinalIgnoreCase))
        {
            return new LocalizedText(originalName, originalDescription, originalLanguage, false);
        }

        var match = translations.FirstOrDefault(t => string.Equals(t.Language, readerLanguage, StringComparison.OrdinalIgnoreCase));
        return match is null
            ? new LocalizedText(originalName, originalDescription, originalLanguage, true)
            : new LocalizedText(match.Name, match.Description ?? originalDescription, match.Language, false);
    }
}
