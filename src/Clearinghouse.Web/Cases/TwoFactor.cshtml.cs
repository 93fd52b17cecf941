using System.Security.Claims;
using Clearinghouse.Accounts;
using Clearinghouse.Web.Shared;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Clearinghouse.Web.Cases;

/// <summary>Sets up two-factor sign-in with an authenticator app (TOTP): shows the secret key and a QR code of it, checks a first code.</summary>
internal sealed class TwoFactorModel(UserManager<AppUser> users, SignInManager<AppUser> signIn, IStringLocalizer<SharedResource> t) : PageModel
{
    public string SharedKey { get; private set; } = string.Empty;

    public string AuthenticatorUri { get; private set; } = string.Empty;

    /// <summary>The set-up address as a QR code (SVG markup made by <see cref="AuthenticatorQrCode"/>, no user text in it).</summary>
    public string QrCodeSvg { get; private set; } = string.Empty;

    public bool Enabled { get; private set; }

    public bool Required { get; private set; }

    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(bool required)
    {
        Required = required;
        return await LoadAsync() ?? Page();
    }

    public async Task<IActionResult> OnPostAsync(string? code)
    {
        var refused = await LoadAsync();
        if (refused is not null)
        {
            return refused;
        }

        var user = (await users.GetUserAsync(User))!;
        var cleaned = (code ?? string.Empty).Replace(" ", string.Empty, StringComparison.Ordinal).Replace("-", string.Empty, StringComparison.Ordinal);
        if (!await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, cleaned))
        {
            Error = t["That code is not right. Enter the 6-digit code your authenticator app shows now."];
            return Page();
        }

        await users.SetTwoFactorEnabledAsync(user, true);
        await signIn.SignInWithClaimsAsync(user, isPersistent: false, [new Claim("amr", "mfa")]);
        return Redirect("/cases");
    }

    private async Task<IActionResult?> LoadAsync()
    {
        if (User.Identity?.IsAuthenticated != true)
        {
            return Challenge();
        }

        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        Enabled = user.TwoFactorEnabled;
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            await users.ResetAuthenticatorKeyAsync(user);
            key = await users.GetAuthenticatorKeyAsync(user);
        }

        SharedKey = string.Join(' ', key!.ToLowerInvariant().Chunk(4).Select(c => new string(c)));
        AuthenticatorUri = $"otpauth://totp/Clearinghouse:{Uri.EscapeDataString(user.Email ?? user.UserName ?? "user")}?secret={key}&issuer=Clearinghouse&digits=6";
        QrCodeSvg = Enabled ? string.Empty : AuthenticatorQrCode.Svg(AuthenticatorUri);
        return null;
    }
}
