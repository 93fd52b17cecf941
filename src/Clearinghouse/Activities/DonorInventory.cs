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

/// <summary>Amounts in one currency from activities that started in one year (or without a start date), added up: what totals and conversions need.</summary>
internal sealed record AmountSum(string Currency, int? Year, decimal Amount, int Count)
{
    public static IEnumerable<AmountSum> Of(IEnumerable<FundingLine> lines) =>
        lines.Where(l => l.Amount is not null && l.Currency is not null).Select(l => new AmountSum(l.Currency!, l.StartDate?.Year, l.Amount!.Value, 1));
}

/// <summary>
/// Amounts added up the only honest ways: per currency (never across currencies), and optionally converted to one
/// currency with the editors' rate table (each amount with the rate of its activity's start year). Amounts that cannot
/// be converted (no start date, no rate for that year) are kept apart and listed, never guessed.
/// </summary>
internal sealed record MoneyTotals(IReadOnlyDictionary<string, decimal> PerCurrency, Conversion? Converted)
{
    public static MoneyTotals Of(IEnumerable<FundingLine> lines, RateTable? rates) => Of(AmountSum.Of(lines), rates);

    public static MoneyTotals Of(IEnumerable<AmountSum> amounts, RateTable? rates)
    {
        var all = amounts.ToList();
        var perCurrency = all.GroupBy(a => a.Currency, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Sum(a => a.Amount), StringComparer.Ordinal);
        return new MoneyTotals(perCurrency, rates?.Convert(all));
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

    public Conversion Convert(IEnumerable<AmountSum> amounts)
    {
        var total = 0m;
        var converted = 0;
        var missing = new SortedDictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var amount in amounts)
        {
            if (RateFor(amount.Currency, amount.Year) is { } rate)
            {
                total += amount.Amount * rate;
                converted += amount.Count;
            }
            else
            {
                missing[amount.Currency] = missing.GetValueOrDefault(amount.Currency) + amount.Amount;
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
            .Join(Funded(country), p => p.ActivityId, a => a.Id, (p, a) => new
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

    /// <summary>
    /// Per donor, largest number of activities first (what <see cref="LinesAsync"/> gives, summed up per donor),
    /// grouped in the database (per donor; per donor, currency and start year for the money; per donor and country),
    /// so that memory holds a few rows per donor however many activities they fund.
    /// </summary>
    public async Task<List<DonorSummary>> SummariesAsync(string? country, RateTable? rates, CancellationToken cancellationToken = default)
    {
        var donations = db.ActivityParticipants.AsNoTracking().Where(p => p.Role == ParticipantRole.Donor)
            .Join(Funded(country), p => p.ActivityId, a => a.Id, (p, a) => new
            {
                p.OrganisationId,
                // The donor's key: the directory organisation, else the name as given (DonorKey trims it too).
                Name = p.OrganisationId == null ? (p.Name ?? string.Empty).Trim() : null,
                a.Id,
                a.StartDate,
                a.EndDate,
                a.IsRegional,
                p.Amount,
                p.Currency,
            });
        var donors = await donations.GroupBy(d => new { d.OrganisationId, d.Name })
            .Select(g => new
            {
                g.Key.OrganisationId,
                g.Key.Name,
                Activities = g.Select(d => d.Id).Distinct().Count(),
                From = g.Min(d => d.StartDate),
                To = g.Max(d => d.EndDate),
                Regional = g.Max(d => d.IsRegional ? 1 : 0),
            })
            .ToListAsync(cancellationToken);

        // SQLite cannot sum decimals: sum as double (exact to the cent far beyond any amount) and round back.
        var money = (await donations.Where(d => d.Amount != null && d.Currency != null)
            .GroupBy(d => new { d.OrganisationId, d.Name, d.Currency, Year = d.StartDate == null ? (int?)null : d.StartDate.Value.Year })
            .Select(g => new { g.Key.OrganisationId, g.Key.Name, g.Key.Currency, g.Key.Year, Sum = g.Sum(d => (double)d.Amount!.Value), Count = g.Count() })
            .ToListAsync(cancellationToken))
            .ToLookup(m => DonorKey.Of(m.OrganisationId, m.Name), m => new AmountSum(m.Currency!, m.Year, Math.Round((decimal)m.Sum, 2), m.Count));

        var places = Funded(country).SelectMany(a => a.Facets.Where(f => EF.Functions.Like(f.Key, ActivityFacet.Country + "%")), (a, f) => new { a.Id, f.Key });
        var countries = (await db.ActivityParticipants.AsNoTracking().Where(p => p.Role == ParticipantRole.Donor)
            .Join(places, p => p.ActivityId, x => x.Id, (p, x) => new { p.OrganisationId, Name = p.OrganisationId == null ? (p.Name ?? string.Empty).Trim() : null, x.Key })
            .Distinct()
            .ToListAsync(cancellationToken))
            .ToLookup(c => DonorKey.Of(c.OrganisationId, c.Name), c => c.Key[ActivityFacet.Country.Length..]);

        var ids = donors.Where(d => d.OrganisationId is not null).Select(d => d.OrganisationId!.Value).ToList();
        var organisations = new Dictionary<Guid, (string Name, string Slug)>();
        foreach (var chunk in ids.Chunk(1000))
        {
            foreach (var o in await db.Organisations.AsNoTracking().Where(o => chunk.Contains(o.Id)).Select(o => new { o.Id, o.Name, o.Slug }).ToListAsync(cancellationToken))
            {
                organisations[o.Id] = (o.Name, o.Slug);
            }
        }

        return [.. donors
            .Select(d =>
            {
                var key = DonorKey.Of(d.OrganisationId, d.Name);
                var organisation = d.OrganisationId is { } id && organisations.TryGetValue(id, out var o) ? o : ((string Name, string Slug)?)null;
                return new DonorSummary(
                    key,
                    organisation?.Name ?? (string.IsNullOrEmpty(d.Name) ? "?" : d.Name),
                    organisation?.Slug,
                    d.Activities,
                    [.. countries[key].Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)],
                    d.Regional == 1,
                    d.From,
                    d.To,
                    MoneyTotals.Of(money[key], rates));
            })
            .OrderByDescending(d => d.Activities).ThenBy(d => d.Name, StringComparer.CurrentCulture)];
    }

    /// <summary>Published, unretired activities, optionally only those in one country.</summary>
    private IQueryable<Activity> Funded(string? country)
    {
        var activities = ActivityAccess.Public(db.Activities.AsNoTracking());
        if (!string.IsNullOrWhiteSpace(country))
        {
            var key = ActivityFacet.Country + country.Trim().ToUpperInvariant();
            activities = activities.Where(a => a.Facets.Any(f => f.Key == key));
        }

        return activities;
    }

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
