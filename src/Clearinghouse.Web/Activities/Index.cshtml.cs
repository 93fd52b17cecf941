using System.Globalization;
using Clearinghouse.Activities;
using Clearinghouse.Common;
using Clearinghouse.Countries;
using Clearinghouse.Data;
using Clearinghouse.Directory;
using Clearinghouse.Web.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;

namespace Clearinghouse.Web.Activities;

/// <summary>The inventory of activities with its filters; with asOf, the inventory as it stood on that date.</summary>
internal sealed class IndexModel(ActivitySearch search, ActivityHistory history, AppDbContext db, CountryCatalog countries, ActivityEditor editor) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Country { get; set; }

    [BindProperty(SupportsGet = true)]
    public ThematicArea? Area { get; set; }

    [BindProperty(SupportsGet = true)]
    public TargetGroup? TargetGroup { get; set; }

    [BindProperty(SupportsGet = true)]
    public FormOfExploitation? Form { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid? Organisation { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid? Donor { get; set; }

    [BindProperty(SupportsGet = true)]
    public ActivityStatus? Status { get; set; }

    [BindProperty(SupportsGet = true)]
    public ReviewState? Review { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? To { get; set; }

    /// <summary>Show the inventory as it stood at the end of this day (from the revisions).</summary>
    [BindProperty(SupportsGet = true)]
    public DateOnly? AsOf { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool IncludeRetired { get; set; }

    /// <summary>Leave out cancelled activities (set by the gap map's click-through).</summary>
    [BindProperty(SupportsGet = true)]
    public bool Active { get; set; }

    [FromQuery(Name = "page")]
    public int PageNumber { get; set; } = 1;

    public ActivityPage Results { get; private set; } = new([], 1, Paging.DefaultPageSize, 0, false);

    public IReadOnlyList<(Guid Id, string Name)> Organisations { get; private set; } = [];

    public IReadOnlyList<(Guid Id, string Name)> Donors { get; private set; } = [];

    public bool MayCreate => editor.MayCreate;

    public IEnumerable<Country> CountryOptions => countries.Region.OrderBy(c => c.Name(Labels.Language), StringComparer.CurrentCulture);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var filter = Filter;
        Results = AsOf is { } day
            ? await history.SearchAsOfAsync(filter, day, PageNumber, Paging.DefaultPageSize, Labels.Language, cancellationToken)
            : await search.SearchAsync(filter, PageNumber, Paging.DefaultPageSize, Labels.Language, cancellationToken);
        var participants = await db.ActivityParticipants.AsNoTracking()
            .Where(p => p.OrganisationId != null)
            .Select(p => new { Id = p.OrganisationId!.Value, p.Organisation!.Name, p.Organisation.Acronym, IsDonor = p.Role == ParticipantRole.Donor })
            .Distinct()
            .ToListAsync(cancellationToken);
        Organisations = [.. participants.DistinctBy(p => p.Id).Select(p => (p.Id, Display(p.Name, p.Acronym))).OrderBy(p => p.Item2, StringComparer.CurrentCulture)];
        Donors = [.. participants.Where(p => p.IsDonor).DistinctBy(p => p.Id).Select(p => (p.Id, Display(p.Name, p.Acronym))).OrderBy(p => p.Item2, StringComparer.CurrentCulture)];
    }

    public string? CountryName(string code) => countries.Find(code)?.Name(Labels.Language) ?? code;

    public string PageLink(int page) => QueryHelpers.AddQueryString("/activities", Query(("page", page.ToString(CultureInfo.InvariantCulture))));

    public ActivityFilter Filter => new()
    {
        Q = Q,
        Country = Country,
        Area = Area,
        TargetGroup = TargetGroup,
        Form = Form,
        Organisation = Organisation,
        Donor = Donor,
        Status = Status,
        Review = Review,
        From = From,
        To = To,
        IncludeRetired = IncludeRetired,
        Active = Active,
    };

    private static string Display(string name, string? acronym) => acronym is null ? name : $"{name} ({acronym})";

    private Dictionary<string, string?> Query(params (string Key, string Value)[] extra)
    {
        var query = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["q"] = Q,
            ["country"] = Country,
            ["area"] = Area?.ToString(),
            ["targetGroup"] = TargetGroup?.ToString(),
            ["form"] = Form?.ToString(),
            ["organisation"] = Organisation?.ToString(),
            ["donor"] = Donor?.ToString(),
            ["status"] = Status?.ToString(),
            ["review"] = Review?.ToString(),
            ["from"] = From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["to"] = To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["asOf"] = AsOf?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["includeRetired"] = IncludeRetired ? "true" : null,
            ["active"] = Active ? "true" : null,
        };
        foreach (var (key, value) in extra)
        {
            query[key] = value;
        }

        return query.Where(kv => !string.IsNullOrEmpty(kv.Value)).ToDictionary();
    }
}
