using Clearinghouse.Accounts;
using Clearinghouse.Activities;
using Clearinghouse.Countries;
using Clearinghouse.Directory;
using Clearinghouse.Web.Directory.Edit;
using Clearinghouse.Web.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Clearinghouse.Web.Activities;

/// <summary>The needs assessments of one cell, newest first (public); analysts (editors) record a new one.</summary>
internal sealed class NeedsModel(NeedsAssessments needs, CurrentUser user, CountryCatalog countries, IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Country { get; set; }

    [BindProperty(SupportsGet = true)]
    public ThematicArea? Area { get; set; }

    public NeedsInput Input { get; private set; } = new();

    public FormErrors Errors { get; private set; } = FormErrors.None;

    public IReadOnlyList<NeedsAssessment> History { get; private set; } = [];

    public bool IsEditor => user.IsEditor;

    public IEnumerable<(string Value, string Text)> RegionCountries =>
        countries.Region.Select(c => (c.Code, c.Name(Labels.Language))).OrderBy(c => c.Item2, StringComparer.CurrentCulture);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Input = new NeedsInput { Country = Country, Area = Area };
        await LoadHistoryAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(NeedsInput input, CancellationToken cancellationToken)
    {
        if (!user.IsEditor)
        {
            return Forbid();
        }

        var result = await needs.RecordAsync(input, cancellationToken);
        if (result.Outcome == EditOutcome.Saved)
        {
            TempData[Notice.Key] = t["The needs assessment was recorded."].Value;
            return Redirect(GapsModel.NeedsLink(result.Record!.CountryCode, result.Record.Area));
        }

        Input = input;
        Country = input.Country;
        Area = input.Area;
        Errors = new FormErrors(result.Errors);
        await LoadHistoryAsync(cancellationToken);
        return Page();
    }

    public string CountryName(string code) => countries.Find(code)?.Name(Labels.Language) ?? code;

    private async Task LoadHistoryAsync(CancellationToken cancellationToken)
    {
        if (!string.IsNullOrWhiteSpace(Country) && Area is { } area)
        {
            History = await needs.HistoryAsync(Country, area, cancellationToken);
        }
    }
}
