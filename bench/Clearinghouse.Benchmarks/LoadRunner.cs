using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;

namespace Clearinghouse.Benchmarks;

internal sealed record LoadSettings(Uri Url, int Requests, int Concurrency, int Warmup, int? Pid, int? DatabasePid, int Seed, string Label, string? Markdown)
{
    public static LoadSettings From(CommandLine options)
    {
        var url = options.RequiredText("url");
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || !(uri.IsLoopback))
        {
            throw new ArgumentException($"--url must be an absolute loopback address (http://127.0.0.1:PORT), not '{url}'.");
        }

        var pid = options.Number("pid", 0, 0, int.MaxValue);
        var databasePid = options.Number("db-pid", 0, 0, int.MaxValue);
        return new LoadSettings(
            uri,
            options.Number("requests", 2_000, 1, 100_000),
            options.Number("concurrency", 4, 1, 64),
            options.Number("warmup", 200, 0, 10_000),
            pid == 0 ? null : pid,
            databasePid == 0 ? null : databasePid,
            options.Number("seed", 7, 0, int.MaxValue),
            options.Text("label") ?? uri.Authority,
            options.Text("markdown"));
    }
}

/// <summary>One kind of directory query, with the share of the mix it gets.</summary>
internal sealed record QueryKind(string Name, string PathAndQuery, int Weight);

/// <summary>
/// Sends a fixed, seeded mix of directory list queries to a running server with a few parallel clients, and reports
/// latency percentiles per kind of query, throughput and the server's memory (from /proc/PID/status).
/// </summary>
internal static class LoadRunner
{
    /// <summary>The mix: what readers of a directory ask, by rough share. Words are chosen by how many organisations they match.</summary>
    public static readonly QueryKind[] DirectoryMix =
    [
        new("all, page 1", "/api/v1/organisations", 20),
        new("all, page 50", "/api/v1/organisations?page=50", 5),
        new("q common word", "/api/v1/organisations?q=centre", 15),
        new("q two words", "/api/v1/organisations?q=child%20protection", 10),
        new("q rare word", "/api/v1/organisations?q=marigold", 10),
        new("q Cyrillic word", "/api/v1/organisations?q=%D0%BD%D0%B0%D0%B4%D0%B5%D0%B6%D0%B4%D0%B0", 5),
        new("country=MD", "/api/v1/organisations?country=MD", 10),
        new("type=Ngo&country=AL", "/api/v1/organisations?type=Ngo&country=AL", 10),
        new("area & targetGroup", "/api/v1/organisations?area=ProtectionAndAssistance&targetGroup=Children", 10),
        new("q + country", "/api/v1/organisations?q=shelter&country=UA", 10),
    ];

    public static Task<int> RunAsync(LoadSettings settings) => RunAsync(settings, DirectoryMix, "/api/v1/organisations");

    /// <summary>Sends <paramref name="mix"/> (paths under <paramref name="prefix"/>, which the report leaves out); JSON answers give their "totalCount" or "count" as matches.</summary>
    public static async Task<int> RunAsync(LoadSettings settings, QueryKind[] mix, string prefix)
    {
        using var client = new HttpClient(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = settings.Concurrency,
            AutomaticDecompression = DecompressionMethods.None,
            UseProxy = false,
        })
        {
            BaseAddress = settings.Url,
            Timeout = TimeSpan.FromSeconds(60),
        };

        Console.WriteLine($"Checking the {mix.Length} queries against {settings.Url} ...");
        var matches = new int[mix.Length];
        for (var k = 0; k < mix.Length; k++)
        {
            using var response = await client.GetAsync(new Uri(mix[k].PathAndQuery, UriKind.Relative));
            var body = await response.Content.ReadAsStringAsync();
            if (response.StatusCode != HttpStatusCode.OK)
            {
                await Console.Error.WriteLineAsync($"{mix[k].PathAndQuery} answered {(int)response.StatusCode}: {body}");
                return 1;
            }

            if (response.Content.Headers.ContentType?.MediaType == "application/json")
            {
                using var json = JsonDocument.Parse(body);
                matches[k] = (json.RootElement.TryGetProperty("totalCount", out var total) ? total : json.RootElement.GetProperty("count")).GetInt32();
            }
        }

