using System.Text.Json;
using Clearinghouse.Common;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Clearinghouse.Web.Shared;

/// <summary>
/// Maps the few exceptions a user can cause to clear answers: 409 for conflicting edits and deletes, 400 naming the field
/// (by its JSON path, e.g. "type" or "members[0].role") for an API body that cannot be read.
/// </summary>
internal sealed class KnownExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is BadHttpRequestException badRequest && WebShell.IsApi(httpContext.Request))
        {
            return await WriteAsync(httpContext, exception, badRequest.InnerException is JsonException json
                ? new HttpValidationProblemDetails(new Dictionary<string, string[]>(StringComparer.Ordinal)
                {
                    [FieldOf(json.Path)] = ["This value could not be read: check the field's name, the type of its value, the allowed codes and the JSON syntax."],
                })
                {
                    Status = StatusCodes.Status400BadRequest,
                    Title = "The request body is not valid",
                }
                : new ProblemDetails { Status = badRequest.StatusCode, Title = "Bad request", Detail = badRequest.Message });
        }

        var (status, title, detail) = exception switch
        {
            DbUpdateConcurrencyException => (StatusCodes.Status409Conflict, "Edit conflict", "Someone else changed this record after you opened it. Reload it and make your change again."),
            HardDeleteNotAllowedException e => (StatusCodes.Status409Conflict, "Records are not deleted", e.Message),
            _ => (0, string.Empty, string.Empty),
        };
        if (status == 0)
        {
            return false;
        }

        return await WriteAsync(httpContext, exception, new ProblemDetails { Status = status, Title = title, Detail = detail });
    }

    private async ValueTask<bool> WriteAsync(HttpContext httpContext, Exception exception, ProblemDetails problem)
    {
        httpContext.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, Exception = exception, ProblemDetails = problem });
    }

    /// <summary>"$.members[0].role" → "members[0].role"; the whole body ("$" or no path) → "body".</summary>
    private static string FieldOf(string? path) =>
        path is { Length: > 2 } && path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : "body";
}
