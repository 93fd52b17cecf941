using System.Collections.Concurrent;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Threading.Channels;
using Clearinghouse.Accounts;
using Clearinghouse.Directory;

namespace Clearinghouse.Web.Directory;

internal enum ImportJobState
{
    Queued,
    Running,
    Succeeded,
    Failed,
}

/// <summary>What the status page shows of a job at one moment (replaced as a whole, so readers never see a half-update).</summary>
internal sealed record ImportJobStatus(ImportJobState State, ImportProgress Progress, ImportResult? Result, string? Failure)
{
    public bool Finished => State is ImportJobState.Succeeded or ImportJobState.Failed;
}

/// <summary>One import started from the web page. Only the user who started it can see it.</summary>
internal sealed class ImportJob(string id, Guid userId, ClaimsPrincipal user, string fileName, byte[] content, DirectoryFileFormat format, DateTimeOffset startedAt)
    : IProgress<ImportProgress>
{
    private volatile ImportJobStatus status = new(ImportJobState.Queued, new ImportProgress(0, 0, ImportStage.Reading), null, null);
    private byte[]? content = content;

    public string Id { get; } = id;

    public Guid UserId { get; } = userId;

    /// <summary>The principal of the request that started the job: the import acts as this user (history names them).</summary>
    public ClaimsPrincipal User { get; } = user;

    public string FileName { get; } = fileName;

    public DirectoryFileFormat Format { get; } = format;

    public DateTimeOffset StartedAt { get; } = startedAt;

    public DateTimeOffset? FinishedAt { get; private set; }

    public ImportJobStatus Status => status;

    /// <summary>Hands the file to the worker once and lets go of it, so finished jobs hold no file in memory.</summary>
    public byte[] TakeContent() => Interlocked.Exchange(ref content, null) ?? throw new InvalidOperationException("The import file was already taken.");

    public void Report(ImportProgress value) => status = status with { State = ImportJobState.Running, Progress = value };

    public void Succeed(ImportResult result, DateTimeOffset now)
    {
        FinishedAt = now;
        status = status with { State = result.Succeeded ? ImportJobState.Succeeded : ImportJobState.Failed, Result = result };
    }

    public void Fail(string reason, DateTimeOffset now)
    {
        FinishedAt = now;
        status = status with { State = ImportJobState.Failed, Failure = reason };
    }
}

/// <summary>
/// The imports started from the web page, in memory: a queue read by <see cref="ImportWorker"/> and the jobs by their
/// random id. Finished jobs are forgotten after <see cref="KeepFor"/>; a restart forgets them all (the data is safe:
/// an import either committed or wrote nothing).
/// </summary>
internal sealed class ImportJobs(TimeProvider clock)
{
    public static readonly TimeSpan KeepFor = TimeSpan.FromHours(2);

    private readonly ConcurrentDictionary<string, ImportJob> jobs = new(StringComparer.Ordinal);
    private readonly Channel<ImportJob> queue = Channel.CreateUnbounded<ImportJob>(new UnboundedChannelOptions { SingleReader = true });

    public ChannelReader<ImportJob> Queue => queue.Reader;

    public ImportJob Start(ClaimsPrincipal user, Guid userId, string fileName, byte[] content, DirectoryFileFormat format)
    {
        Forget();
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var job = new ImportJob(id, userId, user, fileName, content, format, clock.GetUtcNow());
        jobs[id] = job;
        if (!queue.Writer.TryWrite(job))
        {
            throw new InvalidOperationException("The import queue is closed.");
        }

        return job;
    }

    /// <summary>The job with this id if the given user started it; otherwise null (another user's job does not exist for them).</summary>
    public ImportJob? Find(string id, CurrentUser user) =>
        user.UserId is { } userId && jobs.TryGetValue(id, out var job) && job.UserId == userId ? job : null;

    private void Forget()
    {
        var cutoff = clock.GetUtcNow() - KeepFor;
        foreach (var (id, job) in jobs)
        {
            if (job.FinishedAt < cutoff)
            {
                jobs.TryRemove(id, out _);
            }
        }
    }
}

/// <summary>Runs queued imports one at a time, each in its own scope acting as the user who started it.</summary>
internal sealed partial class ImportWorker(ImportJobs jobs, IServiceScopeFactory scopes, TimeProvider clock, ILogger<ImportWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var job in jobs.Queue.ReadAllAsync(stoppingToken))
        {
            await RunAsync(job, stoppingToken);
        }
    }

    private async Task RunAsync(ImportJob job, CancellationToken stoppingToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<CurrentUser>().SetFrom(job.User);
            var importer = scope.ServiceProvider.GetRequiredService<DirectoryImporter>();
            var result = await importer.ImportAsync(job.TakeContent(), job.FileName, job.Format, job, stoppingToken);
            job.Succeed(result, clock.GetUtcNow());
            LogFinished(job.Id, job.FileName, result.Created, result.Updated, result.Errors.Count);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            job.Fail("The import stopped because the server was shutting down. Nothing was saved; import the file again.", clock.GetUtcNow());
        }
        catch (Exception e)
        {
            // One failed import must not stop the worker (and with it the web host): it is logged and shown to the user.
            LogFailed(e, job.Id, job.FileName);
            job.Fail("The import failed because of a problem on the server. Nothing was saved. Try again later or tell the administrators.", clock.GetUtcNow());
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Import {JobId} of {FileName} finished: {Created} created, {Updated} updated, {Errors} errors")]
    private partial void LogFinished(string jobId, string fileName, int created, int updated, int errors);

    [LoggerMessage(Level = LogLevel.Error, Message = "Import {JobId} of {FileName} failed")]
    private partial void LogFailed(Exception exception, string jobId, string fileName);
}
