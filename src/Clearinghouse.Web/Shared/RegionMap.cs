using System.Text.Json;

namespace Clearinghouse.Web.Shared;

/// <summary>
/// What the region map partial (Shared/_RegionMap) draws: each country's bucket (0 = none, 1–4 = rising quartiles),
/// the text shown for it (tooltip and the table alternative) and where a click on it goes. Shapes come from the
/// embedded Shared/region-map.json (Natural Earth 1:110m, public domain; see scripts/build-region-map.mjs), with
/// Kosovo as XK. Colours are CSS classes (app-map__area--bN), never inline styles.
/// </summary>
internal sealed record RegionMapModel(
    string Id,
    string Caption,
    IReadOnlyDictionary<string, int> Buckets,
    IReadOnlyDictionary<string, string> Texts,
    Func<string, string?> Link)
{
    private static readonly Lazy<Shapes> Loaded = new(Load);

    public static string ViewBox => Loaded.Value.ViewBox;

    public static IReadOnlyDictionary<string, string> Paths => Loaded.Value.Countries;

    /// <summary>Countries by value into buckets: 0 for no value, otherwise 1–4 by quartile of the non-zero values.</summary>
    public static Dictionary<string, int> BucketsOf<T>(IReadOnlyDictionary<string, T> values)
        where T : struct, IComparable<T>
    {
        var positive = values.Where(v => v.Value.CompareTo(default) > 0).Select(v => v.Value).Order().ToList();
        return values.ToDictionary(
            v => v.Key,
            v => v.Value.CompareTo(default) <= 0 ? 0 : 1 + Math.Min(3, positive.FindLastIndex(p => p.CompareTo(v.Value) <= 0) * 4 / Math.Max(positive.Count, 1)),
            StringComparer.Ordinal);
    }

    private static Shapes Load()
    {
        using var stream = typeof(RegionMapModel).Assembly.GetManifestResourceStream("Clearinghouse.Web.Shared.region-map.json")
            ?? throw new InvalidOperationException("The embedded region map is missing.");
        return JsonSerializer.Deserialize<Shapes>(stream, JsonSerializerOptions.Web) ?? throw new InvalidOperationException("The region map is empty.");
    }

    private sealed record Shapes(string Source, string ViewBox, Dictionary<string, string> Countries);
}
