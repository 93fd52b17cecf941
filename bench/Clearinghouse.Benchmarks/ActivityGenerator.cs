using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Clearinghouse.Accounts;
using Clearinghouse.Activities;
using Clearinghouse.Activities.Duplicates;
using Clearinghouse.Countries;
using Clearinghouse.Data;
using Clearinghouse.Directory;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NpgsqlTypes;
using Activity = Clearinghouse.Activities.Activity;

namespace Clearinghouse.Benchmarks;

internal sealed record ActivityGeneratorSettings(int Activities, int Organisations, int Countries, DatabaseProvider Provider, string Connection, int Seed, int Batch)
{
    public static ActivityGeneratorSettings From(CommandLine options)
    {
        var database = GeneratorSettings.From(options);
        return new ActivityGeneratorSettings(
            options.Number("activities", 1_000_000, 1, 20_000_000),
            options.Number("organisations", 20_000, 10, 1_000_000),
            options.Number("countries", 60, 1, 250),
            database.Provider,
            database.Connection,
            database.Seed,
            options.Number("batch", 20_000, 100, 200_000));
    }
}

/// <summary>
/// Fills a database with invented organisations (through <see cref="DataGenerator"/>) and then activities from
/// <see cref="ActivityFactory"/>: on PostgreSQL with binary COPY (activities, their facet rows, participants, IATI
/// identifiers and revisions, batch by batch on one connection); on SQLite with prepared INSERTs in one
/// transaction, each value stored through the EF Core type mapping of its property.
/// </summary>
internal static class ActivityGenerator
{
    /// <summary>The moment the data is generated "at": revisions and creation dates never pass it.</summary>
    public static readonly DateTimeOffset GeneratedAt = new(2026, 11, 1, 9, 0, 0, TimeSpan.Zero);

    public static async Task RunAsync(ActivityGeneratorSettings settings)
    {
        await using var provider = BenchServices.Build(settings.Provider, settings.Connection, Environment.CurrentDirectory);
        await using (var scope = provider.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().MigrateAsync();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            if (await db.Activities.AnyAsync(a => a.Slug.StartsWith("bench-")))
            {
                throw new ArgumentException("The database already holds generated activities; measure it again, or generate into a fresh database.");
            }

            if (!await db.Organisations.AnyAsync())
            {
                await DataGenerator.RunAsync(new GeneratorSettings(settings.Organisations, settings.Provider, settings.Connection, settings.Seed, 5_000));
            }
        }

        ActivityFactory factory;
        await using (var scope = provider.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var organisations = await db.Organisations.AsNoTracking().OrderBy(o => o.Id)
                .Select(o => new { o.Id, o.CountryCode, o.Type }).ToListAsync();
            var countries = Countries(scope.ServiceProvider.GetRequiredService<CountryCatalog>(), settings.Countries);
            var donorTypes = new[] { OrganisationType.Donor, OrganisationType.InternationalOrganisation, OrganisationType.GovernmentBody, OrganisationType.OsceInstitution };
            factory = new ActivityFactory(
                settings.Seed,
                countries,
                [.. organisations.Select(o => new OrganisationRef(o.Id))],
                [.. organisations.Where(o => donorTypes.Contains(o.Type)).Select(o => new OrganisationRef(o.Id))],
                GeneratedAt);
            Console.WriteLine($"Generating {settings.Activities:N0} activities in {countries.Count} countries, linked to {organisations.Count:N0} organisations (seed {settings.Seed}) ...");
        }

        var watch = Stopwatch.StartNew();
        var rows = settings.Provider == DatabaseProvider.Postgres
            ? await CopyAsync(settings, factory, watch)
            : await InsertAsync(provider, settings, factory, watch);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Wrote {settings.Activities:N0} activities ({rows:N0} rows) in {watch.Elapsed.TotalSeconds:F1} s."));

        await using (var scope = provider.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var analyse = Stopwatch.StartNew();
            // Written around the application: the web app rebuilds the gap matrix summary at its next start (ADR 0019).
            await GapSummary.ForgetAsync(db, CancellationToken.None);
            if (settings.Provider == DatabaseProvider.Postgres)
            {
                // COPY ran without triggers (session_replication_role = replica): the duplicate finder's cells are written now (ADR 0024).
                await db.Database.ExecuteSqlRawAsync(DuplicateCells.PostgresRebuild);
            }

            await db.Database.ExecuteSqlRawAsync(settings.Provider == DatabaseProvider.Postgres ? "VACUUM ANALYZE" : "ANALYZE");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Analysed in {analyse.Elapsed.TotalSeconds:F1} s."));
        }
    }

