using Clearinghouse.Data;
using Microsoft.EntityFrameworkCore;

namespace Clearinghouse.Activities;

/// <summary>A donor: a directory organisation (by id) or, when not in the directory, the name an activity gives.</summary>
internal sealed record DonorKey(Guid? OrganisationId, string? Name)
{
    public static DonorKey Of(Guid? organisationId, string? name) =>
        organisationId is { } id ? new DonorKey(id, null) : new DonorKey(null, (name ?? string.Empty).Trim());
}

/// <summary>One donor's part in one published activity: the amount it gives (if stated), where and when.</summary>
internal sealed record FundingLine(
    Guid ActivityId,
    string Slug,
    string Title,
    ActivityStatus Status,
    DateOnly? StartDate,
    DateOnly? EndDate,
    IReadOnlyList<string> Countries,
    bool IsRegional,
    DonorKey Donor,
    string DonorName,
    string? DonorSlug,
    decimal? Amount,
    string? Currency);

/// <summary>
/// Amounts added up the only honest ways: per currency (never across currencies), and optionally converted to one
/// currency with the editors' rate table (each amount with the rate of its activity's start year). Amounts that cannot
/// be converted (no start date, no rate for that year) are kept apart and listed, never guessed.
/// </summary>
internal sealed record MoneyTotals(IReadOnlyDictionary<string, decimal> PerCurrency, Conversion? Converted)
{
    public static MoneyTotals Of(IEnumerable<FundingLine> lines, RateTable? rates)
    {
        var withAmount = lines.Where(l => l.Amount is not null && l.Currency is not null).ToList();
        var perCurrency = withAmount.GroupBy(l => l.Currency!, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Sum(l => l.Amount!.Value), StringComparer.Ordinal);
        return new MoneyTotals(perCurrency, rates is null ? null : rates.Convert(withAmount));
    }
}

/// <summary>A total converted to <see cref="Currency"/>, and the amounts (per currency) that had no rate.</summary>
internal sealed record Conversion(string Currency, decimal Total, int AmountsConverted, IReadOnlyDictionary<string, decimal> NotConverted);

/// <summary>The editors' exchange rates into one currency, by (currency, year).</summary>
internal sealed class RateTable(string currency, IReadOnlyDictionary<(string Currency, int Year), decimal> rates)
{
    public string Currency { get; } = currency;

    public decimal? RateFor(string from, int? year) =>
        string.Equals(from, Currency, StringComparison.Ordinal) ? 1m
        : year is { } y && rates.TryGetValue((from, y), out var rate) ? rate
        : null;

    public Conversion Convert(IEnumerable<FundingLine> lines)
    {
        var total = 0m;
        var converted = 0;
        var missing = new SortedDictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var line in lines.Where(l => l.Amount is not null && l.Currency is not null))
        {
            if (RateFor(line.Currency!, line.StartDate?.Year) is { } rate)
            {
                total += line.Amount!.Value * rate;
                converted++;
            }
            else
            {
                missing[line.Currency!] = missing.GetValueOrDefault(line.Currency!) + line.Amount!.Value;
            }
        }

        return new Conversion(Currency, Math.Round(total, 2), converted, missing);
    }
}

/// <summary>One donor over the selected activities: how many it funds, where, when, and how much per currency.</summary>
internal sealed record DonorSummary(DonorKey Key, string Name, string? Slug, int Activities, IReadOnlyList<string> Countries, bool Regional, DateOnly? From, DateOnly? To, MoneyTotals Money);

