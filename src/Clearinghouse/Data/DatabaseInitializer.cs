using Clearinghouse.Countries;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Clearinghouse.Data;

/// <summary>Brings a database up to date: migrations, the country list, and (once) the demo data.</summary>
internal sealed partial class DatabaseInitializer(
    AppDbContext db,
    CountryCatalog countries,
    IEnumerable<IDemoDataSet> demoSets,
    ILogger<DatabaseInitializer> logger)
{
    public async Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        if (pending.Count > 0)
        {
            LogMigrating(pending.Count, pending[^1]);
            await db.Database.MigrateAsync(cancellationToken);
        }

        await SyncCountriesAsync(cancellationToken);
    }

    /// <summary>
    /// Loads each feature's demo data unless it was loaded before (even if it was retired since). Returns false if
    /// every set had been loaded already.
    /// </summary>
    public async Task<bool> SeedDemoDataAsync(bool force = false, CancellationToken cancellationToken = default)
    {
        var loadedAny = false;
        foreach (var set in demoSets.OrderBy(s => s.Order))
        {
            if (!force && await db.AppSettings.AnyAsync(s => s.Key == set.SettingKey, cancellationToken))
            {
                continue;
            }

            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var added = await set.LoadAsync(db, cancellationToken);
            if (!await db.AppSettings.AnyAsync(s => s.Key == set.SettingKey, cancellationToken))
            {
                db.AppSettings.Add(new AppSetting { Key = set.SettingKey, Value = "true" });
            }

            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            db.ChangeTracker.Clear();
            LogSeeded(set.SettingKey, added);
            loadedAny = true;
        }

        return loadedAny;
    }

    private async Task SyncCountriesAsync(CancellationToken cancellationToken)
    {
        var existing = await db.Countries.Select(c => c.Code).ToListAsync(cancellationToken);
        var missing = countries.All.Where(c => !existing.Contains(c.Code, StringComparer.Ordinal)).ToList();
        if (missing.Count == 0)
        {
            return;
        }

        db.Countries.AddRange(missing.Select(c => new Country
        {
            Code = c.Code,
            Alpha3 = c.Alpha3,
            NumericCode = c.NumericCode,
            NameEn = c.NameEn,
            NameRu = c.NameRu,
            OsceStatus = c.OsceStatus,
            Region = c.Region,
        }));
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Applying {Count} migration(s), up to {LastMigration}")]
    private partial void LogMigrating(int count, string lastMigration);

    [LoggerMessage(Level = LogLevel.Information, Message = "Loaded demo data {Set}: {Count} records")]
    private partial void LogSeeded(string set, int count);
}