    /// <summary>The region's countries (the OSCE participating States and Kosovo) in code order, then others up to <paramref name="count"/>.</summary>
    public static List<string> Countries(CountryCatalog catalog, int count)
    {
        var region = catalog.Region.Select(c => c.Code).Order(StringComparer.Ordinal).ToList();
        return [.. region.Concat(catalog.All.Select(c => c.Code).Where(c => !region.Contains(c)).Order(StringComparer.Ordinal)).Take(count)];
    }

    private static async Task<long> CopyAsync(ActivityGeneratorSettings settings, ActivityFactory factory, Stopwatch watch)
    {
        await using var connection = new NpgsqlConnection(settings.Connection);
        await connection.OpenAsync();
        // Foreign keys are not checked row by row while loading (the generated rows are consistent by construction):
        // that roughly halves the time. Needs a superuser, which the benchmark's own cluster gives.
        await using (var replica = new NpgsqlCommand("SET session_replication_role = replica", connection))
        {
            await replica.ExecuteNonQueryAsync();
        }

        long rows = 0;
        for (var done = 0; done < settings.Activities;)
        {
            var size = Math.Min(settings.Batch, settings.Activities - done);
            var batch = Enumerable.Range(0, size).Select(_ => factory.Next()).ToList();
            await using var transaction = await connection.BeginTransactionAsync();
            rows += await CopyActivitiesAsync(connection, batch.Select(b => b.Activity));
            rows += await CopyRowsAsync(connection, "COPY \"ActivityFacets\" (\"ActivityId\", \"Key\") FROM STDIN (FORMAT BINARY)",
                batch.SelectMany(b => b.Activity.Facets.Select(f => (b.Activity.Id, f.Key))), async (w, r) =>
                {
                    await w.WriteAsync(r.Id, NpgsqlDbType.Uuid);
                    await w.WriteAsync(r.Key, NpgsqlDbType.Varchar);
                });
            rows += await CopyRowsAsync(connection, "COPY \"ActivityParticipants\" (\"ActivityId\", \"Role\", \"OrganisationId\", \"Name\", \"IatiRef\", \"Amount\", \"Currency\") FROM STDIN (FORMAT BINARY)",
                batch.SelectMany(b => b.Activity.Participants), async (w, p) =>
                {
                    await w.WriteAsync(p.ActivityId, NpgsqlDbType.Uuid);
                    await w.WriteAsync(p.Role.ToString(), NpgsqlDbType.Varchar);
                    await WriteNullableAsync(w, p.OrganisationId, NpgsqlDbType.Uuid);
                    await WriteNullableAsync(w, p.Name, NpgsqlDbType.Varchar);
                    await WriteNullableAsync(w, p.IatiRef, NpgsqlDbType.Varchar);
                    await WriteNullableAsync(w, p.Amount, NpgsqlDbType.Numeric);
                    await WriteNullableAsync(w, p.Currency, NpgsqlDbType.Varchar);
                });
            rows += await CopyRowsAsync(connection, "COPY \"ActivityIatiIdentifiers\" (\"Identifier\", \"ActivityId\", \"ReportingOrgRef\") FROM STDIN (FORMAT BINARY)",
                batch.SelectMany(b => b.Activity.IatiIdentifiers), async (w, i) =>
                {
                    await w.WriteAsync(i.Identifier, NpgsqlDbType.Varchar);
                    await w.WriteAsync(i.ActivityId, NpgsqlDbType.Uuid);
                    await WriteNullableAsync(w, i.ReportingOrgRef, NpgsqlDbType.Varchar);
                });
            rows += await CopyRowsAsync(connection, "COPY \"ActivityRevisions\" (\"ActivityId\", \"ValidFrom\", \"ValidTo\", \"Snapshot\") FROM STDIN (FORMAT BINARY)",
                batch.SelectMany(b => b.Revisions), async (w, r) =>
                {
                    await w.WriteAsync(r.ActivityId, NpgsqlDbType.Uuid);
                    await w.WriteAsync(r.ValidFrom, NpgsqlDbType.TimestampTz);
                    await WriteNullableAsync(w, r.ValidTo, NpgsqlDbType.TimestampTz);
                    await w.WriteAsync(r.Snapshot, NpgsqlDbType.Text);
                });
            await transaction.CommitAsync();
            done += size;
            Progress(done, rows, watch);
        }

        return rows;
    }

