using System.Globalization;
using Clearinghouse.Accounts;
using Clearinghouse.Activities;
using Clearinghouse.Common;
using Clearinghouse.Data;
using Microsoft.EntityFrameworkCore;

namespace Clearinghouse.Library;

/// <summary>The records of other features a library document links to.</summary>
internal enum LinkKind
{
    /// <summary>An author who is a contact person in the directory.</summary>
    Author,

    /// <summary>A related activity of the activities inventory.</summary>
    Activity,

    /// <summary>A related meeting of the directory.</summary>
    Meeting,
}

/// <summary>One linked (or linkable) record as shown: its id, its name, where it is described and, for a person, the organisation.</summary>
internal sealed record LinkedRecord(Guid Id, string Text, string? Url, string? Detail = null);

/// <summary>
/// A document's links to directory people (authors), activities and meetings — one piece of code for the add and edit
/// forms, the API and the bulk-load CSV. Each link is given as an id or a key (a person's public e-mail address, an
/// activity's or meeting's slug), checked against what the caller may see, and stored as the record's id. What a reader
/// is shown of them follows the rules of the feature they belong to: people and meetings as the directory shows them,
/// activities by <see cref="ActivityAccess"/>, documents by <see cref="LibrarySearch.VisibleWorks"/>.
/// </summary>
internal sealed class LibraryLinks(AppDbContext db, CurrentUser user, LibrarySearch search)
{
    /// <summary>At most this many links of one kind per document.</summary>
    public const int MaxPerKind = 50;

    /// <summary>A lookup offers at most this many records to choose from.</summary>
    public const int LookupLimit = 10;

    public static readonly IReadOnlyList<LinkKind> Kinds = [LinkKind.Author, LinkKind.Activity, LinkKind.Meeting];

    /// <summary>The input field (and API property) of a kind of link.</summary>
    public static string Field(LinkKind kind) => kind switch
    {
        LinkKind.Author => nameof(LibraryInput.AuthorPersonIds),
        LinkKind.Activity => nameof(LibraryInput.RelatedActivityIds),
        _ => nameof(LibraryInput.RelatedMeetingIds),
    };

    /// <summary>The references of one kind the input gives (ids or keys).</summary>
    public static IReadOnlyList<string> Of(LibraryInput input, LinkKind kind) => kind switch
    {
        LinkKind.Author => input.AuthorPersonIds,
        LinkKind.Activity => input.RelatedActivityIds,
        _ => input.RelatedMeetingIds,
    };

    /// <summary>The input with the references of one kind replaced.</summary>
    public static LibraryInput With(LibraryInput input, LinkKind kind, IReadOnlyList<string> references) => kind switch
    {
        LinkKind.Author => input with { AuthorPersonIds = references },
        LinkKind.Activity => input with { RelatedActivityIds = references },
        _ => input with { RelatedMeetingIds = references },
    };

    /// <summary>The ids of one kind a document links to.</summary>
    public static IReadOnlyList<Guid> Of(LibraryWork work, LinkKind kind) => kind switch
    {
        LinkKind.Author => work.AuthorPersonIds,
        LinkKind.Activity => [.. work.RelatedActivityIds.Select(s => Guid.TryParse(s, out var id) ? id : Guid.Empty).Where(id => id != Guid.Empty)],
        _ => work.RelatedMeetingIds,
    };

    /// <summary>Sets the links of one kind; activity ids are kept as strings in the model (see <see cref="LibraryWork.RelatedActivityIds"/>).</summary>
    public static void Set(LibraryWork work, LinkKind kind, IReadOnlyList<Guid> ids)
    {
        switch (kind)
        {
            case LinkKind.Author:
                work.AuthorPersonIds = [.. ids];
                break;
            case LinkKind.Activity:
                work.RelatedActivityIds = [.. ids.Select(IdText)];
                break;
            default:
                work.RelatedMeetingIds = [.. ids];
                break;
        }
    }

    /// <summary>An id as text, the form <see cref="LibraryWork.RelatedActivityIds"/> stores and the forms post.</summary>
    public static string IdText(Guid id) => id.ToString("D", CultureInfo.InvariantCulture);

