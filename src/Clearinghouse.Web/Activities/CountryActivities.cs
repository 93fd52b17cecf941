using Clearinghouse.Activities;
using Clearinghouse.Common;
using Clearinghouse.Directory;
using Clearinghouse.Web.Shared;

namespace Clearinghouse.Web.Activities;

/// <summary>
/// The activities part of a country page (and, without a country, of the home page): the latest published activities,
/// each thematic area's activities today and over any period with the latest needs assessment and whether it is a gap,
/// and the country's donors. The home page (no country) shows no per-area table, so it is spared the matrix of
/// activities ongoing today (<see cref="Ongoing"/> is null there).
/// </summary>
internal sealed record CountryActivities(
    string? Country,
    IReadOnlyList<ActivitySummary> Latest,
    int Count,
    bool CountIsCapped,
    GapMatrixResult? Ongoing,
    GapMatrixResult AnyPeriod,
    IReadOnlyList<DonorSummary> Donors)
{
    public const int LatestShown = 5;

    public IReadOnlyList<ThematicArea> Areas { get; } = Enum.GetValues<ThematicArea>();

    /// <summary>Cells of this country that are gaps today (needs high or medium, little or no ongoing activity).</summary>
    public IEnumerable<GapCell> Gaps => Country is null || Ongoing is null ? [] : Areas.Select(a => Ongoing.Cell(Country, a)).Where(c => c.IsGap);

    public static async Task<CountryActivities> LoadAsync(
        string? country, ActivitySearch search, GapMatrix matrix, DonorInventory donors, TimeProvider clock, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var latest = await search.SearchAsync(new ActivityFilter { Country = country, Review = ReviewState.Published }, 1, LatestShown, Labels.Language, cancellationToken);
        var ongoing = country is null ? null : await matrix.BuildAsync(new GapQuery(GapPeriod.OngoingOn, On: today), country, cancellationToken);
        var any = await matrix.BuildAsync(new GapQuery(GapPeriod.Any), country, cancellationToken);
        var funders = country is null ? [] : await donors.SummariesAsync(country, null, cancellationToken);
        return new CountryActivities(country, latest.Items, latest.Count, latest.CountIsCapped, ongoing, any, funders);
    }

    /// <summary>The home page's small map: activities per country over any period, each country linking to its activities.</summary>
    public RegionMapModel Map(string caption, Func<int, string> text) => new(
        "home-gap-map",
        caption,
        RegionMapModel.BucketsOf(AnyPeriod.CountryTotals),
        AnyPeriod.CountryTotals.ToDictionary(c => c.Key, c => text(c.Value), StringComparer.Ordinal),
        c => "/activities?country=" + c);
}
