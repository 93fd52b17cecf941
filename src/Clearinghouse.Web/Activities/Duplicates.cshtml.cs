using Clearinghouse.Activities.Duplicates;
using Clearinghouse.Web.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Clearinghouse.Web.Activities;

/// <summary>The duplicates report for editors: possible duplicate pairs, with "not a duplicate" and "merge".</summary>
[Authorize(Policy = Policies.EditsDirectory)]
internal sealed class ActivityDuplicatesModel(DuplicateFinder finder) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Country { get; set; }

    public IReadOnlyList<DuplicatePair> Pairs { get; private set; } = [];

    public string? Message { get; private set; }

    /// <summary>English label (localization key) of a reason.</summary>
    public static string Label(DuplicateReason reason) => reason switch
    {
        DuplicateReason.SameIatiIdentifier => "Same IATI identifier",
        DuplicateReason.SimilarTitle => "Similar title",
        DuplicateReason.SimilarSummary => "Similar summary",
        DuplicateReason.SameCountry => "Same country",
        DuplicateReason.SameArea => "Same thematic area",
        DuplicateReason.OverlappingPeriod => "Overlapping period",
        DuplicateReason.SameImplementer => "Same implementer",
        _ => "Same donor",
    };

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Pairs = await finder.PairsAsync(Country, cancellationToken: cancellationToken);

    public async Task OnPostDismissAsync(Guid first, Guid second, CancellationToken cancellationToken)
    {
        Message = await finder.DismissAsync(first, second, cancellationToken) ? "The pair is marked as not a duplicate." : "The pair could not be marked.";
        Pairs = await finder.PairsAsync(Country, cancellationToken: cancellationToken);
    }

    public async Task OnPostMergeAsync(Guid survivor, Guid merged, CancellationToken cancellationToken)
    {
        Message = await finder.MergeAsync(survivor, merged, cancellationToken) == MergeOutcome.Merged
            ? "The activities are merged."
            : "The activities could not be merged: one of them changed or was merged already.";
        Pairs = await finder.PairsAsync(Country, cancellationToken: cancellationToken);
    }
}
