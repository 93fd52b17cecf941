using Clearinghouse.Accounts;
using Clearinghouse.Common;
using Clearinghouse.Data;
using Clearinghouse.Directory;
using Microsoft.EntityFrameworkCore;

namespace Clearinghouse.Services;

/// <summary>Search filters for the service directory; they combine with AND. An empty eligibility list on a service means "anyone".</summary>
internal sealed record ServiceFilter
{
    public string? Q { get; init; }

    public ServiceKind? Kind { get; init; }

    /// <summary>Served country or country of the address (ISO code).</summary>
    public string? Country { get; init; }

    /// <summary>ISO 639-1 code of a language the service works in.</summary>
    public string? Language { get; init; }

    /// <summary>Age of the person: services whose age range includes it.</summary>
    public int? Age { get; init; }

    public EligibleSex? Sex { get; init; }

    /// <summary>Citizenship of the person (ISO code).</summary>
    public string? Nationality { get; init; }

    public FormOfExploitation? Form { get; init; }

    public Guid? Organisation { get; init; }

    public bool IncludeRetired { get; init; }
}

/// <summary>
/// Every read of the service directory, with the row- and field-level rules in the query: restricted services only for
/// signed-in partners; a shelter's address and telephone only for signed-in partners; beds, occupancy and the
/// witness-protection flag only for those who work with shelters (<see cref="SeesShelterCapacity"/>); retired services
/// only for editors.
/// </summary>
internal sealed class ServiceDirectory(AppDbContext db, CurrentUser user)
{
    /// <summary>
    /// Focal points (shelters, police units, NGOs), case workers and supervisors (who place persons in shelters),
    /// editors and administrators see capacity; readers do not.
    /// </summary>
    public static bool SeesShelterCapacityFor(CurrentUser user) =>
        user.IsEditor || user.Roles.Contains(Accounts.Roles.FocalPoint) || Accounts.Roles.CaseRoles.Any(user.Roles.Contains);

    public bool SeesShelterCapacity => SeesShelterCapacityFor(user);

    public async Task<Page<Service>> PageAsync(ServiceFilter filter, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        var (number, size) = Paging.Normalize(page, pageSize);
        var query = Filtered(filter);
        var total = await query.CountAsync(cancellationToken);
        var items = await Shown(query.OrderBy(s => s.Name).ThenBy(s => s.Id).Skip((number - 1) * size).Take(size)).ToListAsync(cancellationToken);
        return new Page<Service>(items, number, size, total);
    }

    public Task<Service?> FindAsync(Guid id, CancellationToken cancellationToken) =>
        Shown(Visible(includeRetired: true).Where(s => s.Id == id)).FirstOrDefaultAsync(cancellationToken);

    /// <summary>All public services of active providers, as the public sees them (for the HSDS export).</summary>
    public Task<List<Service>> PublicAsync(CancellationToken cancellationToken) =>
        AsPublic(db.Services.AsNoTracking()
                .Where(s => s.RetiredAt == null && s.Visibility == ServiceVisibility.Public && s.Organisation!.RetiredAt == null))
            .OrderBy(s => s.Name).ThenBy(s => s.Id)
            .ToListAsync(cancellationToken);

    /// <summary>The active shelters with capacity, for the shelter board (callers must see capacity).</summary>
    public async Task<List<Service>> SheltersAsync(string? country, CancellationToken cancellationToken)
    {
        var query = Visible(includeRetired: false).Where(s => s.Kind == ServiceKind.Shelter);
        if (!string.IsNullOrWhiteSpace(country))
        {
            var code = country.Trim().ToUpperInvariant();
            query = query.Where(s => s.CountryCode == code || s.CountriesServed.Contains(code));
        }

        return await Shown(query.OrderBy(s => s.CountryCode).ThenBy(s => s.Name)).ToListAsync(cancellationToken);
    }

    private IQueryable<Service> Visible(bool includeRetired)
    {
        var partner = user.SeesRestrictedContacts;
        var editor = user.IsEditor;
        var query = db.Services.AsNoTracking()
            .Where(s => partner || s.Visibility == ServiceVisibility.Public);
        return includeRetired && editor ? query : query.Where(s => s.RetiredAt == null && s.Organisation!.RetiredAt == null);
    }

