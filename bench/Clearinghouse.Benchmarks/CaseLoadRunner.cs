using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text;
using System.Text.RegularExpressions;
using Clearinghouse.Accounts;
using Clearinghouse.Cases;
using Microsoft.Extensions.DependencyInjection;

namespace Clearinghouse.Benchmarks;

internal sealed record CaseLoadSettings(Uri Url, string Folder, string? Connection, int Requests, int Concurrency, int Warmup, int DuplicateChecks, int? Pid, int? DatabasePid, int Seed, string Label, string? Markdown)
{
    public static CaseLoadSettings From(CommandLine options)
    {
        var url = options.RequiredText("url");
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || !uri.IsLoopback)
        {
            throw new ArgumentException($"--url must be an absolute loopback address (http://127.0.0.1:PORT), not '{url}'.");
        }

        var pid = options.Number("pid", 0, 0, int.MaxValue);
        var databasePid = options.Number("db-pid", 0, 0, int.MaxValue);
        return new CaseLoadSettings(
            uri,
            Path.GetFullPath(options.RequiredText("folder")),
            options.Text("connection"),
            options.Number("requests", 1_500, 1, 100_000),
            options.Number("concurrency", 1, 1, 64),
            options.Number("warmup", 100, 0, 10_000),
            options.Number("duplicate-checks", 400, 0, 100_000),
            pid == 0 ? null : pid,
            databasePid == 0 ? null : databasePid,
            options.Number("seed", 7, 0, int.MaxValue),
            options.Text("label") ?? "PostgreSQL",
            options.Text("markdown"));
    }
}

/// <summary>
/// The case benchmark's measurement, against a running web app on generated data (<see cref="CaseGenerator"/>): each
/// parallel client is a case worker signed in through the sign-in pages with password and authenticator code, who
/// opens case pages of their organisation (decryption and an audit entry each), their task dashboard and registers
/// people (the duplicate check runs in the registration). Then the duplicate check alone, in process, through the
/// same <see cref="CaseRegistry.FindDuplicatesAsync"/> the registration calls.
/// </summary>
internal static partial class CaseLoadRunner
{
    private static readonly RequestKind[] Mix =
    [
        new("case page", "GET /cases/{id} (HTML: decrypts the identifiers, writes the 'Viewed' audit entry)", 40),
        new("case API", "GET /api/v1/cases/{id} (JSON; same decryption and audit entry)", 10),
        new("task dashboard page", "GET /cases (HTML: my tasks, referrals waiting, notices, the organisation's latest cases)", 20),
        new("task dashboard API", "GET /api/v1/cases/tasks (JSON)", 20),
        new("registration API", "POST /api/v1/cases (seals, hashes, duplicate check, SOP steps, 'Registered' audit entry)", 10),
    ];

    public static async Task<int> RunAsync(CaseLoadSettings settings)
    {
        var manifest = System.Text.Json.JsonSerializer.Deserialize<CaseManifest>(await File.ReadAllTextAsync(Path.Combine(settings.Folder, CaseManifest.FileName)), CaseManifest.Json)
            ?? throw new ArgumentException("The manifest is empty.");
        if (settings.Concurrency > manifest.Users.Count)
        {
            throw new ArgumentException($"The data has {manifest.Users.Count} signed-in workers; --concurrency can be at most that.");
        }

        var clients = new List<Client>();
        foreach (var user in manifest.Users.Take(settings.Concurrency))
        {
            clients.Add(await SignInAsync(settings.Url, user));
        }

        Console.WriteLine($"Signed in {clients.Count} case worker(s) with password and authenticator code.");
        if (settings.Warmup > 0)
        {
            Console.WriteLine($"Warming up with {settings.Warmup} requests ...");
            await SendAsync(clients, Schedule(settings.Warmup, settings.Seed + 1), manifest, settings.Seed + 1);
        }

        var loadBefore = LoadRunner.LoadAverage();
        var cpuBefore = settings.Pid is { } p ? LoadRunner.ProcessCpuSeconds(p) : null;
        var databaseCpuBefore = settings.DatabasePid is { } d ? LoadRunner.ProcessTreeCpuSeconds(d) : null;
        Console.WriteLine($"Measuring {settings.Requests} requests with {settings.Concurrency} signed-in worker(s) in parallel ...");
        var schedule = Schedule(settings.Requests, settings.Seed);
        var wall = Stopwatch.StartNew();
        var results = await SendAsync(clients, schedule, manifest, settings.Seed);
        wall.Stop();
        var cpu = settings.Pid is { } q && cpuBefore is { } b ? LoadRunner.ProcessCpuSeconds(q) - b : null;
        var databaseCpu = settings.DatabasePid is { } e && databaseCpuBefore is { } db ? LoadRunner.ProcessTreeCpuSeconds(e) - db : null;
        var memory = settings.Pid is { } pid ? ServerMemory.Read(pid) : null;
        var loadAfterHttp = LoadRunner.LoadAverage();

        var duplicates = settings.DuplicateChecks > 0 ? await DuplicateChecksAsync(settings, manifest) : null;
        var report = Report(settings, manifest, schedule, results, wall.Elapsed, cpu, databaseCpu, memory, $"{loadBefore} before, {loadAfterHttp} after", duplicates);
        Console.WriteLine();
        Console.WriteLine(report);
        if (settings.Markdown is not null)
        {
            await File.AppendAllTextAsync(settings.Markdown, report + Environment.NewLine);
        }

        var failed = results.Where(r => r.Status is not (200 or 201)).ToList();
        if (failed.Count > 0)
        {
            await Console.Error.WriteLineAsync($"{failed.Count} request(s) failed, e.g. {Mix[failed[0].Kind].Name} answered {failed[0].Status}.");
            return 1;
        }

        return 0;
    }

