using Clearinghouse.Common;
using Clearinghouse.Countries;
using Clearinghouse.Directory;
using Clearinghouse.Library;
using Clearinghouse.Web.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Clearinghouse.Web.Library;

/// <summary>Search the library: full text, facets with counts, filters, sort.</summary>
internal sealed class IndexModel(LibrarySearch search, CountryCatalog countries) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public DocumentType? Type { get; set; }

    [BindProperty(SupportsGet = true)]
    public ThematicArea? Theme { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Country { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Language { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? Year { get; set; }

    [BindProperty(SupportsGet = true)]
    public Audience? Audience { get; set; }

    [BindProperty(SupportsGet = true)]
    public LibrarySort Sort { get; set; }

    [FromQuery(Name = "page")]
    public int PageNumber { get; set; } = 1;

    public LibrarySearchResult Result { get; private set; } = new(new Page<LibraryResult>([], 1, 20, 0), new LibraryFacets([], [], [], [], [], []));

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Result = await search.SearchAsync(
            new LibrarySearchRequest
            {
                Query = Q,
                Type = Type,
                Theme = Theme,
                Country = Country,
                Language = Language,
                Year = Year,
                Audience = Audience,
                Sort = string.IsNullOrWhiteSpace(Q) && Sort == LibrarySort.Relevance ? LibrarySort.Newest : Sort,
                Page = PageNumber,
            },
            cancellationToken);
    }

    public string CountryName(string code) => countries.Find(code)?.Name(Labels.Language) ?? code;

    /// <summary>This search with one parameter changed (null removes it); back to the first page.</summary>
    public string Link(string name, string? value, int? page = null)
    {
        var values = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["q"] = Q,
            ["type"] = Type?.ToString(),
            ["theme"] = Theme?.ToString(),
            ["country"] = Country,
            ["language"] = Language,
            ["year"] = Year?.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["audience"] = Audience?.ToString(),
            ["sort"] = Sort == LibrarySort.Relevance ? null : Sort.ToString(),
        };
        values[name] = value;
        if (page is > 1)
        {
            values["page"] = page.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString("/library", values.Where(v => !string.IsNullOrEmpty(v.Value)));
    }
}
