using Clearinghouse.Common;
using Clearinghouse.Countries;
using Clearinghouse.Services;
using Clearinghouse.Web.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Clearinghouse.Web.Services;

/// <summary>Public search of the service directory (restricted services and fields only for signed-in partners).</summary>
internal sealed class ServicesIndexModel(ServiceDirectory directory, CountryCatalog countries, Clearinghouse.Accounts.CurrentUser user) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public ServiceKind? Kind { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Country { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Language { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? Age { get; set; }

    [BindProperty(SupportsGet = true)]
    public EligibleSex? Sex { get; set; }

    [BindProperty(SupportsGet = true)]
    public FormOfExploitation? Form { get; set; }

    [FromQuery(Name = "page")]
    public int? PageNumber { get; set; }

    public Page<Service> Results { get; private set; } = new([], 1, Paging.DefaultPageSize, 0);

    public bool MayAdd => user.IsEditor || (user.Roles.Contains(Clearinghouse.Accounts.Roles.FocalPoint) && user.OrganisationId is not null);

    public bool SeesBoard => directory.SeesShelterCapacity;

    public IEnumerable<(string Value, string Text)> Countries =>
        countries.Region.Select(c => (c.Code, c.Name(Labels.Language))).OrderBy(c => c.Item2, StringComparer.CurrentCulture);

    public string CountryName(string code) => countries.Find(code)?.Name(Labels.Language) ?? code;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        // Unreadable values (an unknown kind in the address) bind as null and are ignored rather than failing the search.
        var filter = new ServiceFilter
        {
            Q = Q,
            Kind = Kind,
            Country = Country,
            Language = Language,
            Age = Age is >= 0 and <= 120 ? Age : null,
            Sex = Sex,
            Form = Form,
        };
        Results = await directory.PageAsync(filter, PageNumber, Paging.DefaultPageSize, cancellationToken);
    }

    public string PageUrl(int page) =>
        "/services?" + string.Join("&", new (string Key, string? Value)[]
        {
            ("q", Q), ("kind", Kind?.ToString()), ("country", Country), ("language", Language), ("age", Age?.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("sex", Sex?.ToString()), ("form", Form?.ToString()), ("page", page.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        }.Where(p => !string.IsNullOrWhiteSpace(p.Value)).Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value!)}"));
}
