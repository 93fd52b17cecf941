using Clearinghouse.Countries;
using Clearinghouse.Directory;
using Clearinghouse.Library;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Clearinghouse.Data;

/// <summary>Brings a database up to date: migrations, the country list, and (once) the demo data.</summary>
internal sealed partial class DatabaseInitializer(
    AppDbContext db,
    CountryCatalog countries,
    DirectoryDemoData demo,
    LibraryDemoData libraryDemo,
    LibraryIndex libraryIndex,
    TimeProvider time,
    ILogger<DatabaseInitializer> logger)
{
    private const string DemoLoadedKey = "demo-data-loaded";
    private const string LibraryDemoLoadedKey = "library-demo-loaded";

    public async Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        if (pending.Count > 0)
        {
            LogMigrating(pending.Count, pending[^1]);
            await db.Database.MigrateAsync(cancellationToken);
        }

        await SyncCountriesAsync(cancellationToken);
        await libraryIndex.EnsureSchemaAsync(cancellationToken);
    }

    /// <summary>Loads the demo data unless it was loaded before (even if it was retired since). Returns false if skipped.</summary>
    public async Task<bool> SeedDemoDataAsync(bool force = false, CancellationToken cancellationToken = default)
    {
        var directoryLoaded = !force && await db.AppSettings.AnyAsync(s => s.Key == DemoLoadedKey, cancellationToken);
        var libraryLoaded = !force && await db.AppSettings.AnyAsync(s => s.Key == LibraryDemoLoadedKey, cancellationToken);
        if (directoryLoaded && libraryLoaded)
        {
            return false;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (!directoryLoaded)
        {
            var added = await demo.LoadAsync(db, cancellationToken);
            await MarkAsync(DemoLoadedKey, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            LogSeeded(added);
        }

        // The catalogue has its own mark, so installations that loaded the directory before the library existed get it too.
        if (!libraryLoaded)
        {
            await libraryIndex.EnsureSchemaAsync(cancellationToken);
            var editions = await libraryDemo.LoadAsync(db, time.GetUtcNow(), cancellationToken);
            await MarkAsync(LibraryDemoLoadedKey, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            foreach (var edition in editions)
            {
                await libraryIndex.UpdateAsync(edition, cancellationToken);
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    private async Task MarkAsync(string key, CancellationToken cancellationToken)
    {
        if (!await db.AppSettings.AnyAsync(s => s.Key == key, cancellationToken))
        {
            db.AppSettings.Add(new AppSetting { Key = key, Value = "true" });
        }
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Loaded the demo data: {Count} organisations")]
    private partial void LogSeeded(int count);
}
