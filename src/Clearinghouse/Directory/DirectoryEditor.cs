using Clearinghouse.Accounts;
using Clearinghouse.Common;
using Clearinghouse.Countries;
using Clearinghouse.Data;
using Microsoft.EntityFrameworkCore;

namespace Clearinghouse.Directory;

/// <summary>What came of an attempt to change the directory.</summary>
internal enum EditOutcome
{
    Saved,
    Invalid,
    Forbidden,
    NotFound,
    Conflict,
}

/// <summary>The outcome, the saved record (when saved) and the field errors (when invalid), keyed by input property name.</summary>
internal sealed record EditResult<T>(EditOutcome Outcome, T? Record, IReadOnlyDictionary<string, string[]> Errors)
    where T : class
{
    private static readonly Dictionary<string, string[]> NoErrors = [];

    public static EditResult<T> Saved(T record) => new(EditOutcome.Saved, record, NoErrors);

    public static EditResult<T> Invalid(IReadOnlyDictionary<string, string[]> errors) => new(EditOutcome.Invalid, null, errors);

    public static EditResult<T> Forbidden { get; } = new(EditOutcome.Forbidden, null, NoErrors);

    public static EditResult<T> NotFound { get; } = new(EditOutcome.NotFound, null, NoErrors);

    public static EditResult<T> Conflict { get; } = new(EditOutcome.Conflict, null, NoErrors);
}

/// <summary>
/// Every change to the directory, for the edit pages and the write API alike: who may make it, validation, optimistic
/// concurrency, retire/restore (never delete). The history itself is written by the HistoryInterceptor on save.
/// Editors change everything; a focal point changes only their own organisation and its people.
/// </summary>
internal sealed class DirectoryEditor(AppDbContext db, CurrentUser user, CountryCatalog countries, TimeProvider clock)
{
    public const string VersionField = nameof(OrganisationInput.Version);

    /// <summary>Editors, or a focal point with an organisation: anyone who may change something at all.</summary>
    private bool MayEditAnything => user.IsEditor || (user.OrganisationId is { } own && user.CanEditOrganisation(own));

    // ---------------------------------------------------------------- organisations

    public async Task<EditResult<Organisation>> CreateOrganisationAsync(OrganisationInput input, CancellationToken cancellationToken = default)
    {
        if (!user.IsEditor)
        {
            return EditResult<Organisation>.Forbidden;
        }

        var errors = Validate(input, requireVersion: false);
        if (errors.Count > 0)
        {
            return EditResult<Organisation>.Invalid(errors);
        }

        var baseSlug = Slugs.From(input.Name!);
        var taken = await db.Organisations.Where(o => o.Slug == baseSlug || o.Slug.StartsWith(baseSlug + "-"))
            .Select(o => o.Slug).ToListAsync(cancellationToken);
        var organisation = new Organisation { Slug = Slugs.Unique(baseSlug, taken.Contains), Name = input.Name!.Trim() };
        input.ApplyTo(organisation);
        db.Organisations.Add(organisation);
        await db.SaveChangesAsync(cancellationToken);
        return EditResult<Organisation>.Saved(organisation);
    }

    public async Task<EditResult<Organisation>> UpdateOrganisationAsync(Guid id, OrganisationInput input, CancellationToken cancellationToken = default)
    {
        if (!user.CanEditOrganisation(id))
        {
            return EditResult<Organisation>.Forbidden;
        }

        var organisation = await VisibleOrganisations().FirstOrDefaultAsync(o => o.Id == id, cancellationToken);
        if (organisation is null)
        {
            return EditResult<Organisation>.NotFound;
        }

        var errors = Validate(input, requireVersion: true);
        if (errors.Count > 0)
        {
            return EditResult<Organisation>.Invalid(errors);
        }

        if (input.Version != organisation.Version)
        {
            return EditResult<Organisation>.Conflict;
        }

        input.ApplyTo(organisation);
        return await SaveAsync(organisation, input.Version.Value, cancellationToken);
    }

    public Task<EditResult<Organisation>> RetireOrganisationAsync(Guid id, int? expectedVersion, CancellationToken cancellationToken = default) =>
        SetRetiredAsync(db.Organisations, id, expectedVersion, retire: true, cancellationToken);

    public Task<EditResult<Organisation>> RestoreOrganisationAsync(Guid id, int? expectedVersion, CancellationToken cancellationToken = default) =>
        SetRetiredAsync(db.Organisations, id, expectedVersion, retire: false, cancellationToken);

