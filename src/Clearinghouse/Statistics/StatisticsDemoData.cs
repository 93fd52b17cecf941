using Clearinghouse.Data;
using Microsoft.EntityFrameworkCore;

namespace Clearinghouse.Statistics;

/// <summary>
/// An invented record-level data set ("Fictitious demo data set"), so the public statistics pages show
/// real-looking numbers with suppression visible. Every record is generated from a fixed seed; no person exists.
/// </summary>
internal sealed class StatisticsDemoData(TimeProvider clock) : IDemoDataSet
{
    public const string Source = "Fictitious demo data set (invented, not real persons)";

    private static readonly string[] Countries = ["MD", "UA", "RO", "AL", "XK", "RS", "BA", "MK", "BG", "DE", "IT", "TR", "GR", "PL", "KZ", "UZ"];
    private static readonly string[] Destinations = ["DE", "IT", "TR", "GR", "PL", "RS", "XK", "AT", "FR", "GB"];

    private static readonly string[] Sectors = ["Construction", "AgricultureForestryAndFishing", "ActivitiesOfHouseholdsAsEmployers", "AccommodationAndFoodServiceActivities", "Manufacturing"];
    private static readonly string[] AdultGroups = ["Age18To24", "Age25To34", "Age35To49", "Age50Plus"];

    public string SettingKey => "demo-statistics-loaded";

    public int Order => 50;

    public async Task<int> LoadAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        if (await db.StatisticsDatasets.AnyAsync(d => d.Source == Source, cancellationToken))
        {
            return 0;
        }

        var lastYear = clock.GetUtcNow().Year - 1;
        var dataset = new StatisticsDataset
        {
            Source = Source,
            FileName = "generated",
            Sha256 = "demo-" + lastYear.ToString(System.Globalization.CultureInfo.InvariantCulture),
            FirstYear = lastYear - 5,
            LastYear = lastYear,
            IsFictitious = true,
            ImportedAt = clock.GetUtcNow(),
            ImportedBy = "demo",
        };
        db.StatisticsDatasets.Add(dataset);
        var random = new Random(20261124);
        var records = new List<StatisticsRecord>();
        for (var year = dataset.FirstYear; year <= dataset.LastYear; year++)
        {
            var persons = 90 + (15 * (year - dataset.FirstYear)) + random.Next(0, 20);
            for (var p = 0; p < persons; p++)
            {
                var female = random.NextDouble() < 0.68;
                var child = random.NextDouble() < 0.22;
                var ageGroup = child ? (random.NextDouble() < 0.3 ? "Age0To11" : "Age12To17") : AdultGroups[Math.Min(3, (int)(random.NextDouble() * random.NextDouble() * 5))];
                var roll = random.NextDouble();
                var form = roll < (female ? 0.62 : 0.2) ? "SexualExploitation"
                    : roll < 0.85 ? "ForcedLabour"
                    : roll < 0.90 ? "ForcedBegging"
                    : roll < 0.94 ? "ForcedCriminality"
                    : roll < 0.97 ? "Multiple"
                    : roll < 0.99 ? "ForcedMarriage" : "OrganRemoval";
                var citizenship = Countries[Math.Min(Countries.Length - 1, (int)(random.NextDouble() * random.NextDouble() * Countries.Length))];
                var country = random.NextDouble() < 0.3 ? citizenship : Destinations[random.Next(Destinations.Length)];
                records.Add(new StatisticsRecord
                {
                    DatasetId = dataset.Id,
                    Year = year,
                    Assisted = random.NextDouble() < 0.8,
                    Sex = random.NextDouble() < 0.02 ? null : female ? "Feminine" : "Masculine",
                    AgeGroup = ageGroup,
                    ChildOrAdult = child ? "Child" : "Adult",
                    FormOfExploitation = form,
                    Sector = form == "ForcedLabour" ? Sectors[random.Next(Sectors.Length)] : null,
                    Citizenship = citizenship,
                    CountryOfExploitation = country,
                    Scope = citizenship == country ? "Internal" : "CrossBorder",
                });
            }
        }

        dataset.RecordCount = records.Count;
        db.StatisticsRecords.AddRange(records);
        await db.SaveChangesAsync(cancellationToken);
        return records.Count;
    }
}
