using Clearinghouse.Accounts;
using Clearinghouse.Countries;
using Clearinghouse.Data;
using Clearinghouse.Directory;
using Clearinghouse.Library;
using Clearinghouse.Web.Directory.Edit;
using Clearinghouse.Web.Shared;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;

namespace Clearinghouse.Web.Library;

/// <summary>
/// The metadata form shared by the add and edit pages (partial <c>_Metadata.cshtml</c>): what it shows, and how a posted
/// form becomes a <see cref="LibraryInput"/> plus the values that could not even be read.
/// </summary>
internal sealed record LibraryForm(
    LibraryInput Input,
    FormErrors Errors,
    IReadOnlyList<(string Value, string Text)> Publishers,
    IReadOnlyList<(string Value, string Text)> Countries,
    bool WorkFields,
    bool LanguageFixed = false)
{
    /// <summary>The posted input with its lists (bound separately, as checkboxes), and the binding errors by field.</summary>
    public static (LibraryInput Input, Dictionary<string, string[]> BindingErrors) Read(
        LibraryInput input, List<ThematicArea> themes, List<string> countries, List<Audience> audiences, ModelStateDictionary modelState, string message)
    {
        var binding = FormErrors.BindingErrors(modelState, message);
        foreach (var key in new[] { LibraryCatalogue.FileField, "Themes", "Countries", "Audiences" })
        {
            binding.Remove(key);
        }

        return (input with { Themes = themes, Countries = countries, Audiences = audiences }, binding);
    }

    /// <summary>Organisations offered as publisher: all for editors, a focal point's own only.</summary>
    public static async Task<IReadOnlyList<(string Value, string Text)>> PublishersAsync(AppDbContext db, CurrentUser user, CancellationToken cancellationToken)
    {
        var organisations = db.Organisations.AsNoTracking().Where(o => o.RetiredAt == null);
        if (!user.IsEditor)
        {
            var own = user.OrganisationId;
            organisations = organisations.Where(o => o.Id == own);
        }

        return (await organisations.OrderBy(o => o.Name).Select(o => new { o.Id, o.Name }).ToListAsync(cancellationToken))
            .Select(o => (o.Id.ToString(), o.Name)).ToList();
    }

    public static IReadOnlyList<(string Value, string Text)> RegionCountries(CountryCatalog countries) =>
        countries.Region.Select(c => (c.Code, c.Name(Labels.Language))).OrderBy(c => c.Item2, StringComparer.CurrentCulture).ToList();
}
