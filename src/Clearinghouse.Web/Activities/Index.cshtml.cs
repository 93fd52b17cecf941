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
internal sealed class IndexModel(ActivitySearch search, ActivityHistory history, DirectorySearch directory, CountryCatalog countries, ActivityEditor editor) : PageModel
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

    /// <summary>The organisation filter as typed: a name or acronym looked up in the directory (any role).</summary>
    [BindProperty(SupportsGet = true)]
    public string? OrganisationName { get; set; }

    /// <summary>The donor filter as typed: a name or acronym looked up in the directory.</summary>
    [BindProperty(SupportsGet = true)]
    public string? DonorName { get; set; }

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

    /// <summary>The organisation typed, when the directory has no single organisation of that name (then nothing is listed).</summary>
    public OrganisationChoice? OrganisationChoice { get; private set; }

    /// <summary>The same for the donor.</summary>
    public OrganisationChoice? DonorChoice { get; private set; }

    /// <summary>True when a typed organisation or donor name did not name one organisation: the list is not shown.</summary>
    public bool AwaitsChoice => OrganisationChoice is not null || DonorChoice is not null;

    public bool MayCreate => editor.MayCreate;

    public IEnumerable<Country> CountryOptions => countries.Region.OrderBy(c => c.Name(Labels.Language), StringComparer.CurrentCulture);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        // The organisation and donor filters are text fields (a select of every participant would list thousands):
        // a typed name is looked up in the directory; an id (from a link or a page of results) shows its name.
        (Organisation, OrganisationName, OrganisationChoice) = await ResolveAsync(Organisation, OrganisationName, cancellationToken);
        (Donor, DonorName, DonorChoice) = await ResolveAsync(Donor, DonorName, cancellationToken);
        if (AwaitsChoice)
        {
            return;
        }

        var filter = Filter;
        Results = AsOf is { } day
            ? await history.SearchAsOfAsync(filter, day, PageNumber, Paging.DefaultPageSize, Labels.Language, cancellationToken)
            : await search.SearchAsync(filter, PageNumber, Paging.DefaultPageSize, Labels.Language, cancellationToken);
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

    /// <summary>A link to this list with the same filters and the given organisation (or donor) chosen by id.</summary>
    public string ChoiceLink(string parameter, Guid id) =>
        QueryHelpers.AddQueryString("/activities", Query((parameter, id.ToString()), (parameter + "Name", null)));

    private static string Display(string name, string? acronym) => acronym is null ? name : $"{name} ({acronym})";

    private async Task<(Guid? Id, string? Name, OrganisationChoice? Choice)> ResolveAsync(Guid? id, string? typed, CancellationToken cancellationToken)
    {
        var name = typed?.Trim();
        if (string.IsNullOrEmpty(name))
        {
            var known = id is { } given ? await directory.FindOrganisationAsync(given, cancellationToken) : null;
            return (id, known is null ? null : Display(known.Name, known.Acronym), null);
        }

        var matches = await search.OrganisationsNamedAsync(name, OrganisationChoice.Limit + 1, cancellationToken);
        return matches.Count == 1
            ? (matches[0].Id, name, null)
            : (null, name, new OrganisationChoice(name, [.. matches.Take(OrganisationChoice.Limit).Select(m => (m.Id, Display(m.Name, m.Acronym)))], matches.Count > OrganisationChoice.Limit));
    }

    private Dictionary<string, string?> Query(params (string Key, string? Value)[] extra)
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
            ["organisationName"] = Organisation is null ? OrganisationName : null,
            ["donorName"] = Donor is null ? DonorName : null,
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

/// <summary>A typed organisation name that names no single organisation: the directory's matches to choose from (at most <see cref="Limit"/>).</summary>
internal sealed record OrganisationChoice(string Typed, IReadOnlyList<(Guid Id, string Name)> Matches, bool MoreThanShown)
{
    public const int Limit = 10;
}
