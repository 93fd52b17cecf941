using Clearinghouse.Accounts;
using Clearinghouse.Web.Shared;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace Clearinghouse.Web.Cases;

/// <summary>The second step of signing in for accounts with two-factor sign-in: the authenticator code.</summary>
[EnableRateLimiting(WebShell.SignInRateLimit)]
internal sealed class SignInCodeModel(SignInManager<AppUser> signIn, IStringLocalizer<SharedResource> t) : PageModel
{
    public string? Error { get; private set; }

    public string? ReturnUrl { get; private set; }

    public void OnGet(string? returnUrl) => ReturnUrl = returnUrl;

    public async Task<IActionResult> OnPostAsync(string? code, string? returnUrl)
    {
        ReturnUrl = returnUrl;
        if (await signIn.GetTwoFactorAuthenticationUserAsync() is null)
        {
            Error = t["Sign in with your e-mail address and password first."];
            return Page();
        }

        var cleaned = (code ?? string.Empty).Replace(" ", string.Empty, StringComparison.Ordinal).Replace("-", string.Empty, StringComparison.Ordinal);
        var result = await signIn.TwoFactorAuthenticatorSignInAsync(cleaned, isPersistent: false, rememberClient: false);
        if (result.Succeeded)
        {
            return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl : "/cases");
        }

        Error = result.IsLockedOut
            ? t["Too many failed attempts. This account is locked for 15 minutes."]
            : t["That code is not right. Enter the 6-digit code your authenticator app shows now."];
        return Page();
    }
}
