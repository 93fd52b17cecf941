using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using Clearinghouse.Accounts;
using Clearinghouse.Activities;
using Clearinghouse.Activities.Duplicates;
using Clearinghouse.Activities.Files;
using Clearinghouse.Activities.Iati;
using Clearinghouse.Countries;
using Clearinghouse.Data;
using Clearinghouse.Directory;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Activity = Clearinghouse.Activities.Activity;

namespace Clearinghouse.Benchmarks;

internal sealed record ActivityBenchSettings(
    DatabaseProvider Provider, string Connection, LoadSettings Load, int Runs, int Probes, int Iati, string Folder, string? Markdown, IReadOnlySet<string> Only)
{
    /// <summary>Parts of the benchmark: list, pages, summary, duplicates, import (all when --only is not given).</summary>
    public static readonly string[] Parts = ["list", "pages", "summary", "duplicates", "import"];

    public bool Includes(string part) => Only.Count == 0 || Only.Contains(part);

    public static ActivityBenchSettings From(CommandLine options)
    {
        var database = GeneratorSettings.From(options);
        var load = LoadSettings.From(options);
        return new ActivityBenchSettings(
            database.Provider,
            database.Connection,
            load with
            {
                Requests = options.Number("requests", 3_000, 1, 100_000),
                Concurrency = options.Number("concurrency", 2, 1, 64),
                Warmup = options.Number("warmup", 100, 0, 10_000),
            },
            options.Number("runs", 7, 2, 1000),
            options.Number("probes", 100, 0, 100_000),
            options.Number("iati", 10_000, 0, 100_000),
            options.Text("folder") ?? Path.GetTempPath(),
            options.Text("markdown"),
            ParseOnly(options.Text("only")));
    }

    private static HashSet<string> ParseOnly(string? text)
    {
        var parts = (text ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
        var unknown = parts.Where(p => !Parts.Contains(p)).ToList();
        return unknown.Count == 0 ? parts : throw new ArgumentException($"--only: unknown part {string.Join(", ", unknown)} (known: {string.Join(", ", Parts)})");
    }
}

/// <summary>
/// The activities inventory measured against a generated database (<see cref="ActivityGenerator"/>) and a running
/// server: (1) the filtered list through GET /api/v1/activities, a seeded mix of the issue's filters, with
/// <see cref="LoadRunner"/> (p50/p95 per kind); (2) the heavy pages — gap matrix in its modes, donor inventory, the
/// inventory as of a past date and the comparison of two dates — each requested several times; (3) duplicate
/// candidates for new activities through <see cref="DuplicateFinder"/>, as the entry form asks for them; (4) an IATI
/// 2.03 import of generated activities through <see cref="ActivityImporter"/>, as the CLI and the upload page run it,
/// after which the imported activities are deleted again so that the database can be measured again.
/// </summary>
internal static class ActivityBenchmark
{
    private const string ImportPrefix = "XM-BENCHIMPORT-";

    public static async Task<int> RunAsync(ActivityBenchSettings settings)
    {
        System.IO.Directory.CreateDirectory(settings.Folder);
        await using var provider = BenchServices.Build(settings.Provider, settings.Connection, settings.Folder);
        var report = new StringBuilder();
        void Say(string line)
        {
            Console.WriteLine(line);
            report.AppendLine(line);
        }

        int activities;
        Guid organisation, donor;
        await using (var scope = provider.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            activities = await db.Activities.CountAsync();
            // A busy implementer and a busy donor (their lists are the longest ones to filter).
            organisation = await db.ActivityParticipants.Where(p => p.Role == ParticipantRole.Implementer && p.OrganisationId != null)
                .GroupBy(p => p.OrganisationId).OrderByDescending(g => g.Count()).Select(g => g.Key!.Value).FirstAsync();
            donor = await db.ActivityParticipants.Where(p => p.Role == ParticipantRole.Donor && p.OrganisationId != null)
                .GroupBy(p => p.OrganisationId).OrderByDescending(g => g.Count()).Select(g => g.Key!.Value).FirstAsync();
        }

        Say($"### Activities inventory, {settings.Provider}: {activities:N0} activities");
        Say(string.Empty);
        Say($"Load average at the start: {LoadRunner.LoadAverage()}");
        Say(string.Empty);
        if (settings.Markdown is not null)
        {
            await File.AppendAllTextAsync(settings.Markdown, report.ToString());
            report.Clear();
        }

        var listed = settings.Includes("list")
            ? await LoadRunner.RunAsync(settings.Load with { Label = $"{settings.Provider}, {activities:N0} activities: filtered list" }, ListMix(organisation, donor), "/api/v1/activities")
            : 0;
        if (settings.Includes("pages"))
        {
            await PagesAsync(provider, settings, donor, Say);
        }

        if (settings.Includes("summary"))
        {
            await GapSummaryCostAsync(provider, settings.Runs, Say);
            Say(string.Empty);
        }

        if (settings.Probes > 0 && settings.Includes("duplicates"))
        {
            await DuplicatesAsync(provider, settings, Say);
        }

        if (settings.Iati > 0 && settings.Includes("import"))
        {
            await ImportAsync(provider, settings, Say);
        }

        Say($"Load average at the end: {LoadRunner.LoadAverage()}");
        Say(string.Empty);
        if (settings.Markdown is not null)
        {
            await File.AppendAllTextAsync(settings.Markdown, report.ToString());
        }

        return listed;
    }

    /// <summary>The heavy pages through HTTP: gap matrix in its modes, donor inventory, the inventory as of a past date and a comparison.</summary>
    private static async Task PagesAsync(ServiceProvider provider, ActivityBenchSettings settings, Guid donor, Action<string> say)
    {
        using var client = new HttpClient(new SocketsHttpHandler { UseProxy = false, AutomaticDecompression = DecompressionMethods.None })
        {
            BaseAddress = settings.Load.Url,
            Timeout = TimeSpan.FromMinutes(5),
        };
        say(string.Empty);
        say($"Pages, each requested {settings.Runs} times one after the other (the first is a warm-up and not counted):");
        say(string.Empty);
        say("| Page | median ms | max ms | KB | server RSS after, MiB |");
        say("|---|---:|---:|---:|---:|");
        var today = DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        await WaitForGapSummaryAsync(provider);
        foreach (var (name, path) in new[]
        {
            ("Gap matrix, any period (counts and budgets)", "/activities/gaps?period=Any"),
            ("Gap matrix, ongoing today", $"/activities/gaps?period=OngoingOn&on={today}"),
            ("Gap matrix, during 2015–2016", "/activities/gaps?period=During&from=2015-01-01&to=2016-12-31"),
            ("Gap matrix as CSV, any period", "/activities/gaps?handler=Csv&period=Any"),
            ("Donor inventory, all donors", "/activities/donors"),
            ("Donor inventory, one country (MD)", "/activities/donors?country=MD"),
            ("One donor's page (the busiest)", $"/activities/donor?organisation={donor}"),
            ("Inventory as of 2015-01-01, page 1", "/activities?asOf=2015-01-01"),
            ("Inventory as of 2015-01-01, country MD", "/activities?asOf=2015-01-01&country=MD"),
            ("Comparison 2014-01-01 → 2015-01-01, country MD", "/activities/compare?first=2014-01-01&second=2015-01-01&country=MD"),
        })
        {
            say($"| {name}: `{path}` | {await TimePageAsync(client, path, settings.Runs, settings.Load.Pid)} |");
        }

        say(string.Empty);
    }

    /// <summary>The list's mix: each of the issue's filters alone, some together, free text, a deep page and the HTML page.</summary>
    private static QueryKind[] ListMix(Guid organisation, Guid donor) =>
    [
        new("all, page 1", "/api/v1/activities", 10),
        new("country", "/api/v1/activities?country=MD", 10),
        new("country + area", "/api/v1/activities?country=UA&area=ProtectionAndAssistance", 10),
        new("target group + form", "/api/v1/activities?targetGroup=Children&form=ForcedLabour", 10),
        new("organisation", $"/api/v1/activities?organisation={organisation}", 10),
        new("donor", $"/api/v1/activities?donor={donor}", 10),
        new("status + country", "/api/v1/activities?status=Ongoing&country=AL", 10),
        new("period", "/api/v1/activities?from=2020-01-01&to=2020-12-31", 10),
        new("q word", "/api/v1/activities?q=hotline", 10),
        new("q + country", "/api/v1/activities?q=shelter&country=RS", 10),
        new("all filters", "/api/v1/activities?country=MD&area=Prevention&status=Completed&from=2010-01-01&to=2015-12-31&q=strengthening", 10),
        new("country, page 20", "/api/v1/activities?country=RS&page=20", 5),
        new("web page, country + area", "/activities?country=GE&area=Prosecution", 5),
    ];

    private static async Task<string> TimePageAsync(HttpClient client, string path, int runs, int? pid)
    {
        var times = new List<double>();
        long bytes = 0;
        for (var i = 0; i < runs; i++)
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
                var body = await response.Content.ReadAsByteArrayAsync();
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    return $"answered {(int)response.StatusCode} | | | {Rss(pid)}";
                }

                bytes = body.Length;
            }
            catch (TaskCanceledException)
            {
                return $"timed out after {client.Timeout.TotalSeconds:N0} s | | | {Rss(pid)}";
            }

            if (i > 0)
            {
                times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }

        times.Sort();
        return string.Create(CultureInfo.InvariantCulture, $"{times[times.Count / 2]:F0} | {times[^1]:F0} | {bytes / 1024.0:F0} | {Rss(pid)}");
    }

    private static string Rss(int? pid) =>
        pid is { } p && ServerMemory.Read(p) is { } m ? string.Create(CultureInfo.InvariantCulture, $"{m.RssMiB:N0} (peak {m.PeakRssMiB:N0})") : "?";

    /// <summary>New activities like the ones in the inventory (same generator, another seed), each checked as the entry form checks it.</summary>
    /// <summary>The web app builds the gap matrix summary at start-up (ADR 0019); the pages are timed once it is built.</summary>
    private static async Task WaitForGapSummaryAsync(ServiceProvider provider)
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        for (var waited = 0; waited < 600; waited++)
        {
            await using var scope = provider.CreateAsyncScope();
            var state = await GapSummary.StateAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>(), CancellationToken.None);
            if (state.Any && state.OngoingOn == today)
            {
                return;
            }

            await Task.Delay(TimeSpan.FromSeconds(1));
        }
    }

    /// <summary>
    /// What the summary costs: one activity saved through the editor with the summary kept up to date and without it
    /// (summary marked missing), then the full rebuild of both scopes, which marks it built again.
    /// </summary>
    private static async Task GapSummaryCostAsync(ServiceProvider provider, int runs, Action<string> say)
    {
        Guid id;
        await using (var scope = provider.CreateAsyncScope())
        {
            id = await scope.ServiceProvider.GetRequiredService<AppDbContext>().Activities
                .Where(a => a.ReviewState == ReviewState.Published && a.RetiredAt == null && a.Status == ActivityStatus.Ongoing)
                .OrderBy(a => a.Id).Select(a => a.Id).FirstAsync();
        }

        async Task<double> SaveAsync(int i)
        {
            await using var scope = provider.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<CurrentUser>().SetOperator("bench");
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var activity = await db.Activities.AsNoTracking().Include(a => a.Participants).SingleAsync(a => a.Id == id);
            var input = ActivityInput.From(activity) with { Budget = 1000 + i, BudgetCurrency = "EUR" };
            var started = Stopwatch.GetTimestamp();
            var saved = await scope.ServiceProvider.GetRequiredService<ActivityEditor>().UpdateAsync(id, input);
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            return saved.Outcome == EditOutcome.Saved ? elapsed : throw new InvalidOperationException("bench: the activity was not saved");
        }

        async Task<double> MedianSaveAsync(int offset)
        {
            var times = new List<double>();
            for (var i = 0; i <= Math.Max(runs, 5); i++)
            {
                var ms = await SaveAsync(offset + i);
                if (i > 0)
                {
                    times.Add(ms);
                }
            }

            times.Sort();
            return times[times.Count / 2];
        }

        var withSummary = await MedianSaveAsync(0);
        await using (var scope = provider.CreateAsyncScope())
        {
            await GapSummary.ForgetAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>(), CancellationToken.None);
        }

        var without = await MedianSaveAsync(100);
        var rebuild = Stopwatch.GetTimestamp();
        await using (var scope = provider.CreateAsyncScope())
        {
            await GapSummary.RebuildAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>(), any: true, DateOnly.FromDateTime(DateTime.UtcNow), CancellationToken.None);
        }

        say($"Gap matrix summary (ADR 0019): one activity saved through the editor, median of {Math.Max(runs, 5)}: "
            + $"{withSummary:F1} ms with the summary kept up to date, {without:F1} ms without; "
            + $"full rebuild (any period and ongoing today) {Stopwatch.GetElapsedTime(rebuild).TotalMilliseconds:F0} ms.");
    }

    private static async Task DuplicatesAsync(ServiceProvider provider, ActivityBenchSettings settings, Action<string> say)
    {
        var factory = await FactoryAsync(provider, settings.Load.Seed + 1_000);
        var times = new List<double>();
        var found = 0;
        // Where the time goes: the finder's database commands (EF Core's diagnostic events), the rest is work in memory.
        using var statements = new StatementTimes();
        for (var i = 0; i <= settings.Probes; i++)
        {
            statements.Label = i > 0 ? "probe" : null;
            var (activity, _) = factory.Next();
            await using var scope = provider.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<CurrentUser>().SetOperator("bench");
            var finder = scope.ServiceProvider.GetRequiredService<DuplicateFinder>();
            var started = Stopwatch.GetTimestamp();
            var candidates = await finder.CandidatesAsync(DuplicateProbe.Of(ActivityInput.From(activity)), 5);
            if (i > 0)
            {
                times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                statements.Add("probe", "(the whole call)", times[^1]);
                found += candidates.Count;
            }
        }

        statements.Label = null;

        times.Sort();
        say(string.Create(CultureInfo.InvariantCulture,
            $"Duplicate candidates for a new activity (DuplicateFinder.CandidatesAsync, as the entry form asks, as an editor; {times.Count} new activities after one warm-up): p50 {Percentile(times, 0.5):F1} ms, p95 {Percentile(times, 0.95):F1} ms, max {times[^1]:F1} ms; {found / (double)times.Count:F1} candidates shown on average."));
        say(string.Empty);
        say("Database commands per call (mean ms, from the command's start to its reader's disposal):");
        say(string.Empty);
        say("| | Command | ms |");
        say("|---|---|---:|");
        foreach (var line in statements.Lines(times.Count))
        {
            say(line);
        }

        say(string.Empty);

        // The report page (/activities/duplicates): all countries, then one. Minutes at a million activities (it compares
        // the 20,000 newest country by country), so only with DUPLICATE_REPORT=1.
        var report = Environment.GetEnvironmentVariable("DUPLICATE_REPORT") == "1" ? new string?[] { null, "MD" } : [];
        foreach (var country in report)
        {
            await using var scope = provider.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<CurrentUser>().SetOperator("bench");
            var started = Stopwatch.GetTimestamp();
            var pairs = await scope.ServiceProvider.GetRequiredService<DuplicateFinder>().PairsAsync(country);
            say(string.Create(CultureInfo.InvariantCulture,
                $"Duplicate pairs report (DuplicateFinder.PairsAsync, as /activities/duplicates{(country is null ? string.Empty : "?country=" + country)} asks, as an editor): {Stopwatch.GetElapsedTime(started).TotalMilliseconds:F0} ms, {pairs.Count} pairs."));
        }

        say(string.Empty);
    }

    /// <summary>Writes settings.Iati generated activities as IATI 2.03 XML, imports the file as an editor, then deletes what the import added.</summary>
    private static async Task ImportAsync(ServiceProvider provider, ActivityBenchSettings settings, Action<string> say)
    {
        var factory = await FactoryAsync(provider, settings.Load.Seed + 2_000);
        var stamp = DateTime.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);
        var file = Path.Combine(settings.Folder, $"iati-{settings.Iati}.xml");
        Dictionary<Guid, Organisation> organisations;
        await using (var scope = provider.CreateAsyncScope())
        {
            organisations = await scope.ServiceProvider.GetRequiredService<AppDbContext>().Organisations.AsNoTracking().ToDictionaryAsync(o => o.Id);
        }

        var generated = new List<Activity>(settings.Iati);
        for (var i = 0; i < settings.Iati; i++)
        {
            var (activity, _) = factory.Next();
            activity.IatiIdentifiers = [new ActivityIatiIdentifier { Identifier = $"{ImportPrefix}{stamp}-{i}", ActivityId = activity.Id, ReportingOrgRef = ImportPrefix.TrimEnd('-') }];
            foreach (var p in activity.Participants)
            {
                p.Organisation = p.OrganisationId is { } id ? organisations.GetValueOrDefault(id) : null;
            }

            generated.Add(activity);
        }

        await using (var stream = File.Create(file))
        {
            await IatiWriter.WriteAsync(stream, generated.ToAsyncEnumerable(), provider.GetRequiredService<IOptions<IatiOptions>>().Value, DateTimeOffset.UtcNow, CancellationToken.None);
        }

        var content = await File.ReadAllBytesAsync(file);
        List<Guid> imported;
        await using (var scope = provider.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<CurrentUser>().SetOperator("bench");
            var importer = scope.ServiceProvider.GetRequiredService<ActivityImporter>();
            using var statements = new StatementTimes { Label = "import" };
            var started = Stopwatch.GetTimestamp();
            var stages = new StageTimes(started);
            var result = await importer.ImportAsync(content, file, ActivityFileFormat.Iati, stages);
            var elapsed = Stopwatch.GetElapsedTime(started);
            statements.Label = null;
            if (!result.Succeeded)
            {
                say($"IATI import of {settings.Iati:N0} activities FAILED: {string.Join("; ", result.Errors.Take(5).Select(e => $"{e.Row} {e.Column} {e.Problem}"))}");
                return;
            }

            using var process = Process.GetCurrentProcess();
            say(string.Create(CultureInfo.InvariantCulture,
                $"IATI 2.03 import of {settings.Iati:N0} generated activities ({content.Length / (1024.0 * 1024.0):F1} MB, ActivityImporter.ImportAsync as `activities import` runs it): {elapsed.TotalSeconds:F1} s; {result.Created:N0} added, {result.Updated:N0} updated; {result.PossibleDuplicates.Count} with possible duplicates listed; benchmark process peak RSS {process.PeakWorkingSet64 / (1024 * 1024):N0} MiB. Stages: {stages}."));
            say(string.Empty);
            say("Database commands of the import (total ms, from each command's start to its reader's disposal; the rest of the time is work in memory):");
            say(string.Empty);
            say("| | Command | ms |");
            say("|---|---|---:|");
            foreach (var line in statements.Lines(1))
            {
                say(line);
            }

            say(string.Empty);
            var prefix = ImportPrefix + stamp + "-";
            imported = await scope.ServiceProvider.GetRequiredService<AppDbContext>().ActivityIatiIdentifiers
                .Where(i => i.Identifier.StartsWith(prefix)).Select(i => i.ActivityId).Distinct().ToListAsync();
        }

        // Nothing is ever deleted in the application; the benchmark removes its import so that the data stays as generated.
        await using (var scope = provider.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            foreach (var chunk in imported.Chunk(1_000))
            {
                await db.ActivityRevisions.Where(r => chunk.Contains(r.ActivityId)).ExecuteDeleteAsync();
                await db.ChangeRecords.Where(r => chunk.Contains(r.EntityId)).ExecuteDeleteAsync();
                // Facets, participants and IATI identifiers go with their activity (ON DELETE CASCADE).
                await db.Activities.Where(a => chunk.Contains(a.Id)).ExecuteDeleteAsync();
            }

            // Deleted around the application: the gap matrix summary still counts them, so the next start rebuilds it.
            await GapSummary.ForgetAsync(db, CancellationToken.None);

            // The application never deletes: the dead rows left in the duplicate finder's cells (ADR 0024) are cleared
            // at once, so that the next run reads the cells as generated.
            if (db.Database.IsNpgsql())
            {
                await db.Database.ExecuteSqlRawAsync("VACUUM ANALYZE \"ActivityDuplicateCells\"");
            }
        }
    }

    private static async Task<ActivityFactory> FactoryAsync(ServiceProvider provider, int seed)
    {
        await using var scope = provider.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var organisations = await db.Organisations.AsNoTracking().OrderBy(o => o.Id).Select(o => new OrganisationRef(o.Id)).ToListAsync();
        var donorIds = await db.ActivityParticipants.AsNoTracking().Where(p => p.Role == ParticipantRole.Donor && p.OrganisationId != null)
            .Select(p => p.OrganisationId!.Value).Distinct().OrderBy(id => id).Take(5_000).ToListAsync();
        var countries = ActivityGenerator.Countries(scope.ServiceProvider.GetRequiredService<CountryCatalog>(), 60);
        return new ActivityFactory(seed, countries, organisations, [.. organisations.Where(o => donorIds.Contains(o.Id))], DateTimeOffset.UtcNow);
    }

    private static double Percentile(List<double> sorted, double p) => sorted[Math.Max(0, (int)Math.Ceiling(p * sorted.Count) - 1)];
}

/// <summary>When an import entered each stage (reported synchronously on the importer's thread), as "Reading 0.4 s, Checking 2.1 s, …".</summary>
internal sealed class StageTimes(long started) : IProgress<ImportProgress>
{
    private readonly List<(ImportStage Stage, long At)> entered = [];

    public void Report(ImportProgress value)
    {
        if (entered.Count == 0 || entered[^1].Stage != value.Stage)
        {
            entered.Add((value.Stage, Stopwatch.GetTimestamp()));
        }
    }

    public override string ToString() => string.Join(", ", entered.Select((e, i) => string.Create(CultureInfo.InvariantCulture,
        $"{e.Stage} {Stopwatch.GetElapsedTime(e.At, i + 1 < entered.Count ? entered[i + 1].At : Stopwatch.GetTimestamp()).TotalSeconds:F1} s")))
        + string.Create(CultureInfo.InvariantCulture, $" (from the call: {Stopwatch.GetElapsedTime(started).TotalSeconds:F1} s)");
}
