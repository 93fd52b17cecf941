using System.Globalization;
using Clearinghouse.Cases;
using Clearinghouse.Countries;
using Clearinghouse.Data;
using Clearinghouse.Web.Directory.Edit;
using Microsoft.EntityFrameworkCore;

namespace Clearinghouse.Web.Cases;

/// <summary>What the case form (partial _CaseForm) shows: the input, its errors and the lists to choose from.</summary>
internal sealed record CaseForm(CaseInput Input, FormErrors Errors, IReadOnlyList<(string Value, string Text)> Countries, IReadOnlyList<(string Value, string Text)> Organisations)
{
    public static async Task<CaseForm> LoadAsync(CaseInput input, FormErrors errors, CountryCatalog countries, AppDbContext db, CancellationToken cancellationToken)
    {
        var organisations = await db.Organisations.AsNoTracking().Where(o => o.RetiredAt == null).OrderBy(o => o.Name)
            .Select(o => new { o.Id, o.Name }).ToListAsync(cancellationToken);
        return new CaseForm(
            input,
            errors,
            [.. countries.All.OrderBy(c => c.NameEn, StringComparer.Ordinal).Select(c => (c.Code, c.NameEn))],
            [.. organisations.Select(o => (o.Id.ToString(), o.Name))]);
    }

    public static string? Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
