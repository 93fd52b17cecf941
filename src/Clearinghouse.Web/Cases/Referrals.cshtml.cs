using Clearinghouse.Cases;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Clearinghouse.Web.Cases;

/// <summary>The provider's inbox: referrals sent to the caller's organisation (case number and service only).</summary>
internal sealed class ReferralsModel(CaseRegistry registry) : PageModel
{
    public IReadOnlyList<(Guid Id, string CaseNumber, Clearinghouse.Services.ServiceKind Service, ReferralStatus Status, DateTimeOffset SentAt)> Referrals { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var rows = await registry.Incoming().AsNoTracking().OrderByDescending(r => r.SentAt).Take(200)
            .Select(r => new { r.Id, r.Case!.CaseNumber, r.Service, r.Status, r.SentAt }).ToListAsync(cancellationToken);
        Referrals = [.. rows.Select(r => (r.Id, r.CaseNumber, r.Service, r.Status, r.SentAt))];
    }
}