/// <summary>
/// The donor inventory: who funds which published activities, where, how much and when — per donor, and per country
/// ("who funds what here"). Activities merged into another are retired, so a project reported by two publishers counts
/// once. An amount belongs to the whole activity: in a country view it is not split between the activity's countries.
/// </summary>
internal sealed class DonorInventory(AppDbContext db)
{
    /// <summary>Donor participations in published, unretired activities, optionally in one country or of one donor.</summary>
    public async Task<List<FundingLine>> LinesAsync(string? country = null, DonorKey? donor = null, CancellationToken cancellationToken = default)
    {
        var activities = ActivityAccess.Public(db.Activities.AsNoTracking());
        if (!string.IsNullOrWhiteSpace(country))
        {
            var key = ActivityFacet.Country + country.Trim().ToUpperInvariant();
            activities = activities.Where(a => a.Facets.Any(f => f.Key == key));
        }

        var participants = db.ActivityParticipants.AsNoTracking().Where(p => p.Role == ParticipantRole.Donor);
        if (donor?.OrganisationId is { } organisation)
        {
            participants = participants.Where(p => p.OrganisationId == organisation);
        }
        else if (donor?.Name is { } name)
        {
            participants = participants.Where(p => p.OrganisationId == null && p.Name == name);
        }

        var rows = await participants
            .Join(activities, p => p.ActivityId, a => a.Id, (p, a) => new
            {
                a.Id,
                a.Slug,
                a.Title,
                a.Status,
                a.StartDate,
                a.EndDate,
                a.Countries,
                a.IsRegional,
                p.OrganisationId,
                p.Name,
                OrganisationName = p.Organisation != null ? p.Organisation.Name : null,
                OrganisationSlug = p.Organisation != null ? p.Organisation.Slug : null,
                p.Amount,
                p.Currency,
            })
            .ToListAsync(cancellationToken);
        return [.. rows
            .Select(r => new FundingLine(
                r.Id, r.Slug, r.Title, r.Status, r.StartDate, r.EndDate, r.Countries, r.IsRegional,
                DonorKey.Of(r.OrganisationId, r.Name), r.OrganisationName ?? r.Name ?? "?", r.OrganisationSlug, r.Amount, r.Currency))
            .OrderBy(l => l.StartDate is null).ThenByDescending(l => l.StartDate).ThenBy(l => l.Title, StringComparer.CurrentCulture)];
    }

    /// <summary>Per donor, largest number of activities first.</summary>
    public static List<DonorSummary> Summarise(IEnumerable<FundingLine> lines, RateTable? rates) =>
        [.. lines.GroupBy(l => l.Donor)
            .Select(g => new DonorSummary(
                g.Key,
                g.First().DonorName,
                g.First().DonorSlug,
                g.Select(l => l.ActivityId).Distinct().Count(),
                [.. g.SelectMany(l => l.Countries).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)],
                g.Any(l => l.IsRegional),
                g.Min(l => l.StartDate),
                g.Max(l => l.EndDate),
                MoneyTotals.Of(g, rates)))
            .OrderByDescending(d => d.Activities).ThenBy(d => d.Name, StringComparer.CurrentCulture)];

    /// <summary>The currencies the editors keep rates into: the conversions a page can offer.</summary>
    public Task<List<string>> ConversionCurrenciesAsync(CancellationToken cancellationToken = default) =>
        db.ExchangeRates.AsNoTracking().Where(r => r.RetiredAt == null).Select(r => r.ToCurrency).Distinct().OrderBy(c => c).ToListAsync(cancellationToken);

    /// <summary>The rates into <paramref name="currency"/> the editors keep (unretired), or null when no currency is asked for.</summary>
    public async Task<RateTable?> RatesAsync(string? currency, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(currency) || !Currencies.Exists(currency))
        {
            return null;
        }

        var code = currency.Trim().ToUpperInvariant();
        var rates = await db.ExchangeRates.AsNoTracking().Where(r => r.RetiredAt == null && r.ToCurrency == code)
            .Select(r => new { r.Currency, r.Year, r.Rate }).ToListAsync(cancellationToken);
        return new RateTable(code, rates.GroupBy(r => (r.Currency, r.Year)).ToDictionary(g => g.Key, g => g.First().Rate));
    }
}
