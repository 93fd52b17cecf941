using Clearinghouse.Countries;
using Clearinghouse.Directory;
using Clearinghouse.Web.Shared;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Clearinghouse.Web.Countries;

internal sealed class IndexModel(DirectorySearch directory, CountryCatalog countries) : PageModel
{
    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var located = await directory.Organisations(new DirectoryFilter())
            .Select(o => new { o.CountryCode, o.CountriesActive })
            .ToListAsync(cancellationToken);
        var counts = located
            .SelectMany(o => o.CountriesActive.Append(o.CountryCode ?? string.Empty).Where(c => c.Length > 0).Distinct(StringComparer.Ordinal))
            .CountBy(c => c, StringComparer.Ordinal)
            .ToDictionary(StringComparer.Ordinal);
        Rows = [.. countries.Region
            .Select(c => new Row(c.Code, c.Name(Labels.Language), counts.GetValueOrDefault(c.Code)))
            .OrderBy(r => r.Name, StringComparer.CurrentCulture)];
    }

    internal sealed record Row(string Code, string Name, int Organisations);
}
