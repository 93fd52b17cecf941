using Clearinghouse.Accounts;
using Clearinghouse.Directory;
using Clearinghouse.Web.Accounts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;

namespace Clearinghouse.Web.Shared;

/// <summary>The background imports of the upload pages: the job list, the worker, and the status the job page polls.</summary>
internal static class ImportStatusApi
{
    public static IServiceCollection AddBackgroundImports(this IServiceCollection services)
    {
        services.AddSingleton<ImportJobs>();
        services.AddHostedService<ImportWorker>();
        return services;
    }

    /// <summary>Polled by the job page (wwwroot/js/import-progress.js): <c>{upload page}/{id}/status</c> for each kind.</summary>
    public static IEndpointRouteBuilder MapImportStatus(this IEndpointRouteBuilder app)
    {
        foreach (var kind in ImportKinds.All)
        {
            app.MapGet($"{kind.UploadPath()}/{{id}}/status", (string id, ImportJobs jobs, CurrentUser user, IStringLocalizer<SharedResource> t) => Status(kind, id, jobs, user, t))
                .RequireAuthorization(Policies.EditsDirectory)
                .ExcludeFromDescription();
        }

        return app;
    }

    private static Results<Ok<ImportStatusDto>, NotFound> Status(ImportKind kind, string id, ImportJobs jobs, CurrentUser user, IStringLocalizer<SharedResource> t)
    {
        if (jobs.Find(kind, id, user) is not { } job)
        {
            return TypedResults.NotFound();
        }

        var status = job.Status;
        return TypedResults.Ok(new ImportStatusDto(
            status.State.ToString(),
            status.Progress.Stage.ToString(),
            t[ImportLabels.Of(status)],
            status.Progress.RowsDone,
            status.Progress.RowsTotal,
            ImportLabels.Rows(status.Progress, t),
            status.Finished));
    }
}

internal sealed record ImportStatusDto(string State, string Stage, string StageText, int RowsDone, int RowsTotal, string RowsText, bool Finished);

/// <summary>English labels (localization keys) for an import's stage and count.</summary>
internal static class ImportLabels
{
    public static string Of(ImportJobStatus status) => status.State switch
    {
        ImportJobState.Queued => "Waiting to start",
        ImportJobState.Succeeded => "Finished",
        ImportJobState.Failed => "Stopped",
        _ => status.Progress.Stage switch
        {
            ImportStage.Reading => "Reading the file",
            ImportStage.Checking => "Checking every row",
            ImportStage.Saving => "Saving",
            ImportStage.LookingForDuplicates => "Looking for possible duplicates",
            _ => "Finished",
        },
    };

    /// <summary>"120 of 400 rows" when the total is known; "12,000 rows read" while a file is read in one pass; else nothing.</summary>
    public static string Rows(ImportProgress progress, IStringLocalizer t) =>
        progress.RowsTotal > 0 ? t["{0} of {1} rows", progress.RowsDone, progress.RowsTotal]
        : progress.RowsDone > 0 ? t["{0} rows read", progress.RowsDone]
        : string.Empty;
}
