using Clearinghouse.Accounts;
using Clearinghouse.Common;
using Clearinghouse.Countries;
using Clearinghouse.Data;
using Clearinghouse.Directory;
using Microsoft.EntityFrameworkCore;

namespace Clearinghouse.Services;

/// <summary>
/// Every change to the service directory, for the edit pages and the write API alike. Editors change every service; a
/// focal point changes the services of their own organisation and reports its shelters' occupancy. Services are retired
/// and restored, never deleted; the HistoryInterceptor records each change.
/// </summary>
internal sealed class ServiceEditor(AppDbContext db, CurrentUser user, CountryCatalog countries, TimeProvider clock)
{
    public async Task<EditResult<Service>> CreateAsync(ServiceInput input, CancellationToken cancellationToken = default)
    {
        if (!MayEditAnything || (input.OrganisationId is { } wanted && wanted != Guid.Empty && !user.CanEditOrganisation(wanted)))
        {
            return EditResult<Service>.Forbidden;
        }

        var errors = await ValidateAsync(input, requireVersion: false, cancellationToken);
        if (errors.Count > 0)
        {
            return EditResult<Service>.Invalid(errors);
        }

        var service = new Service { Name = input.Name!.Trim(), OrganisationId = input.OrganisationId!.Value, CreatedAt = clock.GetUtcNow() };
        input.ApplyTo(service);
        db.Services.Add(service);
        await db.SaveChangesAsync(cancellationToken);
        return EditResult<Service>.Saved(service);
    }

    public async Task<EditResult<Service>> UpdateAsync(Guid id, ServiceInput input, CancellationToken cancellationToken = default)
    {
        var service = await Editable().FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (service is null)
        {
            return EditResult<Service>.NotFound;
        }

        if (!user.CanEditOrganisation(service.OrganisationId))
        {
            return EditResult<Service>.Forbidden;
        }

        // The provider does not change: a service moves to another organisation by being added there.
        input = input with { OrganisationId = service.OrganisationId };
        var errors = await ValidateAsync(input, requireVersion: true, cancellationToken);
        if (errors.Count > 0)
        {
            return EditResult<Service>.Invalid(errors);
        }

        if (input.Version != service.Version)
        {
            return EditResult<Service>.Conflict;
        }

        input.ApplyTo(service);
        return await SaveAsync(service, input.Version!.Value, cancellationToken);
    }

    /// <summary>The shelter's own focal point (or an editor) reports the beds taken; the time and author are kept.</summary>
    public async Task<EditResult<Service>> UpdateOccupancyAsync(Guid id, OccupancyInput input, CancellationToken cancellationToken = default)
    {
        var service = await Editable().FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (service is null)
        {
            return EditResult<Service>.NotFound;
        }

        if (!user.CanEditOrganisation(service.OrganisationId))
        {
            return EditResult<Service>.Forbidden;
        }

        var errors = input.Validate();
        if (service.Kind != ServiceKind.Shelter)
        {
            errors[nameof(OccupancyInput.Occupancy)] = ["Only a shelter reports occupancy."];
        }

        if (errors.Count > 0)
        {
            return EditResult<Service>.Invalid(errors);
        }

        service.Occupancy = input.Occupancy;
        service.OccupancyUpdatedAt = clock.GetUtcNow();
        service.OccupancyUpdatedBy = user.Name;
        return await SaveAsync(service, service.Version, cancellationToken);
    }

    public Task<EditResult<Service>> RetireAsync(Guid id, int? expectedVersion, CancellationToken cancellationToken = default) =>
        SetRetiredAsync(id, expectedVersion, retire: true, cancellationToken);

    public Task<EditResult<Service>> RestoreAsync(Guid id, int? expectedVersion, CancellationToken cancellationToken = default) =>
        SetRetiredAsync(id, expectedVersion, retire: false, cancellationToken);

    private bool MayEditAnything => user.IsEditor || (user.Roles.Contains(Roles.FocalPoint) && user.OrganisationId is not null);

    /// <summary>Editors reach retired services too; focal points only active ones of active providers.</summary>
    private IQueryable<Service> Editable() =>
        user.IsEditor ? db.Services : db.Services.Where(s => s.RetiredAt == null && s.Organisation!.RetiredAt == null);

    private async Task<EditResult<Service>> SetRetiredAsync(Guid id, int? expectedVersion, bool retire, CancellationToken cancellationToken)
    {
        var service = await Editable().FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (service is null)
        {
            return EditResult<Service>.NotFound;
        }

        // A focal point may retire their own service; only editors restore (a retired service is out of a focal point's sight).
        if (!user.CanEditOrganisation(service.OrganisationId) || (!retire && !user.IsEditor))
        {
            return EditResult<Service>.Forbidden;
        }

        if (expectedVersion is { } expected && expected != service.Version)
        {
            return EditResult<Service>.Conflict;
        }

        if (retire == (service.RetiredAt is not null))
        {
            return EditResult<Service>.Saved(service);
        }

        service.RetiredAt = retire ? clock.GetUtcNow() : null;
        return await SaveAsync(service, expectedVersion ?? service.Version, cancellationToken);
    }

    private async Task<EditResult<Service>> SaveAsync(Service service, int expectedVersion, CancellationToken cancellationToken)
    {
        db.Entry(service).Property(s => s.Version).OriginalValue = expectedVersion;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return EditResult<Service>.Conflict;
        }

        return EditResult<Service>.Saved(service);
    }

    private async Task<Dictionary<string, string[]>> ValidateAsync(ServiceInput input, bool requireVersion, CancellationToken cancellationToken)
    {
        var errors = input.Validate(countries);
        if (requireVersion && input.Version is null)
        {
            errors[nameof(ServiceInput.Version)] = ["Send the version of the record you last read, so that no one else's change is overwritten."];
        }

        if (input.OrganisationId is { } organisationId && organisationId != Guid.Empty
            && !await db.Organisations.AnyAsync(o => o.Id == organisationId && o.RetiredAt == null, cancellationToken))
        {
            errors[nameof(ServiceInput.OrganisationId)] = ["There is no such organisation in the directory."];
        }

        return errors;
    }
}
