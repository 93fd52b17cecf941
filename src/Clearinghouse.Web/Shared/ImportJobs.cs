using System.Collections.Concurrent;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Threading.Channels;
using Clearinghouse.Accounts;
using Clearinghouse.Directory;

namespace Clearinghouse.Web.Shared;

/// <summary>What a background import brings in. Each kind has its own upload page; its jobs live under that page's address.</summary>
internal enum ImportKind
{
    Directory,
    Activities,
    Statistics,
}

internal static class ImportKinds
{
    public static readonly IReadOnlyList<ImportKind> All = Enum.GetValues<ImportKind>();

    /// <summary>The upload page; a job's page is this path followed by the job's id.</summary>
    public static string UploadPath(this ImportKind kind) => kind switch
    {
        ImportKind.Directory => "/directory/import",
        ImportKind.Activities => "/activities/import",
        _ => "/statistics/import",
    };
}

internal enum ImportJobState
{
    Queued,
    Running,
    Succeeded,
    Failed,
}

/// <summary>
/// What an import ended with: every problem found in the file (then nothing was written), or the importer's own result
/// (<see cref="ImportResult"/> for the directory and activities, <c>DatasetImportResult</c> for statistics), which the
/// job page shows in that kind's words.
/// </summary>
internal sealed record ImportOutcome(IReadOnlyList<ImportError> Problems, object Result)
{
    public bool Succeeded => Problems.Count == 0;
}

/// <summary>The import itself, run by the worker in a scope that acts as the user who started it.</summary>
internal delegate Task<ImportOutcome> ImportWork(IServiceProvider services, IProgress<ImportProgress> progress, CancellationToken cancellationToken);

/// <summary>What the status page shows of a job at one moment (replaced as a whole, so readers never see a half-update).</summary>
internal sealed record ImportJobStatus(ImportJobState State, ImportProgress Progress, ImportOutcome? Outcome, string? Failure)
{
    public bool Finished => State is ImportJobState.Succeeded or ImportJobState.Failed;
}

/// <summary>One import started from an upload page. Only the user who started it can see it.</summary>
internal sealed class ImportJob(string id, Guid userId, ClaimsPrincipal user, ImportKind kind, string fileName, ImportWork work, Action? cleanup, DateTimeOffset startedAt)
    : IProgress<ImportProgress>
{
    private volatile ImportJobStatus status = new(ImportJobState.Queued, new ImportProgress(0, 0, ImportStage.Reading), null, null);
    private ImportWork? work = work;
    private Action? cleanup = cleanup;

    public string Id { get; } = id;

    public Guid UserId { get; } = userId;

    /// <summary>The principal of the request that started the job: the import acts as this user (history names them).</summary>
    public ClaimsPrincipal User { get; } = user;

    public ImportKind Kind { get; } = kind;

    public string FileName { get; } = fileName;

    public DateTimeOffset StartedAt { get; } = startedAt;

    public DateTimeOffset? FinishedAt { get; private set; }

    public ImportJobStatus Status => status;

    /// <summary>The job's page: under its kind's upload page.</summary>
    public string Path => $"{Kind.UploadPath()}/{Id}";

    /// <summary>
    /// Hands the work to the worker once and lets go of it, so a finished job holds neither the file nor anything the
    /// work refers to.
    /// </summary>
    public ImportWork TakeWork() => Interlocked.Exchange(ref work, null) ?? throw new InvalidOperationException("The import was already started.");

    /// <summary>Removes what the upload left behind (a temporary file), once, whether the job ran or not.</summary>
    public void CleanUp() => Interlocked.Exchange(ref cleanup, null)?.Invoke();

    public void Report(ImportProgress value) => status = status with { State = ImportJobState.Running, Progress = value };

    public void Finish(ImportOutcome outcome, DateTimeOffset now)
    {
        FinishedAt = now;
        status = status with { State = outcome.Succeeded ? ImportJobState.Succeeded : ImportJobState.Failed, Outcome = outcome };
    }

    public void Fail(string reason, DateTimeOffset now)
    {
        FinishedAt = now;
        status = status with { State = ImportJobState.Failed, Failure = reason };
    }
}

/// <summary>
/// The imports started from the upload pages, in memory: a queue read by <see cref="ImportWorker"/> and the jobs by their
/// random id. Finished jobs are forgotten after <see cref="KeepFor"/>; a restart forgets them all (the data is safe:
/// an import either committed or wrote nothing).
/// </summary>
internal sealed class ImportJobs(TimeProvider clock)
{
    public static readonly TimeSpan KeepFor = TimeSpan.FromHours(2);

    private readonly ConcurrentDictionary<string, ImportJob> jobs = new(StringComparer.Ordinal);
    private readonly Channel<ImportJob> queue = Channel.CreateUnbounded<ImportJob>(new UnboundedChannelOptions { SingleReader = true });

    public ChannelReader<ImportJob> Queue => queue.Reader;

    /// <summary>
    /// Queues an import. <paramref name="cleanup"/> runs once the job is over, or if it never runs (the server stops
    /// first), so an upload kept in a temporary file does not outlive its job.
    /// </summary>
    public ImportJob Start(ClaimsPrincipal user, Guid userId, ImportKind kind, string fileName, ImportWork work, Action? cleanup = null)
    {
        Forget();
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var job = new ImportJob(id, userId, user, kind, fileName, work, cleanup, clock.GetUtcNow());
        jobs[id] = job;
        if (!queue.Writer.TryWrite(job))
        {
            job.CleanUp();
            throw new InvalidOperationException("The import queue is closed.");
        }

        return job;
    }

    /// <summary>The job of this kind with this id if the given user started it; otherwise null (another user's job does not exist for them).</summary>
    public ImportJob? Find(ImportKind kind, string id, CurrentUser user) =>
        user.UserId is { } userId && jobs.TryGetValue(id, out var job) && job.UserId == userId && job.Kind == kind ? job : null;

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
    private const string ShutDown = "The import stopped because the server was shutting down. Nothing was saved; import the file again.";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var job in jobs.Queue.ReadAllAsync(stoppingToken))
            {
                await RunAsync(job, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The host is stopping: jobs still waiting never run; say so and remove their files.
            while (jobs.Queue.TryRead(out var waiting))
            {
                waiting.Fail(ShutDown, clock.GetUtcNow());
                waiting.CleanUp();
            }
        }
    }

    private async Task RunAsync(ImportJob job, CancellationToken stoppingToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<CurrentUser>().SetFrom(job.User);
            var outcome = await job.TakeWork()(scope.ServiceProvider, job, stoppingToken);
            job.Finish(outcome, clock.GetUtcNow());
            LogFinished(job.Kind, job.Id, job.FileName, outcome.Problems.Count);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            job.Fail(ShutDown, clock.GetUtcNow());
        }
        catch (Exception e)
        {
            // One failed import must not stop the worker (and with it the web host): it is logged and shown to the user.
            LogFailed(e, job.Kind, job.Id, job.FileName);
            job.Fail("The import failed because of a problem on the server. Nothing was saved. Try again later or tell the administrators.", clock.GetUtcNow());
        }
        finally
        {
            job.CleanUp();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Kind} import {JobId} of {FileName} finished with {Problems} problems")]
    private partial void LogFinished(ImportKind kind, string jobId, string fileName, int problems);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Kind} import {JobId} of {FileName} failed")]
    private partial void LogFailed(Exception exception, ImportKind kind, string jobId, string fileName);
}
