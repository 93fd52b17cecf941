using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Clearinghouse.Accounts;
using Clearinghouse.Countries;
using Clearinghouse.Data;
using Clearinghouse.Directory;
using Clearinghouse.Library;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Clearinghouse.Benchmarks;

internal sealed record GeneratorSettings(int Organisations, DatabaseProvider Provider, string Connection, int Seed, int Batch)
{
    public static GeneratorSettings From(CommandLine options)
    {
        var provider = options.RequiredText("database").ToUpperInvariant() switch
        {
            "SQLITE" => DatabaseProvider.Sqlite,
            "POSTGRES" or "POSTGRESQL" => DatabaseProvider.Postgres,
            var other => throw new ArgumentException($"--database must be sqlite or postgres, not '{other}'."),
        };
        return new GeneratorSettings(
            options.Number("organisations", 100_000, 1, 10_000_000),
            provider,
            options.RequiredText("connection"),
            options.Number("seed", 42, 0, int.MaxValue),
            options.Number("batch", 5_000, 1, 100_000));
    }
}

/// <summary>
/// Fills a freshly migrated, empty database with invented organisations and people, through the application's own
/// <see cref="AppDbContext"/>, so the history interceptor writes one ChangeRecord per record as it would in use.
/// </summary>
internal static class DataGenerator
{
    // The history's timestamps come from this clock, so that two runs with one seed write identical rows.
    private static readonly DateTimeOffset GeneratedAt = new(2026, 1, 15, 9, 0, 0, TimeSpan.Zero);

    public static async Task RunAsync(GeneratorSettings settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = settings.Provider.ToString(),
            ["ConnectionStrings:Clearinghouse"] = settings.Connection,
        }).Build();
        var services = new ServiceCollection();
        // Migrating a PostgreSQL database that does not exist yet first fails to connect, which EF Core logs as an error
        // before it creates the database; real failures still end the program with their exception.
        services.AddLogging(b => b.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning)
            .AddFilter("Microsoft.EntityFrameworkCore.Database.Connection", LogLevel.None));
        services.AddSingleton<TimeProvider>(new FixedClock(GeneratedAt));
        services.AddClearinghouseData(configuration, Environment.CurrentDirectory);
        services.AddDirectory();
        services.AddLibrary();
        await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });

        var total = Stopwatch.StartNew();
        await using (var scope = provider.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<CurrentUser>().SetOperator("bench");
            await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().MigrateAsync();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            if (await db.Organisations.AnyAsync())
            {
                throw new ArgumentException("The database already holds organisations; generate into a fresh database so that the data is reproducible.");
            }
        }

        Console.WriteLine($"Migrated {settings.Provider} database in {total.Elapsed.TotalSeconds:F1} s; generating {settings.Organisations:N0} organisations (seed {settings.Seed}, batches of {settings.Batch:N0})...");
        var factory = new OrganisationFactory(settings.Seed, provider.GetRequiredService<CountryCatalog>().Region);
        using var fingerprint = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var insert = Stopwatch.StartNew();
        var people = 0;
        for (var done = 0; done < settings.Organisations;)
        {
            var size = Math.Min(settings.Batch, settings.Organisations - done);
            await using var scope = provider.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<CurrentUser>().SetOperator("bench");
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            for (var i = 0; i < size; i++)
            {
                var (organisation, staff) = factory.Next();
                db.Organisations.Add(organisation);
                db.People.AddRange(staff);
                people += staff.Count;
                fingerprint.AppendData(Encoding.UTF8.GetBytes($"{organisation.Id}|{organisation.Slug}|{organisation.Name}|{organisation.Description}|{staff.Count}\n"));
            }

            await db.SaveChangesAsync();
            done += size;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {done,9:N0} organisations, {people,9:N0} people  {insert.Elapsed.TotalSeconds,6:F1} s  ({done / insert.Elapsed.TotalSeconds:N0} organisations/s)"));
        }

        insert.Stop();
        await using (var scope = provider.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            if (settings.Provider == DatabaseProvider.Postgres)
            {
                // What autovacuum does shortly after a bulk load (statistics, visibility map), done here so that it does not
                // run, and use CPU, in the middle of a measurement, and the first measured queries get the same plans.
                await db.Database.ExecuteSqlRawAsync("VACUUM ANALYZE");
            }

            var changes = await db.ChangeRecords.CountAsync();
            var size = settings.Provider == DatabaseProvider.Postgres
                ? await db.Database.SqlQueryRaw<long>("SELECT pg_database_size(current_database()) AS \"Value\"").SingleAsync()
                : await db.Database.SqlQueryRaw<long>("SELECT page_count * page_size AS Value FROM pragma_page_count(), pragma_page_size()").SingleAsync();
            Console.WriteLine($"Inserted {settings.Organisations:N0} organisations, {people:N0} people and {changes:N0} change records in {insert.Elapsed.TotalSeconds:F1} s; total {total.Elapsed.TotalSeconds:F1} s.");
            Console.WriteLine($"Database size: {size / (1024.0 * 1024.0):F1} MiB");
            Console.WriteLine($"Data fingerprint (SHA-256 of ids, slugs, names, descriptions): {Convert.ToHexStringLower(fingerprint.GetHashAndReset())[..16]}");
        }
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