        if (settings.Warmup > 0)
        {
            Console.WriteLine($"Warming up with {settings.Warmup} requests ...");
            await SendAsync(client, mix, Schedule(mix, settings.Warmup, settings.Seed + 1), settings.Concurrency);
        }

        var loadBefore = LoadAverage();
        var cpuBefore = settings.Pid is { } p ? ProcessCpuSeconds(p) : null;
        var databaseCpuBefore = settings.DatabasePid is { } d ? ProcessTreeCpuSeconds(d) : null;
        Console.WriteLine($"Measuring {settings.Requests} requests with {settings.Concurrency} parallel clients ...");
        var schedule = Schedule(mix, settings.Requests, settings.Seed);
        var wall = Stopwatch.StartNew();
        var results = await SendAsync(client, mix, schedule, settings.Concurrency);
        wall.Stop();
        var cpuAfter = settings.Pid is { } q ? ProcessCpuSeconds(q) : null;
        var databaseCpuAfter = settings.DatabasePid is { } e ? ProcessTreeCpuSeconds(e) : null;
        var memory = settings.Pid is { } pid ? ServerMemory.Read(pid) : null;

        var load = $"{loadBefore} before, {LoadAverage()} after";
        var report = Report(settings, mix, prefix, schedule, results, matches, wall.Elapsed, memory, cpuBefore is { } b && cpuAfter is { } a ? a - b : null,
            databaseCpuBefore is { } db && databaseCpuAfter is { } da ? da - db : null, load);
        Console.WriteLine();
        Console.WriteLine(report);
        if (settings.Markdown is not null)
        {
            await File.AppendAllTextAsync(settings.Markdown, report + Environment.NewLine);
        }

        var failed = results.Count(r => r.Status != 200);
        if (failed > 0)
        {
            await Console.Error.WriteLineAsync($"{failed} request(s) did not answer 200 OK.");
            return 1;
        }

