using Clearinghouse.Accounts;
using Clearinghouse.Cases;
using Clearinghouse.Data;
using Clearinghouse.Services;
using Clearinghouse.Web.Directory.Edit;
using Clearinghouse.Web.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Clearinghouse.Web.Cases;

/// <summary>
/// A case as its team sees it (identifiers opened; the view is audited), with consents, referrals, the SOP timeline
/// and the child path. Not on the team and no break-glass access: 404, the same as a case that does not exist.
/// </summary>
internal sealed class CaseModel(CaseRegistry registry, CaseExports exports, CaseConferences conferences, AppDbContext db, CurrentUser user, TimeProvider clock, IStringLocalizer<SharedResource> t) : PageModel
{
    public DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    public CaseView View { get; private set; } = null!;

    public IReadOnlyDictionary<Guid, string> OrganisationNames { get; private set; } = new Dictionary<Guid, string>();

    public IReadOnlyList<(string Value, string Text)> Organisations { get; private set; } = [];

    /// <summary>Services of active providers a referral can name: "Provider — service (shelter: free beds)".</summary>
    public IReadOnlyList<(string Value, string Text)> ReferralServices { get; private set; } = [];

    public IReadOnlyDictionary<Guid, string> ServiceNames { get; private set; } = new Dictionary<Guid, string>();

    public FormErrors Errors { get; private set; } = FormErrors.None;

    public IReadOnlyList<CaseExportApproval> Exports { get; private set; } = [];

    public IReadOnlyList<ConferenceView> Conferences { get; private set; } = [];

    public IReadOnlyList<(string Value, string Text)> ActionOwners { get; private set; } = [];

    public IReadOnlyDictionary<Guid, string> UserNames { get; private set; } = new Dictionary<Guid, string>();

    public Guid? Me => user.UserId;

