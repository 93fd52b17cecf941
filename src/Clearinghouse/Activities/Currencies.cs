namespace Clearinghouse.Activities;

/// <summary>
/// The ISO 4217 currency codes an amount may be given in (embedded Activities/currencies.txt, which names its
/// source): the codes in current use plus the withdrawn ones older records state amounts in (DEM, YUM, ...).
/// </summary>
internal static class Currencies
{
    private static readonly Lazy<IReadOnlyDictionary<string, string>> All = new(Load);

    /// <summary>Code → English name, in code order.</summary>
    public static IReadOnlyDictionary<string, string> Names => All.Value;

    public static bool Exists(string? code) => code is not null && All.Value.ContainsKey(code.Trim().ToUpperInvariant());

    private static SortedDictionary<string, string> Load()
    {
        using var stream = typeof(Currencies).Assembly.GetManifestResourceStream("Clearinghouse.Activities.currencies.txt")
            ?? throw new InvalidOperationException("The embedded currency list is missing.");
        using var reader = new StreamReader(stream);
        var codes = new SortedDictionary<string, string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var parts = line.Split('\t', 2);
            codes[parts[0]] = parts.Length > 1 ? parts[1] : parts[0];
        }

        return codes;
    }
}
