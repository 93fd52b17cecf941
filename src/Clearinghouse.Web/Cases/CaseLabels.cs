using System.Text;

namespace Clearinghouse.Web.Cases;

/// <summary>
/// English labels of the case code lists (localization keys: each has a Russian entry in SharedResource.ru.resx).
/// A code's label is its name in words ("ForcedBegging" → "Forced begging"), so the HTCDS value names stay visible.
/// </summary>
internal static class CaseLabels
{
    public static string Of(Enum value)
    {
        var name = value.ToString();
        var words = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (i > 0 && (char.IsUpper(c) || (char.IsDigit(c) && !char.IsDigit(name[i - 1]))))
            {
                words.Append(' ');
                words.Append(i + 1 < name.Length && char.IsUpper(name[i + 1]) ? c : char.ToLowerInvariant(c));
            }
            else
            {
                words.Append(c);
            }
        }

        // Acronyms written as words in the code lists (NgoOutreach) read as acronyms.
        var label = words.ToString();
        return label.StartsWith("Ngo ", StringComparison.Ordinal) ? "NGO " + label[4..] : label;
    }

    public static IReadOnlyList<(string Value, string Text)> Options<TEnum>(Func<string, string> translate)
        where TEnum : struct, Enum =>
        [.. Enum.GetValues<TEnum>().Select(v => (v.ToString(), translate(Of(v))))];
}
