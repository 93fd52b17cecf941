using Clearinghouse.Countries;
using Clearinghouse.Directory;
using Clearinghouse.Web.Shared;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Clearinghouse.Web.Directory;

internal sealed class BodiesModel(DirectorySearch directory, CountryCatalog countries) : PageModel
{
    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var bodies = await directory.Bodies().Select(b => new { Body = b, Members = b.Members.Count }).ToListAsync(cancellationToken);
        Rows = [.. bodies
            .Select(b => new Row(b.Body.Slug, b.Body.Localize(Labels.Language).Name, b.Body.Kind, countries.Find(b.Body.CountryCode)?.Name(Labels.Language), b.Members))
            .OrderBy(r => r.Country is null ? 0 : 1).ThenBy(r => r.Country, StringComparer.CurrentCulture).ThenBy(r => r.Name, StringComparer.CurrentCulture)];
    }

    internal sealed record Row(string Slug, string Name, CoordinationBodyKind Kind, string? Country, int MemberCount);
}
