using Clearinghouse.Cases;
using Clearinghouse.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Clearinghouse.Web.Cases;

/// <summary>Emergency ("break-glass") access for supervisors: a case number and a reason open the case for a few hours.</summary>
internal sealed class BreakGlassModel(CaseRegistry registry, AppDbContext db, IOptions<CaseOptions> options) : PageModel
{
    public string? Error { get; private set; }

    public int Hours => options.Value.BreakGlassHours;

    public IActionResult OnGet() => registry.IsSupervisor ? Page() : Forbid();

    public async Task<IActionResult> OnPostAsync(string? caseNumber, string? reason, CancellationToken cancellationToken)
    {
        if (!registry.IsSupervisor)
        {
            return Forbid();
        }

        var (granted, error) = await registry.BreakGlassAsync(caseNumber ?? string.Empty, reason, cancellationToken);
        if (!granted)
        {
            Error = error;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var id = await db.Cases.Where(c => c.CaseNumber == caseNumber!.Trim()).Select(c => c.Id).FirstAsync(cancellationToken);
        return Redirect($"/cases/{id}");
    }
}