    public bool IsSupervisor => registry.IsSupervisor;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) =>
        await ShowAsync(id, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostConsentAsync(Guid id, ConsentScope scope, DateOnly? givenOn, List<Guid> organisations, List<PersonalDataCategory> categories, CancellationToken cancellationToken) =>
        await AfterAsync(id, await registry.RecordConsentAsync(id, scope, givenOn, organisations, categories, cancellationToken), t["The consent was recorded."], cancellationToken);

    public async Task<IActionResult> OnPostWithdrawAsync(Guid id, Guid consentId, CancellationToken cancellationToken) =>
        await registry.WithdrawConsentAsync(id, consentId, cancellationToken) ? Done(id, t["The consent was withdrawn. Providers no longer see what it covered."]) : NotFound();

    public async Task<IActionResult> OnPostReferAsync(Guid id, Guid providerOrganisationId, ServiceKind? service, Guid? serviceId, List<PersonalDataCategory> sharedCategories, CancellationToken cancellationToken)
    {
        var (referral, errors) = await registry.SendReferralAsync(id, providerOrganisationId, service, serviceId, sharedCategories, cancellationToken);
        if (errors.ContainsKey(string.Empty))
        {
            return NotFound();
        }

        return await AfterAsync(id, referral is null ? errors : [], t["The referral was sent."], cancellationToken);
    }

    public async Task<IActionResult> OnPostStepAsync(Guid id, Guid stepId, CancellationToken cancellationToken) =>
        await registry.CompleteStepAsync(id, stepId, cancellationToken) ? Done(id, t["The step was marked done."]) : NotFound();

    public async Task<IActionResult> OnPostAddStepAsync(Guid id, SopStepKind? kind, DateOnly? dueOn, CancellationToken cancellationToken) =>
        await AfterAsync(id, await registry.AddStepAsync(id, kind, dueOn, cancellationToken), t["The step was added to the timeline."], cancellationToken);

    public async Task<IActionResult> OnPostCloseAsync(Guid id, CancellationToken cancellationToken) =>
        await registry.CloseAsync(id, cancellationToken) ? Done(id, t["The case was closed."]) : NotFound();

    public async Task<IActionResult> OnPostRequestExportAsync(Guid id, CancellationToken cancellationToken) =>
        await exports.RequestAsync(id, cancellationToken) ? Done(id, t["Your request to export the personal data was sent to the supervisors."]) : NotFound();

    public async Task<IActionResult> OnPostApproveExportAsync(Guid id, Guid approvalId, CancellationToken cancellationToken) =>
        await exports.ApproveAsync(id, approvalId, cancellationToken) switch
        {
            null => NotFound(),
            "" => Done(id, t["The export was approved. Only the person who asked can download it, once."]),
            var error => await AfterAsync(id, new() { ["Export"] = [error] }, string.Empty, cancellationToken),
        };

    public async Task<IActionResult> OnPostDownloadExportAsync(Guid id, Guid approvalId, CancellationToken cancellationToken)
    {
        var file = await exports.DownloadAsync(id, approvalId, cancellationToken);
        if (file is null)
        {
            return NotFound();
        }

        Response.Headers.CacheControl = "no-store";
        return File(file.Content, "application/json", file.FileName);
    }

    public async Task<IActionResult> OnPostConferenceAsync(Guid id, DateOnly? heldOn, List<Guid> participants, string? decisions, List<string?> actionDescription, List<Guid?> actionOwner, List<DateOnly?> actionDue, CancellationToken cancellationToken)
    {
        var actions = Enumerable.Range(0, new[] { actionDescription.Count, actionOwner.Count, actionDue.Count }.Max())
            .Select(i => new ConferenceActionInput(actionDescription.ElementAtOrDefault(i), actionOwner.ElementAtOrDefault(i), actionDue.ElementAtOrDefault(i))).ToList();
        return await AfterAsync(id, await conferences.RecordAsync(id, heldOn, participants, decisions, actions, cancellationToken), t["The case conference was recorded."], cancellationToken);
    }

    public async Task<IActionResult> OnPostActionDoneAsync(Guid id, Guid actionId, CancellationToken cancellationToken) =>
        await conferences.CompleteActionAsync(id, actionId, cancellationToken) ? Done(id, t["The action was marked done."]) : NotFound();

    public async Task<IActionResult> OnPostLinkAsync(Guid id, Guid organisationId, CancellationToken cancellationToken)
    {
        var view = await registry.ViewAsync(id, cancellationToken);
        if (view?.Personal is null)
        {
            return NotFound();
        }

        var matches = (await registry.FindDuplicatesAsync(view.Personal, id, cancellationToken)).Where(d => d.OrganisationId == organisationId).ToList();
        foreach (var match in matches)
        {
            await registry.RequestLinkAsync(id, match.MatchToken, cancellationToken);
        }

        return Done(id, matches.Count > 0 ? t["Your request to link the cases was sent."] : t["No matching case was found at that organisation any more."]);
    }

    private RedirectResult Done(Guid id, string notice)
    {
        TempData[Notice.Key] = notice;
        return Redirect($"/cases/{id}");
    }

    private async Task<IActionResult> AfterAsync(Guid id, Dictionary<string, string[]>? errors, string notice, CancellationToken cancellationToken)
    {
        if (errors is null)
        {
            return NotFound();
        }

        if (errors.Count == 0)
        {
            return Done(id, notice);
        }

        if (!await ShowAsync(id, cancellationToken))
        {
            return NotFound();
        }

        Errors = new FormErrors(errors);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private async Task<bool> ShowAsync(Guid id, CancellationToken cancellationToken)
    {
        var view = await registry.ViewAsync(id, cancellationToken);
        if (view is null)
        {
            return false;
        }

        View = view;
        var organisations = await db.Organisations.AsNoTracking().Where(o => o.RetiredAt == null).OrderBy(o => o.Name).Select(o => new { o.Id, o.Name }).ToListAsync(cancellationToken);
        Organisations = [.. organisations.Select(o => (o.Id.ToString(), o.Name))];
        OrganisationNames = organisations.ToDictionary(o => o.Id, o => o.Name);
        var services = await db.Services.AsNoTracking()
            .Where(s => s.RetiredAt == null && s.Organisation!.RetiredAt == null)
            .OrderBy(s => s.Organisation!.Name).ThenBy(s => s.Name)
            .Select(s => new { s.Id, Provider = s.Organisation!.Name, s.Name, s.Kind, s.Beds, s.Occupancy })
            .ToListAsync(cancellationToken);
        ReferralServices = [.. services.Select(s => (s.Id.ToString(), $"{s.Provider} — {s.Name} ({t[CaseLabels.Of(s.Kind)]}{(s.Kind == ServiceKind.Shelter && s.Beds is { } beds && s.Occupancy is { } taken ? ", " + t["{0} free beds", Math.Max(0, beds - taken)] : string.Empty)})"))];
        ServiceNames = services.ToDictionary(s => s.Id, s => s.Name);
        Exports = await exports.ForCaseAsync(id, cancellationToken);
        Conferences = await conferences.ForCaseAsync(id, cancellationToken);
        var owners = await conferences.PossibleOwnersAsync(id, cancellationToken);
        ActionOwners = [.. owners.Select(o => (o.Id.ToString(), o.Name))];
        var people = Exports.SelectMany(x => new[] { x.RequestedByUserId, x.ApprovedByUserId ?? Guid.Empty })
            .Concat(Conferences.SelectMany(c => c.Actions.Select(a => a.Action.OwnerUserId))).Distinct().ToList();
        UserNames = await db.Users.AsNoTracking().Where(u => people.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
        return true;
    }

    public string NameOf(Guid organisationId) => OrganisationNames.GetValueOrDefault(organisationId, "?");

    public string PersonOf(Guid userId) => UserNames.GetValueOrDefault(userId, "?");
}
