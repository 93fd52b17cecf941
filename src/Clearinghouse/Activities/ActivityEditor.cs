using Clearinghouse.Accounts;
using Clearinghouse.Countries;
using Clearinghouse.Data;
using Clearinghouse.Directory;
using Microsoft.EntityFrameworkCore;

namespace Clearinghouse.Activities;

/// <summary>
/// Every change to the activities inventory, for the edit pages, the write API and imports alike: who may make it,
/// validation, optimistic concurrency, the review steps (draft → submitted → published), retire/restore (never
/// delete), and an <see cref="ActivityRevision"/> for every change, written in the same transaction.
/// Editors change and publish everything. A focal point enters activities their own organisation implements and
/// changes them only while they are drafts or submitted.
/// </summary>
internal sealed class ActivityEditor(AppDbContext db, CurrentUser user, CountryCatalog countries, TimeProvider clock)
{
    public const string VersionField = nameof(ActivityInput.Version);

    private static readonly HashSet<string> ReservedSlugs = new(StringComparer.Ordinal) { "gaps", "donors", "edit", "compare" };

    /// <summary>True when the current user may enter activities at all (editors, focal points with an organisation).</summary>
    public bool MayCreate => user.IsEditor || IsFocalPoint;

    private bool IsFocalPoint => user.Roles.Contains(Roles.FocalPoint) && user.OrganisationId is not null;

    /// <summary>True when the current user may change this activity now (editors always; focal points: own, unpublished).</summary>
    public bool MayEdit(Activity activity) =>
        user.IsEditor
        || (IsFocalPoint && activity.RetiredAt is null && activity.ReviewState != ReviewState.Published
            && activity.Participants.Any(p => p.Role == ParticipantRole.Implementer && p.OrganisationId == user.OrganisationId));

    /// <summary>True when the current user may publish (editors only).</summary>
    public bool MayPublish => user.IsEditor;

    /// <summary>Full validation: the input's own checks plus the directory records it links to.</summary>
    public async Task<Dictionary<string, string[]>> ValidateAsync(ActivityInput input, bool requireVersion, CancellationToken cancellationToken = default)
    {
        var organisationIds = input.Participants.Where(p => p.OrganisationId is not null).Select(p => p.OrganisationId!.Value).Distinct().ToList();
        var organisations = (await db.Organisations.Where(o => organisationIds.Contains(o.Id)).Select(o => o.Id).ToListAsync(cancellationToken)).ToHashSet();
        var people = new HashSet<Guid>();
        if (input.ContactPersonId is { } personId && await db.People.AnyAsync(p => p.Id == personId, cancellationToken))
        {
            people.Add(personId);
        }

        var errors = input.Validate(countries, organisations, people);
        if (requireVersion && input.Version is null)
        {
            errors[VersionField] = ["Send the version of the record you last read, so that no one else's change is overwritten."];
        }

        return errors;
    }

    public async Task<EditResult<Activity>> CreateAsync(ActivityInput input, CancellationToken cancellationToken = default)
    {
        if (!MayCreate)
        {
            return EditResult<Activity>.Forbidden;
        }

        input = WithOwnOrganisation(input);
        var errors = await ValidateAsync(input, requireVersion: false, cancellationToken);
        if (errors.Count > 0)
        {
            return EditResult<Activity>.Invalid(errors);
        }

        var baseSlug = BaseSlug(input);
        var taken = await db.Activities.Where(a => a.Slug == baseSlug || a.Slug.StartsWith(baseSlug + "-"))
            .Select(a => a.Slug).ToListAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var activity = New(input, Slugs.Unique(baseSlug, taken.Contains), now);
        db.Activities.Add(activity);
        AddRevision(activity, 1, now);
        await db.SaveChangesAsync(cancellationToken);
        return EditResult<Activity>.Saved(activity);
    }

