using Clearinghouse.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Clearinghouse.Web.Accounts;

internal sealed class TokensModel(ApiTokens tokens, CurrentUser user) : PageModel
{
    public IReadOnlyList<ApiToken> Tokens { get; private set; } = [];

    public string? NewSecret { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => Tokens = await tokens.ListAsync(user.UserId!.Value, cancellationToken);

    public async Task<IActionResult> OnPostIssueAsync(string? name, CancellationToken cancellationToken)
    {
        var (_, secret) = await tokens.IssueAsync(user.UserId!.Value, string.IsNullOrWhiteSpace(name) ? "API token" : name, TimeSpan.FromDays(90), cancellationToken);
        NewSecret = secret;
        Tokens = await tokens.ListAsync(user.UserId!.Value, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(Guid id, CancellationToken cancellationToken)
    {
        await tokens.RevokeAsync(user.UserId!.Value, id, cancellationToken);
        return RedirectToPage();
    }
}
