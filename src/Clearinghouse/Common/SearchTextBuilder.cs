using System.Globalization;
using System.Text;

namespace Clearinghouse.Common;

/// <summary>
/// Normalises text for the portable free-text search: lower case (culture-invariant, so Cyrillic too),
/// accents removed, whitespace collapsed. Queries are normalised the same way.
/// </summary>
internal static class SearchTextBuilder
{
    public static string Build(IEnumerable<string?> parts) =>
        Normalize(string.Join(' ', parts.Where(p => !string.IsNullOrWhiteSpace(p))));

    public static string Normalize(string text)
    {
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        var lastWasSpace = true;
        foreach (var ch in decomposed)
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(ch);
            if (category == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            if (char.IsWhiteSpace(ch))
            {
                if (!lastWasSpace)
                {
                    builder.Append(' ');
                }

                lastWasSpace = true;
                continue;
            }

            builder.Append(char.ToLowerInvariant(ch));
            lastWasSpace = false;
        }

        return builder.ToString().TrimEnd().Normalize(NormalizationForm.FormC);
    }
}