    private static Task<long> CopyActivitiesAsync(NpgsqlConnection connection, IEnumerable<Activity> activities) =>
        CopyRowsAsync(connection, """
            COPY "Activities" ("Id", "Slug", "Title", "Summary", "OriginalLanguage", "Translations", "Status", "ReviewState", "StartDate", "EndDate",
                "Countries", "IsRegional", "AddressesInternalTrafficking", "ThematicAreas", "TargetGroups", "FormsOfExploitation", "Budget",
                "BudgetCurrency", "Links", "SearchText", "CreatedAt", "PublishedAt", "RetiredAt", "Version") FROM STDIN (FORMAT BINARY)
            """, activities, async (w, a) =>
        {
            await w.WriteAsync(a.Id, NpgsqlDbType.Uuid);
            await w.WriteAsync(a.Slug, NpgsqlDbType.Varchar);
            await w.WriteAsync(a.Title, NpgsqlDbType.Varchar);
            await WriteNullableAsync(w, a.Summary, NpgsqlDbType.Varchar);
            await w.WriteAsync(a.OriginalLanguage, NpgsqlDbType.Varchar);
            await w.WriteAsync(JsonSerializer.Serialize(a.Translations, JsonSerializerOptions.Web), NpgsqlDbType.Varchar);
            await w.WriteAsync(a.Status.ToString(), NpgsqlDbType.Varchar);
            await w.WriteAsync(a.ReviewState.ToString(), NpgsqlDbType.Varchar);
            await WriteNullableAsync(w, a.StartDate, NpgsqlDbType.Date);
            await WriteNullableAsync(w, a.EndDate, NpgsqlDbType.Date);
            await w.WriteAsync(a.Countries.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text);
            await w.WriteAsync(a.IsRegional, NpgsqlDbType.Boolean);
            await w.WriteAsync(a.AddressesInternalTrafficking, NpgsqlDbType.Boolean);
            await w.WriteAsync(a.ThematicAreas.Select(x => x.ToString()).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text);
            await w.WriteAsync(a.TargetGroups.Select(x => x.ToString()).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text);
            await w.WriteAsync(a.FormsOfExploitation.Select(x => x.ToString()).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text);
            await WriteNullableAsync(w, a.Budget, NpgsqlDbType.Numeric);
            await WriteNullableAsync(w, a.BudgetCurrency, NpgsqlDbType.Varchar);
            await w.WriteAsync(JsonSerializer.Serialize(a.Links, JsonSerializerOptions.Web), NpgsqlDbType.Varchar);
            await w.WriteAsync(a.SearchText, NpgsqlDbType.Text);
            await w.WriteAsync(a.CreatedAt, NpgsqlDbType.TimestampTz);
            await WriteNullableAsync(w, a.PublishedAt, NpgsqlDbType.TimestampTz);
            await WriteNullableAsync(w, a.RetiredAt, NpgsqlDbType.TimestampTz);
            await w.WriteAsync(a.Version, NpgsqlDbType.Integer);
        });

    private static async Task<long> CopyRowsAsync<T>(NpgsqlConnection connection, string copy, IEnumerable<T> rows, Func<NpgsqlBinaryImporter, T, Task> write)
    {
        await using var importer = await connection.BeginBinaryImportAsync(copy);
        foreach (var row in rows)
        {
            await importer.StartRowAsync();
            await write(importer, row);
        }

        return (long)await importer.CompleteAsync();
    }

