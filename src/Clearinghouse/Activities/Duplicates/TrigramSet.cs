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

    /// <summary>This set as a hash table (<see cref="Compare"/>).</summary>
    public TrigramMatcher Matcher() => new(this, codes ?? []);

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
    /// <paramref name="set"/> holds, without building a set: for comparing one text with many. Each trigram is looked up
    /// in <paramref name="set"/>'s hash table and counted once (a small table on the stack remembers those seen).
    /// </summary>
    public static (int Count, int Shared) Compare(TrigramMatcher set, string normal, HashSet<string>.AlternateLookup<ReadOnlySpan<char>> stopWords)
    {
        // At most normal.Length + 1 trigrams (see Fill): a table at least twice that, a power of two.
        var bits = Math.Max(6, 64 - System.Numerics.BitOperations.LeadingZeroCount((ulong)(2 * normal.Length + 2)));
        var seen = bits <= 10 ? stackalloc ulong[1 << bits] : new ulong[1 << bits];
        seen.Clear();
        var mask = (1 << bits) - 1;
        int count = 0, shared = 0;
        var reader = new Reader(normal, stopWords, stackalloc char[64]);
        while (reader.Next(out var code))
        {
            // Codes are never 0 (a trigram has at least one character that is not U+0000), so 0 marks an empty slot.
            var slot = TrigramMatcher.Slot(code, bits);
            while (seen[slot] != 0 && seen[slot] != code)
            {
                slot = (slot + 1) & mask;
            }

            if (seen[slot] == 0)
            {
                seen[slot] = code;
                count++;
                shared += set.Contains(code) ? 1 : 0;
            }
        }

        return (count, shared);
    }

    /// <summary>A text of up to this many characters has its trigrams worked out on the stack.</summary>
    private const int StackLimit = 512;

    /// <summary>Writes the distinct trigrams of <paramref name="normal"/> into <paramref name="found"/> in order; returns how many.</summary>
    private static int Fill(string normal, HashSet<string>.AlternateLookup<ReadOnlySpan<char>> stopWords, Span<ulong> found)
    {
        // A word of n characters has n trigrams (" w", then each of its characters, ending with "d "), and words are
        // separated by at least one character, so a text of length L has at most L + 1 of them.
        var n = 0;
        var reader = new Reader(normal, stopWords, stackalloc char[64]);
        while (reader.Next(out var code))
        {
            found[n++] = code;
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

    /// <summary>
    /// The trigrams of a normalised text one by one, in text order (repeats included): the words are the runs of letters
    /// and digits, lower-cased (ASCII), words shorter than two characters and stop words are left out, and each word is
    /// padded with one space on either side (" word ": the first trigram starts at the leading space, the last ends at
    /// the trailing one).
    /// </summary>
    private ref struct Reader(string normal, HashSet<string>.AlternateLookup<ReadOnlySpan<char>> stopWords, Span<char> buffer)
    {
        private readonly Span<char> buffer = buffer;
        private Span<char> word;
        private int i;
        private int at;

        public bool Next(out ulong code)
        {
            while (at + 3 > word.Length + 1)
            {
                if (!NextWord())
                {
                    code = 0;
                    return false;
                }
            }

            code = ((ulong)CharAt(word, at) << 32) | ((ulong)CharAt(word, at + 1) << 16) | CharAt(word, at + 2);
            at++;
            return true;
        }

        private bool NextWord()
        {
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
                var next = length <= buffer.Length ? buffer[..length] : new char[length];
                for (var k = 0; k < length; k++)
                {
                    var c = normal[start + k];
                    next[k] = c is >= 'A' and <= 'Z' ? (char)(c + ('a' - 'A')) : c;
                }

                if (length >= 2 && !stopWords.Contains((ReadOnlySpan<char>)next))
                {
                    word = next;
                    at = -1;
                    return true;
                }
            }

            return false;
        }
    }
}

/// <summary>A <see cref="TrigramSet"/> as an open-addressing hash table, for testing many texts' trigrams against it.</summary>
internal sealed class TrigramMatcher
{
    private readonly ulong[] table;
    private readonly int bits;

    public TrigramMatcher(TrigramSet set, IEnumerable<ulong> codes)
    {
        Count = set.Count;
        bits = Math.Max(4, 64 - System.Numerics.BitOperations.LeadingZeroCount((ulong)(2 * set.Count + 1)));
        table = new ulong[1 << bits];
        foreach (var code in codes)
        {
            var slot = Slot(code, bits);
            while (table[slot] != 0)
            {
                slot = (slot + 1) & (table.Length - 1);
            }

            table[slot] = code;
        }
    }

    /// <summary>How many trigrams the set has.</summary>
    public int Count { get; }

    /// <summary>Fibonacci hashing of a trigram code into a table of 2^<paramref name="bits"/> slots.</summary>
    public static int Slot(ulong code, int bits) => (int)((code * 0x9E3779B97F4A7C15UL) >> (64 - bits));

    public bool Contains(ulong code)
    {
        var slot = Slot(code, bits);
        while (table[slot] != 0)
        {
            if (table[slot] == code)
            {
                return true;
            }

            slot = (slot + 1) & (table.Length - 1);
        }

        return false;
    }
}
