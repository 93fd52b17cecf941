using System.Globalization;
using Clearinghouse.Cases;
using Clearinghouse.Common;
using Clearinghouse.Directory;

namespace Clearinghouse.Statistics;

/// <summary>What a table counts: persons identified in the period, or persons assisted in it.</summary>
internal enum Measure
{
    Identified,
    Assisted,
}

/// <summary>The dimensions a table can be broken down by (one code per person, so tables add up).</summary>
internal enum Dimension
{
    Sex,
    ChildOrAdult,
    AgeGroup,
    FormOfExploitation,
    Sector,
    Citizenship,
    CountryOfExploitation,
    Scope,
    IdentificationChannel,
    IdentifyingOrganisationType,
    ServicesReceived,
    Outcome,
}

/// <summary>
/// The code lists of the dimensions. Sources: HTCDS 2.0 (prs_Gender, vic_TypeOfExploitation,
/// vic_ForcedLabourIndustry; github.com/UNMigration/HTCDS, CC BY 4.0), ISO 3166-1 alpha-2 (plus XK) for
/// countries, and the Clearinghouse's own lists for the rest (Cases/CaseVocabulary.cs, Directory/Vocabulary.cs).
/// "Unknown" collects every missing value; "Multiple" a person with more than one form of exploitation.
/// </summary>
internal static class StatisticsCodes
{
    public const string Unknown = "Unknown";
    public const string Multiple = "Multiple";

    /// <summary>The fixed categories of a dimension in display order; null for countries (the ones present are shown).</summary>
    public static IReadOnlyList<string>? Categories(Dimension dimension) => dimension switch
    {
        Dimension.Sex => Names<Gender>().Where(n => n != nameof(Gender.NonSpecifiedUnknown)).ToList(),
        Dimension.ChildOrAdult => ["Child", "Adult"],
        Dimension.AgeGroup => Names<AgeGroup>().Where(n => n != nameof(AgeGroup.Unknown)).ToList(),
        Dimension.FormOfExploitation => [.. Names<FormOfExploitation>(), Multiple],
        Dimension.Sector => Names<LabourSector>(),
        Dimension.Scope => [nameof(TraffickingScope.Internal), nameof(TraffickingScope.CrossBorder)],
        Dimension.IdentificationChannel => Names<IdentificationChannel>(),
        Dimension.IdentifyingOrganisationType => Names<OrganisationType>(),
        Dimension.ServicesReceived => ["None", "One", "Two", "ThreeOrMore"],
        Dimension.Outcome => ["Return", "LocalIntegration", "TraffickedAgain", "NoneRecorded"],
        _ => null,
    };

    /// <summary>Whether imported record-level data sets carry the dimension (the others count them as unknown).</summary>
    public static bool InImportedData(Dimension dimension) => dimension is Dimension.Sex or Dimension.ChildOrAdult or Dimension.AgeGroup
        or Dimension.FormOfExploitation or Dimension.Sector or Dimension.Citizenship or Dimension.CountryOfExploitation or Dimension.Scope;

    /// <summary>Maps a stored value to its category: unknowns and unspecified values become <see cref="Unknown"/>.</summary>
    public static string Normalise(string? value) =>
        string.IsNullOrWhiteSpace(value) || value is nameof(Gender.NonSpecifiedUnknown) or nameof(AgeGroup.Unknown) or nameof(TraffickingScope.Unknown)
            ? Unknown
            : value;

    public static bool IsCountry(Dimension dimension) => dimension is Dimension.Citizenship or Dimension.CountryOfExploitation;

    private static List<string> Names<T>()
        where T : struct, Enum => [.. Enum.GetNames<T>()];

    /// <summary>A date as yyyy-MM-dd (ISO 8601), whatever the culture.</summary>
    public static string Format(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

/// <summary>A reporting period: a calendar year, a quarter or a custom range of days, always shown with its label.</summary>
internal sealed record StatisticsPeriod(DateOnly From, DateOnly To)
{
    /// <summary>"2025", "2025-Q3", or a custom range.</summary>
    public string Label =>
        From.Day == 1 && From.Month == 1 && To == new DateOnly(From.Year, 12, 31) ? From.Year.ToString(CultureInfo.InvariantCulture)
        : From.Day == 1 && (From.Month - 1) % 3 == 0 && To == From.AddMonths(3).AddDays(-1) ? $"{From.Year}-Q{((From.Month - 1) / 3) + 1}"
        : From.Day == 1 && From.Month == 1 && To.Month == 12 && To.Day == 31 ? $"{From.Year}–{To.Year}"
        : $"{StatisticsCodes.Format(From)} – {StatisticsCodes.Format(To)}";

    /// <summary>The code used in URLs and by <see cref="TryParse"/>.</summary>
    public string Code =>
        Label.Contains('–', StringComparison.Ordinal) ? $"{StatisticsCodes.Format(From)}..{StatisticsCodes.Format(To)}" : Label;

    /// <summary>Whether the period is made of whole calendar years (only then do year-level imported data sets count).</summary>
    public bool IsWholeYears => From.Month == 1 && From.Day == 1 && To.Month == 12 && To.Day == 31;

    public static StatisticsPeriod Year(int year) => new(new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));

    /// <summary>Reads "2025", "2025-Q2" (or "2025Q2"), "2020..2025" or "2025-01-01..2025-06-30"; null when it is none of those.</summary>
    public static StatisticsPeriod? TryParse(string? text)
    {
        text = text?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (text.Split("..") is [var a, var b])
        {
            var from = TryParse(a);
            var to = TryParse(b);
            return from is not null && to is not null && from.From <= to.To ? new StatisticsPeriod(from.From, to.To) : null;
        }

        if (text.Length == 4 && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var year) && year is >= 1990 and <= 2100)
        {
            return Year(year);
        }

        var quarter = text.Replace("-", string.Empty, StringComparison.Ordinal).ToUpperInvariant();
        if (quarter.Length == 6 && quarter[4] == 'Q' && int.TryParse(quarter[..4], NumberStyles.None, CultureInfo.InvariantCulture, out year)
            && year is >= 1990 and <= 2100 && quarter[5] is >= '1' and <= '4')
        {
            var from = new DateOnly(year, ((quarter[5] - '1') * 3) + 1, 1);
            return new StatisticsPeriod(from, from.AddMonths(3).AddDays(-1));
        }

        return DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) && day.Year is >= 1990 and <= 2100
            ? new StatisticsPeriod(day, day)
            : null;
    }
}
