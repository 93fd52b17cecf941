using Clearinghouse.Accounts;
using Clearinghouse.Web.Shared;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace Clearinghouse.Web.Accounts;

[EnableRateLimiting(WebShell.SignInRateLimit)]
internal sealed partial class SignInModel(SignInManager<AppUser> signIn, UserManager<AppUser> users, IStringLocalizer<SharedResource> t, ILogger<SignInModel> logger) : PageModel
{
    public string? Error { get; private set; }

    public string? Email { get; private set; }

    public string? ReturnUrl { get; private set; }

    public void OnGet(string? returnUrl) => ReturnUrl = returnUrl;

    public async Task<IActionResult> OnPostAsync(string? email, string? password, string? returnUrl)
    {
        Email = email;
        ReturnUrl = returnUrl;
        if (string.IsNullOrWhiteSpace(email) || string.IsNullOrEmpty(password))
        {
            Error = t["Enter your e-mail address and password."];
            return Page();
        }

        var user = await users.FindByEmailAsync(email.Trim());
        if (user is null || user.IsDisabled)
        {
            LogFailed(email.Trim());
            Error = t["The e-mail address or password is not right."];
            return Page();
        }

        var result = await signIn.PasswordSignInAsync(user, password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl : "/");
        }

        if (result.RequiresTwoFactor)
        {
            return Redirect("/accounts/sign-in-code" + (Url.IsLocalUrl(returnUrl) ? "?returnUrl=" + Uri.EscapeDataString(returnUrl) : string.Empty));
        }

        LogFailed(email.Trim());
        Error = result.IsLockedOut
            ? t["Too many failed attempts. This account is locked for 15 minutes."]
            : t["The e-mail address or password is not right."];
        return Page();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Failed sign-in for {Email}")]
    private partial void LogFailed(string email);
}
