using Clearinghouse.Accounts;
using Clearinghouse.Activities;
using Clearinghouse.Activities.Duplicates;
using Clearinghouse.Countries;
using Clearinghouse.Data;
using Clearinghouse.Directory;
using Clearinghouse.Web.Accounts;
using Clearinghouse.Web.Directory.Edit;
using Clearinghouse.Web.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Clearinghouse.Web.Activities;

/// <summary>
/// Enters (focal points, editors) or changes an activity, and takes it through review: submit (focal points), publish
/// (editors), retire and restore. Every handler goes through <see cref="ActivityEditor"/>, which checks the record.
/// </summary>
[Authorize(Policy = Policies.Partner)]
internal sealed class EditModel(
    ActivityEditor editor, DuplicateFinder duplicates, AppDbContext db, CurrentUser user, CountryCatalog countryCatalog, IStringLocalizer<SharedResource> t) : PageModel
{
    /// <summary>Blank participant and link rows offered below the filled ones.</summary>
    public const int BlankRows = 3;

    public Guid? Id { get; private set; }

    public ActivityInput Input { get; private set; } = new() { Status = ActivityStatus.Planned };

    public FormErrors Errors { get; private set; } = FormErrors.None;

    public bool Conflict { get; private set; }

    /// <summary>Activities already in the inventory that look like the one being added; the form asks before saving it.</summary>
    public IReadOnlyList<DuplicateCandidate> PossibleDuplicates { get; private set; } = [];

    public string? Slug { get; private set; }

    public string StoredTitle { get; private set; } = string.Empty;

    public ReviewState ReviewState { get; private set; }

    public bool IsRetired { get; private set; }

    public bool MayPublish => editor.MayPublish;

    public bool IsEditor => user.IsEditor;

    public IReadOnlyList<(string Value, string Text)> OrganisationOptions { get; private set; } = [];

    public IEnumerable<(string Value, string Text)> RegionCountries =>
        countryCatalog.Region.Select(c => (c.Code, c.Name(Labels.Language))).OrderBy(c => c.Item2, StringComparer.CurrentCulture);

    public async Task<IActionResult> OnGetAsync(Guid? id, CancellationToken cancellationToken)
    {
        if (!editor.MayCreate)
        {
            return Forbid();
        }

        if (id is null)
        {
            await LoadOptionsAsync(cancellationToken);
            return Page();
        }

        return await ShowStoredAsync(id.Value, cancellationToken) switch
        {
            null => NotFound(),
            false => Forbid(),
            true => Page(),
        };
    }

    public async Task<IActionResult> OnPostAsync(
        Guid? id,
        ActivityInput input,
        List<string> countries,
        List<ThematicArea> thematicAreas,
        List<TargetGroup> targetGroups,
        List<Common.FormOfExploitation> formsOfExploitation,
        List<ParticipantRow> participants,
        List<LinkRow> links,
        bool duplicatesChecked,
        CancellationToken cancellationToken)
    {
        if (!editor.MayCreate)
        {
            return Forbid();
        }

        input = input with
        {
            Countries = countries,
            ThematicAreas = thematicAreas,
            TargetGroups = targetGroups,
            FormsOfExploitation = formsOfExploitation,
            Participants = [.. participants.Where(p => !p.IsBlank).Select(p => new ParticipantInput(p.Role, p.OrganisationId, p.Name, p.Amount, p.Currency))],
            Links = [.. links.Where(l => !string.IsNullOrWhiteSpace(l.Title) || !string.IsNullOrWhiteSpace(l.Url)).Select(l => new ActivityLinkInput(l.Title, l.Url))],
        };
        var binding = FormErrors.BindingErrors(ModelState, t["Choose one of the options listed."]);

        // A new activity that looks like one already in the inventory is not saved at once: the form lists the likely
        // duplicates (score and reasons) and the user saves it anyway, or goes to the existing one instead.
        if (id is null && !duplicatesChecked && binding.Count == 0 && (await editor.ValidateAsync(input, requireVersion: false, cancellationToken)).Count == 0)
        {
            PossibleDuplicates = await duplicates.CandidatesAsync(DuplicateProbe.Of(input), 5, cancellationToken);
            if (PossibleDuplicates.Count > 0)
            {
                await LoadOptionsAsync(cancellationToken);
                Input = input;
                return Page();
            }
        }

        var result = binding.Count > 0
            ? EditResult<Activity>.Invalid(input.Validate(countryCatalog))
            : id is null
                ? await editor.CreateAsync(input, cancellationToken)
                : await editor.UpdateAsync(id.Value, input, cancellationToken);
        switch (result.Outcome)
        {
            case EditOutcome.Saved:
                TempData[Notice.Key] = id is null ? t["The activity was added as a draft."].Value : t["Your changes were saved."].Value;
                return Redirect($"/activities/{result.Record!.Slug}");
            case EditOutcome.Invalid:
                if (id is not null && await ShowStoredAsync(id.Value, cancellationToken) is null)
                {
                    return NotFound();
                }

                await LoadOptionsAsync(cancellationToken);
                Input = input;
                Errors = FormErrors.Merge(binding, result.Errors);
                return Page();
            default:
                return await RefusedAsync(id, result.Outcome, cancellationToken);
        }
    }

    public Task<IActionResult> OnPostSubmitAsync(Guid id, int? version, CancellationToken cancellationToken) =>
        StepAsync(id, editor.SubmitAsync(id, version, cancellationToken), t["The activity was submitted for review."], cancellationToken);

    public Task<IActionResult> OnPostPublishAsync(Guid id, int? version, CancellationToken cancellationToken) =>
        StepAsync(id, editor.PublishAsync(id, version, cancellationToken), t["The activity was published."], cancellationToken);

    public Task<IActionResult> OnPostRetireAsync(Guid id, int? version, CancellationToken cancellationToken) =>
        StepAsync(id, editor.RetireAsync(id, version, cancellationToken), t["The activity was retired. It is no longer shown to the public."], cancellationToken);

    public Task<IActionResult> OnPostRestoreAsync(Guid id, int? version, CancellationToken cancellationToken) =>
        StepAsync(id, editor.RestoreAsync(id, version, cancellationToken), t["The activity was restored."], cancellationToken);

    private async Task<IActionResult> StepAsync(Guid id, Task<EditResult<Activity>> step, string notice, CancellationToken cancellationToken)
    {
        if (!editor.MayCreate)
        {
            return Forbid();
        }

        var result = await step;
        if (result.Outcome != EditOutcome.Saved)
        {
            return await RefusedAsync(id, result.Outcome, cancellationToken);
        }

        TempData[Notice.Key] = notice;
        return Redirect(result.Record!.RetiredAt is null || user.IsEditor ? $"/activities/{result.Record.Slug}" : "/activities");
    }

    private async Task<IActionResult> RefusedAsync(Guid? id, EditOutcome outcome, CancellationToken cancellationToken)
    {
        switch (outcome)
        {
            case EditOutcome.Forbidden:
                return Forbid();
            case EditOutcome.Conflict when id is not null && await ShowStoredAsync(id.Value, cancellationToken) == true:
                Conflict = true;
                Response.StatusCode = StatusCodes.Status409Conflict;
                return Page();
            default:
                return NotFound();
        }
    }

    /// <summary>Loads the stored activity into the form: null when the caller cannot see it, false when they may not change it.</summary>
    private async Task<bool?> ShowStoredAsync(Guid id, CancellationToken cancellationToken)
    {
        var activity = await ActivityAccess.Visible(db.Activities.AsNoTracking(), user).Include(a => a.Participants)
            .FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (activity is null)
        {
            return null;
        }

        if (!editor.MayEdit(activity))
        {
            return false;
        }

        Id = id;
        Input = ActivityInput.From(activity);
        Slug = activity.Slug;
        StoredTitle = activity.Title;
        ReviewState = activity.ReviewState;
        IsRetired = activity.RetiredAt is not null;
        await LoadOptionsAsync(cancellationToken);
        return true;
    }

    private async Task LoadOptionsAsync(CancellationToken cancellationToken)
    {
        var organisations = await db.Organisations.AsNoTracking().Where(o => o.RetiredAt == null)
            .Select(o => new { o.Id, o.Name, o.Acronym }).ToListAsync(cancellationToken);
        OrganisationOptions = [.. organisations
            .Select(o => (o.Id.ToString(), o.Acronym is null ? o.Name : $"{o.Name} ({o.Acronym})"))
            .OrderBy(o => o.Item2, StringComparer.CurrentCulture)];
    }
}

/// <summary>A participant row of the form; all fields empty means "no participant here".</summary>
internal sealed record ParticipantRow(ParticipantRole? Role, Guid? OrganisationId, string? Name, decimal? Amount, string? Currency)
{
    public bool IsBlank => OrganisationId is null && string.IsNullOrWhiteSpace(Name) && Amount is null && string.IsNullOrWhiteSpace(Currency);
}

/// <summary>A link row of the form.</summary>
internal sealed record LinkRow(string? Title, string? Url);
