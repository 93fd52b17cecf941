using Clearinghouse.Common;
using Clearinghouse.Countries;
using Clearinghouse.Directory;
using Clearinghouse.Web.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;

namespace Clearinghouse.Web.Directory;

internal sealed class IndexModel(DirectorySearch directory, CountryCatalog countries) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Country { get; set; }

    [BindProperty(SupportsGet = true)]
    public OrganisationType? Type { get; set; }

    [BindProperty(SupportsGet = true)]
    public ThematicArea? Area { get; set; }

    [BindProperty(SupportsGet = true)]
    public TargetGroup? TargetGroup { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool IncludeRetired { get; set; }

    [FromQuery(Name = "page")]
    public int PageNumber { get; set; } = 1;

    public Page<OrganisationSummary> Results { get; private set; } = new([], 1, Paging.DefaultPageSize, 0);

    public IEnumerable<Country> CountryOptions => countries.Region.OrderBy(c => c.Name(Labels.Language), StringComparer.CurrentCulture);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Results = await directory.SearchAsync(Filter, PageNumber, Paging.DefaultPageSize, Labels.Language, cancellationToken);
    }

    /// <summary>The start of a description, cut at a word boundary.</summary>
    public static string Excerpt(string text)
    {
        if (text.Length <= 220)
        {
            return text;
        }

        var cut = text.LastIndexOf(' ', 220);
        return text[..(cut > 120 ? cut : 220)].TrimEnd(',', ';', ':', '.') + "…";
    }

    public string? CountryName(string? code) => countries.Find(code)?.Name(Labels.Language);

    public string PageLink(int page) => QueryHelpers.AddQueryString("/directory", Query(("page", page.ToString(System.Globalization.CultureInfo.InvariantCulture))));

    public string ExportLink(string format) => QueryHelpers.AddQueryString("/directory/export." + format, Query());

    private DirectoryFilter Filter => new() { Q = Q, Country = Country, Type = Type, Area = Area, TargetGroup = TargetGroup, IncludeRetired = IncludeRetired };

    private Dictionary<string, string?> Query(params (string Key, string Value)[] extra)
    {
        var query = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["q"] = Q,
            ["country"] = Country,
            ["type"] = Type?.ToString(),
            ["area"] = Area?.ToString(),
            ["targetGroup"] = TargetGroup?.ToString(),
            ["includeRetired"] = IncludeRetired ? "true" : null,
        };
        foreach (var (key, value) in extra)
        {
            query[key] = value;
        }

        return query.Where(kv => !string.IsNullOrEmpty(kv.Value)).ToDictionary();
    }
}