        return 0;
    }

    private static int[] Schedule(QueryKind[] mix, int count, int seed)
    {
        var random = new Random(seed);
        var total = mix.Sum(k => k.Weight);
        var schedule = new int[count];
        for (var i = 0; i < count; i++)
        {
            var roll = random.Next(total);
            var kind = 0;
            while (roll >= mix[kind].Weight)
            {
                roll -= mix[kind].Weight;
                kind++;
            }

            schedule[i] = kind;
        }

        return schedule;
    }

    private static async Task<Result[]> SendAsync(HttpClient client, QueryKind[] mix, int[] schedule, int concurrency)
    {
        var results = new Result[schedule.Length];
        var next = -1;
        var workers = Enumerable.Range(0, concurrency).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < schedule.Length)
            {
                var started = Stopwatch.GetTimestamp();
                using var response = await client.GetAsync(new Uri(mix[schedule[i]].PathAndQuery, UriKind.Relative), HttpCompletionOption.ResponseHeadersRead);
                var body = await response.Content.ReadAsByteArrayAsync();
                results[i] = new Result((int)response.StatusCode, Stopwatch.GetElapsedTime(started).TotalMilliseconds, body.Length);
            }
        });
        await Task.WhenAll(workers);
        return results;
    }

    private static string Report(LoadSettings settings, QueryKind[] mix, string prefix, int[] schedule, Result[] results, int[] matches, TimeSpan wall, ServerMemory? memory, double? cpuSeconds, double? databaseCpuSeconds, string load)
    {
        var text = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        text.AppendLine(inv, $"### {settings.Label}: {results.Length} requests, {settings.Concurrency} parallel clients, {settings.Warmup} warm-up requests");
        text.AppendLine();
        text.AppendLine("| Query | Matches | Requests | p50 ms | p95 ms | p99 ms | max ms | avg KB |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        for (var k = 0; k < mix.Length; k++)
        {
            var mine = results.Where((_, i) => schedule[i] == k).ToArray();
            if (mine.Length > 0)
            {
                var query = Uri.UnescapeDataString(mix[k].PathAndQuery.Replace(prefix, "", StringComparison.Ordinal));
                text.AppendLine(inv, $"| {mix[k].Name}: `{(query.Length > 0 ? query : "(no filter)")}` | {matches[k]:N0} | {Row(mine)} |");
            }
        }

        text.AppendLine(inv, $"| **all queries** | | {Row(results)} |");
        text.AppendLine();
        AppendServerFigures(text, results.Length, wall, $"non-200 answers: {results.Count(r => r.Status != 200)}", cpuSeconds, databaseCpuSeconds, memory, load);

        return text.ToString();
    }

    /// <summary>
    /// The lines under a load table, the same for every HTTP benchmark: throughput, failed answers (as
    /// <paramref name="failures"/> words them), web server and database CPU per request, server memory, machine load.
    /// </summary>
    internal static void AppendServerFigures(StringBuilder text, int requests, TimeSpan wall, string failures, double? cpuSeconds, double? databaseCpuSeconds, ServerMemory? memory, string load)
    {
        var inv = CultureInfo.InvariantCulture;
        text.AppendLine(inv, $"Throughput: {requests / wall.TotalSeconds:N0} requests/s over {wall.TotalSeconds:F1} s; {failures}.");
        if (cpuSeconds is { } cpu)
        {
            text.AppendLine(inv, $"Server CPU: {cpu:F1} s for the measured requests ({cpu * 1000 / requests:F1} ms per request).");
        }

        if (databaseCpuSeconds is { } dbCpu)
        {
            text.AppendLine(inv, $"Database server CPU (PostgreSQL processes): {dbCpu:F1} s ({dbCpu * 1000 / requests:F1} ms per request).");
        }

        if (memory is not null)
        {
            text.AppendLine(inv, $"Server memory after the run: RSS {memory.RssMiB:N0} MiB, peak RSS (VmHWM) {memory.PeakRssMiB:N0} MiB.");
        }

        text.AppendLine(inv, $"Machine load average (1, 5, 15 min): {load}.");
    }

    private static string Row(Result[] results)
    {
        var sorted = results.Select(r => r.Milliseconds).Order().ToArray();
        var inv = CultureInfo.InvariantCulture;
        return string.Create(inv,
            $"{results.Length} | {Percentile(sorted, 0.50):F1} | {Percentile(sorted, 0.95):F1} | {Percentile(sorted, 0.99):F1} | {sorted[^1]:F1} | {results.Average(r => r.Bytes) / 1024:F1}");
    }

    // Nearest-rank percentile of sorted values.
    internal static double Percentile(double[] sorted, double p) => sorted[Math.Max(0, (int)Math.Ceiling(p * sorted.Length) - 1)];

    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    // CPU of a process and its children that are still running (PostgreSQL: the postmaster and its backends).
    internal static double? ProcessTreeCpuSeconds(int pid)
    {
        var total = ProcessCpuSeconds(pid);
        if (total is null)
        {
            return null;
        }

        foreach (var directory in System.IO.Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var child)
                && child != pid && ParentOf(child) == pid)
            {
                total += ProcessCpuSeconds(child) ?? 0;
            }
        }

        return total;
    }

    private static int? ParentOf(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return null; // the process ended meanwhile
        }
    }

    // utime + stime of the process, from /proc/PID/stat (fields 14 and 15, in clock ticks of 1/100 s on Linux).
    internal static double? ProcessCpuSeconds(int pid)
    {
        var path = $"/proc/{pid}/stat";
        if (!File.Exists(path))
        {
            return null;
        }

        string stat;
        try
        {
            stat = File.ReadAllText(path);
        }
        catch (IOException)
        {
            return null; // the process ended meanwhile
        }

        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
    }

    private readonly record struct Result(int Status, double Milliseconds, int Bytes);
}

/// <summary>Resident memory of a process, from /proc/PID/status: VmRSS now and VmHWM, the peak since it started.</summary>
internal sealed record ServerMemory(double RssMiB, double PeakRssMiB)
{
    public static ServerMemory? Read(int pid)
    {
        var path = $"/proc/{pid}/status";
        if (!File.Exists(path))
        {
            return null;
        }

        var lines = File.ReadAllLines(path);
        return new ServerMemory(Kilobytes(lines, "VmRSS:") / 1024.0, Kilobytes(lines, "VmHWM:") / 1024.0);
    }

    private static long Kilobytes(string[] lines, string key) =>
        lines.FirstOrDefault(l => l.StartsWith(key, StringComparison.Ordinal)) is { } line
            ? long.Parse(line[key.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture)
            : 0;
}
