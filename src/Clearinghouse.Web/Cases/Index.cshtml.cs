using Clearinghouse.Cases;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Clearinghouse.Web.Cases;

/// <summary>"My tasks": overdue and coming SOP steps and conference actions, referrals waiting, notices; then the organisation's cases.</summary>
internal sealed class IndexModel(CaseTasks tasks, CaseRegistry registry) : PageModel
{
    public TaskDashboard Dashboard { get; private set; } = null!;

    public IReadOnlyList<(Guid Id, string Number, CaseState State, IdentificationStatus Status)> Cases { get; private set; } = [];

    public bool IsSupervisor => registry.IsSupervisor;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Dashboard = await tasks.ForMeAsync(cancellationToken);
        var cases = await registry.LatestOfMyOrganisation(100).AsNoTracking().OrderByDescending(c => c.CreatedAt)
            .Select(c => new { c.Id, c.CaseNumber, c.State, c.IdentificationStatus }).ToListAsync(cancellationToken);
        Cases = [.. cases.Select(c => (c.Id, c.CaseNumber, c.State, c.IdentificationStatus))];
    }
}
