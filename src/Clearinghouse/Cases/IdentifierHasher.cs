using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Clearinghouse.Cases;

/// <summary>
/// Keyed hashes (HMAC-SHA-256, key in the key ring) of a person's normalised identifiers, so that a new registration
/// can be compared with every case without any case's identifiers being readable. Names are normalised so that
/// spelling variants meet: diacritics dropped, Cyrillic transliterated, common transliteration pairs folded
/// (j/y/i, w/v, ph/f, kh/h, doubled letters), word order ignored.
/// </summary>
internal sealed class IdentifierHasher(CaseKeyRing keys)
{
    private static readonly Dictionary<char, string> Cyrillic = new()
    {
        ['а'] = "a",
        ['б'] = "b",
        ['в'] = "v",
        ['г'] = "g",
        ['ґ'] = "g",
        ['д'] = "d",
        ['ђ'] = "dj",
        ['е'] = "e",
        ['ё'] = "e",
        ['є'] = "e",
        ['ж'] = "zh",
        ['з'] = "z",
        ['и'] = "i",
        ['і'] = "i",
        ['ї'] = "i",
        ['й'] = "i",
        ['ј'] = "j",
        ['к'] = "k",
        ['л'] = "l",
        ['љ'] = "lj",
        ['м'] = "m",
        ['н'] = "n",
        ['њ'] = "nj",
        ['о'] = "o",
        ['п'] = "p",
        ['р'] = "r",
        ['с'] = "s",
        ['т'] = "t",
        ['ћ'] = "c",
        ['у'] = "u",
        ['ф'] = "f",
        ['х'] = "h",
        ['ц'] = "ts",
        ['ч'] = "ch",
        ['џ'] = "dz",
        ['ш'] = "sh",
        ['щ'] = "shch",
        ['ъ'] = string.Empty,
        ['ы'] = "y",
        ['ь'] = string.Empty,
        ['э'] = "e",
        ['ю'] = "yu",
        ['я'] = "ya",
    };

    private static readonly Dictionary<char, string> Latin = new()
    {
        ['đ'] = "dj",
        ['ł'] = "l",
        ['ø'] = "o",
        ['æ'] = "ae",
        ['œ'] = "oe",
        ['ß'] = "ss",
        ['ı'] = "i",
        ['þ'] = "th",
    };

    private static readonly (string From, string To)[] Folds =
    [
        ("shch", "s"), ("sch", "s"), ("sh", "s"), ("zh", "z"), ("ch", "c"), ("kh", "h"), ("ph", "f"), ("th", "t"), ("ck", "k"),
        ("dj", "d"), ("ts", "c"), ("tz", "c"), ("w", "v"), ("q", "k"), ("x", "ks"), ("y", "i"), ("j", "i"), ("c", "k"),
    ];

    /// <summary>The hashes of every identifier in the personal data.</summary>
    public List<(IdentifierKind Kind, string Hash)> HashesOf(CasePersonalData data)
    {
        var hashes = new List<(IdentifierKind, string)>();
        var names = new List<string?> { $"{data.GivenName} {data.FamilyName}" };
        names.AddRange(data.Aliases);
        foreach (var key in names.Select(NameKey).Where(k => k is not null).Distinct(StringComparer.Ordinal))
        {
            hashes.Add((IdentifierKind.Name, Hmac("name|" + key)));
            if (data.DateOfBirth is { } birth)
            {
                hashes.Add((IdentifierKind.NameAndBirthDate, Hmac("name-dob|" + key + "|" + birth.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))));
            }
        }

        foreach (var number in data.Documents.Select(d => DocumentKey(d.Number)).Where(n => n.Length >= 4).Distinct(StringComparer.Ordinal))
        {
            hashes.Add((IdentifierKind.Document, Hmac("document|" + number)));
        }

        return hashes;
    }

    /// <summary>
    /// A name reduced to order-free folded tokens ("Šimić Ana" and "Ana Simic" agree), or null when it has fewer than
    /// two tokens (a single name matches too many people to be worth a warning).
    /// </summary>
    public static string? NameKey(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }

        var latin = new StringBuilder();
        foreach (var c in name.ToLowerInvariant().Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            if (Cyrillic.TryGetValue(c, out var cyr))
            {
                latin.Append(cyr);
            }
            else if (Latin.TryGetValue(c, out var lat))
            {
                latin.Append(lat);
            }
            else
            {
                latin.Append(char.IsAsciiLetterLower(c) ? c : ' ');
            }
        }

        var tokens = latin.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(Fold).Where(t => t.Length > 0)
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        return tokens.Count < 2 ? null : string.Join(' ', tokens);
    }

    public static string DocumentKey(string number) =>
        new([.. number.ToUpperInvariant().Where(char.IsAsciiLetterOrDigit)]);

    private static string Fold(string token)
    {
        foreach (var (from, to) in Folds)
        {
            token = token.Replace(from, to, StringComparison.Ordinal);
        }

        var folded = new StringBuilder(token.Length);
        foreach (var c in token)
        {
            if (folded.Length == 0 || folded[^1] != c)
            {
                folded.Append(c);
            }
        }

        return folded.ToString();
    }

    private string Hmac(string value) => Convert.ToHexStringLower(HMACSHA256.HashData(keys.HmacKey, Encoding.UTF8.GetBytes(value)));
}
