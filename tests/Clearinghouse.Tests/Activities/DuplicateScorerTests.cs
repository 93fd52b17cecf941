using Clearinghouse.Activities.Duplicates;
using Clearinghouse.Common;
using Clearinghouse.Directory;

namespace Clearinghouse.Tests.Activities;

public sealed class DuplicateScorerTests
{
    [Fact]
    public void The_same_project_reworded_scores_above_the_threshold_with_its_reasons()
    {
        var (score, reasons) = DuplicateScorer.Score(
            Probe("Shelter and reintegration of trafficked women in Moldova", "MD", 2024, ["impl-a"]),
            Probe("Reintegration and shelter for women trafficked in Moldova", "MD", 2025, ["impl-a"]));

        Assert.InRange(score, DuplicateScorer.Threshold, 100);
        Assert.Equal([DuplicateReason.SimilarTitle, DuplicateReason.SameCountry, DuplicateReason.SameArea, DuplicateReason.OverlappingPeriod, DuplicateReason.SameImplementer], reasons);
    }

    [Fact]
    public void Different_work_in_the_same_country_area_and_period_stays_below_the_threshold()
    {
        var (score, _) = DuplicateScorer.Score(
            Probe("Police training on financial investigations", "MD", 2024, ["impl-a"]),
            Probe("Shelter for child victims", "MD", 2024, ["impl-a"]));

        Assert.True(score < DuplicateScorer.Threshold);
    }

    [Fact]
    public void Russian_text_is_compared_by_trigrams_like_any_other_script()
    {
        Assert.True(DuplicateScorer.Similarity("Горячая линия для жертв торговли людьми", "Горячая линия помощи жертвам торговли людьми") > 0.6);
        Assert.True(DuplicateScorer.Similarity("Горячая линия для жертв торговли людьми", "Обучение пограничников") < 0.2);
    }

    [Fact]
    public void A_shared_iati_identifier_is_a_certain_duplicate()
    {
        var a = Probe("One", "MD", 2024, []) with { IatiIdentifiers = ["XM-1"] };
        var b = Probe("Other", "AL", 2010, []) with { IatiIdentifiers = ["XM-1"] };

        var (score, reasons) = DuplicateScorer.Score(a, b);

        Assert.Equal(100, score);
        Assert.Equal([DuplicateReason.SameIatiIdentifier], reasons);
    }

    [Fact]
    public void The_packed_trigram_sets_are_the_sets_of_three_character_strings_with_or_without_normalising()
    {
        string[] texts =
        [
            "Shelter and reintegration of trafficked women in Moldova",
            "Reintegration and shelter for women trafficked in Moldova (2024-2026)",
            "Горячая линия для жертв торговли людьми",
            "Горячая линия помощи жертвам торговли людьми, проект ОБСЕ",
            "Çocuk işçiliğine karşı – Ñandú café naïve résumé",
            "Project of the programme: a to in on by at",
            "x y z 1 22 333 a-b c/d e.f's O'Neill's",
            "  Multiple   spaces\tand\nnew lines  ",
            "KOSOVO Police — anti-trafficking unit (AT-U) №2",
            "Straße, 東京 and emoji 🙂 in a title",
            "Enhancing SHELTER services throughout RU and MK (2020–2022)",
            "Quotes \u201Clike\u201D this\u2026 and\u2002en\u2003spaces, THE End",
            "Tabs\tand\r\nbreaks\u2028between\u200Bwords\u2014all PLAIN",
            "Re-integration; PROGRAMME of the Year 2024/25",
            string.Empty,
            "a",
            "banana bananas bandana: the same trigrams again and again, banana",
            string.Concat(Enumerable.Range(0, 120).Select(i => $"word{i} ")) + "and a long tail of text past five hundred characters",
        ];

        foreach (var text in texts)
        {
            var expected = ReferenceTrigrams(text);
            var packed = DuplicateScorer.Trigrams(text);
            Assert.Equal(expected.Count, packed.Count);
            Assert.All(expected, t => Assert.True(packed.Contains(t), $"'{t}' of '{text}'"));
            foreach (var other in texts)
            {
                var reference = ReferenceSimilarity(expected, ReferenceTrigrams(other));
                Assert.Equal(reference, DuplicateScorer.Similarity(text, other));

                // One text compared with many (the duplicate finder's titles and summaries): the same similarity.
                Assert.Equal(reference, DuplicateScorer.Similarity(packed.Matcher(), other));
            }
        }
    }

    /// <summary>The scorer's trigrams as first written (strings in a hash set), to compare the packed sets with.</summary>
    private static HashSet<string> ReferenceTrigrams(string text)
    {
        HashSet<string> stopWords = ["the", "of", "and", "in", "for", "to", "on", "a", "an", "with", "by", "at", "from", "project", "programme", "program",
            "в", "и", "на", "по", "для", "с", "о", "об", "от", "к", "проект", "программа"];
        var set = new HashSet<string>(StringComparer.Ordinal);
        foreach (var word in SearchTextBuilder.Normalize(text).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)
            .SelectMany(w => w.Split([.. w.Where(c => !char.IsLetterOrDigit(c)).Distinct()], StringSplitOptions.RemoveEmptyEntries)))
        {
            if (word.Length < 2 || stopWords.Contains(word))
            {
                continue;
            }

            var padded = " " + word + " ";
            for (var i = 0; i + 3 <= padded.Length; i++)
            {
                set.Add(padded.Substring(i, 3));
            }
        }

        return set;
    }

    private static double ReferenceSimilarity(HashSet<string> a, HashSet<string> b) =>
        a.Count == 0 || b.Count == 0 ? 0 : 2.0 * a.Count(b.Contains) / (a.Count + b.Count);

    private static DuplicateProbe Probe(string title, string country, int year, string[] implementers) =>
        new(Guid.NewGuid(), title, null, [country], false, [ThematicArea.ProtectionAndAssistance], new DateOnly(year, 1, 1), new DateOnly(year + 1, 12, 31), implementers, [], []);
}