    // ---------------------------------------------------------------- people

    public async Task<EditResult<Person>> CreatePersonAsync(PersonInput input, CancellationToken cancellationToken = default)
    {
        if (!MayEditAnything || (input.OrganisationId is { } wanted && wanted != Guid.Empty && !user.CanEditOrganisation(wanted)))
        {
            return EditResult<Person>.Forbidden;
        }

        var errors = await ValidateAsync(input, requireVersion: false, cancellationToken);
        if (errors.Count > 0)
        {
            return EditResult<Person>.Invalid(errors);
        }

        var person = new Person { GivenName = input.GivenName!, FamilyName = input.FamilyName! };
        input.ApplyTo(person);
        db.People.Add(person);
        await db.SaveChangesAsync(cancellationToken);
        return EditResult<Person>.Saved(person);
    }

    public async Task<EditResult<Person>> UpdatePersonAsync(Guid id, PersonInput input, CancellationToken cancellationToken = default)
    {
        if (!MayEditAnything)
        {
            return EditResult<Person>.Forbidden;
        }

        var person = await VisiblePeople().FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (person is null)
        {
            return EditResult<Person>.NotFound;
        }

        // A focal point can neither edit people of another organisation nor move people there.
        input = input with { OrganisationId = input.OrganisationId ?? person.OrganisationId };
        if (!user.CanEditOrganisation(person.OrganisationId) || !user.CanEditOrganisation(input.OrganisationId.Value))
        {
            return EditResult<Person>.Forbidden;
        }

        var errors = await ValidateAsync(input, requireVersion: true, cancellationToken);
        if (errors.Count > 0)
        {
            return EditResult<Person>.Invalid(errors);
        }

        if (input.Version != person.Version)
        {
            return EditResult<Person>.Conflict;
        }

        input.ApplyTo(person);
        return await SaveAsync(person, input.Version!.Value, cancellationToken);
    }

    public Task<EditResult<Person>> RetirePersonAsync(Guid id, int? expectedVersion, CancellationToken cancellationToken = default) =>
        SetPersonRetiredAsync(id, expectedVersion, retire: true, cancellationToken);

    public Task<EditResult<Person>> RestorePersonAsync(Guid id, int? expectedVersion, CancellationToken cancellationToken = default) =>
        SetPersonRetiredAsync(id, expectedVersion, retire: false, cancellationToken);

    // ---------------------------------------------------------------- co-ordination bodies

    public async Task<EditResult<CoordinationBody>> CreateBodyAsync(CoordinationBodyInput input, CancellationToken cancellationToken = default)
    {
        if (!user.IsEditor)
        {
            return EditResult<CoordinationBody>.Forbidden;
        }

        var errors = await ValidateAsync(input, requireVersion: false, cancellationToken);
        if (errors.Count > 0)
        {
            return EditResult<CoordinationBody>.Invalid(errors);
        }

        var baseSlug = Slugs.From(input.Name!);
        var taken = await db.CoordinationBodies.Where(b => b.Slug == baseSlug || b.Slug.StartsWith(baseSlug + "-"))
            .Select(b => b.Slug).ToListAsync(cancellationToken);
        var body = new CoordinationBody { Slug = Slugs.Unique(baseSlug, taken.Contains), Name = input.Name!.Trim() };
        Apply(input, body);
        foreach (var member in input.Members)
        {
            body.Members.Add(new BodyMembership { BodyId = body.Id, OrganisationId = member.OrganisationId, Role = member.Role });
        }

        db.CoordinationBodies.Add(body);
        await db.SaveChangesAsync(cancellationToken);
        return EditResult<CoordinationBody>.Saved(body);
    }

