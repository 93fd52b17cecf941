using Clearinghouse.Data;
using Clearinghouse.Web.Shared;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Clearinghouse.Web.Directory;

internal sealed record MeetingDto(Guid Id, string Slug, string Title, DateOnly StartDate, DateOnly? EndDate, string? City, string? Country, Guid? OrganiserId, Guid? BodyId, string? Summary);

/// <summary>Meetings of the region's bodies through /api/v1/meetings.</summary>
internal static class MeetingsApi
{
    public static RouteGroupBuilder MapMeetingsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/meetings").WithTags("Directory").RequireRateLimiting(WebShell.ApiRateLimit);
        api.MapGet(string.Empty, async (AppDbContext db, string? country, int? year, CancellationToken cancellationToken) =>
            {
                var query = db.Meetings.AsNoTracking().Where(m => m.RetiredAt == null);
                if (!string.IsNullOrWhiteSpace(country))
                {
                    var code = country.Trim().ToUpperInvariant();
                    query = query.Where(m => m.CountryCode == code);
                }

                if (year is < 1900 or > 2200)
                {
                    return (Results<Ok<List<MeetingDto>>, ValidationProblem>)TypedResults.ValidationProblem(
                        new Dictionary<string, string[]> { ["year"] = ["The year must be between 1900 and 2200."] });
                }

                if (year is { } y)
                {
                    query = query.Where(m => m.StartDate >= new DateOnly(y, 1, 1) && m.StartDate <= new DateOnly(y, 12, 31));
                }

                var meetings = await query.OrderByDescending(m => m.StartDate)
                    .Select(m => new MeetingDto(m.Id, m.Slug, m.Title, m.StartDate, m.EndDate, m.City, m.CountryCode, m.OrganiserId, m.BodyId, m.Summary))
                    .ToListAsync(cancellationToken);
                return TypedResults.Ok(meetings);
            })
            .WithName("ListMeetings")
            .WithSummary("List meetings, newest first");
        return api;
    }
}