    /// <summary>
    /// Resolves every reference of the input to a record id, in the order given and without repeats. A reference that
    /// names no record the caller may link adds an error naming its field: unknown, not visible to the caller, retired
    /// (a record the document already links to, <paramref name="current"/>, may stay linked after it was retired), or an
    /// e-mail address shared by several people.
    /// </summary>
    public async Task<Dictionary<LinkKind, List<Guid>>> ResolveAsync(
        LibraryInput input, LibraryWork? current, Dictionary<string, string[]> errors, CancellationToken cancellationToken)
    {
        var resolved = new Dictionary<LinkKind, List<Guid>>();
        foreach (var kind in Kinds)
        {
            var references = Of(input, kind).Where(r => !string.IsNullOrWhiteSpace(r)).Select(r => r.Trim()).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            var field = Field(kind);
            var ids = new List<Guid>();
            resolved[kind] = ids;
            if (references.Count > MaxPerKind)
            {
                AddError(errors, field, $"Link at most {MaxPerKind} records of this kind.");
                continue;
            }

            if (references.Count == 0)
            {
                continue;
            }

            var already = current is null ? [] : Of(current, kind).ToHashSet();
            var givenIds = references.Select(r => Guid.TryParse(r, out var id) ? id : (Guid?)null).OfType<Guid>().ToList();
            var keys = references.Where(r => !Guid.TryParse(r, out _)).Select(r => r.ToLowerInvariant()).ToList();
            var candidates = await Candidates(kind).Where(c => givenIds.Contains(c.Id) || (c.Key != null && keys.Contains(c.Key))).Take(2 * MaxPerKind + 1).ToListAsync(cancellationToken);
            foreach (var reference in references)
            {
                var matches = Guid.TryParse(reference, out var id)
                    ? candidates.Where(c => c.Id == id).ToList()
                    : candidates.Where(c => string.Equals(c.Key, reference, StringComparison.OrdinalIgnoreCase)).ToList();
                var usable = matches.Where(c => !c.Retired || already.Contains(c.Id)).ToList();
                if (usable.Count == 1)
                {
                    if (!ids.Contains(usable[0].Id))
                    {
                        ids.Add(usable[0].Id);
                    }
                }
                else if (usable.Count > 1)
                {
                    AddError(errors, field, $"'{reference}' is the e-mail address of several people in the directory; give the person's id.");
                }
                else
                {
                    AddError(errors, field, kind switch
                    {
                        LinkKind.Author => $"'{reference}' is not a current contact person in the directory (give the person's id or public e-mail address).",
                        LinkKind.Activity => $"'{reference}' is not a current activity you may see in the inventory (give its id or the key in its address).",
                        _ => $"'{reference}' is not a current meeting in the directory (give its id or the key in its address).",
                    });
                }
            }
        }

        return resolved;
    }

    /// <summary>
    /// Records of one kind a typed text may mean, at most <paramref name="limit"/>, that the caller may link: the record
    /// whose id or key is the text, else those whose name (people: given and family name or public e-mail address;
    /// activities: their search text; meetings: title) holds every word. Bounded, never a whole-table read into memory.
    /// </summary>
    public async Task<IReadOnlyList<LinkedRecord>> FindAsync(LinkKind kind, string text, int limit, CancellationToken cancellationToken)
    {
        var typed = text.Trim();
        if (typed.Length == 0)
        {
            return [];
        }

        var lower = typed.ToLowerInvariant();
        Guid? typedId = Guid.TryParse(typed, out var parsed) ? parsed : null;
        var exact = await Candidates(kind).Where(c => !c.Retired)
            .Where(c => c.Id == typedId || c.Key == lower)
            .Select(c => c.Id).Take(limit).ToListAsync(cancellationToken);
        if (exact.Count > 0)
        {
            return await DescribeAsync(kind, exact, cancellationToken);
        }

        // Activities are matched on their normalised search text (no accents); names and titles as written, ignoring case.
        var words = (kind == LinkKind.Activity ? SearchTextBuilder.Normalize(typed) : lower)
            .Split(' ', StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.Ordinal).Take(8).ToList();

        List<Guid> ids;
        switch (kind)
        {
            case LinkKind.Author:
                var people = db.People.AsNoTracking().Where(p => p.RetiredAt == null && p.Organisation!.RetiredAt == null);
                foreach (var word in words)
                {
                    var pattern = $"%{word}%";
#pragma warning disable CA1304, CA1311, CA1862 // translated to SQL lower(), never run in .NET
                    people = people.Where(p => EF.Functions.Like(p.GivenName.ToLower() + " " + p.FamilyName.ToLower(), pattern));
#pragma warning restore CA1304, CA1311, CA1862
                }

                ids = await people.OrderBy(p => p.FamilyName).ThenBy(p => p.GivenName).ThenBy(p => p.Id).Select(p => p.Id).Take(limit).ToListAsync(cancellationToken);
                break;
            case LinkKind.Activity:
                var activities = ActivityAccess.Visible(db.Activities.AsNoTracking(), user).Where(a => a.RetiredAt == null && a.MergedIntoId == null);
                foreach (var word in words)
                {
                    activities = activities.Where(a => a.SearchText.Contains(word));
                }

                ids = await activities.OrderByDescending(a => a.StartDate).ThenBy(a => a.Id).Select(a => a.Id).Take(limit).ToListAsync(cancellationToken);
                break;
            default:
                var meetings = db.Meetings.AsNoTracking().Where(m => m.RetiredAt == null);
                foreach (var word in words)
                {
                    var pattern = $"%{word}%";
#pragma warning disable CA1304, CA1311, CA1862 // translated to SQL lower(), never run in .NET
                    meetings = meetings.Where(m => EF.Functions.Like(m.Title.ToLower(), pattern));
#pragma warning restore CA1304, CA1311, CA1862
                }

                ids = await meetings.OrderByDescending(m => m.StartDate).ThenBy(m => m.Id).Select(m => m.Id).Take(limit).ToListAsync(cancellationToken);
                break;
        }

        return await DescribeAsync(kind, ids, cancellationToken);
    }

