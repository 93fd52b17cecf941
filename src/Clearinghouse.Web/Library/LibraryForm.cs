using Clearinghouse.Accounts;
using Clearinghouse.Countries;
using Clearinghouse.Data;
using Clearinghouse.Directory;
using Clearinghouse.Library;
using Clearinghouse.Web.Directory.Edit;
using Clearinghouse.Web.Shared;
using Microsoft.AspNetCore.Http;
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
    /// <summary>The linked people, activities and meetings with what a lookup found (set for the work's fields).</summary>
    public IReadOnlyDictionary<LinkKind, LinkSection> Links { get; init; } = new Dictionary<LinkKind, LinkSection>();

    /// <summary>The name of the text field in which a record of this kind is looked up (AuthorLookup, ...).</summary>
    public static string LookupField(LinkKind kind) => kind + "Lookup";

    /// <summary>The value of the submit button that only looks up (find=Author, ...) instead of saving.</summary>
    public const string FindButton = "find";

    /// <summary>
    /// The links of a posted form (ticked checkboxes) and its lookups. Each lookup field holding text is looked up in the
    /// directory or the inventory (<see cref="LibraryLinks.FindAsync"/>). When only finding (the Find button), one match
    /// is ticked and several are offered to tick. When saving, one match is linked; none or several is an error on the
    /// lookup field, with the matches offered, and nothing is saved. Without a form (first view) the input's links are shown.
    /// </summary>
    public static async Task<(LibraryInput Input, IReadOnlyDictionary<LinkKind, LinkSection> Sections, Dictionary<string, string[]> Errors)> LinksAsync(
        LibraryLinks links, LibraryInput input, IFormCollection? form, CancellationToken cancellationToken)
    {
        var sections = new Dictionary<LinkKind, LinkSection>();
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var finding = form is not null && !string.IsNullOrEmpty(form[FindButton]);
        foreach (var kind in LibraryLinks.Kinds)
        {
            var ticked = form is null
                ? LibraryLinks.Of(input, kind).ToList()
                : form[LibraryLinks.Field(kind)].OfType<string>().Select(v => v.Trim()).Where(v => v.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            var typed = form?[LookupField(kind)].ToString().Trim();
            IReadOnlyList<LinkedRecord> offered = [];
            string? message = null;
            if (!string.IsNullOrEmpty(typed))
            {
                var found = (await links.FindAsync(kind, typed, LibraryLinks.LookupLimit + 1, cancellationToken))
                    .Where(r => !ticked.Contains(LibraryLinks.IdText(r.Id), StringComparer.OrdinalIgnoreCase)).ToList();
                if (found.Count == 1)
                {
                    ticked.Add(LibraryLinks.IdText(found[0].Id));
                    typed = null;
                }
                else
                {
                    offered = [.. found.Take(LibraryLinks.LookupLimit)];
                    message = found.Count == 0 ? "Nothing matches what you typed. Check the spelling or type part of the name."
                        : found.Count > LibraryLinks.LookupLimit ? "More records match than are shown: tick the ones you mean, or type more of the name."
                        : "Several records match: tick the ones you mean.";
                    if (!finding)
                    {
                        errors[LookupField(kind)] = [found.Count == 0 ? "Nothing matches what you typed. Check the spelling or type part of the name." : "Several records match what you typed: tick the ones you mean and save again."];
                    }
                    else
                    {
                        typed = null;
                    }
                }
            }

            input = LibraryLinks.With(input, kind, ticked);
            var ids = ticked.Select(t => Guid.TryParse(t, out var id) ? id : Guid.Empty).Where(id => id != Guid.Empty).ToList();
            sections[kind] = new LinkSection(await links.DescribeAsync(kind, ids, cancellationToken), offered, typed, message);
        }

        return (input, sections, errors);
    }

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

/// <summary>One kind of link on the form: the records linked now (ticked), those a lookup offers (not ticked), the text still to look up, and what the lookup found.</summary>
internal sealed record LinkSection(IReadOnlyList<LinkedRecord> Linked, IReadOnlyList<LinkedRecord> Offered, string? Lookup, string? Message);
