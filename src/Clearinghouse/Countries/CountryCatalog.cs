using System.Collections.Frozen;
using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace Clearinghouse.Countries;

/// <summary>
/// The code list of countries, read once from the embedded countries.csv (see SOURCES.md beside it).
/// It is also stored in the Countries table so that queries can join on it.
/// </summary>
internal sealed class CountryCatalog
{
    private readonly FrozenDictionary<string, Country> byCode;

    public CountryCatalog(IEnumerable<Country> countries)
    {
        All = [.. countries.OrderBy(c => c.NameEn, StringComparer.Ordinal)];
        byCode = All.ToFrozenDictionary(c => c.Code, StringComparer.OrdinalIgnoreCase);
    }

    public IReadOnlyList<Country> All { get; }

    public bool Exists(string? code) => code is not null && byCode.ContainsKey(code);

    public Country? Find(string? code) => code is not null && byCode.TryGetValue(code, out var c) ? c : null;

    /// <summary>The OSCE participating States and Kosovo, the region the directory covers first.</summary>
    public IEnumerable<Country> Region => All.Where(c => c.OsceStatus == OsceStatus.ParticipatingState || c.Code == "XK");

    public static CountryCatalog LoadEmbedded()
    {
        using var stream = typeof(CountryCatalog).Assembly.GetManifestResourceStream("Clearinghouse.Countries.countries.csv")
            ?? throw new InvalidOperationException("The embedded country list is missing.");
        using var reader = new StreamReader(stream);
        using var csv = new CsvReader(reader, new CsvConfiguration(CultureInfo.InvariantCulture));
        var countries = new List<Country>();
        csv.Read();
        csv.ReadHeader();
        while (csv.Read())
        {
            countries.Add(new Country
            {
                Code = csv.GetField("code")!,
                Alpha3 = csv.GetField("alpha3")!,
                NumericCode = NullIfEmpty(csv.GetField("numeric")),
                NameEn = csv.GetField("name_en")!,
                NameRu = csv.GetField("name_ru")!,
                OsceStatus = Enum.Parse<OsceStatus>(csv.GetField("osce_status")!),
                Region = csv.GetField("region") ?? string.Empty,
            });
        }

        return new CountryCatalog(countries);
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