    /// <summary>
    /// Adds many published activities with one save (editors only; an import's new activities): the same checks, slugs,
    /// facets, change records and first revision as <see cref="CreateAsync"/> followed by <see cref="PublishAsync"/>,
    /// but the directory links checked, the slugs looked up and the rows written for all of them at once. Returns the
    /// errors of each invalid input by its index, and saves nothing, if any input is invalid. <paramref name="alsoSave"/>
    /// is called with the new activities (in input order) just before the save, to add rows that belong with them to the
    /// same save (an import's IATI identifiers).
    /// </summary>
    public async Task<(IReadOnlyList<Activity> Created, Dictionary<int, Dictionary<string, string[]>> Errors)> CreatePublishedAsync(
        IReadOnlyList<ActivityInput> inputs, Action<IReadOnlyList<Activity>>? alsoSave = null, CancellationToken cancellationToken = default)
    {
        if (!user.IsEditor)
        {
            throw new InvalidOperationException("Only editors add published activities.");
        }

        var linked = inputs.SelectMany(i => i.Participants).Where(p => p.OrganisationId is not null).Select(p => p.OrganisationId!.Value).Distinct().ToList();
        var organisations = new HashSet<Guid>();
        foreach (var chunk in linked.Chunk(500))
        {
            organisations.UnionWith(await db.Organisations.Where(o => chunk.Contains(o.Id)).Select(o => o.Id).ToListAsync(cancellationToken));
        }

        var people = inputs.Where(i => i.ContactPersonId is not null).Select(i => i.ContactPersonId!.Value).Distinct().ToList();
        var knownPeople = new HashSet<Guid>();
        foreach (var chunk in people.Chunk(500))
        {
            knownPeople.UnionWith(await db.People.Where(p => chunk.Contains(p.Id)).Select(p => p.Id).ToListAsync(cancellationToken));
        }

        var errors = new Dictionary<int, Dictionary<string, string[]>>();
        for (var i = 0; i < inputs.Count; i++)
        {
            var found = inputs[i].Validate(countries, organisations, knownPeople);
            if (found.Count > 0)
            {
                errors[i] = found;
            }
        }

        if (errors.Count > 0)
        {
            return ([], errors);
        }

        var bases = inputs.Select(BaseSlug).ToList();
        var taken = await TakenSlugsAsync(bases, cancellationToken);
        var now = clock.GetUtcNow();
        var created = new List<Activity>(inputs.Count);
        for (var i = 0; i < inputs.Count; i++)
        {
            var activity = New(inputs[i], Slugs.Unique(bases[i], taken.Contains), now);
            taken.Add(activity.Slug);
            activity.ReviewState = ReviewState.Published;
            activity.PublishedAt = now;
            db.Activities.Add(activity);
            AddRevision(activity, 1, now);
            created.Add(activity);
        }

        alsoSave?.Invoke(created);
        await db.SaveChangesAsync(cancellationToken);
        return (created, errors);
    }

    /// <summary>
    /// The stored slugs that the given base slugs could collide with: each base itself, and for a base that is taken or
    /// wanted more than once, every "base-N" (looked up in chunks, not one query per activity).
    /// </summary>
    private async Task<HashSet<string>> TakenSlugsAsync(List<string> bases, CancellationToken cancellationToken)
    {
        var taken = new HashSet<string>(StringComparer.Ordinal);
        var distinct = bases.Distinct(StringComparer.Ordinal).ToList();
        foreach (var chunk in distinct.Chunk(500))
        {
            taken.UnionWith(await db.Activities.Where(a => chunk.Contains(a.Slug)).Select(a => a.Slug).ToListAsync(cancellationToken));
        }

        var repeated = bases.GroupBy(b => b, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key);
        foreach (var baseSlug in distinct.Where(taken.Contains).Union(repeated, StringComparer.Ordinal).ToList())
        {
            var prefix = baseSlug + "-";
            taken.UnionWith(await db.Activities.Where(a => a.Slug.StartsWith(prefix)).Select(a => a.Slug).ToListAsync(cancellationToken));
        }

        return taken;
    }

