using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Threading.Channels;
using Clearinghouse.Accounts;
using Clearinghouse.Activities;
using Clearinghouse.Cases;
using Clearinghouse.Common;
using Clearinghouse.Countries;
using Clearinghouse.Data;
using Clearinghouse.Directory;
using Clearinghouse.Library;
using Clearinghouse.Services;
using Clearinghouse.Statistics;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;

namespace Clearinghouse.Benchmarks;

internal sealed record CaseGeneratorSettings(
    string Connection, string Folder, int Cases, int AuditEntries, int Organisations, int CaseOrganisations, int WorkersPerOrganisation, int BenchUsers, int Seed, int Chunk)
{
    public static CaseGeneratorSettings From(CommandLine options)
    {
        var settings = new CaseGeneratorSettings(
            options.RequiredText("connection"),
            Path.GetFullPath(options.RequiredText("folder")),
            options.Number("cases", 1_000_000, 1_000, 50_000_000),
            options.Number("audit", 5_000_000, 0, 500_000_000),
            options.Number("organisations", 400, 0, 1_000_000),
            options.Number("case-organisations", 200, 1, 100_000),
            options.Number("workers", 5, 1, 1_000),
            options.Number("bench-users", 4, 1, 64),
            options.Number("seed", 42, 0, int.MaxValue),
            options.Number("chunk", 10_000, 100, 1_000_000));
        return settings.AuditEntries < settings.Cases
            ? throw new ArgumentException("--audit must be at least --cases (every case has its 'Registered' entry).")
            : settings;
    }
}

/// <summary>One signed-in worker of the benchmark: how to sign in (password, authenticator key), an API token, their organisation.</summary>
internal sealed record BenchUser(string Email, string Password, string AuthenticatorKey, string ApiToken, Guid UserId, Guid OrganisationId, List<Guid> Cases);

/// <summary>What the run needs to know about the generated data; kept next to the key ring in the data folder.</summary>
internal sealed record CaseManifest(string Connection, DateOnly GeneratedOn, int Cases, long AuditEntries, List<BenchUser> Users, List<CaseInput> Probes)
{
    public const string FileName = "manifest.json";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerOptions.Web)
    {
        WriteIndented = true,
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    public static string KeyRingPath(string folder) => Path.Combine(folder, "keys", "case-keyring.json");
}

/// <summary>
/// Fills a PostgreSQL database with invented National Referral Mechanism data at the issue's scale: case
/// organisations with workers, cases whose identifiers are sealed by the application's own <see cref="CaseCipher"/>
/// and key ring and hashed by its <see cref="IdentifierHasher"/>, case teams, consents, referrals, SOP steps spread over
/// the workers, and the audit log as a real hash chain (<see cref="CaseAudit.HashOf"/>). Rows go in with binary COPY;
/// sealing and hashing run in parallel with the writing.
/// </summary>
internal static class CaseGenerator
{
    public const string Password = "benchmark password 2026";