    /// <summary>Signs in as a person does: the e-mail and password form, then the authenticator code form (each with its antiforgery token).</summary>
    private static async Task<Client> SignInAsync(Uri url, BenchUser user)
    {
        var http = new HttpClient(new SocketsHttpHandler
        {
            CookieContainer = new CookieContainer(),
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            UseProxy = false,
        })
        {
            BaseAddress = url,
            Timeout = TimeSpan.FromSeconds(60),
        };
        using var password = await PostFormAsync(http, "/accounts/sign-in", new() { ["email"] = user.Email, ["password"] = user.Password });
        if (password.Headers.Location?.OriginalString.Contains("sign-in-code", StringComparison.Ordinal) != true)
        {
            throw new InvalidOperationException($"Signing in {user.Email} did not ask for the authenticator code: {(int)password.StatusCode} {password.Headers.Location}");
        }

        using var code = await PostFormAsync(http, "/accounts/sign-in-code", new() { ["code"] = Clearinghouse.Testing.Totp.Code(user.AuthenticatorKey) });
        using var check = await http.GetAsync(new Uri("/cases", UriKind.Relative));
        if (code.StatusCode != HttpStatusCode.Redirect || check.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"The authenticator code of {user.Email} was refused ({(int)code.StatusCode}), or /cases answered {(int)check.StatusCode}.");
        }

