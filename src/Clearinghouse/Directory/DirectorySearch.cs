using System.Linq.Expressions;
using Clearinghouse.Accounts;
using Clearinghouse.Common;
using Clearinghouse.Data;
using Microsoft.EntityFrameworkCore;

namespace Clearinghouse.Directory;

/// <summary>Filters for the directory list, shared by the web page, the API and the export.</summary>
internal sealed record DirectoryFilter
{
    public string? Q { get; init; }

    public string? Country { get; init; }

    public OrganisationType? Type { get; init; }

    public ThematicArea? Area { get; init; }

    public TargetGroup? TargetGroup { get; init; }

    /// <summary>Editors may ask for retired organisations too; others never see them.</summary>
    public bool IncludeRetired { get; init; }
}

internal sealed record OrganisationSummary(
    Guid Id,
    string Slug,
    string Name,
    string? Acronym,
    OrganisationType Type,
    string? CountryCode,
    IReadOnlyList<string> CountriesActive,
    IReadOnlyList<ThematicArea> ThematicAreas,
    IReadOnlyList<TargetGroup> TargetGroups,
    bool IsRetired,
    LocalizedText Localized);

internal sealed record PersonView(
    Guid Id,
    Guid OrganisationId,
    string GivenName,
    string FamilyName,
    string? JobTitle,
    FocalPointRole Role,
    string? PublicEmail,
    string? PublicPhone,
    string? DirectPhone,
    string? PersonalEmail,
    bool IsRetired)
{
    /// <summary>The stored version, which an update must send back.</summary>
    public int Version { get; init; }

    public string FullName => $"{GivenName} {FamilyName}";
}

internal sealed record MembershipView(Guid BodyId, string BodySlug, string BodyName, CoordinationBodyKind Kind, string? CountryCode, MembershipRole Role);

internal sealed record OrganisationDetails(Organisation Organisation, LocalizedText Localized, IReadOnlyList<PersonView> People, IReadOnlyList<MembershipView> Memberships);

/// <summary>
/// Reads the directory for one caller. What the caller may not see is filtered in the query itself:
/// retired records only for editors, restricted contact fields only for signed-in partners.
/// </summary>
internal sealed class DirectorySearch(AppDbContext db, CurrentUser user)
{
    public IQueryable<Organisation> Organisations(DirectoryFilter filter) => Select(filter).Listed;

    public async Task<Page<OrganisationSummary>> SearchAsync(DirectoryFilter filter, int? page, int? pageSize, string language, CancellationToken cancellationToken = default)
    {
        var rows = await PageAsync(
            filter,
            page,
            pageSize,
            o => new { o.Id, o.Slug, o.Name, o.Acronym, o.Type, o.CountryCode, o.CountriesActive, o.ThematicAreas, o.TargetGroups, o.RetiredAt, o.Description, o.OriginalLanguage, o.Translations },
            cancellationToken);
        var items = rows.Items.Select(o => new OrganisationSummary(
            o.Id, o.Slug, o.Name, o.Acronym, o.Type, o.CountryCode, o.CountriesActive, o.ThematicAreas, o.TargetGroups, o.RetiredAt != null,
            o.Translations.Localize(language, o.Name, o.Description, o.OriginalLanguage))).ToList();
        return new Page<OrganisationSummary>(items, rows.PageNumber, rows.PageSize, rows.TotalCount, rows.TotalIsLowerBound);
    }

    /// <summary>
    /// One page of <see cref="Organisations(DirectoryFilter)"/>, sorted by name, with the number of matches counted
    /// up to <see cref="Paging.CountLimit"/>.
    /// Only the columns in <paramref name="select"/> are read.
    /// </summary>
    public async Task<Page<T>> PageAsync<T>(
        DirectoryFilter filter, int? page, int? pageSize, Expression<Func<Organisation, T>> select, CancellationToken cancellationToken = default)
    {
        var (number, size) = Paging.Normalize(page, pageSize);
        var offset = (number - 1) * size;
        var selection = Select(filter);
        var items = await selection.Listed
            .OrderBy(o => o.Name).ThenBy(o => o.Id)
            .Skip(offset).Take(size)
            .Select(select)
            .ToListAsync(cancellationToken);

        // Counting reads matching rows, so it is skipped when the page already tells the total (a page that is
        // neither full nor empty is the last one; an empty first page means no match) or that it is over the limit.
        // Otherwise the count stops after CountLimit + 1 rows: beyond the limit the list says "more than".
        if (items.Count > 0 && items.Count < size)
        {
            return new Page<T>(items, number, size, offset + items.Count);
        }

        if (items.Count == 0 && offset == 0)
        {
            return new Page<T>(items, number, size, 0);
        }

        var total = offset + items.Count > Paging.CountLimit
            ? Paging.CountLimit + 1
            : await selection.Counted.Take(Paging.CountLimit + 1).CountAsync(cancellationToken);
        return total > Paging.CountLimit
            ? new Page<T>(items, number, size, Paging.CountLimit, TotalIsLowerBound: true)
            : new Page<T>(items, number, size, total);
    }