    public static ServiceProvider BuildServices(string connection, string folder, TimeProvider? clock = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Postgres",
            ["ConnectionStrings:Clearinghouse"] = connection,
            ["Cases:KeyRingPath"] = CaseManifest.KeyRingPath(folder),
            ["Library:StoragePath"] = Path.Combine(folder, "library"),
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning)
            .AddFilter("Microsoft.EntityFrameworkCore.Database.Connection", LogLevel.None));
        if (clock is not null)
        {
            services.AddSingleton(clock);
        }

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<IConfiguration>(configuration);
        services.AddClearinghouseData(configuration, folder);
        services.AddDirectory();
        services.AddLibrary();
        services.AddActivities();
        services.AddCases(folder);
        services.AddServiceDirectory();
        services.AddStatistics();
        services.AddAccountsCore();
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }

    public static async Task RunAsync(CaseGeneratorSettings settings)
    {
        System.IO.Directory.CreateDirectory(settings.Folder);
        if (File.Exists(Path.Combine(settings.Folder, CaseManifest.FileName)))
        {
            throw new ArgumentException($"{settings.Folder} already holds generated data ({CaseManifest.FileName}); remove the folder and the database to generate again.");
        }

        await using var provider = BuildServices(settings.Connection, settings.Folder);
        var total = Stopwatch.StartNew();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        await using (var scope = provider.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<CurrentUser>().SetOperator("bench");
            var initializer = scope.ServiceProvider.GetRequiredService<DatabaseInitializer>();
            await initializer.MigrateAsync();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            if (await db.Cases.CountAsync() > 100)
            {
                throw new ArgumentException("The database already holds cases; generate into a fresh database.");
            }

            await initializer.SeedDemoDataAsync();
        }

        Console.WriteLine($"Migrated and loaded the demo data in {total.Elapsed.TotalSeconds:F1} s.");
        await AddOrganisationsAsync(provider, settings);
        var (organisations, workers) = await AddWorkersAsync(provider, settings);
        var providers = await ProvidersAsync(provider, organisations);
        Console.WriteLine($"{organisations.Length} case organisations with {workers.Length} workers; {providers.Length} service providers receive referrals.");

        var cipher = provider.GetRequiredService<CaseCipher>();
        var hasher = provider.GetRequiredService<IdentifierHasher>();
        var layout = new CaseLayout(settings, today, organisations, workers, providers);
        var caseIds = new Guid[settings.Cases];
        var probes = new List<CaseInput>();

        await using var connection = new NpgsqlConnection(settings.Connection);
        await connection.OpenAsync();
        // A bulk load: no commit waits, no foreign-key triggers (the rows are consistent by construction), and the case
        // tables' secondary indexes dropped now and built again at the end, which is much faster than keeping them up.
        await using (var command = new NpgsqlCommand("SET synchronous_commit = off; SET session_replication_role = replica", connection))
        {
            await command.ExecuteNonQueryAsync();
        }

        var indexes = await DropIndexesAsync(connection);

        var casesTime = Stopwatch.StartNew();
        var chunks = Channel.CreateBounded<CaseChunk>(new BoundedChannelOptions(4) { SingleReader = true });
        var chunkCount = (settings.Cases + settings.Chunk - 1) / settings.Chunk;
        var producer = Task.Run(async () =>
        {
            try
            {
                // Chunks are made in parallel (sealing and hashing are the CPU work) while the writer copies earlier ones.
                var options = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, Environment.ProcessorCount) };
                await Parallel.ForAsync(0, chunkCount, options, async (index, token) =>
                    await chunks.Writer.WriteAsync(layout.Make(index, cipher, hasher, caseIds), token));
                chunks.Writer.Complete();
            }
            catch (Exception e)
            {
                chunks.Writer.Complete(e);
            }
        });

        var counts = new RowCounts();
        var written = 0;
        await foreach (var chunk in chunks.Reader.ReadAllAsync())
        {
            await WriteChunkAsync(connection, chunk, counts);
            probes.AddRange(chunk.Probes);
            written += chunk.Cases.Count;
            if (chunk.Index % 10 == 9 || written == settings.Cases)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {written,9:N0} cases  {casesTime.Elapsed.TotalSeconds,6:F1} s  ({written / casesTime.Elapsed.TotalSeconds:N0} cases/s)"));
            }
        }

        await producer;
        Console.WriteLine($"Wrote {settings.Cases:N0} cases, {counts.Team:N0} team members, {counts.Hashes:N0} identifier hashes, {counts.Steps:N0} SOP steps, {counts.Consents:N0} consents and {counts.Referrals:N0} referrals in {casesTime.Elapsed.TotalSeconds:F1} s.");

        var auditTime = Stopwatch.StartNew();
        var audit = await WriteAuditAsync(connection, settings, layout, caseIds, workers);
        Console.WriteLine($"Wrote {audit:N0} audit entries (hash chain) in {auditTime.Elapsed.TotalSeconds:F1} s.");

        var indexTime = Stopwatch.StartNew();
        foreach (var definition in indexes)
        {
            await using var command = new NpgsqlCommand(definition, connection) { CommandTimeout = 0 };
            await command.ExecuteNonQueryAsync();
        }

        Console.WriteLine($"Built {indexes.Count} indexes again in {indexTime.Elapsed.TotalSeconds:F1} s.");
        var users = await BenchUsersAsync(provider, settings, organisations, workers);
        var vacuum = Stopwatch.StartNew();
        await using (var command = new NpgsqlCommand("VACUUM ANALYZE", connection) { CommandTimeout = 0 })
        {
            await command.ExecuteNonQueryAsync();
        }

        Console.WriteLine($"VACUUM ANALYZE in {vacuum.Elapsed.TotalSeconds:F1} s.");
        long size;
        await using (var command = new NpgsqlCommand("SELECT pg_database_size(current_database())", connection))
        {
            size = (long)(await command.ExecuteScalarAsync())!;
        }

        var manifest = new CaseManifest(settings.Connection, today, settings.Cases, audit, users, probes);
        await File.WriteAllTextAsync(Path.Combine(settings.Folder, CaseManifest.FileName), JsonSerializer.Serialize(manifest, CaseManifest.Json));
        Console.WriteLine($"Database size {size / (1024.0 * 1024.0):N0} MiB; total {total.Elapsed.TotalSeconds:F1} s. Manifest: {Path.Combine(settings.Folder, CaseManifest.FileName)}");
    }

    /// <summary>Drops the secondary (not primary-key) indexes of the tables the generator fills; returns their definitions.</summary>
    private static async Task<List<string>> DropIndexesAsync(NpgsqlConnection connection)
    {
        var definitions = new List<(string Name, string Definition)>();
        await using (var command = new NpgsqlCommand(
            """
            SELECT i.indexname, i.indexdef FROM pg_indexes i
            WHERE i.schemaname = 'public'
              AND i.tablename IN ('Cases', 'CaseTeamMembers', 'CaseIdentifierHashes', 'SopSteps', 'Consents', 'Referrals', 'CaseAudit')
              AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)
            """, connection))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                definitions.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        foreach (var (name, _) in definitions)
        {
            await using var drop = new NpgsqlCommand($"DROP INDEX \"{name}\"", connection);
            await drop.ExecuteNonQueryAsync();
        }

        return [.. definitions.Select(d => d.Definition)];
    }

    /// <summary>Invented organisations besides the demo directory, so that the case page's lists of organisations have a realistic length.</summary>
    private static async Task AddOrganisationsAsync(ServiceProvider provider, CaseGeneratorSettings settings)
    {
        if (settings.Organisations == 0)
        {
            return;
        }

        var factory = new OrganisationFactory(settings.Seed, provider.GetRequiredService<CountryCatalog>().Region);
        for (var done = 0; done < settings.Organisations;)
        {
            var size = Math.Min(2_000, settings.Organisations - done);
            await using var scope = provider.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<CurrentUser>().SetOperator("bench");
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            for (var i = 0; i < size; i++)
            {
                var (organisation, staff) = factory.Next();
                db.Organisations.Add(organisation);
                db.People.AddRange(staff);
            }

            await db.SaveChangesAsync();
            done += size;
        }
    }

    /// <summary>
    /// Case organisations (every listed organisation, in a seeded order, up to the number asked) and their workers: one
    /// supervisor and N case workers each. The password hash is computed once and shared (hashing it a thousand times
    /// would take a minute); the benchmark's signed-in workers get their own authenticator later.
    /// </summary>
    private static async Task<(Guid[] Organisations, Worker[] Workers)> AddWorkersAsync(ServiceProvider provider, CaseGeneratorSettings settings)
    {
        await using var scope = provider.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await scope.ServiceProvider.GetRequiredService<UserAdmin>().EnsureRolesAsync();
        var all = await db.Organisations.AsNoTracking().Where(o => o.RetiredAt == null).OrderBy(o => o.Id).Select(o => o.Id).ToListAsync();
        var random = new Random(settings.Seed);
        var organisations = all.OrderBy(_ => random.Next()).Take(settings.CaseOrganisations).ToArray();
        var roles = await db.Roles.AsNoTracking().ToDictionaryAsync(r => r.Name!, r => r.Id);
        var template = new AppUser { DisplayName = "template" };
        var hash = new PasswordHasher<AppUser>().HashPassword(template, Password);
        var created = DateTimeOffset.UtcNow;
        var workers = new List<Worker>();
        for (var o = 0; o < organisations.Length; o++)
        {
            for (var w = 0; w <= settings.WorkersPerOrganisation; w++)
            {
                var supervisor = w == settings.WorkersPerOrganisation;
                var email = supervisor ? $"supervisor-{o:D4}@bench.example" : $"worker-{o:D4}-{w:D2}@bench.example";
                var user = new AppUser
                {
                    UserName = email,
                    NormalizedUserName = email.ToUpperInvariant(),
                    Email = email,
                    NormalizedEmail = email.ToUpperInvariant(),
                    EmailConfirmed = true,
                    DisplayName = supervisor ? $"Supervisor {o + 1}" : $"Case worker {o + 1}.{w + 1}",
                    OrganisationId = organisations[o],
                    CreatedAt = created,
                    LockoutEnabled = true,
                    PasswordHash = hash,
                };
                db.Users.Add(user);
                db.UserRoles.Add(new IdentityUserRole<Guid> { UserId = user.Id, RoleId = roles[supervisor ? Roles.CaseSupervisor : Roles.CaseWorker] });
                if (!supervisor)
                {
                    workers.Add(new Worker(user.Id, email, o));
                }
            }
        }

        await db.SaveChangesAsync();
        return (organisations, [.. workers]);
    }

    /// <summary>Organisations with services in the service directory receive the referrals; without any, every organisation may.</summary>
    private static async Task<Guid[]> ProvidersAsync(ServiceProvider provider, Guid[] organisations)
    {
        await using var scope = provider.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var providers = await db.Services.AsNoTracking().Where(s => s.RetiredAt == null).Select(s => s.OrganisationId).Distinct().OrderBy(x => x).ToArrayAsync();
        return providers.Length > 0 ? providers : organisations;
    }

    private static async Task<List<BenchUser>> BenchUsersAsync(ServiceProvider provider, CaseGeneratorSettings settings, Guid[] organisations, Worker[] workers)
    {
        var result = new List<BenchUser>();
        for (var k = 0; k < Math.Min(settings.BenchUsers, organisations.Length); k++)
        {
            // The first worker of organisations 0, 1, 2, ...: one signed-in client each.
            var worker = workers.First(w => w.Organisation == k);
            await using var scope = provider.CreateAsyncScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var user = await users.FindByIdAsync(worker.Id.ToString()) ?? throw new InvalidOperationException($"No user {worker.Email}.");
            await users.ResetAuthenticatorKeyAsync(user);
            var key = await users.GetAuthenticatorKeyAsync(user) ?? throw new InvalidOperationException("No authenticator key.");
            await users.SetTwoFactorEnabledAsync(user, true);
            var (_, secret) = await scope.ServiceProvider.GetRequiredService<ApiTokens>().IssueAsync(user.Id, "case benchmark", TimeSpan.FromDays(365));
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var organisation = organisations[k];
            // A sample of the cases the worker's organisation is on the team of (the case pages to open).
            var cases = await db.CaseTeamMembers.AsNoTracking().Where(t => t.OrganisationId == organisation)
                .OrderBy(t => t.CaseId).Select(t => t.CaseId).ToListAsync();
            var random = new Random(settings.Seed + k);
            result.Add(new BenchUser(worker.Email, Password, key, secret, worker.Id, organisation, [.. cases.OrderBy(_ => random.Next()).Take(500)]));
        }

        return result;
    }

    private static async Task WriteChunkAsync(NpgsqlConnection connection, CaseChunk chunk, RowCounts counts)
    {
        await using (var writer = await connection.BeginBinaryImportAsync(
            "COPY \"Cases\" (\"Id\", \"CaseNumber\", \"OwnerOrganisationId\", \"Gender\", \"AgeAtIdentification\", \"AgeGroup\", \"Citizenship\", \"CountryOfExploitation\", \"Scope\", \"FormsOfExploitation\", \"LabourSector\", \"MethodsOfControl\", \"IdentificationChannel\", \"IdentifyingOrganisationId\", \"IdentifiedOn\", \"IdentificationStatus\", \"IsChild\", \"HasDisability\", \"IsPregnant\", \"RiskLevel\", \"WitnessProtection\", \"GuardianAppointedOn\", \"BestInterestAssessmentOn\", \"State\", \"ClosedOn\", \"CreatedAt\", \"UpdatedAt\", \"PersonalData\", \"Version\") FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var c in chunk.Cases)
            {
                await writer.StartRowAsync();
                await writer.WriteAsync(c.Id, NpgsqlDbType.Uuid);
                await writer.WriteAsync(c.CaseNumber, NpgsqlDbType.Varchar);
                await writer.WriteAsync(c.OwnerOrganisationId, NpgsqlDbType.Uuid);
                await writer.WriteAsync(c.Gender.ToString(), NpgsqlDbType.Varchar);
                await WriteNullableAsync(writer, c.AgeAtIdentification, NpgsqlDbType.Integer);
                await writer.WriteAsync(c.AgeGroup.ToString(), NpgsqlDbType.Varchar);
                await writer.WriteAsync(c.Citizenship.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text);
                await WriteNullableAsync(writer, c.CountryOfExploitation, NpgsqlDbType.Varchar);
                await writer.WriteAsync(c.Scope.ToString(), NpgsqlDbType.Varchar);
                await writer.WriteAsync(c.FormsOfExploitation.Select(f => f.ToString()).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text);
                await WriteNullableAsync(writer, c.LabourSector?.ToString(), NpgsqlDbType.Varchar);
                await writer.WriteAsync(c.MethodsOfControl.Select(f => f.ToString()).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text);
                await writer.WriteAsync(c.IdentificationChannel.ToString(), NpgsqlDbType.Varchar);
                await writer.WriteAsync(c.IdentifyingOrganisationId, NpgsqlDbType.Uuid);
                await writer.WriteAsync(c.IdentifiedOn, NpgsqlDbType.Date);
                await writer.WriteAsync(c.IdentificationStatus.ToString(), NpgsqlDbType.Varchar);
                await writer.WriteAsync(c.IsChild, NpgsqlDbType.Boolean);
                await writer.WriteAsync(c.HasDisability, NpgsqlDbType.Boolean);
                await writer.WriteAsync(c.IsPregnant, NpgsqlDbType.Boolean);
                await writer.WriteAsync(c.RiskLevel.ToString(), NpgsqlDbType.Varchar);
                await writer.WriteAsync(c.WitnessProtection, NpgsqlDbType.Boolean);
                await WriteNullableAsync(writer, c.GuardianAppointedOn, NpgsqlDbType.Date);
                await WriteNullableAsync(writer, c.BestInterestAssessmentOn, NpgsqlDbType.Date);
                await writer.WriteAsync(c.State.ToString(), NpgsqlDbType.Varchar);
                await WriteNullableAsync(writer, c.ClosedOn, NpgsqlDbType.Date);
                await writer.WriteAsync(c.CreatedAt, NpgsqlDbType.TimestampTz);
                await writer.WriteAsync(c.UpdatedAt, NpgsqlDbType.TimestampTz);
                await writer.WriteAsync(c.PersonalData!, NpgsqlDbType.Bytea);
                await writer.WriteAsync(c.Version, NpgsqlDbType.Integer);
            }

            await writer.CompleteAsync();
        }

        await using (var writer = await connection.BeginBinaryImportAsync("COPY \"CaseTeamMembers\" (\"Id\", \"CaseId\", \"OrganisationId\", \"UserId\", \"AddedAt\") FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var t in chunk.Team)
            {
                await writer.StartRowAsync();
                await writer.WriteAsync(t.Id, NpgsqlDbType.Uuid);
                await writer.WriteAsync(t.CaseId, NpgsqlDbType.Uuid);
                await writer.WriteAsync(t.OrganisationId, NpgsqlDbType.Uuid);
                await WriteNullableAsync(writer, t.UserId, NpgsqlDbType.Uuid);
                await writer.WriteAsync(t.AddedAt, NpgsqlDbType.TimestampTz);
            }

            await writer.CompleteAsync();
        }

        await using (var writer = await connection.BeginBinaryImportAsync("COPY \"CaseIdentifierHashes\" (\"CaseId\", \"Kind\", \"Hash\") FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var h in chunk.Hashes)
            {
                await writer.StartRowAsync();
                await writer.WriteAsync(h.CaseId, NpgsqlDbType.Uuid);
                await writer.WriteAsync(h.Kind.ToString(), NpgsqlDbType.Varchar);
                await writer.WriteAsync(h.Hash, NpgsqlDbType.Varchar);
            }

            await writer.CompleteAsync();
        }

        await using (var writer = await connection.BeginBinaryImportAsync("COPY \"SopSteps\" (\"Id\", \"CaseId\", \"Kind\", \"DueOn\", \"ResponsibleUserId\", \"DoneAt\") FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var s in chunk.Steps)
            {
                await writer.StartRowAsync();
                await writer.WriteAsync(s.Id, NpgsqlDbType.Uuid);
                await writer.WriteAsync(s.CaseId, NpgsqlDbType.Uuid);
                await writer.WriteAsync(s.Kind.ToString(), NpgsqlDbType.Varchar);
                await writer.WriteAsync(s.DueOn, NpgsqlDbType.Date);
                await WriteNullableAsync(writer, s.ResponsibleUserId, NpgsqlDbType.Uuid);
                await WriteNullableAsync(writer, s.DoneAt, NpgsqlDbType.TimestampTz);
            }

            await writer.CompleteAsync();
        }

        await using (var writer = await connection.BeginBinaryImportAsync("COPY \"Consents\" (\"Id\", \"CaseId\", \"Scope\", \"GivenOn\", \"Organisations\", \"Categories\", \"RecordedAt\", \"RecordedByUserId\", \"WithdrawnAt\") FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var c in chunk.Consents)
            {
                await writer.StartRowAsync();
                await writer.WriteAsync(c.Id, NpgsqlDbType.Uuid);
                await writer.WriteAsync(c.CaseId, NpgsqlDbType.Uuid);
                await writer.WriteAsync(c.Scope.ToString(), NpgsqlDbType.Varchar);
                await writer.WriteAsync(c.GivenOn, NpgsqlDbType.Date);
                await writer.WriteAsync(c.Organisations.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Uuid);
                await writer.WriteAsync(c.Categories.Select(x => x.ToString()).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text);
                await writer.WriteAsync(c.RecordedAt, NpgsqlDbType.TimestampTz);
                await writer.WriteAsync(c.RecordedByUserId, NpgsqlDbType.Uuid);
                await WriteNullableAsync(writer, c.WithdrawnAt, NpgsqlDbType.TimestampTz);
            }

            await writer.CompleteAsync();
        }

        await using (var writer = await connection.BeginBinaryImportAsync("COPY \"Referrals\" (\"Id\", \"CaseId\", \"ProviderOrganisationId\", \"Service\", \"ServiceId\", \"Status\", \"SentAt\", \"SentByUserId\", \"RespondedAt\", \"DeclineReason\", \"DeliveredFrom\", \"DeliveredTo\", \"SharedCategories\", \"Version\") FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var r in chunk.Referrals)
            {
                await writer.StartRowAsync();
                await writer.WriteAsync(r.Id, NpgsqlDbType.Uuid);
                await writer.WriteAsync(r.CaseId, NpgsqlDbType.Uuid);
                await writer.WriteAsync(r.ProviderOrganisationId, NpgsqlDbType.Uuid);
                await writer.WriteAsync(r.Service.ToString(), NpgsqlDbType.Varchar);
                await WriteNullableAsync(writer, r.ServiceId, NpgsqlDbType.Uuid);
                await writer.WriteAsync(r.Status.ToString(), NpgsqlDbType.Varchar);
                await writer.WriteAsync(r.SentAt, NpgsqlDbType.TimestampTz);
                await writer.WriteAsync(r.SentByUserId, NpgsqlDbType.Uuid);
                await WriteNullableAsync(writer, r.RespondedAt, NpgsqlDbType.TimestampTz);
                await WriteNullableAsync(writer, r.DeclineReason, NpgsqlDbType.Varchar);
                await WriteNullableAsync(writer, r.DeliveredFrom, NpgsqlDbType.Date);
                await WriteNullableAsync(writer, r.DeliveredTo, NpgsqlDbType.Date);
                await writer.WriteAsync(r.SharedCategories.Select(x => x.ToString()).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text);
                await writer.WriteAsync(r.Version, NpgsqlDbType.Integer);
            }

            await writer.CompleteAsync();
        }

        counts.Team += chunk.Team.Count;
        counts.Hashes += chunk.Hashes.Count;
        counts.Steps += chunk.Steps.Count;
        counts.Consents += chunk.Consents.Count;
        counts.Referrals += chunk.Referrals.Count;
    }

    /// <summary>
    /// The audit log as the application writes it: each case's 'Registered' entry when it was created, then views and
    /// changes of recent cases by their workers, in time order, every entry chained to the one before by its hash.
    /// Continues an existing chain (the demo data's, if any).
    /// </summary>
    private static async Task<long> WriteAuditAsync(NpgsqlConnection connection, CaseGeneratorSettings settings, CaseLayout layout, Guid[] caseIds, Worker[] workers)
    {
        long sequence = 0;
        var previous = CaseAudit.Genesis;
        await using (var command = new NpgsqlCommand("SELECT \"Sequence\", \"Hash\" FROM \"CaseAudit\" ORDER BY \"Sequence\" DESC LIMIT 1", connection))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            if (await reader.ReadAsync())
            {
                sequence = reader.GetInt64(0);
                previous = reader.GetString(1);
            }
        }

        var random = new Random(settings.Seed + 17);
        var others = (double)(settings.AuditEntries - settings.Cases) / settings.Cases;
        string[] actions = [AuditActions.Viewed, AuditActions.Viewed, AuditActions.Viewed, AuditActions.Viewed, AuditActions.Viewed, AuditActions.Viewed, AuditActions.Viewed,
            AuditActions.Updated, AuditActions.StepDone, AuditActions.ReferralSent, AuditActions.ConsentRecorded, AuditActions.ReferralViewed];
        var batch = new List<AuditEntry>(100_000);
        long written = 0;
        for (var i = 0; i < settings.Cases; i++)
        {
            var at = layout.CreatedAt(i);
            var worker = workers[layout.WorkerOf(i)];
            Add(at, worker, caseIds[i], AuditActions.Registered);
            var follow = (int)(Math.Floor((i + 1) * others) - Math.Floor(i * others));
            for (var k = 0; k < follow; k++)
            {
                // Mostly the recent cases are opened and changed; the older ones now and then.
                var back = (int)Math.Min(i, -Math.Log(1 - random.NextDouble()) * 1_500);
                var j = i - back;
                Add(at.AddSeconds(k + 1), workers[layout.WorkerOf(j)], caseIds[j], actions[random.Next(actions.Length)]);
            }

            if (batch.Count >= 100_000)
            {
                written += await CopyAuditAsync(connection, batch);
            }
        }

        written += await CopyAuditAsync(connection, batch);
        return written;

        void Add(DateTimeOffset at, Worker worker, Guid caseId, string action)
        {
            var entry = new AuditEntry
            {
                Sequence = ++sequence,
                At = DateTimeOffset.FromUnixTimeMilliseconds(at.ToUnixTimeMilliseconds()),
                UserId = worker.Id,
                Actor = worker.Email,
                CaseId = caseId,
                Action = action,
                Detail = action == AuditActions.StepDone ? nameof(SopStepKind.FirstAssistance) : string.Empty,
                PreviousHash = previous,
                Hash = string.Empty,
            };
            entry.Hash = CaseAudit.HashOf(entry);
            previous = entry.Hash;
            batch.Add(entry);
        }
    }

    private static async Task<int> CopyAuditAsync(NpgsqlConnection connection, List<AuditEntry> batch)
    {
        await using var writer = await connection.BeginBinaryImportAsync("COPY \"CaseAudit\" (\"Sequence\", \"At\", \"UserId\", \"Actor\", \"CaseId\", \"Action\", \"Detail\", \"PreviousHash\", \"Hash\") FROM STDIN (FORMAT BINARY)");
        foreach (var a in batch)
        {
            await writer.StartRowAsync();
            await writer.WriteAsync(a.Sequence, NpgsqlDbType.Bigint);
            await writer.WriteAsync(a.At, NpgsqlDbType.TimestampTz);
            await WriteNullableAsync(writer, a.UserId, NpgsqlDbType.Uuid);
            await writer.WriteAsync(a.Actor, NpgsqlDbType.Varchar);
            await WriteNullableAsync(writer, a.CaseId, NpgsqlDbType.Uuid);
            await writer.WriteAsync(a.Action, NpgsqlDbType.Varchar);
            await writer.WriteAsync(a.Detail, NpgsqlDbType.Varchar);
            await writer.WriteAsync(a.PreviousHash, NpgsqlDbType.Varchar);
            await writer.WriteAsync(a.Hash, NpgsqlDbType.Varchar);
        }

        await writer.CompleteAsync();
        var count = batch.Count;
        batch.Clear();
        return count;
    }

    private static Task WriteNullableAsync<T>(NpgsqlBinaryImporter writer, T? value, NpgsqlDbType type)
        where T : struct =>
        value is { } v ? writer.WriteAsync(v, type) : writer.WriteNullAsync();

    private static Task WriteNullableAsync(NpgsqlBinaryImporter writer, string? value, NpgsqlDbType type) =>
        value is null ? writer.WriteNullAsync() : writer.WriteAsync(value, type);

    private sealed class RowCounts
    {
        public long Team { get; set; }

        public long Hashes { get; set; }

        public long Steps { get; set; }

        public long Consents { get; set; }

        public long Referrals { get; set; }
    }
}

internal sealed record Worker(Guid Id, string Email, int Organisation);

/// <summary>The rows of one chunk of consecutive cases, ready to be copied.</summary>
internal sealed record CaseChunk(int Index, List<Case> Cases, List<CaseTeamMember> Team, List<CaseIdentifierHash> Hashes, List<SopStep> Steps, List<Consent> Consents, List<Referral> Referrals, List<CaseInput> Probes);

/// <summary>
/// Where each case sits: created at evenly spread moments over the ten years before the generation day (so case i
/// is older than case i+1, and the audit log can follow them in time order), owned by one of the case
/// organisations, worked on by one of its workers. Everything else about a case comes from a seeded random
/// sequence per chunk, so chunks can be made in parallel.
/// </summary>
internal sealed class CaseLayout(CaseGeneratorSettings settings, DateOnly today, Guid[] organisations, Worker[] workers, Guid[] providers)
{
    private const string Alphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
    private static readonly string[] Citizenships = ["MD", "UA", "RO", "AL", "XK", "RS", "BA", "MK", "BG", "KZ", "UZ", "TJ", "KG", "GE", "AM", "MN"];
    private static readonly string[] Destinations = ["DE", "IT", "TR", "GR", "PL", "RS", "XK", "AT", "FR", "GB", "RU", "KZ", "ES", "NL", "CH", "AE"];
    private static readonly MethodOfControl[] Methods = Enum.GetValues<MethodOfControl>();
    private static readonly LabourSector[] Sectors = Enum.GetValues<LabourSector>();
    private static readonly PersonalDataCategory[] Categories = Enum.GetValues<PersonalDataCategory>();
    private static readonly ServiceKind[] Services = Enum.GetValues<ServiceKind>();

    private readonly DateTimeOffset start = new DateTimeOffset(today.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).AddDays(-3_650);
    private readonly double secondsPerCase = 3_649.0 * 86_400 / settings.Cases;

    public DateTimeOffset CreatedAt(int i) => start.AddSeconds(Math.Floor(i * secondsPerCase));

    /// <summary>The index (in the workers array) of the case worker who registered case i; a fixed mix of i.</summary>
    public int WorkerOf(int i)
    {
        var organisation = (int)(Mix(i) % (ulong)organisations.Length);
        var perOrganisation = workers.Length / organisations.Length;
        return (organisation * perOrganisation) + (int)(Mix(i + 0x9E3779B9L) % (ulong)perOrganisation);
    }

    public CaseChunk Make(int index, CaseCipher cipher, IdentifierHasher hasher, Guid[] caseIds)
    {
        var from = index * settings.Chunk;
        var to = Math.Min(settings.Cases, from + settings.Chunk);
        var random = new Random(HashCode.Combine(settings.Seed, index));
        var chunk = new CaseChunk(index, new(to - from), [], [], [], [], [], []);
        var todayStart = new DateTimeOffset(today.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        for (var i = from; i < to; i++)
        {
            var created = CreatedAt(i);
            var worker = workers[WorkerOf(i)];
            var organisation = organisations[worker.Organisation];
            var identifiedOn = DateOnly.FromDateTime(created.UtcDateTime).AddDays(-random.Next(4));
            var ageDays = today.DayNumber - identifiedOn.DayNumber;
            var open = random.NextDouble() < (ageDays < 365 ? 0.9 : ageDays < 730 ? 0.5 : 0.03);
            var c = new Case
            {
                Id = Guid.CreateVersion7(created),
                CaseNumber = $"C-{created.Year}-{Number(i)}",
                OwnerOrganisationId = organisation,
                IdentifyingOrganisationId = random.NextDouble() < 0.8 ? organisation : organisations[random.Next(organisations.Length)],
                IdentifiedOn = identifiedOn,
                CreatedAt = created,
                UpdatedAt = created.AddDays(random.Next(60)),
                State = open ? CaseState.Open : CaseState.Closed,
                ClosedOn = open ? null : DateOnly.FromDateTime(created.UtcDateTime).AddDays(120 + random.Next(400)),
                Version = random.Next(6),
            };
            if (c.ClosedOn > today)
            {
                c.ClosedOn = today.AddDays(-random.Next(30));
            }

            caseIds[i] = c.Id;
            var (personal, gender, age) = Person(random, identifiedOn);
            Statistics(c, random, gender, age);
            c.PersonalData = cipher.SealPersonalData(personal, c.Id);
            chunk.Cases.Add(c);
            foreach (var (kind, hash) in hasher.HashesOf(personal))
            {
                chunk.Hashes.Add(new CaseIdentifierHash { CaseId = c.Id, Kind = kind, Hash = hash });
            }

            chunk.Team.Add(new CaseTeamMember { Id = Guid.CreateVersion7(created), CaseId = c.Id, OrganisationId = organisation, UserId = worker.Id, AddedAt = created });
            if (random.NextDouble() < 0.2)
            {
                var partner = organisations[random.Next(organisations.Length)];
                if (partner != organisation)
                {
                    chunk.Team.Add(new CaseTeamMember { Id = Guid.CreateVersion7(created), CaseId = c.Id, OrganisationId = partner, AddedAt = created.AddDays(random.Next(1, 30)) });
                }
            }

            Steps(chunk, c, random, worker, todayStart);
            ConsentsAndReferrals(chunk, c, random, worker, open);
            if (i % 5_000 == 1)
            {
                chunk.Probes.Add(Probe(personal, c, random));
            }
        }

        return chunk;
    }

    private static (CasePersonalData Personal, Gender Gender, int Age) Person(Random random, DateOnly identifiedOn)
    {
        var female = random.NextDouble() < 0.66;
        var given = female ? CaseNames.GivenFemale[random.Next(CaseNames.GivenFemale.Length)] : CaseNames.GivenMale[random.Next(CaseNames.GivenMale.Length)];
        var family = CaseNames.Family(random);
        var age = random.NextDouble() < 0.22 ? 8 + random.Next(10) : 18 + (int)(Math.Abs(NextGaussian(random)) * 14);
        var birth = identifiedOn.AddYears(-age).AddDays(-random.Next(365));
        var personal = new CasePersonalData
        {
            GivenName = given,
            FamilyName = family,
            Aliases = random.NextDouble() < 0.15 ? [$"{given[..Math.Min(3, given.Length)]}a {CaseNames.Family(random)}"] : [],
            DateOfBirth = random.NextDouble() < 0.85 ? birth : null,
            Documents = random.NextDouble() < 0.6
                ? [new IdentityDocument { Kind = random.NextDouble() < 0.7 ? DocumentKind.Passport : DocumentKind.IdentityCard, Number = $"{(char)('A' + random.Next(26))}{(char)('A' + random.Next(26))}{random.Next(1_000_000, 9_999_999)}", IssuingCountry = Citizenships[random.Next(Citizenships.Length)] }]
                : [],
            Phone = random.NextDouble() < 0.5 ? $"+999 {random.Next(100, 999)} {random.Next(1000, 9999)}" : null,
            Email = random.NextDouble() < 0.2 ? $"{given.ToLowerInvariant()}.{random.Next(10_000)}@example.net" : null,
            Address = random.NextDouble() < 0.4 ? $"{CaseNames.Streets[random.Next(CaseNames.Streets.Length)]} {random.Next(1, 200)}, {CaseNames.Cities[random.Next(CaseNames.Cities.Length)]}" : null,
            Narrative = "FICTITIOUS benchmark case. " + string.Join(' ', Enumerable.Range(0, 2 + random.Next(5)).Select(_ => CaseNames.Narrative[random.Next(CaseNames.Narrative.Length)])),
        };
        return (personal, female ? Gender.Feminine : Gender.Masculine, age);
    }

    private static void Statistics(Case c, Random random, Gender gender, int age)
    {
        c.Gender = random.NextDouble() < 0.01 ? Gender.NonSpecifiedUnknown : gender;
        c.AgeAtIdentification = random.NextDouble() < 0.9 ? age : null;
        c.AgeGroup = AgeGroups.For(c.AgeAtIdentification);
        c.IsChild = age < 18;
        c.Citizenship = [Citizenships[(int)(random.NextDouble() * random.NextDouble() * Citizenships.Length)]];
        c.CountryOfExploitation = Destinations[(int)(random.NextDouble() * random.NextDouble() * Destinations.Length)];
        c.Scope = c.Citizenship[0] == c.CountryOfExploitation ? TraffickingScope.Internal : TraffickingScope.CrossBorder;
        var form = random.NextDouble();
        c.FormsOfExploitation = form < 0.45 ? [FormOfExploitation.SexualExploitation] : form < 0.8 ? [FormOfExploitation.ForcedLabour]
            : form < 0.88 ? [FormOfExploitation.ForcedBegging] : form < 0.94 ? [FormOfExploitation.ForcedCriminality]
            : form < 0.97 ? [FormOfExploitation.SexualExploitation, FormOfExploitation.ForcedLabour] : [FormOfExploitation.ForcedMarriage];
        c.LabourSector = c.FormsOfExploitation.Contains(FormOfExploitation.ForcedLabour) ? Sectors[random.Next(Sectors.Length)] : null;
        c.MethodsOfControl = [.. Enumerable.Range(0, random.Next(4)).Select(_ => Methods[random.Next(Methods.Length)]).Distinct()];
        c.IdentificationChannel = (IdentificationChannel)random.Next(6);
        c.IdentificationStatus = random.NextDouble() < 0.7 ? IdentificationStatus.FormallyIdentified : random.NextDouble() < 0.95 ? IdentificationStatus.Presumed : IdentificationStatus.NotATraffickingCase;
        c.HasDisability = random.NextDouble() < 0.04;
        c.IsPregnant = gender == Gender.Feminine && random.NextDouble() < 0.03;
        c.RiskLevel = (RiskLevel)random.Next(4);
        c.WitnessProtection = random.NextDouble() < 0.05;
        if (c.IsChild)
        {
            c.GuardianAppointedOn = c.IdentifiedOn.AddDays(random.Next(1, 10));
            c.BestInterestAssessmentOn = random.NextDouble() < 0.8 ? c.IdentifiedOn.AddDays(random.Next(5, 40)) : null;
        }
    }

    /// <summary>The registration's five steps, and for some cases shelter, legal proceedings, return and closure; done when past, except a few overdue.</summary>
    private void Steps(CaseChunk chunk, Case c, Random random, Worker worker, DateTimeOffset todayStart)
    {
        var colleague = workers[(worker.Organisation * (workers.Length / organisations.Length)) + random.Next(workers.Length / organisations.Length)];
        var start = c.IdentifiedOn;
        List<(SopStepKind Kind, int Days)> plan =
        [
            (SopStepKind.Identification, 0), (SopStepKind.FirstAssistance, 1), (SopStepKind.Referral, 3), (SopStepKind.ReflectionPeriod, 30), (SopStepKind.FollowUpAssessment, 90),
        ];
        if (random.NextDouble() < 0.5)
        {
            plan.Add((random.NextDouble() < 0.5 ? SopStepKind.ShelterPlacement : SopStepKind.LegalProceedings, 7 + random.Next(30)));
        }

        if (random.NextDouble() < 0.3)
        {
            plan.Add((random.NextDouble() < 0.6 ? SopStepKind.VoluntaryReturn : SopStepKind.LocalIntegration, 60 + random.Next(120)));
        }

        if (c.State == CaseState.Closed)
        {
            plan.Add((SopStepKind.Closure, c.ClosedOn!.Value.DayNumber - start.DayNumber));
        }

        foreach (var (kind, days) in plan)
        {
            var due = start.AddDays(days);
            var dueAt = new DateTimeOffset(due.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero);
            // Closed cases: everything done. Open ones: steps past due are done, but one in ten is overdue.
            var done = c.State == CaseState.Closed || (dueAt < todayStart && random.NextDouble() < 0.9);
            chunk.Steps.Add(new SopStep
            {
                Id = Guid.CreateVersion7(c.CreatedAt),
                CaseId = c.Id,
                Kind = kind,
                DueOn = due,
                ResponsibleUserId = random.NextDouble() < 0.8 ? worker.Id : colleague.Id,
                DoneAt = done ? (dueAt < todayStart ? dueAt : todayStart.AddHours(-1)) : null,
            });
        }
    }

    private void ConsentsAndReferrals(CaseChunk chunk, Case c, Random random, Worker worker, bool open)
    {
        if (random.NextDouble() >= 0.8)
        {
            return;
        }

        var given = c.IdentifiedOn.AddDays(random.Next(3));
        var recorded = c.CreatedAt.AddDays(given.DayNumber - c.IdentifiedOn.DayNumber).AddHours(1);
        chunk.Consents.Add(new Consent { Id = Guid.CreateVersion7(recorded), CaseId = c.Id, Scope = ConsentScope.Referral, GivenOn = given, RecordedAt = recorded, RecordedByUserId = worker.Id });
        var referrals = random.NextDouble() < 0.75 ? 1 + random.Next(2) : 0;
        for (var r = 0; r < referrals; r++)
        {
            var provider = providers[random.Next(providers.Length)];
            List<PersonalDataCategory> shared = [];
            if (random.NextDouble() < 0.6)
            {
                shared = [.. Categories.Where(_ => random.NextDouble() < 0.4)];
                chunk.Consents.Add(new Consent
                {
                    Id = Guid.CreateVersion7(recorded),
                    CaseId = c.Id,
                    Scope = ConsentScope.DataSharing,
                    GivenOn = given,
                    Organisations = [provider],
                    Categories = shared.Count > 0 ? shared : [PersonalDataCategory.Names],
                    RecordedAt = recorded,
                    RecordedByUserId = worker.Id,
                    WithdrawnAt = random.NextDouble() < 0.03 ? recorded.AddDays(30) : null,
                });
            }

            var sent = recorded.AddDays(r + 1);
            var status = !open ? (random.NextDouble() < 0.85 ? ReferralStatus.Delivered : ReferralStatus.Declined)
                : random.NextDouble() < 0.15 ? ReferralStatus.Sent : random.NextDouble() < 0.5 ? ReferralStatus.Accepted : ReferralStatus.Delivered;
            chunk.Referrals.Add(new Referral
            {
                Id = Guid.CreateVersion7(sent),
                CaseId = c.Id,
                ProviderOrganisationId = provider,
                Service = Services[random.Next(Services.Length)],
                Status = status,
                SentAt = sent,
                SentByUserId = worker.Id,
                RespondedAt = status == ReferralStatus.Sent ? null : sent.AddDays(1),
                DeclineReason = status == ReferralStatus.Declined ? "No free places this month." : null,
                DeliveredFrom = status == ReferralStatus.Delivered ? DateOnly.FromDateTime(sent.UtcDateTime).AddDays(2) : null,
                DeliveredTo = status == ReferralStatus.Delivered && !open ? DateOnly.FromDateTime(sent.UtcDateTime).AddDays(30 + random.Next(90)) : null,
                SharedCategories = shared,
            });
        }
    }

    /// <summary>A registration of the same person written differently (family name first, no diacritics, other case), as a worker at another organisation would enter it.</summary>
    private static CaseInput Probe(CasePersonalData personal, Case c, Random random) => new()
    {
        GivenName = random.NextDouble() < 0.5 ? personal.FamilyName!.ToUpperInvariant() : RemoveDiacritics(personal.GivenName!),
        FamilyName = random.NextDouble() < 0.5 ? personal.GivenName : RemoveDiacritics(personal.FamilyName!),
        DateOfBirth = personal.DateOfBirth,
        Gender = c.Gender,
        AgeAtIdentification = c.AgeAtIdentification ?? 30,
        Citizenship = c.Citizenship,
        CountryOfExploitation = c.CountryOfExploitation,
        Scope = c.Scope,
        FormsOfExploitation = c.FormsOfExploitation,
        IdentificationChannel = c.IdentificationChannel,
        IdentificationStatus = IdentificationStatus.Presumed,
        RiskLevel = RiskLevel.NotAssessed,
        Narrative = "FICTITIOUS benchmark registration.",
    };

    private static string RemoveDiacritics(string text) =>
        new([.. text.Normalize(System.Text.NormalizationForm.FormD).Where(ch => CharUnicodeInfo.GetUnicodeCategory(ch) != UnicodeCategory.NonSpacingMark)]);

    private static double NextGaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    /// <summary>Six characters from the application's alphabet; case i always gets the same and no two cases the same (an odd multiplier is a bijection modulo 2^30).</summary>
    private static string Number(int i)
    {
        var n = (uint)((((ulong)i * 0x2545F491UL) + 0x1234567UL) & 0x3FFFFFFFUL);
        Span<char> text = stackalloc char[6];
        for (var k = 5; k >= 0; k--)
        {
            text[k] = Alphabet[(int)(n & 31)];
            n >>= 5;
        }

        return new string(text);
    }

    private static ulong Mix(long value)
    {
        var x = (ulong)value + 0x9E3779B97F4A7C15UL;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }
}
