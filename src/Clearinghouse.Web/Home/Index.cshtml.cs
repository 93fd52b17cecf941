using Clearinghouse.Activities;
using Clearinghouse.Countries;
using Clearinghouse.Data;
using Clearinghouse.Directory;
using Clearinghouse.Web.Activities;
using Clearinghouse.Web.Shared;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Clearinghouse.Web.Home;

internal sealed class IndexModel(
    AppDbContext db, DirectorySearch directory, CountryCatalog countries, ActivitySearch activities, GapMatrix matrix, DonorInventory donors, TimeProvider clock) : PageModel
{
    public int OrganisationCount { get; private set; }

    public int CountryCount { get; private set; }

    public int BodyCount { get; private set; }

    public IReadOnlyList<RecentOrganisation> Recent { get; private set; } = [];

    public IReadOnlyList<Meeting> Meetings { get; private set; } = [];

    /// <summary>The latest activities and the small gap map (the whole region).</summary>
    public CountryActivities Activities { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var visible = directory.Organisations(new DirectoryFilter());
        OrganisationCount = await visible.CountAsync(cancellationToken);
        CountryCount = await visible.Where(o => o.CountryCode != null).Select(o => o.CountryCode).Distinct().CountAsync(cancellationToken);
        BodyCount = await directory.Bodies().CountAsync(cancellationToken);
        var recentIds = await db.ChangeRecords.AsNoTracking()
            .Where(c => c.EntityType == nameof(Organisation))
            .OrderByDescending(c => c.Id)
            .Select(c => c.EntityId)
            .Take(40)
            .ToListAsync(cancellationToken);
        var wanted = recentIds.Distinct().Take(6).ToList();
        var rows = await visible.Where(o => wanted.Contains(o.Id)).ToListAsync(cancellationToken);
        Recent = [.. wanted.Select(id => rows.FirstOrDefault(r => r.Id == id)).OfType<Organisation>()
            .Select(o => new RecentOrganisation(o.Slug, o.Localize(Labels.Language).Name, o.Type, countries.Find(o.CountryCode)?.Name(Labels.Language)))];
        Activities = await CountryActivities.LoadAsync(null, activities, matrix, donors, clock, cancellationToken);
        Meetings = await db.Meetings.AsNoTracking().Where(m => m.RetiredAt == null).OrderByDescending(m => m.StartDate).Take(4).ToListAsync(cancellationToken);
    }

    internal sealed record RecentOrganisation(string Slug, string Name, OrganisationType Type, string? Country);
}
