using Clearinghouse.Services;
using Clearinghouse.Web.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Clearinghouse.Web.Services;

/// <summary>The notices of planned operations the reader's organisation filed or was named on (nobody else's).</summary>
[Authorize(Policy = Policies.Partner)]
internal sealed class OperationsModel(OperationNotices notices) : PageModel
{
    public IReadOnlyList<(PlannedOperationNotice Notice, NoticeCapacity Capacity)> Rows { get; private set; } = [];

    public bool MayFile => notices.MayFile;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var rows = new List<(PlannedOperationNotice, NoticeCapacity)>();
        foreach (var notice in await notices.ListAsync(includeWithdrawn: false, cancellationToken))
        {
            rows.Add((notice, await notices.CapacityAsync(notice, cancellationToken)));
        }

        Rows = rows;
    }
}