    private static string BaseSlug(ActivityInput input)
    {
        var baseSlug = Slugs.From(input.Title!);
        return ReservedSlugs.Contains(baseSlug) ? baseSlug + "-activity" : baseSlug; // these are pages under /activities
    }

    private static Activity New(ActivityInput input, string slug, DateTimeOffset now)
    {
        var activity = new Activity { Slug = slug, Title = input.Title!.Trim(), CreatedAt = now };
        input.ApplyTo(activity);
        return activity;
    }

    public async Task<EditResult<Activity>> UpdateAsync(Guid id, ActivityInput input, CancellationToken cancellationToken = default)
    {
        if (!MayCreate)
        {
            return EditResult<Activity>.Forbidden; // readers change nothing, whatever the record
        }

        var activity = await LoadAsync(id, cancellationToken);
        if (activity is null)
        {
            return EditResult<Activity>.NotFound;
        }

        if (!MayEdit(activity))
        {
            return EditResult<Activity>.Forbidden;
        }

        input = WithOwnOrganisation(input);
        var errors = await ValidateAsync(input, requireVersion: true, cancellationToken);
        if (errors.Count > 0)
        {
            return EditResult<Activity>.Invalid(errors);
        }

        if (input.Version != activity.Version)
        {
            return EditResult<Activity>.Conflict;
        }

        return await ChangeAsync(activity, input.Version.Value, a => input.ApplyTo(a), cancellationToken);
    }

    /// <summary>Hands a draft to the editors for review (focal points and editors).</summary>
    public async Task<EditResult<Activity>> SubmitAsync(Guid id, int? expectedVersion, CancellationToken cancellationToken = default)
    {
        if (!MayCreate)
        {
            return EditResult<Activity>.Forbidden; // readers change nothing, whatever the record
        }

        var activity = await LoadAsync(id, cancellationToken);
        if (activity is null)
        {
            return EditResult<Activity>.NotFound;
        }

        if (!MayEdit(activity))
        {
            return EditResult<Activity>.Forbidden;
        }

        if (activity.ReviewState != ReviewState.Draft)
        {
            return VersionMatches(activity, expectedVersion) ? EditResult<Activity>.Saved(activity) : EditResult<Activity>.Conflict;
        }

        return await ChangeAsync(activity, expectedVersion ?? activity.Version, a => a.ReviewState = ReviewState.Submitted, cancellationToken);
    }

    /// <summary>Makes the activity public (editors only).</summary>
    public async Task<EditResult<Activity>> PublishAsync(Guid id, int? expectedVersion, CancellationToken cancellationToken = default)
    {
        if (!MayPublish)
        {
            return EditResult<Activity>.Forbidden;
        }

        var activity = await LoadAsync(id, cancellationToken);
        if (activity is null)
        {
            return EditResult<Activity>.NotFound;
        }

        if (activity.ReviewState == ReviewState.Published)
        {
            return VersionMatches(activity, expectedVersion) ? EditResult<Activity>.Saved(activity) : EditResult<Activity>.Conflict;
        }

        var now = clock.GetUtcNow();
        return await ChangeAsync(activity, expectedVersion ?? activity.Version, a =>
        {
            a.ReviewState = ReviewState.Published;
            a.PublishedAt = now;
        }, cancellationToken);
    }

    /// <summary>Takes an activity out of the inventory (kept, with its history). Editors, or a focal point for their own unpublished one.</summary>
    public Task<EditResult<Activity>> RetireAsync(Guid id, int? expectedVersion, CancellationToken cancellationToken = default) =>
        SetRetiredAsync(id, expectedVersion, retire: true, cancellationToken);

    /// <summary>Brings a retired activity back (editors only).</summary>
    public Task<EditResult<Activity>> RestoreAsync(Guid id, int? expectedVersion, CancellationToken cancellationToken = default) =>
        SetRetiredAsync(id, expectedVersion, retire: false, cancellationToken);