    public async Task<EditResult<CoordinationBody>> UpdateBodyAsync(Guid id, CoordinationBodyInput input, CancellationToken cancellationToken = default)
    {
        if (!user.IsEditor)
        {
            return EditResult<CoordinationBody>.Forbidden;
        }

        var body = await db.CoordinationBodies.Include(b => b.Members).FirstOrDefaultAsync(b => b.Id == id, cancellationToken);
        if (body is null)
        {
            return EditResult<CoordinationBody>.NotFound;
        }

        var errors = await ValidateAsync(input, requireVersion: true, cancellationToken);
        if (errors.Count > 0)
        {
            return EditResult<CoordinationBody>.Invalid(errors);
        }

        if (input.Version != body.Version)
        {
            return EditResult<CoordinationBody>.Conflict;
        }

        Apply(input, body);
        var wanted = input.Members.ToDictionary(m => m.OrganisationId, m => m.Role);
        var membersChanged = false;
        foreach (var member in body.Members.ToList())
        {
            if (!wanted.Remove(member.OrganisationId, out var role))
            {
                db.BodyMemberships.Remove(member);
                membersChanged = true;
            }
            else if (member.Role != role)
            {
                member.Role = role;
                membersChanged = true;
            }
        }

        foreach (var (organisationId, role) in wanted)
        {
            db.BodyMemberships.Add(new BodyMembership { BodyId = body.Id, OrganisationId = organisationId, Role = role });
            membersChanged = true;
        }

        if (membersChanged)
        {
            // Seats are rows of their own; bump the body's version so that a change of members alone also
            // conflicts with a concurrent edit of the body.
            body.Version = input.Version.Value + 1;
        }

        return await SaveAsync(body, input.Version.Value, cancellationToken);
    }

    public Task<EditResult<CoordinationBody>> RetireBodyAsync(Guid id, int? expectedVersion, CancellationToken cancellationToken = default) =>
        SetRetiredAsync(db.CoordinationBodies, id, expectedVersion, retire: true, cancellationToken);

    public Task<EditResult<CoordinationBody>> RestoreBodyAsync(Guid id, int? expectedVersion, CancellationToken cancellationToken = default) =>
        SetRetiredAsync(db.CoordinationBodies, id, expectedVersion, retire: false, cancellationToken);

    public static CoordinationBodyInput InputFrom(CoordinationBody b)
    {
        var ru = b.Translations.FirstOrDefault(t => t.Language == "ru");
        return new CoordinationBodyInput
        {
            Name = b.Name,
            Kind = b.Kind,
            Country = b.CountryCode,
            ConvenorId = b.ConvenorId,
            Description = b.Description,
            Established = b.Established,
            Website = b.Website,
            NameRu = ru?.Name,
            DescriptionRu = ru?.Description,
            Members = [.. b.Members.Select(m => new MemberInput(m.OrganisationId, m.Role))],
            Version = b.Version,
        };
    }

    // ---------------------------------------------------------------- shared steps

    /// <summary>Non-editors never see retired organisations, so they cannot change them either (404).</summary>
    private IQueryable<Organisation> VisibleOrganisations() =>
        user.IsEditor ? db.Organisations : db.Organisations.Where(o => o.RetiredAt == null);

    private IQueryable<Person> VisiblePeople() =>
        user.IsEditor ? db.People : db.People.Where(p => p.RetiredAt == null && p.Organisation!.RetiredAt == null);

    private async Task<EditResult<Person>> SetPersonRetiredAsync(Guid id, int? expectedVersion, bool retire, CancellationToken cancellationToken)
    {
        if (!MayEditAnything)
        {
            return EditResult<Person>.Forbidden;
        }

        var person = await VisiblePeople().FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (person is null)
        {
            return EditResult<Person>.NotFound;
        }

        if (!user.CanEditOrganisation(person.OrganisationId))
        {
            return EditResult<Person>.Forbidden;
        }

        return await ChangeRetiredAsync(person, expectedVersion, retire, cancellationToken);
    }

    /// <summary>Retiring and restoring organisations and bodies is for editors only.</summary>
    private async Task<EditResult<T>> SetRetiredAsync<T>(IQueryable<T> records, Guid id, int? expectedVersion, bool retire, CancellationToken cancellationToken)
        where T : class, IHasHistory
    {
        if (!user.IsEditor)
        {
            return EditResult<T>.Forbidden;
        }

        var record = await records.FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        return record is null ? EditResult<T>.NotFound : await ChangeRetiredAsync(record, expectedVersion, retire, cancellationToken);
    }

    private async Task<EditResult<T>> ChangeRetiredAsync<T>(T record, int? expectedVersion, bool retire, CancellationToken cancellationToken)
        where T : class, IHasHistory
    {
        if (expectedVersion is { } expected && expected != record.Version)
        {
            return EditResult<T>.Conflict;
        }

        if (retire == (record.RetiredAt is not null))
        {
            return EditResult<T>.Saved(record); // already so: nothing to record
        }

        record.RetiredAt = retire ? clock.GetUtcNow() : null;
        return await SaveAsync(record, expectedVersion ?? record.Version, cancellationToken);
    }

