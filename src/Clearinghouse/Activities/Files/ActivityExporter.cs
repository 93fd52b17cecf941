using System.Globalization;
using Clearinghouse.Accounts;
using Clearinghouse.Activities.Iati;
using Clearinghouse.Countries;
using Clearinghouse.Data;
using Clearinghouse.Directory;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Clearinghouse.Activities.Files;

/// <summary>Which activities an export holds (all filters optional).</summary>
internal sealed record ActivityExportFilter(string? Country = null, ThematicArea? Area = null, ActivityStatus? Status = null);

/// <summary>
/// Writes the activities the caller may see (retired and merged ones left out) as CSV, XLSX, IATI activity XML 2.03
/// or an HXL-tagged "3W" CSV, ordered by title.
/// </summary>
internal sealed class ActivityExporter(AppDbContext db, CurrentUser user, CountryCatalog countries, IOptions<IatiOptions> iati, TimeProvider clock)
{
    public const string HxlContentType = "text/csv";

    public static string Extension(ActivityFileFormat format) => format switch
    {
        ActivityFileFormat.Xlsx => "xlsx",
        ActivityFileFormat.Iati => "xml",
        ActivityFileFormat.Hxl => "hxl.csv",
        _ => "csv",
    };

    public static string ContentType(ActivityFileFormat format) => format switch
    {
        ActivityFileFormat.Xlsx => DirectoryFiles.XlsxContentType,
        ActivityFileFormat.Iati => IatiWriter.ContentType,
        _ => DirectoryFiles.CsvContentType,
    };

    public IQueryable<Activity> Query(ActivityExportFilter filter)
    {
        var query = ActivityAccess.Visible(db.Activities, user).Where(a => a.RetiredAt == null && a.MergedIntoId == null);
        if (!string.IsNullOrWhiteSpace(filter.Country))
        {
            var key = ActivityFacet.Country + filter.Country.Trim().ToUpperInvariant();
            query = query.Where(a => a.Facets.Any(f => f.Key == key));
        }

        if (filter.Area is { } area)
        {
            var key = ActivityFacet.Area + area;
            query = query.Where(a => a.Facets.Any(f => f.Key == key));
        }

        if (filter.Status is { } status)
        {
            query = query.Where(a => a.Status == status);
        }

        return query
            .Include(a => a.Participants).ThenInclude(p => p.Organisation)
            .Include(a => a.IatiIdentifiers)
            .AsSplitQuery()
            .AsNoTracking()
            .OrderBy(a => a.Title).ThenBy(a => a.Id);
    }

    public async Task ExportAsync(Stream output, ActivityFileFormat format, ActivityExportFilter filter, CancellationToken cancellationToken = default)
    {
        var activities = Query(filter);
        switch (format)
        {
            case ActivityFileFormat.Iati:
                await IatiWriter.WriteAsync(output, activities.AsAsyncEnumerable(), iati.Value, clock.GetUtcNow(), cancellationToken);
                break;
            case ActivityFileFormat.Xlsx:
                var list = await activities.ToListAsync(cancellationToken);
                await DirectoryFiles.WriteXlsxAsync(output, [(ActivityColumns.Sheet, ActivityColumns.All, list.Select(ActivityColumns.Row))], cancellationToken);
                break;
            case ActivityFileFormat.Hxl:
                await WriteHxlAsync(output, activities, cancellationToken);
                break;
            default:
                await DirectoryFiles.WriteCsvAsync(output, ActivityColumns.All, Rows(activities, ActivityColumns.Row, cancellationToken), cancellationToken);
                break;
        }
    }

    /// <summary>The 3W table: a header row of names, a row of HXL hashtags, then one row per activity and country.</summary>
    private async Task WriteHxlAsync(Stream output, IQueryable<Activity> activities, CancellationToken cancellationToken)
    {
        var header = HxlColumns.All.Select(c => c.Header).ToList();
        var tags = HxlColumns.All.Select(c => (string?)c.Tag).ToArray();
        await DirectoryFiles.WriteCsvAsync(output, header, WithTags(), cancellationToken);

        async IAsyncEnumerable<string?[]> WithTags()
        {
            yield return tags;
            await foreach (var a in activities.AsAsyncEnumerable().WithCancellation(cancellationToken))
            {
                foreach (var row in HxlRows(a))
                {
                    yield return row;
                }
            }
        }
    }

    private IEnumerable<string?[]> HxlRows(Activity a)
    {
        string Names(ParticipantRole role) => string.Join(ActivityColumns.ListSeparator + " ", a.Participants.Where(p => p.Role == role).OrderBy(p => p.Id).Select(p => p.Organisation?.Name ?? p.Name ?? p.IatiRef));
        var dac = a.ThematicAreas.Select(t => IatiCodes.DacCodeOfArea.GetValueOrDefault(t)).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        var common = new Func<string?, string?, string?[]>((countryName, countryCode) =>
        [
            a.Title,
            a.Slug,
            a.IatiIdentifiers.Count == 0 ? null : IatiWriter.PrimaryIdentifier(a, iati.Value),
            Names(ParticipantRole.Implementer),
            Names(ParticipantRole.Partner),
            Names(ParticipantRole.Donor),
            string.Join(ActivityColumns.ListSeparator, a.ThematicAreas),
            string.Join(ActivityColumns.ListSeparator, dac),
            countryName,
            countryCode,
            ActivityColumns.Flag(a.IsRegional),
            string.Join(ActivityColumns.ListSeparator, a.TargetGroups),
            string.Join(ActivityColumns.ListSeparator, a.FormsOfExploitation),
            ActivityColumns.Date(a.StartDate),
            ActivityColumns.Date(a.EndDate),
            a.Status.ToString(),
            a.Budget?.ToString("0.##", CultureInfo.InvariantCulture),
            a.BudgetCurrency,
        ]);
        if (a.Countries.Count == 0)
        {
            yield return common(null, null);
            yield break;
        }

        // A budget belongs to the activity, not to each country: it is given on the first country's row only, so column sums stay true.
        var first = true;
        foreach (var code in a.Countries)
        {
            var row = common(countries.Find(code)?.NameEn ?? code, code);
            if (!first)
            {
                row[^2] = null;
                row[^1] = null;
            }

            first = false;
            yield return row;
        }
    }

    private static async IAsyncEnumerable<string?[]> Rows(IQueryable<Activity> activities, Func<Activity, string?[]> row, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var a in activities.AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            yield return row(a);
        }
    }
}