    private IQueryable<Service> Filtered(ServiceFilter filter)
    {
        var query = Visible(filter.IncludeRetired);
        if (!string.IsNullOrWhiteSpace(filter.Q))
        {
            foreach (var term in SearchTextBuilder.Normalize(filter.Q).Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(8))
            {
                var pattern = "%" + term.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";
                query = query.Where(s => EF.Functions.Like(s.SearchText, pattern, "\\"));
            }
        }

        if (filter.Kind is { } kind)
        {
            query = query.Where(s => s.Kind == kind);
        }

        if (!string.IsNullOrWhiteSpace(filter.Country))
        {
            var code = filter.Country.Trim().ToUpperInvariant();
            query = query.Where(s => s.CountryCode == code || s.CountriesServed.Contains(code));
        }

        if (!string.IsNullOrWhiteSpace(filter.Language))
        {
            var language = LanguageCodes.Normalize(filter.Language);
            query = query.Where(s => s.Languages.Contains(language));
        }

        if (filter.Age is { } age)
        {
            query = query.Where(s => (s.MinimumAge == null || s.MinimumAge <= age) && (s.MaximumAge == null || s.MaximumAge >= age));
        }

        if (filter.Sex is { } sex)
        {
            query = query.Where(s => s.Sexes.Count == 0 || s.Sexes.Contains(sex));
        }

        if (!string.IsNullOrWhiteSpace(filter.Nationality))
        {
            var nationality = filter.Nationality.Trim().ToUpperInvariant();
            query = query.Where(s => s.Nationalities.Count == 0 || s.Nationalities.Contains(nationality));
        }

        if (filter.Form is { } form)
        {
            query = query.Where(s => s.FormsOfExploitation.Count == 0 || s.FormsOfExploitation.Contains(form));
        }

        if (filter.Organisation is { } organisation)
        {
            query = query.Where(s => s.OrganisationId == organisation);
        }

        return query;
    }

    /// <summary>The columns the caller may see; the others are left empty in the SQL itself.</summary>
    private IQueryable<Service> Shown(IQueryable<Service> query)
    {
        var partner = user.SeesRestrictedContacts;
        var capacity = SeesShelterCapacity;
        return Project(query, partner, capacity);
    }

    private static IQueryable<Service> AsPublic(IQueryable<Service> query) => Project(query, partner: false, capacity: false);

    private static IQueryable<Service> Project(IQueryable<Service> query, bool partner, bool capacity) =>
        query.Select(s => new Service
        {
            Id = s.Id,
            OrganisationId = s.OrganisationId,
            Organisation = new Organisation
            {
                Id = s.Organisation!.Id,
                Slug = s.Organisation.Slug,
                Name = s.Organisation.Name,
                Acronym = s.Organisation.Acronym,
                Description = s.Organisation.Description,
                Website = s.Organisation.Website,
                PublicEmail = s.Organisation.PublicEmail,
                OriginalLanguage = s.Organisation.OriginalLanguage,
                Translations = s.Organisation.Translations,
                RetiredAt = s.Organisation.RetiredAt,
            },
            Kind = s.Kind,
            Name = s.Name,
            Description = s.Description,
            OriginalLanguage = s.OriginalLanguage,
            Translations = s.Translations,
            Visibility = s.Visibility,
            MinimumAge = s.MinimumAge,
            MaximumAge = s.MaximumAge,
            Sexes = s.Sexes,
            Nationalities = s.Nationalities,
            FormsOfExploitation = s.FormsOfExploitation,
            EligibilityNote = s.EligibilityNote,
            Languages = s.Languages,
            CountriesServed = s.CountriesServed,
            RegionsServed = s.RegionsServed,
            Hours = s.Hours,
            Website = s.Website,
            Email = s.Email,
            Phone = partner || s.Kind != ServiceKind.Shelter ? s.Phone : null,
            Address = partner || s.Kind != ServiceKind.Shelter ? s.Address : null,
            City = s.City,
            CountryCode = s.CountryCode,
            Beds = capacity ? s.Beds : null,
            Occupancy = capacity ? s.Occupancy : null,
            OccupancyUpdatedAt = capacity ? s.OccupancyUpdatedAt : null,
            OccupancyUpdatedBy = capacity ? s.OccupancyUpdatedBy : null,
            SuitableForWitnessProtection = capacity && s.SuitableForWitnessProtection,
            AcceptsChildren = s.AcceptsChildren,
            CreatedAt = s.CreatedAt,
            RetiredAt = s.RetiredAt,
            Version = s.Version,
        });
}