        var api = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseProxy = false }) { BaseAddress = url, Timeout = TimeSpan.FromSeconds(60) };
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", user.ApiToken);
        return new Client(user, http, api);
    }

    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string url, Dictionary<string, string> fields)
    {
        var page = await client.GetStringAsync(new Uri(url, UriKind.Relative));
        var token = AntiforgeryToken().Match(page);
        if (!token.Success)
        {
            throw new InvalidOperationException($"No antiforgery token on {url}.");
        }

        using var content = new FormUrlEncodedContent(fields.Append(new("__RequestVerificationToken", WebUtility.HtmlDecode(token.Groups[1].Value))));
        return await client.PostAsync(new Uri(url, UriKind.Relative), content);
    }

    private static int[] Schedule(int count, int seed)
    {
        var random = new Random(seed);
        var total = Mix.Sum(k => k.Weight);
        var schedule = new int[count];
        for (var i = 0; i < count; i++)
        {
            var roll = random.Next(total);
            var kind = 0;
            while (roll >= Mix[kind].Weight)
            {
                roll -= Mix[kind].Weight;
                kind++;
            }

            schedule[i] = kind;
        }

        return schedule;
    }

    private static async Task<Result[]> SendAsync(List<Client> clients, int[] schedule, CaseManifest manifest, int seed)
    {
        var results = new Result[schedule.Length];
        var next = -1;
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        await Task.WhenAll(clients.Select(async (client, c) =>
        {
            var random = new Random(seed * 31 + c);
            int i;
            while ((i = Interlocked.Increment(ref next)) < schedule.Length)
            {
                var kind = schedule[i];
                using var request = kind switch
                {
                    0 => new HttpRequestMessage(HttpMethod.Get, $"/cases/{client.User.Cases[random.Next(client.User.Cases.Count)]}"),
                    1 => new HttpRequestMessage(HttpMethod.Get, $"/api/v1/cases/{client.User.Cases[random.Next(client.User.Cases.Count)]}"),
                    2 => new HttpRequestMessage(HttpMethod.Get, "/cases"),
                    3 => new HttpRequestMessage(HttpMethod.Get, "/api/v1/cases/tasks"),
                    _ => new HttpRequestMessage(HttpMethod.Post, "/api/v1/cases") { Content = JsonContent.Create(Registration(manifest, random, today), options: CaseManifest.Json) },
                };
                var started = Stopwatch.GetTimestamp();
                using var response = await (kind == 4 || kind == 1 || kind == 3 ? client.Api : client.Browser).SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
                var body = await response.Content.ReadAsByteArrayAsync();
                results[i] = new Result(kind, (int)response.StatusCode, Stopwatch.GetElapsedTime(started).TotalMilliseconds, body.Length);
            }
        }));
        return results;
    }

    /// <summary>Half the registrations are a person already registered elsewhere (written differently), half a new person.</summary>
    private static CaseInput Registration(CaseManifest manifest, Random random, DateOnly today)
    {
        var probe = manifest.Probes[random.Next(manifest.Probes.Count)];
        return random.NextDouble() < 0.5
            ? probe with { IdentifiedOn = today }
            : probe with
            {
                IdentifiedOn = today,
                GivenName = CaseNames.GivenFemale[random.Next(CaseNames.GivenFemale.Length)],
                FamilyName = "Novak" + CaseNames.Family(random) + random.Next(1_000_000).ToString(CultureInfo.InvariantCulture).Replace('0', 'o'),
            };
    }

    /// <summary>The duplicate check alone, in process, as the registration runs it: one request scope per check, as a signed-in worker.</summary>
    private static async Task<DuplicateResults> DuplicateChecksAsync(CaseLoadSettings settings, CaseManifest manifest)
    {
        await using var provider = CaseGenerator.BuildServices(settings.Connection ?? manifest.Connection, settings.Folder);
        var user = manifest.Users[0];
        var principal = new ClaimsPrincipal(new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, user.UserId.ToString()),
                new Claim(ClaimTypes.Name, user.Email),
                new Claim(ClaimTypes.Role, Roles.CaseWorker),
                new Claim(ClaimNames.Organisation, user.OrganisationId.ToString()),
            ], "bench"));
        var random = new Random(settings.Seed + 5);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var times = new List<double>();
        var found = 0;
        Console.WriteLine($"Timing {settings.DuplicateChecks} duplicate checks in process ...");
        for (var i = -20; i < settings.DuplicateChecks; i++)
        {
            var input = Registration(manifest, random, today);
            await using var scope = provider.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<CurrentUser>().SetFrom(principal);
            var registry = scope.ServiceProvider.GetRequiredService<CaseRegistry>();
            var started = Stopwatch.GetTimestamp();
            var hints = await registry.FindDuplicatesAsync(input.ToPersonalData(), null, CancellationToken.None);
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (i >= 0)
            {
                times.Add(elapsed);
                found += hints.Count > 0 ? 1 : 0;
            }
        }

        return new DuplicateResults([.. times.Order()], found);
    }

    private static string Report(CaseLoadSettings settings, CaseManifest manifest, int[] schedule, Result[] results, TimeSpan wall, double? cpu, double? databaseCpu, ServerMemory? memory, string load, DuplicateResults? duplicates)
    {
        var inv = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine(inv, $"### {settings.Label}: {manifest.Cases:N0} cases, {manifest.AuditEntries:N0} generated audit entries; {results.Length} requests, {settings.Concurrency} signed-in worker(s) in parallel, {settings.Warmup} warm-up requests");
        text.AppendLine();
        text.AppendLine("| Request | Requests | p50 ms | p95 ms | p99 ms | max ms | avg KB |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|");
        for (var k = 0; k < Mix.Length; k++)
        {
            var mine = results.Where(r => r.Kind == k).ToArray();
            if (mine.Length > 0)
            {
                text.AppendLine(inv, $"| {Mix[k].Name}: {Mix[k].Description} | {Row(mine)} |");
            }
        }

        text.AppendLine(inv, $"| **all requests** | {Row(results)} |");
        text.AppendLine();
        LoadRunner.AppendServerFigures(text, results.Length, wall, $"failed answers: {results.Count(r => r.Status is not (200 or 201))}", cpu, databaseCpu, memory, load);
        if (duplicates is { } dup)
        {
            text.AppendLine();
            text.AppendLine(inv, $"Duplicate check alone (`CaseRegistry.FindDuplicatesAsync`, in process, one scope per check, {dup.Sorted.Length} checks, half of them a registered person written differently): " +
                $"p50 {LoadRunner.Percentile(dup.Sorted, 0.5):F1} ms, **p95 {LoadRunner.Percentile(dup.Sorted, 0.95):F1} ms**, p99 {LoadRunner.Percentile(dup.Sorted, 0.99):F1} ms, max {dup.Sorted[^1]:F1} ms; " +
                $"{dup.Found} checks warned of a possible duplicate. Load average after: {LoadRunner.LoadAverage()}.");
        }

        return text.ToString();
    }

    private static string Row(Result[] results)
    {
        var sorted = results.Select(r => r.Milliseconds).Order().ToArray();
        return string.Create(CultureInfo.InvariantCulture,
            $"{results.Length} | {LoadRunner.Percentile(sorted, 0.50):F1} | {LoadRunner.Percentile(sorted, 0.95):F1} | {LoadRunner.Percentile(sorted, 0.99):F1} | {sorted[^1]:F1} | {results.Average(r => r.Bytes) / 1024:F1}");
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();

    private sealed record RequestKind(string Name, string Description, int Weight);

    private sealed record Client(BenchUser User, HttpClient Browser, HttpClient Api);

    private readonly record struct Result(int Kind, int Status, double Milliseconds, int Bytes);

    private sealed record DuplicateResults(double[] Sorted, int Found);
}
