using System.Security.Cryptography;
using Clearinghouse.Accounts;
using Clearinghouse.Countries;
using Clearinghouse.Data;
using Clearinghouse.Services;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Clearinghouse.Cases;

/// <summary>A case as its team sees it: the record, its opened identifiers and what hangs off it.</summary>
internal sealed record CaseView(
    Case Case,
    CasePersonalData? Personal,
    IReadOnlyList<Consent> Consents,
    IReadOnlyList<Referral> Referrals,
    IReadOnlyList<SopStep> Steps,
    bool ViaBreakGlass);

/// <summary>What a provider sees of a referral: the service, the statistics it needs, and only the consented identifiers.</summary>
internal sealed record ReferralView(Referral Referral, Case Case, IReadOnlyList<PersonalDataCategory> Shared, CasePersonalData Personal);

internal sealed record RegistrationResult(Case? Case, Dictionary<string, string[]> Errors, IReadOnlyList<DuplicateHint> Duplicates);

/// <summary>"A case with matching identifiers exists at organisation X" — nothing else about the other case.</summary>
internal sealed record DuplicateHint(Guid OrganisationId, string OrganisationName, Guid MatchToken);

/// <summary>Thrown when the case changed since the editor loaded it.</summary>
internal sealed class CaseConcurrencyException() : InvalidOperationException("Someone else changed this case since you opened it.");

