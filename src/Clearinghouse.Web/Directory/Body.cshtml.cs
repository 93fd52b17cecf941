using Clearinghouse.Countries;
using Clearinghouse.Data;
using Clearinghouse.Directory;
using Clearinghouse.Web.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Clearinghouse.Web.Directory;

internal sealed class BodyModel(DirectorySearch directory, AppDbContext db, CountryCatalog countries) : PageModel
{
    public CoordinationBody? Body { get; private set; }

    public string? CountryName { get; private set; }

    public IReadOnlyList<Meeting> Meetings { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        Body = await directory.Bodies(includeRetired: true)
            .Include(b => b.Convenor)
            .Include(b => b.Members).ThenInclude(m => m.Organisation)
            .FirstOrDefaultAsync(b => b.Slug == slug, cancellationToken);
        if (Body is null)
        {
            return NotFound();
        }

        CountryName = countries.Find(Body.CountryCode)?.Name(Labels.Language);
        Meetings = await db.Meetings.AsNoTracking().Where(m => m.BodyId == Body.Id && m.RetiredAt == null).OrderBy(m => m.StartDate).ToListAsync(cancellationToken);
        return Page();
    }
}