    /// <summary>
    /// Saves with the caller's version as the concurrency token, so that an edit saved by someone else between our read
    /// and our write is refused as well (the database compares the stored version in the UPDATE).
    /// </summary>
    private async Task<EditResult<T>> SaveAsync<T>(T record, int expectedVersion, CancellationToken cancellationToken)
        where T : class, IHasHistory
    {
        db.Entry(record).Property(r => r.Version).OriginalValue = expectedVersion;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return EditResult<T>.Conflict;
        }

        return EditResult<T>.Saved(record);
    }

    private Dictionary<string, string[]> Validate(OrganisationInput input, bool requireVersion)
    {
        var errors = input.Validate(countries);
        RequireDefined<OrganisationType>(errors, nameof(input.Type), input.Type is { } type ? [type] : []);
        RequireDefined(errors, nameof(input.ThematicAreas), input.ThematicAreas);
        RequireDefined(errors, nameof(input.TargetGroups), input.TargetGroups);
        RequireVersion(errors, requireVersion, input.Version);
        return errors;
    }

    private async Task<Dictionary<string, string[]>> ValidateAsync(PersonInput input, bool requireVersion, CancellationToken cancellationToken)
    {
        var errors = input.Validate();
        RequireDefined<FocalPointRole>(errors, nameof(input.Role), input.Role is { } role ? [role] : []);
        RequireVersion(errors, requireVersion, input.Version);
        if (input.OrganisationId is { } organisationId && organisationId != Guid.Empty
            && !await VisibleOrganisations().AnyAsync(o => o.Id == organisationId, cancellationToken))
        {
            errors[nameof(input.OrganisationId)] = ["There is no such organisation in the directory."];
        }

        return errors;
    }

    private async Task<Dictionary<string, string[]>> ValidateAsync(CoordinationBodyInput input, bool requireVersion, CancellationToken cancellationToken)
    {
        var errors = input.Validate(countries);
        RequireDefined<CoordinationBodyKind>(errors, nameof(input.Kind), input.Kind is { } kind ? [kind] : []);
        RequireDefined(errors, nameof(input.Members), input.Members.Select(m => m.Role));
        RequireVersion(errors, requireVersion, input.Version);
        var referenced = input.Members.Select(m => m.OrganisationId).Append(input.ConvenorId ?? Guid.Empty).Where(id => id != Guid.Empty).Distinct().ToList();
        var existing = await db.Organisations.Where(o => referenced.Contains(o.Id)).Select(o => o.Id).ToListAsync(cancellationToken);
        if (input.ConvenorId is { } convenor && !existing.Contains(convenor))
        {
            errors[nameof(input.ConvenorId)] = ["There is no such organisation in the directory."];
        }

        if (input.Members.Any(m => !existing.Contains(m.OrganisationId)) && !errors.ContainsKey(nameof(input.Members)))
        {
            errors[nameof(input.Members)] = ["Every member must be an organisation in the directory."];
        }

        return errors;
    }

    /// <summary>JSON may carry a number for an enum; only the named codes are accepted.</summary>
    private static void RequireDefined<TEnum>(Dictionary<string, string[]> errors, string field, IEnumerable<TEnum> values)
        where TEnum : struct, Enum
    {
        if (values.Any(v => !Enum.IsDefined(v)) && !errors.ContainsKey(field))
        {
            errors[field] = [$"Use one of: {string.Join(", ", Enum.GetNames<TEnum>())}."];
        }
    }

    private static void RequireVersion(Dictionary<string, string[]> errors, bool required, int? version)
    {
        if (required && version is null)
        {
            errors[VersionField] = ["Send the version of the record you last read, so that no one else's change is overwritten."];
        }
    }

    private static void Apply(CoordinationBodyInput input, CoordinationBody body)
    {
        body.Name = input.Name!.Trim();
        body.Kind = input.Kind!.Value;
        body.CountryCode = ValidationErrors.Clean(input.Country)?.ToUpperInvariant();
        body.ConvenorId = input.ConvenorId;
        body.Description = ValidationErrors.Clean(input.Description);
        body.Established = ValidationErrors.Clean(input.Established);
        body.Website = ValidationErrors.Clean(input.Website);
        var others = body.Translations.Where(t => t.Language != "ru").ToList();
        if (!string.IsNullOrWhiteSpace(input.NameRu))
        {
            others.Add(new Translation { Language = "ru", Name = input.NameRu.Trim(), Description = ValidationErrors.Clean(input.DescriptionRu) });
        }

        body.Translations = others;
    }
}