    private async Task<EditResult<Activity>> SetRetiredAsync(Guid id, int? expectedVersion, bool retire, CancellationToken cancellationToken)
    {
        if (!(retire ? MayCreate : user.IsEditor))
        {
            return EditResult<Activity>.Forbidden;
        }

        var activity = await LoadAsync(id, cancellationToken);
        if (activity is null)
        {
            return EditResult<Activity>.NotFound;
        }

        if (!(retire ? MayEdit(activity) : user.IsEditor))
        {
            return EditResult<Activity>.Forbidden;
        }

        if (retire == (activity.RetiredAt is not null))
        {
            return VersionMatches(activity, expectedVersion) ? EditResult<Activity>.Saved(activity) : EditResult<Activity>.Conflict;
        }

        var now = clock.GetUtcNow();
        return await ChangeAsync(activity, expectedVersion ?? activity.Version, a => a.RetiredAt = retire ? now : null, cancellationToken);
    }

    /// <summary>
    /// The activity with its participants, if the current user may see it at all: editors see every activity;
    /// focal points their organisation's unpublished ones too; everyone the published, unretired ones.
    /// </summary>
    private Task<Activity?> LoadAsync(Guid id, CancellationToken cancellationToken) =>
        ActivityAccess.Visible(db.Activities, user)
            .Include(a => a.Participants)
            .AsSplitQuery()
            .FirstOrDefaultAsync(a => a.Id == id, cancellationToken);

    /// <summary>
    /// Applies a change, and when anything changed, saves it with the caller's version as the concurrency token and
    /// closes the current revision and opens a new one in the same transaction.
    /// </summary>
    private async Task<EditResult<Activity>> ChangeAsync(Activity activity, int expectedVersion, Action<Activity> change, CancellationToken cancellationToken)
    {
        if (expectedVersion != activity.Version)
        {
            return EditResult<Activity>.Conflict;
        }

        var before = ActivitySnapshot.Of(activity, activity.Version);
        change(activity);
        if (!ActivitySnapshot.Of(activity, activity.Version).DiffersFrom(before))
        {
            return EditResult<Activity>.Saved(activity); // nothing changed: nothing to record
        }

        // Participants are rows of their own: bump the version here so that a change of participants alone also
        // conflicts with a concurrent edit (the history interceptor computes the same number when columns change).
        var newVersion = expectedVersion + 1;
        db.Entry(activity).Property(a => a.Version).OriginalValue = expectedVersion;
        activity.Version = newVersion;
        var now = clock.GetUtcNow();
        var open = await db.ActivityRevisions.Where(r => r.ActivityId == activity.Id && r.ValidTo == null).ToListAsync(cancellationToken);
        foreach (var revision in open)
        {
            revision.ValidTo = now;
        }

        AddRevision(activity, newVersion, now);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return EditResult<Activity>.Conflict;
        }

        return EditResult<Activity>.Saved(activity);
    }

    private void AddRevision(Activity activity, int version, DateTimeOffset now) =>
        db.ActivityRevisions.Add(new ActivityRevision
        {
            ActivityId = activity.Id,
            ValidFrom = now,
            Snapshot = ActivitySnapshot.Of(activity, version).ToJson(),
        });

    /// <summary>A focal point's activity always names their organisation as an implementer (otherwise they could not reach it again).</summary>
    private ActivityInput WithOwnOrganisation(ActivityInput input)
    {
        if (user.IsEditor || user.OrganisationId is not { } own
            || input.Participants.Any(p => p.Role == ParticipantRole.Implementer && p.OrganisationId == own))
        {
            return input;
        }

        return input with { Participants = [new ParticipantInput(ParticipantRole.Implementer, own), .. input.Participants] };
    }

    private static bool VersionMatches(Activity activity, int? expectedVersion) =>
        expectedVersion is null || expectedVersion == activity.Version;
}
