using System.Globalization;
using Clearinghouse.Accounts;
using Clearinghouse.Countries;
using Clearinghouse.Library;
using Clearinghouse.Web.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Clearinghouse.Web.Library;

/// <summary>One document: metadata, the chosen language version, its files (versions), translations, citation, related documents.</summary>
internal sealed class DocumentModel(LibrarySearch search, LibraryLinks links, CountryCatalog countries, CurrentUser user) : PageModel
{
    public LibraryWork Work { get; private set; } = null!;

    public LibraryEdition? Edition { get; private set; }

    public IReadOnlyList<LibraryResult> Related { get; private set; } = [];

    /// <summary>Linked directory people, related activities and meetings: those the viewer may see.</summary>
    public IReadOnlyDictionary<LinkKind, IReadOnlyList<LinkedRecord>> Links { get; private set; } = new Dictionary<LinkKind, IReadOnlyList<LinkedRecord>>();

    public bool CanAdd { get; private set; }

    public async Task<IActionResult> OnGetAsync(string slug, string? lang, CancellationToken cancellationToken)
    {
        var work = await search.GetAsync(slug, cancellationToken);
        if (work is null)
        {
            return NotFound();
        }

        Work = work;
        Edition = work.Editions.FirstOrDefault(e => e.Language == lang)
                  ?? work.Editions.FirstOrDefault(e => e.Language == Labels.Language)
                  ?? work.Editions.FirstOrDefault(e => e.IsOriginal)
                  ?? work.Editions.FirstOrDefault();
        Related = await search.RelatedAsync(work, 5, cancellationToken);
        Links = await links.ForWorkAsync(work, cancellationToken);
        CanAdd = user.IsEditor || (work.PublisherId is { } p && user.CanEditOrganisation(p));
        return Page();
    }

    public string CountryName(string code) => countries.Find(code)?.Name(Labels.Language) ?? code;

    public LibraryFile? CurrentFile => Edition?.Files.OrderByDescending(f => f.VersionNumber).FirstOrDefault();

    /// <summary>The opening of the text, as a taste of the contents.</summary>
    public string? Opening => CurrentFile?.ExtractedText is { } text ? (text.Length <= 600 ? text : text[..text.LastIndexOf(' ', 600)] + " …") : null;

    /// <summary>A citation to copy: publisher or authors, year, title, type, address.</summary>
    public string Citation
    {
        get
        {
            var who = Work.Authors ?? Work.Publisher?.Name ?? Work.PublisherName;
            var year = Work.PublicationYear?.ToString(CultureInfo.InvariantCulture) ?? "n.d.";
            var publisher = Work.Authors is not null ? Work.Publisher?.Name ?? Work.PublisherName : null;
            var url = Edition?.ExternalUrl ?? $"{Request.Scheme}://{Request.Host}/library/{Work.Slug}";
            var parts = new[] { who is null ? null : $"{who} ({year}).", $"{Edition?.Title}.", publisher is null ? null : $"{publisher}.", url };
            return string.Join(' ', parts.Where(p => p is not null));
        }
    }

    public static string Size(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} B",
        < 1024 * 1024 => $"{bytes / 1024.0:0.#} KB",
        _ => $"{bytes / (1024.0 * 1024):0.#} MB",
    };
}
