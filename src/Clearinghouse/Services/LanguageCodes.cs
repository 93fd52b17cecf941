using System.Globalization;

namespace Clearinghouse.Services;

/// <summary>ISO 639-1 language codes, checked against the languages the platform knows, shown by their own names.</summary>
internal static class LanguageCodes
{
    private static readonly Lazy<Dictionary<string, string>> Known = new(() =>
        CultureInfo.GetCultures(CultureTypes.NeutralCultures)
            .Where(c => c.TwoLetterISOLanguageName.Length == 2 && c.Name.Length == 2)
            .GroupBy(c => c.TwoLetterISOLanguageName, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().NativeName, StringComparer.Ordinal));

    public static bool Exists(string code) => Known.Value.ContainsKey(Normalize(code));

    public static string Normalize(string code) => code.Trim().ToLowerInvariant();

    /// <summary>The language's own name ("shqip", "русский"), or the code when unknown.</summary>
    public static string NameOf(string code) => Known.Value.TryGetValue(Normalize(code), out var name) ? name : code;
}
