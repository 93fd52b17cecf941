using System.Globalization;
using Clearinghouse.Cases;
using Clearinghouse.Common;
using Clearinghouse.Data;
using Microsoft.EntityFrameworkCore;

namespace Clearinghouse.Statistics;

/// <summary>What an anonymised record-level export released and held back.</summary>
internal sealed record HtcdsExportSummary(int Released, int Generalised, int Withheld);

/// <summary>
/// Writes the cases of a period as an anonymised, HTCDS-conformant record-level CSV: no case number, no
/// identifier, no organisation, the year instead of any date. The quasi-identifiers sex × age group × citizenship ×
/// country of exploitation are made k-anonymous (default k = 11, as the CTDC's public release): a record whose
/// combination describes fewer than k persons has citizenship and country of exploitation released as unknown; if
/// that coarser combination is still rarer than k, the age group too; records still rarer than k are withheld.
/// HTCDS has no year or age-group field, so those few columns carry the prefix clh_ (this Clearinghouse).
/// </summary>
internal sealed class HtcdsExporter(AppDbContext db)
{
    public static readonly IReadOnlyList<string> Columns =
    [
        "clh_YearIdentified", "prs_Gender", "clh_AgeGroup", "prs_Citizenship", "clh_CountryOfExploitation", "clh_Scope",
        "vic_TraffickingStatus", "vic_TypeOfExploitation", "vic_ForcedLabourIndustry", "clh_IdentificationChannel", "clh_Assisted",
    ];

    private sealed record Row(int Year, string Sex, string Age, string Citizenship, string Country, string Scope, string Status, string Forms, string Sector, string Channel, bool Assisted);

    /// <summary>The rows of the file (header first) and what was generalised or withheld.</summary>
    public async Task<(List<string[]> Rows, HtcdsExportSummary Summary)> ExportAsync(StatisticsPeriod period, int k, CancellationToken cancellationToken)
    {
        // Only the statistics columns are read: the sealed personal data is never touched.
        var cases = await db.Cases
            .Where(c => c.IdentifiedOn >= period.From && c.IdentifiedOn <= period.To && c.IdentificationStatus != IdentificationStatus.NotATraffickingCase)
            .Select(c => new
            {
                c.IdentifiedOn,
                c.Gender,
                c.AgeGroup,
                c.Citizenship,
                c.CountryOfExploitation,
                c.Scope,
                c.IdentificationStatus,
                c.FormsOfExploitation,
                c.LabourSector,
                c.IdentificationChannel,
                Assisted = db.Referrals.Any(r => r.CaseId == c.Id && r.DeliveredFrom != null),
            })
            .ToListAsync(cancellationToken);

        var rows = cases.Select(c => new Row(
                c.IdentifiedOn.Year,
                c.Gender.ToString(),
                c.AgeGroup == AgeGroup.Unknown ? string.Empty : c.AgeGroup.ToString(),
                c.Citizenship.FirstOrDefault() ?? string.Empty,
                c.CountryOfExploitation ?? string.Empty,
                c.Scope == TraffickingScope.Unknown ? string.Empty : c.Scope.ToString(),
                c.IdentificationStatus switch
                {
                    IdentificationStatus.FormallyIdentified => "ActualVictimOfTrafficking",
                    _ => "PossibleVictimOfTrafficking",
                },
                string.Join(';', c.FormsOfExploitation.Select(f => f.ToString())),
                c.LabourSector?.HtcdsCode() ?? string.Empty,
                c.IdentificationChannel.ToString(),
                c.Assisted))
            .ToList();

        var (released, generalised, withheld) = Anonymise(rows, k);
        var output = new List<string[]> { Columns.ToArray() };
        output.AddRange(released
            .OrderBy(r => r.Year).ThenBy(r => r.Sex, StringComparer.Ordinal).ThenBy(r => r.Age, StringComparer.Ordinal).ThenBy(r => r.Citizenship, StringComparer.Ordinal)
            .Select(r => new[]
            {
                r.Year.ToString(CultureInfo.InvariantCulture), r.Sex, r.Age, r.Citizenship, r.Country, r.Scope, r.Status, r.Forms, r.Sector, r.Channel, r.Assisted ? "1" : "0",
            }));
        return (output, new HtcdsExportSummary(released.Count, generalised, withheld));
    }

    /// <summary>Generalises rare quasi-identifier combinations until each released one describes at least k records.</summary>
    private static (List<Row> Released, int Generalised, int Withheld) Anonymise(List<Row> rows, int k)
    {
        static (string, string, string, string) Key(Row r) => (r.Sex, r.Age, r.Citizenship, r.Country);

        var generalised = 0;
        var counts = rows.CountBy(Key).ToDictionary(p => p.Key, p => p.Value);
        var step1 = rows.Select(r =>
        {
            if (counts[Key(r)] >= k)
            {
                return r;
            }

            generalised++;
            return r with { Citizenship = string.Empty, Country = string.Empty, Scope = string.Empty };
        }).ToList();
        counts = step1.CountBy(Key).ToDictionary(p => p.Key, p => p.Value);
        var step2 = step1.Select(r => counts[Key(r)] >= k ? r : r with { Age = string.Empty }).ToList();
        counts = step2.CountBy(Key).ToDictionary(p => p.Key, p => p.Value);
        var released = step2.Where(r => counts[Key(r)] >= k).ToList();
        return (released, generalised, rows.Count - released.Count);
    }
}
