using System.Text;
using Clearinghouse.Common;

namespace Clearinghouse.Directory;

/// <summary>Readable, stable keys for addresses, made from a name ("OSCE Mission to Moldova" → "osce-mission-to-moldova").</summary>
internal static class Slugs
{
    public static string From(string name)
    {
        var normalized = SearchTextBuilder.Normalize(name);
        var builder = new StringBuilder(normalized.Length);
        foreach (var ch in normalized)
        {
            if (ch is >= 'a' and <= 'z' or >= '0' and <= '9')
            {
                builder.Append(ch);
            }
            else if (builder.Length > 0 && builder[^1] != '-')
            {
                builder.Append('-');
            }
        }

        var slug = builder.ToString().Trim('-');
        if (slug.Length > 80)
        {
            slug = slug[..80].TrimEnd('-');
        }

        return slug.Length == 0 ? "organisation" : slug;
    }

    /// <summary>Appends -2, -3, ... until the slug is not taken.</summary>
    public static string Unique(string baseSlug, Func<string, bool> isTaken)
    {
        var candidate = baseSlug;
        for (var i = 2; isTaken(candidate); i++)
        {
            candidate = $"{baseSlug}-{i}";
        }

        return candidate;
    }
}
