using System.Globalization;
using Clearinghouse.Countries;
using Clearinghouse.Data;
using Clearinghouse.Web.Shared;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Clearinghouse.Web.Directory;

internal sealed class MeetingsModel(AppDbContext db, CountryCatalog countries) : PageModel
{
    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var meetings = await db.Meetings.AsNoTracking().Include(m => m.Organiser)
            .Where(m => m.RetiredAt == null)
            .OrderByDescending(m => m.StartDate)
            .ToListAsync(cancellationToken);
        var culture = CultureInfo.CurrentUICulture;
        Rows = [.. meetings.Select(m => new Row(
            m.Slug,
            m.Title,
            m.EndDate is { } end && end != m.StartDate
                ? $"{m.StartDate.ToString("d MMMM yyyy", culture)} – {end.ToString("d MMMM yyyy", culture)}"
                : m.StartDate.ToString("d MMMM yyyy", culture),
            string.Join(", ", new[] { m.City, countries.Find(m.CountryCode)?.Name(Labels.Language) }.Where(x => x is not null)) is { Length: > 0 } place ? place : null,
            m.Organiser?.Localize(Labels.Language).Name,
            m.Summary))];
    }

    internal sealed record Row(string Slug, string Title, string When, string? Place, string? Organiser, string? Summary);
}
