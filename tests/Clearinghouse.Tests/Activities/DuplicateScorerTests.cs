using Clearinghouse.Activities.Duplicates;
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

    private static DuplicateProbe Probe(string title, string country, int year, string[] implementers) =>
        new(Guid.NewGuid(), title, null, [country], false, [ThematicArea.ProtectionAndAssistance], new DateOnly(year, 1, 1), new DateOnly(year + 1, 12, 31), implementers, [], []);
}
