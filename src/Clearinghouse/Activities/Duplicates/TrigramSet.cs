namespace Clearinghouse.Activities.Duplicates;

/// <summary>
/// The set of character trigrams of a normalised text, as <see cref="DuplicateScorer.Trigrams"/> defines them: each
/// trigram (three UTF-16 characters) is packed into one 48-bit number, so that the set is a sorted array without
/// duplicates and two sets are intersected by one merge, without a string or hash per trigram. The packing is one to
/// one, so sizes and intersections (and every similarity) are those of the sets of three-character strings.
/// </summary>
internal readonly struct TrigramSet
{
    private readonly ulong[]? codes;

    private TrigramSet(ulong[] codes) => this.codes = codes;

    public static TrigramSet Empty { get; } = new([]);

    public int Count => codes?.Length ?? 0;

    /// <summary>
    /// Whether <paramref name="text"/> has only ASCII characters and general punctuation (U+2000–U+206F: dashes, quotes,
    /// spaces). Normalising such a text (<see cref="Common.SearchTextBuilder.Normalize"/>) only lower-cases its ASCII
    /// letters and turns its spaces into one space: no character of it decomposes into a letter and a mark or composes
    /// with another, and the punctuation is no letter or digit either way, so <see cref="Of"/> may read it as it is.
    /// </summary>
    public static bool IsPlain(string text)
    {
        foreach (var c in text)
        {
            if (c >= 0x80 && (c < 0x2000 || c > 0x206F))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// The trigrams of <paramref name="normal"/> (normalised, or <see cref="IsPlain"/>: its ASCII capitals are lower-cased
    /// here): the words are the runs of letters and digits (white space and punctuation split them), words shorter than
    /// two characters and <paramref name="stopWords"/> are left out, and each word is padded with one space on either side.
    /// </summary>
    public static TrigramSet Of(string normal, HashSet<string>.AlternateLookup<ReadOnlySpan<char>> stopWords)
    {
        var buffer = normal.Length + 2 <= StackLimit ? stackalloc ulong[StackLimit] : new ulong[normal.Length + 2];
        var count = Fill(normal, stopWords, buffer);
        return count == 0 ? Empty : new TrigramSet(buffer[..count].ToArray());
    }

    /// <summary>
    /// How many trigrams <paramref name="normal"/> has (as <see cref="Of"/> counts them) and how many of them
    /// <paramref name="set"/> holds, without building a set: for comparing one text with many.
    /// </summary>
    public static (int Count, int Shared) Compare(TrigramSet set, string normal, HashSet<string>.AlternateLookup<ReadOnlySpan<char>> stopWords)
    {
        var buffer = normal.Length + 2 <= StackLimit ? stackalloc ulong[StackLimit] : new ulong[normal.Length + 2];
        var count = Fill(normal, stopWords, buffer);
        return (count, Shared(set.codes ?? [], buffer[..count]));
    }

    /// <summary>A text of up to this many characters has its trigrams worked out on the stack.</summary>
    private const int StackLimit = 512;

    /// <summary>Writes the distinct trigrams of <paramref name="normal"/> into <paramref name="found"/> in order; returns how many.</summary>
    private static int Fill(string normal, HashSet<string>.AlternateLookup<ReadOnlySpan<char>> stopWords, Span<ulong> found)
    {
        // A word of n characters has n trigrams (" w", then each of its characters, ending with "d "), and words are
        // separated by at least one character, so a text of length L has at most L + 1 of them.
        var n = 0;
        Span<char> buffer = stackalloc char[64];
        var i = 0;
        while (i < normal.Length)
        {
            if (!char.IsLetterOrDigit(normal[i]))
            {
                i++;
                continue;
            }

            var start = i;
            while (i < normal.Length && char.IsLetterOrDigit(normal[i]))
            {
                i++;
            }

            var length = i - start;
            var word = length <= buffer.Length ? buffer[..length] : new char[length];
            for (var k = 0; k < length; k++)
            {
                var c = normal[start + k];
                word[k] = c is >= 'A' and <= 'Z' ? (char)(c + ('a' - 'A')) : c;
            }

            if (word.Length < 2 || stopWords.Contains((ReadOnlySpan<char>)word))
            {
                continue;
            }

            // " word ": the first trigram starts at the leading space, the last ends at the trailing one.
            for (var at = -1; at + 3 <= word.Length + 1; at++)
            {
                found[n++] = ((ulong)CharAt(word, at) << 32) | ((ulong)CharAt(word, at + 1) << 16) | CharAt(word, at + 2);
            }
        }

        if (n == 0)
        {
            return 0;
        }

        found[..n].Sort();
        var count = 1;
        for (var k = 1; k < n; k++)
        {
            if (found[k] != found[count - 1])
            {
                found[count++] = found[k];
            }
        }

        return count;
    }

    /// <summary>How many trigrams the two sets share.</summary>
    public static int Shared(TrigramSet a, TrigramSet b) => Shared(a.codes ?? [], b.codes ?? []);

    private static int Shared(ReadOnlySpan<ulong> x, ReadOnlySpan<ulong> y)
    {
        int i = 0, j = 0, shared = 0;
        while (i < x.Length && j < y.Length)
        {
            if (x[i] == y[j])
            {
                shared++;
                i++;
                j++;
            }
            else if (x[i] < y[j])
            {
                i++;
            }
            else
            {
                j++;
            }
        }

        return shared;
    }

    /// <summary>Whether the set holds the trigram <paramref name="trigram"/> (three characters).</summary>
    public bool Contains(string trigram) =>
        trigram.Length == 3 && codes is not null && Array.BinarySearch(codes, ((ulong)trigram[0] << 32) | ((ulong)trigram[1] << 16) | trigram[2]) >= 0;

    private static char CharAt(Span<char> word, int at) => at < 0 || at >= word.Length ? ' ' : word[at];
}