    private static Task WriteNullableAsync<T>(NpgsqlBinaryImporter writer, T? value, NpgsqlDbType type)
        where T : struct =>
        value is { } v ? writer.WriteAsync(v, type) : writer.WriteNullAsync();

    private static Task WriteNullableAsync(NpgsqlBinaryImporter writer, string? value, NpgsqlDbType type) =>
        value is not null ? writer.WriteAsync(value, type) : writer.WriteNullAsync();

    // SQLite: plain INSERTs prepared once per table, in one transaction, with every value turned into a parameter by
    // the EF Core type mapping of its property, so that the rows are stored exactly as the application stores them.
    private static async Task<long> InsertAsync(ServiceProvider provider, ActivityGeneratorSettings settings, ActivityFactory factory, Stopwatch watch)
    {
        await using var scope = provider.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var model = db.Model;
        var activities = new RowWriter(connection, transaction, model.FindEntityType(typeof(Activity))!);
        var facets = new RowWriter(connection, transaction, model.FindEntityType(typeof(ActivityFacet))!);
        var participants = new RowWriter(connection, transaction, model.FindEntityType(typeof(ActivityParticipant))!);
        var identifiers = new RowWriter(connection, transaction, model.FindEntityType(typeof(ActivityIatiIdentifier))!);
        var revisions = new RowWriter(connection, transaction, model.FindEntityType(typeof(ActivityRevision))!);
        long rows = 0;
        for (var done = 0; done < settings.Activities; done++)
        {
            var (activity, history) = factory.Next();
            rows += await activities.WriteAsync(activity);
            foreach (var facet in activity.Facets)
            {
                rows += await facets.WriteAsync(facet, activity.Id);
            }

            foreach (var participant in activity.Participants)
            {
                rows += await participants.WriteAsync(participant);
            }

            foreach (var identifier in activity.IatiIdentifiers)
            {
                rows += await identifiers.WriteAsync(identifier);
            }

            foreach (var revision in history)
            {
                rows += await revisions.WriteAsync(revision);
            }

            if ((done + 1) % settings.Batch == 0 || done + 1 == settings.Activities)
            {
                Progress(done + 1, rows, watch);
            }
        }

        await transaction.CommitAsync();
        return rows;
    }

    /// <summary>A prepared INSERT of one entity type's columns (store-generated keys left to the database).</summary>
    private sealed class RowWriter
    {
        private readonly DbCommand command;
        private readonly List<IProperty> properties;

        public RowWriter(DbConnection connection, DbTransaction transaction, IEntityType type)
        {
            properties = [.. type.GetProperties().Where(p => p.ValueGenerated == ValueGenerated.Never || !p.IsPrimaryKey() || p.ClrType != typeof(long))];
            command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = $"INSERT INTO \"{type.GetTableName()}\" ({string.Join(", ", properties.Select(p => $"\"{p.GetColumnName()}\""))}) VALUES ({string.Join(", ", properties.Select((_, i) => $"@p{i}"))})";
        }

        /// <summary>Inserts one row; <paramref name="owner"/> fills a shadow foreign key (an owned entity's owner id).</summary>
        public async Task<int> WriteAsync(object entity, object? owner = null)
        {
            command.Parameters.Clear();
            for (var i = 0; i < properties.Count; i++)
            {
                var property = properties[i];
                var value = property.IsShadowProperty() ? owner : property.GetGetter().GetClrValueUsingContainingEntity(entity);
                command.Parameters.Add(((RelationalTypeMapping)property.GetTypeMapping()).CreateParameter(command, $"p{i}", value, property.IsNullable));
            }

            return await command.ExecuteNonQueryAsync();
        }
    }

    private static void Progress(int done, long rows, Stopwatch watch) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {done,10:N0} activities, {rows,11:N0} rows  {watch.Elapsed.TotalSeconds,7:F1} s  ({done / watch.Elapsed.TotalSeconds:N0} activities/s)"));
}
