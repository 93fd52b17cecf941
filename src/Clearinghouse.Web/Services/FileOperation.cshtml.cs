using Clearinghouse.Countries;
using Clearinghouse.Data;
using Clearinghouse.Directory;
using Clearinghouse.Services;
using Clearinghouse.Web.Accounts;
using Clearinghouse.Web.Directory.Edit;
using Clearinghouse.Web.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Clearinghouse.Web.Services;

/// <summary>A focal point files a notice of a planned operation for their organisation, naming the shelter partners to tell.</summary>
[Authorize(Policy = Policies.Partner)]
internal sealed class FileOperationModel(OperationNotices notices, AppDbContext db, CountryCatalog countries, IStringLocalizer<SharedResource> t) : PageModel
{
    public FormErrors Errors { get; private set; } = FormErrors.None;

    public NoticeForm Form { get; private set; } = new();

    public IReadOnlyList<(string Value, string Text)> PartnerOptions { get; private set; } = [];

    public IEnumerable<(string Value, string Text)> Countries =>
        countries.Region.Select(c => (c.Code, c.Name(Labels.Language))).OrderBy(c => c.Item2, StringComparer.CurrentCulture);

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!notices.MayFile)
        {
            return Forbid();
        }

        await LoadPartnersAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(NoticeForm form, List<Guid> partners, CancellationToken cancellationToken)
    {
        if (!notices.MayFile)
        {
            return Forbid();
        }

        form = form with { Partners = partners };
        var binding = FormErrors.BindingErrors(ModelState, t["Enter a whole number."]);
        var input = form.ToInput();
        var result = binding.Count > 0
            ? EditResult<PlannedOperationNotice>.Invalid(input.Validate(countries))
            : await notices.FileAsync(input, cancellationToken);
        if (result.Outcome == EditOutcome.Saved)
        {
            TempData[Notice.Key] = t["The notice was sent to the partners you named."].Value;
            return Redirect($"/services/operations/{result.Record!.Id}");
        }

        if (result.Outcome == EditOutcome.Forbidden)
        {
            return Forbid();
        }

        await LoadPartnersAsync(cancellationToken);
        Form = form;
        Errors = FormErrors.Merge(binding, result.Errors);
        return Page();
    }

    /// <summary>Organisations that offer at least one active service, shelters first.</summary>
    private async Task LoadPartnersAsync(CancellationToken cancellationToken)
    {
        var providers = await db.Services.AsNoTracking()
            .Where(s => s.RetiredAt == null && s.Organisation!.RetiredAt == null)
            .Select(s => new { s.OrganisationId, s.Organisation!.Name, Shelter = s.Kind == ServiceKind.Shelter })
            .ToListAsync(cancellationToken);
        PartnerOptions = [.. providers.GroupBy(p => p.OrganisationId)
            .Select(g => (Id: g.Key, g.First().Name, Shelter: g.Any(p => p.Shelter)))
            .OrderByDescending(p => p.Shelter).ThenBy(p => p.Name, StringComparer.CurrentCulture)
            .Select(p => (p.Id.ToString(), p.Shelter ? $"{p.Name} – {t["Shelter"].Value}" : p.Name))];
    }

    /// <summary>The form as typed (languages as a comma-separated list of codes).</summary>
    internal sealed record NoticeForm
    {
        public DateOnly? OperationDate { get; init; }

        public string? Area { get; init; }

        public string? Country { get; init; }

        public int? ExpectedPersons { get; init; }

        public int? ExpectedChildren { get; init; }

        public string? Languages { get; init; }

        public string? Needs { get; init; }

        public IReadOnlyList<Guid> Partners { get; init; } = [];

        public NoticeInput ToInput() => new()
        {
            OperationDate = OperationDate,
            Area = Area,
            Country = Country,
            ExpectedPersons = ExpectedPersons,
            ExpectedChildren = ExpectedChildren,
            Languages = [.. (Languages ?? string.Empty).Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)],
            Needs = Needs,
            Partners = Partners,
        };
    }
}
