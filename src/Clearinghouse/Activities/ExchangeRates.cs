using System.Globalization;
using Clearinghouse.Accounts;
using Clearinghouse.Common;
using Clearinghouse.Data;
using Clearinghouse.Directory;
using Microsoft.EntityFrameworkCore;

namespace Clearinghouse.Activities;

/// <summary>An exchange rate as an editor enters it.</summary>
internal sealed record ExchangeRateInput
{
    public string? Currency { get; init; }

    public string? ToCurrency { get; init; }

    public int? Year { get; init; }

    /// <summary>Units of <see cref="ToCurrency"/> for one unit of <see cref="Currency"/>, as typed (a dot or comma as decimal mark).</summary>
    public string? Rate { get; init; }

    public string? Source { get; init; }

    public Dictionary<string, string[]> Validate(out decimal rate)
    {
        var errors = new ValidationErrors();
        if (!Currencies.Exists(Currency))
        {
            errors.Add(nameof(Currency), "Enter the ISO 4217 code of a currency, e.g. USD.");
        }

        if (!Currencies.Exists(ToCurrency))
        {
            errors.Add(nameof(ToCurrency), "Enter the ISO 4217 code of a currency, e.g. EUR.");
        }
        else if (string.Equals(Currency?.Trim(), ToCurrency?.Trim(), StringComparison.OrdinalIgnoreCase))
        {
            errors.Add(nameof(ToCurrency), "Choose a different currency to convert to.");
        }

        if (Year is not (>= 1950 and <= 2100))
        {
            errors.Add(nameof(Year), "Enter the year the rate applies to, e.g. 2004.");
        }

        if (!decimal.TryParse(Rate?.Trim().Replace(',', '.'), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out rate) || rate <= 0 || rate > 1_000_000m)
        {
            errors.Add(nameof(Rate), "Enter the rate as a positive number, e.g. 0.8054.");
        }

        errors.MaxLength(nameof(Source), Source, 300);
        return errors.ToDictionary();
    }
}

/// <summary>
/// The exchange-rate table editors keep for converted totals. One rate per currency pair and year: a new rate for the
/// same pair and year retires the earlier one (kept in the history). Rates are retired, never deleted.
/// </summary>
internal sealed class ExchangeRates(AppDbContext db, CurrentUser user, TimeProvider clock)
{
    public Task<List<ExchangeRate>> CurrentAsync(CancellationToken cancellationToken = default) =>
        db.ExchangeRates.AsNoTracking().Where(r => r.RetiredAt == null)
            .OrderBy(r => r.ToCurrency).ThenBy(r => r.Currency).ThenByDescending(r => r.Year)
            .ToListAsync(cancellationToken);

    public async Task<EditResult<ExchangeRate>> SetAsync(ExchangeRateInput input, CancellationToken cancellationToken = default)
    {
        if (!user.IsEditor)
        {
            return EditResult<ExchangeRate>.Forbidden;
        }

        var errors = input.Validate(out var value);
        if (errors.Count > 0)
        {
            return EditResult<ExchangeRate>.Invalid(errors);
        }

        var from = input.Currency!.Trim().ToUpperInvariant();
        var to = input.ToCurrency!.Trim().ToUpperInvariant();
        var year = input.Year!.Value;
        var now = clock.GetUtcNow();
        foreach (var old in await db.ExchangeRates.Where(r => r.RetiredAt == null && r.Currency == from && r.ToCurrency == to && r.Year == year).ToListAsync(cancellationToken))
        {
            old.RetiredAt = now;
        }

        var rate = new ExchangeRate { Currency = from, ToCurrency = to, Year = year, Rate = value, Source = ValidationErrors.Clean(input.Source) };
        db.ExchangeRates.Add(rate);
        await db.SaveChangesAsync(cancellationToken);
        return EditResult<ExchangeRate>.Saved(rate);
    }

    public async Task<EditResult<ExchangeRate>> RetireAsync(Guid id, CancellationToken cancellationToken = default)
    {
        if (!user.IsEditor)
        {
            return EditResult<ExchangeRate>.Forbidden;
        }

        var rate = await db.ExchangeRates.FirstOrDefaultAsync(r => r.Id == id && r.RetiredAt == null, cancellationToken);
        if (rate is null)
        {
            return EditResult<ExchangeRate>.NotFound;
        }

        rate.RetiredAt = clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        return EditResult<ExchangeRate>.Saved(rate);
    }
}