    public async Task<OrganisationDetails?> GetOrganisationAsync(string slug, string language, CancellationToken cancellationToken = default)
    {
        var organisation = await VisibleOrganisations().FirstOrDefaultAsync(o => o.Slug == slug, cancellationToken);
        return organisation is null ? null : await DetailsAsync(organisation, language, cancellationToken);
    }

    public async Task<Organisation?> FindOrganisationAsync(Guid id, CancellationToken cancellationToken = default) =>
        await VisibleOrganisations().FirstOrDefaultAsync(o => o.Id == id, cancellationToken);

    public async Task<OrganisationDetails> DetailsAsync(Organisation organisation, string language, CancellationToken cancellationToken = default)
    {
        var people = await People(p => p.OrganisationId == organisation.Id).ToListAsync(cancellationToken);
        var memberships = await db.BodyMemberships.AsNoTracking()
            .Where(m => m.OrganisationId == organisation.Id && m.Body!.RetiredAt == null)
            .Select(m => new { m.BodyId, m.Body!.Slug, m.Body.Name, m.Body.Kind, m.Body.CountryCode, m.Role, m.Body.Translations, m.Body.Description, m.Body.OriginalLanguage })
            .ToListAsync(cancellationToken);
        return new OrganisationDetails(
            organisation,
            organisation.Localize(language),
            [.. people.OrderBy(p => p.Role).ThenBy(p => p.FamilyName, StringComparer.CurrentCulture)],
            [.. memberships.Select(m => new MembershipView(m.BodyId, m.Slug, m.Translations.Localize(language, m.Name, m.Description, m.OriginalLanguage).Name, m.Kind, m.CountryCode, m.Role))
                .OrderBy(m => m.BodyName, StringComparer.CurrentCulture)]);
    }

    /// <summary>Contact people, with restricted fields blanked in the query for anyone who is not a signed-in partner.</summary>
    public IQueryable<PersonView> People(Expression<Func<Person, bool>>? where = null, bool includeRetired = false) =>
        ToViews(VisiblePeople(where, includeRetired));

    /// <summary>One page of contact people sorted by family and given name, with the same rules as <see cref="People"/>.</summary>
    public async Task<Page<PersonView>> PeoplePageAsync(
        Expression<Func<Person, bool>>? where, bool includeRetired, int? page, int? pageSize, CancellationToken cancellationToken = default)
    {
        var (number, size) = Paging.Normalize(page, pageSize);
        var query = VisiblePeople(where, includeRetired);
        var total = await query.CountAsync(cancellationToken);
        var items = await ToViews(query.OrderBy(p => p.FamilyName).ThenBy(p => p.GivenName).ThenBy(p => p.Id).Skip((number - 1) * size).Take(size))
            .ToListAsync(cancellationToken);
        return new Page<PersonView>(items, number, size, total);
    }

    public IQueryable<CoordinationBody> Bodies(bool includeRetired = false)
    {
        var query = db.CoordinationBodies.AsNoTracking();
        return includeRetired && user.IsEditor ? query : query.Where(b => b.RetiredAt == null);
    }

    private IQueryable<Person> VisiblePeople(Expression<Func<Person, bool>>? where, bool includeRetired)
    {
        var query = db.People.AsNoTracking();
        if (where is not null)
        {
            query = query.Where(where);
        }

        return includeRetired && user.IsEditor ? query : query.Where(p => p.RetiredAt == null && p.Organisation!.RetiredAt == null);
    }

    private IQueryable<PersonView> ToViews(IQueryable<Person> query)
    {
        var restricted = user.SeesRestrictedContacts;
        return query.Select(p => new PersonView(
            p.Id,
            p.OrganisationId,
            p.GivenName,
            p.FamilyName,
            p.JobTitle,
            p.Role,
            p.PublicEmail,
            p.PublicPhone,
            restricted ? p.DirectPhone : null,
            restricted ? p.PersonalEmail : null,
            p.RetiredAt != null)
        { Version = p.Version });
    }

    private OrganisationQueries Select(DirectoryFilter filter)
    {
        // Words, type, country, area and target group are matched in each database's own SQL, so that its indexes answer them.
        string[] words = string.IsNullOrWhiteSpace(filter.Q)
            ? []
            : [.. SearchTextBuilder.Normalize(filter.Q).Split(' ', StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.Ordinal).Take(8)];
        var country = string.IsNullOrWhiteSpace(filter.Country) ? null : filter.Country.Trim().ToUpperInvariant();
        var queries = OrganisationIndex.Matching(db, words, filter.Type, country, filter.Area, filter.TargetGroup);
        return filter.IncludeRetired && user.IsEditor
            ? new OrganisationQueries(queries.Listed.AsNoTracking(), queries.Counted.AsNoTracking())
            : new OrganisationQueries(queries.Listed.AsNoTracking().Where(o => o.RetiredAt == null), queries.Counted.AsNoTracking().Where(o => o.RetiredAt == null));
    }

    private IQueryable<Organisation> VisibleOrganisations() =>
        user.IsEditor ? db.Organisations.AsNoTracking() : db.Organisations.AsNoTracking().Where(o => o.RetiredAt == null);
}