/// <summary>
/// Everything a case worker does with cases. Row-level access is in <see cref="Visible"/>: a case is found only by
/// users of an organisation on its team (workers and supervisors) or a supervisor with live break-glass access;
/// anyone else — administrators included — gets "not found". Every read and change writes an audit entry in the
/// same transaction (<see cref="CaseAudit"/>).
/// </summary>
internal sealed class CaseRegistry(
    AppDbContext db,
    CurrentUser user,
    CaseCipher cipher,
    IdentifierHasher hasher,
    CaseAudit audit,
    CountryCatalog countries,
    TimeProvider clock,
    IOptions<CaseOptions> options)
{
    public static readonly SopStepKind[] DefaultTimeline =
        [SopStepKind.Identification, SopStepKind.FirstAssistance, SopStepKind.Referral, SopStepKind.ReflectionPeriod, SopStepKind.FollowUpAssessment];

    private DateTimeOffset Now => clock.GetUtcNow();

    private DateOnly Today => DateOnly.FromDateTime(Now.UtcDateTime);

    /// <summary>Works with case data at all: a case worker or supervisor of an organisation.</summary>
    public bool CanWorkOnCases => user.OrganisationId is not null && Roles.CaseRoles.Any(user.Roles.Contains);

    public bool IsSupervisor => user.OrganisationId is not null && user.Roles.Contains(Roles.CaseSupervisor);

    /// <summary>The cases the caller may see. Filtered in the query: anything else is "not found".</summary>
    public IQueryable<Case> Visible()
    {
        if (!CanWorkOnCases)
        {
            return db.Cases.Where(_ => false);
        }

        var organisation = user.OrganisationId!.Value;
        var userId = user.UserId!.Value;
        var now = Now;
        return db.Cases.Where(c => c.Team.Any(t => t.OrganisationId == organisation)
                                   || (IsSupervisor && db.BreakGlassGrants.Any(g => g.CaseId == c.Id && g.UserId == userId && g.ExpiresAt > now)));
    }

    /// <summary>
    /// The cases of the caller's organisation, newest on its team first (for a case the organisation registered, that is
    /// when it was registered), at most <paramref name="count"/>. The newest team memberships come from their index and
    /// only their cases are read, so the list costs the same for an organisation with ten cases or a hundred thousand
    /// (see BENCHMARKS.md, Cases). Cases seen through break-glass access are not listed; they are opened by number.
    /// </summary>
    public IQueryable<Case> LatestOfMyOrganisation(int count)
    {
        if (!CanWorkOnCases)
        {
            return db.Cases.Where(_ => false);
        }

        var organisation = user.OrganisationId!.Value;
        var latest = db.CaseTeamMembers.Where(t => t.OrganisationId == organisation).OrderByDescending(t => t.AddedAt).Select(t => t.CaseId).Take(count);
        return db.Cases.Where(c => latest.Contains(c.Id));
    }

    public async Task<IReadOnlyList<DuplicateHint>> FindDuplicatesAsync(CasePersonalData personal, Guid? exceptCaseId, CancellationToken cancellationToken)
    {
        var hashes = hasher.HashesOf(personal).Select(h => h.Hash).ToList();
        if (hashes.Count == 0 || user.OrganisationId is not { } mine)
        {
            return [];
        }

        var matches = await db.CaseIdentifierHashes.AsNoTracking()
            .Where(h => hashes.Contains(h.Hash) && h.CaseId != exceptCaseId)
            .Join(db.Cases, h => h.CaseId, c => c.Id, (h, c) => new { c.Id, c.OwnerOrganisationId })
            .Where(c => !db.CaseTeamMembers.Any(t => t.CaseId == c.Id && t.OrganisationId == mine))
            .Distinct().Take(20).ToListAsync(cancellationToken);
        var names = await db.Organisations.AsNoTracking().Where(o => matches.Select(m => m.OwnerOrganisationId).Contains(o.Id))
            .ToDictionaryAsync(o => o.Id, o => o.Name, cancellationToken);
        return [.. matches.Select(m => new DuplicateHint(m.OwnerOrganisationId, names.GetValueOrDefault(m.OwnerOrganisationId, "?"), m.Id))];
    }

    public async Task<RegistrationResult> RegisterAsync(CaseInput input, CancellationToken cancellationToken)
    {
        if (!CanWorkOnCases)
        {
            throw new UnauthorizedAccessException("Only case workers register cases.");
        }

        var errors = input.Validate(countries, Today);
        if (input.IdentifyingOrganisationId is { } identifying && !await db.Organisations.AnyAsync(o => o.Id == identifying, cancellationToken))
        {
            errors[nameof(CaseInput.IdentifyingOrganisationId)] = ["Choose the identifying organisation from the directory."];
        }

        if (errors.Count > 0)
        {
            return new RegistrationResult(null, errors, []);
        }

        var personal = input.ToPersonalData();
        var duplicates = await FindDuplicatesAsync(personal, null, cancellationToken);
        var organisation = user.OrganisationId!.Value;
        var c = new Case
        {
            CaseNumber = NewCaseNumber(),
            OwnerOrganisationId = organisation,
            IdentifyingOrganisationId = input.IdentifyingOrganisationId ?? organisation,
            CreatedAt = Now,
            UpdatedAt = Now,
        };
        input.ApplyTo(c, Today);
        c.PersonalData = cipher.SealPersonalData(personal, c.Id);
        c.Team.Add(new CaseTeamMember { CaseId = c.Id, OrganisationId = organisation, UserId = user.UserId, AddedAt = Now });
        db.Cases.Add(c);
        AddHashes(c.Id, personal);
        var step = 0;
        foreach (var kind in DefaultTimeline)
        {
            db.SopSteps.Add(new SopStep
            {
                CaseId = c.Id,
                Kind = kind,
                DueOn = kind switch
                {
                    SopStepKind.Identification => c.IdentifiedOn,
                    SopStepKind.FirstAssistance => Today.AddDays(1),
                    SopStepKind.Referral => Today.AddDays(3),
                    SopStepKind.ReflectionPeriod => Today.AddDays(30),
                    _ => Today.AddDays(90 + step),
                },
                ResponsibleUserId = user.UserId,
                DoneAt = kind == SopStepKind.Identification ? Now : null,
            });
            step++;
        }

        await audit.SaveAsync(cancellationToken, new AuditEvent(AuditActions.Registered, c.Id, duplicates.Count > 0 ? $"possible duplicates: {duplicates.Count}" : string.Empty));
        return new RegistrationResult(c, errors, duplicates);
    }

    /// <summary>Opens a visible case (and records the view). Null when not found or not visible.</summary>
    public async Task<CaseView?> ViewAsync(Guid id, CancellationToken cancellationToken)
    {
        var c = await Visible().Include(x => x.Team).AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, cancellationToken);
        if (c is null)
        {
            return null;
        }

        var organisation = user.OrganisationId!.Value;
        var viaBreakGlass = c.Team.All(t => t.OrganisationId != organisation);
        await audit.SaveAsync(cancellationToken, new AuditEvent(AuditActions.Viewed, c.Id, viaBreakGlass ? "break-glass" : string.Empty));
        var consents = await db.Consents.AsNoTracking().Where(x => x.CaseId == id).OrderBy(x => x.RecordedAt).ToListAsync(cancellationToken);
        var referrals = await db.Referrals.AsNoTracking().Where(x => x.CaseId == id).OrderBy(x => x.SentAt).ToListAsync(cancellationToken);
        var steps = await db.SopSteps.AsNoTracking().Where(x => x.CaseId == id).OrderBy(x => x.DueOn).ThenBy(x => x.Kind).ToListAsync(cancellationToken);
        var personal = c.PersonalData is null ? null : cipher.OpenPersonalData(c.PersonalData, c.Id);
        return new CaseView(c, personal, consents, referrals, steps, viaBreakGlass);
    }

    public async Task<Dictionary<string, string[]>?> UpdateAsync(Guid id, CaseInput input, CancellationToken cancellationToken)
    {
        var c = await Visible().FirstOrDefaultAsync(x => x.Id == id, cancellationToken);
        if (c is null)
        {
            return null;
        }

        if (c.State == CaseState.Anonymised)
        {
            return new() { [string.Empty] = ["This case was anonymised; it can no longer be changed."] };
        }

        var errors = input.Validate(countries, Today);
        if (errors.Count > 0)
        {
            return errors;
        }

        if (input.Version != c.Version)
        {
            throw new CaseConcurrencyException();
        }

        db.Entry(c).Property(x => x.Version).OriginalValue = input.Version.Value;
        input.ApplyTo(c, Today);
        var personal = input.ToPersonalData();
        c.PersonalData = cipher.SealPersonalData(personal, c.Id);
        c.UpdatedAt = Now;
        c.Version++;
        await db.CaseIdentifierHashes.Where(h => h.CaseId == id).ExecuteDeleteAsync(cancellationToken);
        AddHashes(c.Id, personal);
        try
        {
            await audit.SaveAsync(cancellationToken, new AuditEvent(AuditActions.Updated, c.Id));
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new CaseConcurrencyException();
        }

        return [];
    }

    public async Task<Dictionary<string, string[]>?> RecordConsentAsync(Guid caseId, ConsentScope scope, DateOnly? givenOn, IReadOnlyList<Guid> organisations, IReadOnlyList<PersonalDataCategory> categories, CancellationToken cancellationToken)
    {
        if (!await Visible().AnyAsync(c => c.Id == caseId && c.State != CaseState.Anonymised, cancellationToken))
        {
            return null;
        }

        var errors = new Dictionary<string, string[]>();
        if (givenOn is null || givenOn > Today)
        {
            errors["GivenOn"] = ["Enter the date the person gave consent (today or earlier)."];
        }

        if (scope == ConsentScope.DataSharing && organisations.Count == 0)
        {
            errors["Organisations"] = ["Choose the organisations the person agreed to share data with."];
        }

        if (scope == ConsentScope.DataSharing && categories.Count == 0)
        {
            errors["Categories"] = ["Choose which kinds of personal data the person agreed to share."];
        }

        if (organisations.Count > 0 && await db.Organisations.CountAsync(o => organisations.Contains(o.Id), cancellationToken) != organisations.Distinct().Count())
        {
            errors["Organisations"] = ["Choose organisations from the directory."];
        }

        if (errors.Count > 0)
        {
            return errors;
        }

        var consent = new Consent
        {
            CaseId = caseId,
            Scope = scope,
            GivenOn = givenOn!.Value,
            Organisations = scope == ConsentScope.DataSharing ? [.. organisations.Distinct()] : [],
            Categories = scope == ConsentScope.DataSharing ? [.. categories.Distinct()] : [],
            RecordedAt = Now,
            RecordedByUserId = user.UserId!.Value,
        };
        db.Consents.Add(consent);
        await audit.SaveAsync(cancellationToken, new AuditEvent(AuditActions.ConsentRecorded, caseId, scope.ToString()));
        return [];
    }

    public async Task<bool> WithdrawConsentAsync(Guid caseId, Guid consentId, CancellationToken cancellationToken)
    {
        if (!await Visible().AnyAsync(c => c.Id == caseId, cancellationToken))
        {
            return false;
        }

        var consent = await db.Consents.FirstOrDefaultAsync(c => c.Id == consentId && c.CaseId == caseId && c.WithdrawnAt == null, cancellationToken);
        if (consent is null)
        {
            return false;
        }

        consent.WithdrawnAt = Now;
        await audit.SaveAsync(cancellationToken, new AuditEvent(AuditActions.ConsentWithdrawn, caseId, consent.Scope.ToString()));
        return true;
    }

    /// <summary>
    /// Refers the person to a provider for a kind of service or, with <paramref name="serviceId"/>, for one service of the
    /// provider; then the service's rules apply (<see cref="ShelterPlacement"/>: witness protection, free beds, children,
    /// eligibility). Only consented categories of personal data may be shared.
    /// </summary>
    public async Task<(Referral? Referral, Dictionary<string, string[]> Errors)> SendReferralAsync(Guid caseId, Guid providerId, ServiceKind? service, Guid? serviceId, IReadOnlyList<PersonalDataCategory> categories, CancellationToken cancellationToken)
    {
        var c = await Visible().AsNoTracking().FirstOrDefaultAsync(x => x.Id == caseId && x.State == CaseState.Open, cancellationToken);
        if (c is null)
        {
            return (null, new() { [string.Empty] = ["Not found."] });
        }

        var errors = new Dictionary<string, string[]>();
        if (serviceId is { } chosen)
        {
            var target = await db.Services.AsNoTracking()
                .FirstOrDefaultAsync(s => s.Id == chosen && s.RetiredAt == null && s.Organisation!.RetiredAt == null, cancellationToken);
            if (target is null || (providerId != Guid.Empty && target.OrganisationId != providerId))
            {
                errors["ServiceId"] = ["Choose a service the provider offers, from the service directory."];
            }
            else if (service is not null && service != target.Kind)
            {
                errors["Service"] = ["The kind of service does not match the service chosen."];
            }
            else
            {
                providerId = target.OrganisationId;
                service = target.Kind;
                var refusals = ShelterPlacement.Refusals(target, PlacementPersonOf(c));
                if (refusals.Count > 0)
                {
                    errors["ServiceId"] = [.. refusals];
                }
            }
        }

        if (service is null && !errors.ContainsKey("ServiceId"))
        {
            errors["Service"] = ["Choose the service the person is referred for."];
        }

        if (!await db.Organisations.AnyAsync(o => o.Id == providerId, cancellationToken))
        {
            errors["ProviderOrganisationId"] = ["Choose the provider from the directory."];
        }

        var consents = await db.Consents.AsNoTracking().Where(x => x.CaseId == caseId && x.WithdrawnAt == null).ToListAsync(cancellationToken);
        if (!consents.Any(x => x.Scope == ConsentScope.Referral))
        {
            errors["Consent"] = ["The person has not consented to be referred (or withdrew it). Record the consent first."];
        }

        var covered = Covered(consents, providerId);
        var uncovered = categories.Where(x => !covered.Contains(x)).ToList();
        if (uncovered.Count > 0)
        {
            errors["SharedCategories"] = [$"The person's consent does not cover sharing these with this provider: {string.Join(", ", uncovered)}."];
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        var referral = new Referral
        {
            CaseId = caseId,
            ProviderOrganisationId = providerId,
            Service = service!.Value,
            ServiceId = serviceId,
            SentAt = Now,
            SentByUserId = user.UserId!.Value,
            SharedCategories = [.. categories.Distinct()],
        };
        db.Referrals.Add(referral);
        db.CaseNotifications.Add(new CaseNotification
        {
            OrganisationId = providerId,
            Kind = NotificationKind.Referral,
            Message = $"New referral {c.CaseNumber}: {service}",
            CreatedAt = Now,
        });
        await audit.SaveAsync(cancellationToken, new AuditEvent(AuditActions.ReferralSent, caseId, $"{service}{(serviceId is { } sid ? " " + sid : string.Empty)} to {providerId}"));
        return (referral, errors);
    }

    /// <summary>Referrals sent to the caller's organisation (the provider's inbox).</summary>
    public IQueryable<Referral> Incoming() =>
        CanWorkOnCases ? db.Referrals.Where(r => r.ProviderOrganisationId == user.OrganisationId) : db.Referrals.Where(_ => false);

    /// <summary>The provider's view of a referral: only categories the sender shared AND a live consent still covers.</summary>
    public async Task<ReferralView?> ViewReferralAsync(Guid referralId, CancellationToken cancellationToken)
    {
        var referral = await Incoming().AsNoTracking().Include(r => r.Case).FirstOrDefaultAsync(r => r.Id == referralId, cancellationToken);
        if (referral?.Case is null)
        {
            return null;
        }

        var consents = await db.Consents.AsNoTracking().Where(x => x.CaseId == referral.CaseId && x.WithdrawnAt == null).ToListAsync(cancellationToken);
        var covered = Covered(consents, referral.ProviderOrganisationId);
        var shared = referral.SharedCategories.Where(covered.Contains).ToList();
        var full = referral.Case.PersonalData is null || shared.Count == 0 ? new CasePersonalData() : cipher.OpenPersonalData(referral.Case.PersonalData, referral.CaseId);
        await audit.SaveAsync(cancellationToken, new AuditEvent(AuditActions.ReferralViewed, referral.CaseId, string.Join(",", shared)));
        return new ReferralView(referral, referral.Case, shared, Scope(full, shared));
    }

    public async Task<Dictionary<string, string[]>?> AnswerReferralAsync(Guid referralId, ReferralStatus answer, string? reason, DateOnly? from, DateOnly? to, CancellationToken cancellationToken)
    {
        var referral = await Incoming().FirstOrDefaultAsync(r => r.Id == referralId, cancellationToken);
        if (referral is null)
        {
            return null;
        }

        var errors = new Dictionary<string, string[]>();
        switch (answer)
        {
            case ReferralStatus.Accepted when referral.Status == ReferralStatus.Sent:
                break;
            case ReferralStatus.Declined when referral.Status == ReferralStatus.Sent:
                if (string.IsNullOrWhiteSpace(reason) || reason.Length > 1000)
                {
                    errors["DeclineReason"] = ["Say why the referral is declined (up to 1000 characters, no names), so the sender can find another provider."];
                }

                break;
            case ReferralStatus.Delivered when referral.Status == ReferralStatus.Accepted:
                if (from is null || from > Today)
                {
                    errors["DeliveredFrom"] = ["Enter the date the service started (today or earlier)."];
                }

                if (to is not null && to < from)
                {
                    errors["DeliveredTo"] = ["The end date cannot be before the start date."];
                }

                break;
            default:
                errors["Status"] = [$"A referral that is {referral.Status} cannot be marked {answer}."];
                break;
        }

        if (errors.Count > 0)
        {
            return errors;
        }

        referral.Status = answer;
        referral.RespondedAt ??= Now;
        referral.DeclineReason = answer == ReferralStatus.Declined ? reason!.Trim() : referral.DeclineReason;
        referral.DeliveredFrom = answer == ReferralStatus.Delivered ? from : referral.DeliveredFrom;
        referral.DeliveredTo = answer == ReferralStatus.Delivered ? to : referral.DeliveredTo;
        referral.Version++;
        await audit.SaveAsync(cancellationToken, new AuditEvent(AuditActions.ReferralAnswered, referral.CaseId, answer.ToString()));
        return [];
    }

    public async Task<bool> CompleteStepAsync(Guid caseId, Guid stepId, CancellationToken cancellationToken)
    {
        if (!await Visible().AnyAsync(c => c.Id == caseId, cancellationToken))
        {
            return false;
        }

        var step = await db.SopSteps.FirstOrDefaultAsync(s => s.Id == stepId && s.CaseId == caseId && s.DoneAt == null, cancellationToken);
        if (step is null)
        {
            return false;
        }

        step.DoneAt = Now;
        await audit.SaveAsync(cancellationToken, new AuditEvent(AuditActions.StepDone, caseId, step.Kind.ToString()));
        return true;
    }

    public async Task<Dictionary<string, string[]>?> AddStepAsync(Guid caseId, SopStepKind? kind, DateOnly? dueOn, CancellationToken cancellationToken)
    {
        if (!await Visible().AnyAsync(c => c.Id == caseId && c.State == CaseState.Open, cancellationToken))
        {
            return null;
        }

        var errors = new Dictionary<string, string[]>();
        if (kind is null)
        {
            errors["Kind"] = ["Choose the step."];
        }

        if (dueOn is null)
        {
            errors["DueOn"] = ["Enter the date the step is due."];
        }

        if (errors.Count > 0)
        {
            return errors;
        }

        db.SopSteps.Add(new SopStep { CaseId = caseId, Kind = kind!.Value, DueOn = dueOn!.Value, ResponsibleUserId = user.UserId });
        await audit.SaveAsync(cancellationToken, new AuditEvent(AuditActions.Updated, caseId, "step " + kind));
        return [];
    }

    /// <summary>
    /// A supervisor takes time-limited access to a case outside their organisation's team. The reason is required
    /// and recorded; the owner organisation is notified. Returns false when the caller is no supervisor or no such case.
    /// </summary>
    public async Task<(bool Granted, string? Error)> BreakGlassAsync(string caseNumber, string? reason, CancellationToken cancellationToken)
    {
        if (!IsSupervisor)
        {
            return (false, null);
        }

        if (string.IsNullOrWhiteSpace(reason) || reason.Trim().Length < 10 || reason.Length > 1000)
        {
            return (false, "State the emergency in 10 to 1000 characters (no names); it is recorded and shown to the case's owner.");
        }

        var c = await db.Cases.AsNoTracking().Where(x => x.CaseNumber == caseNumber.Trim() && x.State != CaseState.Anonymised)
            .Select(x => new { x.Id, x.CaseNumber, x.OwnerOrganisationId }).FirstOrDefaultAsync(cancellationToken);
        if (c is null)
        {
            return (false, "No open case has this number.");
        }

        var now = Now;
        db.BreakGlassGrants.Add(new BreakGlassGrant
        {
            CaseId = c.Id,
            UserId = user.UserId!.Value,
            Reason = reason.Trim(),
            GrantedAt = now,
            ExpiresAt = now.AddHours(options.Value.BreakGlassHours),
        });
        db.CaseNotifications.Add(new CaseNotification
        {
            OrganisationId = c.OwnerOrganisationId,
            CaseId = c.Id,
            Kind = NotificationKind.BreakGlass,
            Message = $"Emergency access to {c.CaseNumber} by {user.Name} for {options.Value.BreakGlassHours} hours: {reason.Trim()}",
            CreatedAt = Now,
        });
        await audit.SaveAsync(cancellationToken, new AuditEvent(AuditActions.BreakGlass, c.Id, reason.Trim()));
        return (true, null);
    }

    /// <summary>Asks the owner of a possibly matching case to link it with the caller's case.</summary>
    public async Task<bool> RequestLinkAsync(Guid fromCaseId, Guid matchToken, CancellationToken cancellationToken)
    {
        var from = await Visible().AsNoTracking().Select(c => new { c.Id, c.CaseNumber }).FirstOrDefaultAsync(c => c.Id == fromCaseId, cancellationToken);
        var to = await db.Cases.AsNoTracking().Select(c => new { c.Id, c.OwnerOrganisationId }).FirstOrDefaultAsync(c => c.Id == matchToken, cancellationToken);
        if (from is null || to is null)
        {
            return false;
        }

        db.CaseLinkRequests.Add(new CaseLinkRequest { FromCaseId = from.Id, ToCaseId = to.Id, FromOrganisationId = user.OrganisationId!.Value, ToOrganisationId = to.OwnerOrganisationId, RequestedAt = Now });
        db.CaseNotifications.Add(new CaseNotification
        {
            OrganisationId = to.OwnerOrganisationId,
            CaseId = to.Id,
            Kind = NotificationKind.LinkRequest,
            Message = $"Another organisation's case {from.CaseNumber} has identifiers matching one of your cases; they ask to link the cases.",
            CreatedAt = Now,
        });
        await audit.SaveAsync(cancellationToken, new AuditEvent(AuditActions.LinkRequested, from.Id, to.Id.ToString()));
        return true;
    }

    public async Task<bool> CloseAsync(Guid caseId, CancellationToken cancellationToken)
    {
        var c = await Visible().FirstOrDefaultAsync(x => x.Id == caseId && x.State == CaseState.Open, cancellationToken);
        if (c is null)
        {
            return false;
        }

        c.State = CaseState.Closed;
        c.ClosedOn = Today;
        c.Version++;
        await audit.SaveAsync(cancellationToken, new AuditEvent(AuditActions.Updated, caseId, "closed"));
        return true;
    }

    /// <summary>The statistics of the case a service's rules look at (HTCDS gender mapped to the sexes services accept).</summary>
    internal static PlacementPerson PlacementPersonOf(Case c) => new(
        c.WitnessProtection,
        c.IsChild,
        c.AgeAtIdentification,
        c.Gender switch
        {
            Gender.Feminine or Gender.TransgenderFeminine => EligibleSex.Female,
            Gender.Masculine or Gender.TransgenderMasculine => EligibleSex.Male,
            Gender.NonConforming => EligibleSex.Other,
            _ => null,
        },
        c.Citizenship,
        c.FormsOfExploitation);

    /// <summary>Categories an active data-sharing consent covers for the provider.</summary>
    internal static HashSet<PersonalDataCategory> Covered(IEnumerable<Consent> consents, Guid providerId) =>
        [.. consents.Where(c => c.WithdrawnAt is null && c.Scope == ConsentScope.DataSharing && c.Organisations.Contains(providerId)).SelectMany(c => c.Categories)];

    /// <summary>Only the categories listed; everything else is left empty.</summary>
    internal static CasePersonalData Scope(CasePersonalData data, IReadOnlyCollection<PersonalDataCategory> categories) => new()
    {
        GivenName = categories.Contains(PersonalDataCategory.Names) ? data.GivenName : null,
        FamilyName = categories.Contains(PersonalDataCategory.Names) ? data.FamilyName : null,
        Aliases = categories.Contains(PersonalDataCategory.Names) ? data.Aliases : [],
        DateOfBirth = categories.Contains(PersonalDataCategory.DateOfBirth) ? data.DateOfBirth : null,
        Documents = categories.Contains(PersonalDataCategory.Documents) ? data.Documents : [],
        Phone = categories.Contains(PersonalDataCategory.ContactDetails) ? data.Phone : null,
        Email = categories.Contains(PersonalDataCategory.ContactDetails) ? data.Email : null,
        Address = categories.Contains(PersonalDataCategory.ContactDetails) ? data.Address : null,
        PhotoBase64 = categories.Contains(PersonalDataCategory.Photo) ? data.PhotoBase64 : null,
        PhotoMediaType = categories.Contains(PersonalDataCategory.Photo) ? data.PhotoMediaType : null,
        Narrative = categories.Contains(PersonalDataCategory.Narrative) ? data.Narrative : null,
    };

    internal void AddHashes(Guid caseId, CasePersonalData personal)
    {
        foreach (var (kind, hash) in hasher.HashesOf(personal))
        {
            db.CaseIdentifierHashes.Add(new CaseIdentifierHash { CaseId = caseId, Kind = kind, Hash = hash });
        }
    }

    /// <summary>"C-2026-" and six characters from an alphabet without look-alikes; random, so it says nothing about the person.</summary>
    internal string NewCaseNumber() =>
        $"C-{Today.Year}-{RandomNumberGenerator.GetString("23456789ABCDEFGHJKLMNPQRSTUVWXYZ", 6)}";
}
