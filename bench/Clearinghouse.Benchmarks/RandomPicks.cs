namespace Clearinghouse.Benchmarks;

/// <summary>Seeded draws shared by the generators, so the same seed gives the same data in every benchmark.</summary>
internal static class RandomPicks
{
    public static T Pick<T>(this Random random, T[] values) => values[random.Next(values.Length)];

    /// <summary>Between <paramref name="min"/> and <paramref name="max"/> different values, in the order drawn.</summary>
    public static List<T> Some<T>(this Random random, T[] values, int min, int max)
    {
        var count = random.Next(min, max + 1);
        var picked = new List<T>();
        while (picked.Count < count)
        {
            var value = values[random.Next(values.Length)];
            if (!picked.Contains(value))
            {
                picked.Add(value);
            }
        }

        return picked;
    }
}