    /// <summary>
    /// The records of these ids the caller may see, in the order given, with their names and pages: people as the
    /// directory lists them (no contact details at all; retired people or organisations only for editors), activities by
    /// <see cref="ActivityAccess"/>, meetings (retired ones only for editors).
    /// </summary>
    public async Task<IReadOnlyList<LinkedRecord>> DescribeAsync(LinkKind kind, IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return [];
        }

        var wanted = ids.ToList();
        List<LinkedRecord> found;
        switch (kind)
        {
            case LinkKind.Author:
                var people = db.People.AsNoTracking().Where(p => wanted.Contains(p.Id));
                if (!user.IsEditor)
                {
                    people = people.Where(p => p.RetiredAt == null && p.Organisation!.RetiredAt == null);
                }

                found = [.. (await people.Select(p => new { p.Id, p.GivenName, p.FamilyName, p.Organisation!.Slug, p.Organisation.Name }).ToListAsync(cancellationToken))
                    .Select(p => new LinkedRecord(p.Id, $"{p.GivenName} {p.FamilyName}", $"/directory/{p.Slug}#person-{p.Id}", p.Name))];
                break;
            case LinkKind.Activity:
                found = [.. (await ActivityAccess.Visible(db.Activities.AsNoTracking(), user).Where(a => wanted.Contains(a.Id))
                        .Select(a => new { a.Id, a.Slug, a.Title, a.StartDate }).ToListAsync(cancellationToken))
                    .Select(a => new LinkedRecord(a.Id, a.Title, $"/activities/{a.Slug}", a.StartDate?.Year.ToString(CultureInfo.InvariantCulture)))];
                break;
            default:
                var meetings = db.Meetings.AsNoTracking().Where(m => wanted.Contains(m.Id));
                if (!user.IsEditor)
                {
                    meetings = meetings.Where(m => m.RetiredAt == null);
                }

                found = [.. (await meetings.Select(m => new { m.Id, m.Slug, m.Title, m.StartDate }).ToListAsync(cancellationToken))
                    .Select(m => new LinkedRecord(m.Id, m.Title, $"/meetings#{m.Slug}", m.StartDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)))];
                break;
        }

        return [.. wanted.Select(id => found.FirstOrDefault(r => r.Id == id)).OfType<LinkedRecord>()];
    }

    /// <summary>Every link of a document that the caller may see, by kind (see <see cref="DescribeAsync"/>).</summary>
    public async Task<Dictionary<LinkKind, IReadOnlyList<LinkedRecord>>> ForWorkAsync(LibraryWork work, CancellationToken cancellationToken)
    {
        var result = new Dictionary<LinkKind, IReadOnlyList<LinkedRecord>>();
        foreach (var kind in Kinds)
        {
            result[kind] = await DescribeAsync(kind, Of(work, kind).ToList(), cancellationToken);
        }

        return result;
    }

    /// <summary>The documents related to an activity that the caller may see (library access levels), newest first, at most <paramref name="limit"/>.</summary>
    public async Task<IReadOnlyList<LinkedRecord>> DocumentsAboutActivityAsync(Guid activityId, int limit, CancellationToken cancellationToken)
    {
        var key = IdText(activityId);
        return await DocumentsAsync(search.VisibleWorks().Where(w => w.RelatedActivityIds.Contains(key)), limit, cancellationToken);
    }

    /// <summary>The documents the caller may see that name one of these people as an author, by person.</summary>
    public async Task<Dictionary<Guid, List<LinkedRecord>>> PublicationsOfAsync(IReadOnlyCollection<Guid> personIds, int limit, CancellationToken cancellationToken)
    {
        var result = new Dictionary<Guid, List<LinkedRecord>>();
        if (personIds.Count == 0)
        {
            return result;
        }

        var ids = personIds.ToList();
        var works = await search.VisibleWorks().Where(w => w.AuthorPersonIds.Any(a => ids.Contains(a)))
            .OrderByDescending(w => w.PublicationYear).ThenBy(w => w.Slug).Take(limit)
            .Select(w => new { w.Id, w.AuthorPersonIds }).ToListAsync(cancellationToken);
        var workIds = works.Select(w => w.Id).ToList();
        var described = await DocumentsAsync(search.VisibleWorks().Where(w => workIds.Contains(w.Id)), limit, cancellationToken);
        foreach (var work in works)
        {
            var record = described.FirstOrDefault(d => d.Id == work.Id);
            foreach (var person in work.AuthorPersonIds.Where(ids.Contains).Distinct())
            {
                if (record is not null)
                {
                    (result.TryGetValue(person, out var list) ? list : result[person] = []).Add(record);
                }
            }
        }

        return result;
    }

    private static async Task<IReadOnlyList<LinkedRecord>> DocumentsAsync(IQueryable<LibraryWork> works, int limit, CancellationToken cancellationToken) =>
        [.. (await works.OrderByDescending(w => w.PublicationYear).ThenBy(w => w.Slug).Take(limit)
                .Select(w => new
                {
                    w.Id,
                    w.Slug,
                    w.PublicationYear,
                    Title = w.Editions.Where(e => e.RetiredAt == null).OrderByDescending(e => e.IsOriginal).ThenBy(e => e.Language).Select(e => e.Title).FirstOrDefault(),
                })
                .ToListAsync(cancellationToken))
            .Select(w => new LinkedRecord(w.Id, w.Title ?? w.Slug, $"/library/{w.Slug}", w.PublicationYear?.ToString(CultureInfo.InvariantCulture)))];

    /// <summary>The records of a kind the caller may link, with their key (lower case) and whether they are retired.</summary>
    private IQueryable<LinkCandidate> Candidates(LinkKind kind) => kind switch
    {
#pragma warning disable CA1304, CA1311 // translated to SQL lower(), never run in .NET
        LinkKind.Author => db.People.AsNoTracking().Select(p => new LinkCandidate
        {
            Id = p.Id,
            Key = p.PublicEmail == null ? null : p.PublicEmail.ToLower(),
            Retired = p.RetiredAt != null || p.Organisation!.RetiredAt != null,
        }),
#pragma warning restore CA1304, CA1311
        LinkKind.Activity => ActivityAccess.Visible(db.Activities.AsNoTracking(), user).Select(a => new LinkCandidate
        {
            Id = a.Id,
            Key = a.Slug,
            Retired = a.RetiredAt != null || a.MergedIntoId != null,
        }),
        _ => db.Meetings.AsNoTracking().Select(m => new LinkCandidate { Id = m.Id, Key = m.Slug, Retired = m.RetiredAt != null }),
    };

    private static void AddError(Dictionary<string, string[]> errors, string field, string message) =>
        errors[field] = errors.TryGetValue(field, out var existing) ? [.. existing, message] : [message];

    private sealed class LinkCandidate
    {
        public Guid Id { get; init; }

        public string? Key { get; init; }

        public bool Retired { get; init; }
    }
}
