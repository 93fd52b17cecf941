using System.Security.Claims;
using Clearinghouse.Accounts;
using Clearinghouse.Cases;
using Clearinghouse.Web.Accounts;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Clearinghouse.Web.Cases;

/// <summary>
/// The case pages' and API's guards: the CaseWork policy (a case worker or supervisor of an organisation), the
/// two-factor requirement (a cookie session signed in with an authenticator code; an API token of an account
/// that has two-factor sign-in on), and the idle timeout of case roles' sessions.
/// </summary>
internal static class CasesWeb
{
    public const string CaseWork = "CaseWork";

    public static IServiceCollection AddCasesWeb(this IServiceCollection services)
    {
        // Authenticator (TOTP) codes for two-factor sign-in; the accounts core registers no token providers.
        services.AddIdentityCore<AppUser>().AddTokenProvider<AuthenticatorTokenProvider<AppUser>>(TokenOptions.DefaultAuthenticatorProvider);
        services.AddAuthorizationBuilder().AddPolicy(CaseWork, p => p
            .RequireRole(Roles.CaseWorker, Roles.CaseSupervisor)
            .RequireClaim(ClaimNames.Organisation));
        services.Configure<RazorPagesOptions>(o =>
        {
            o.Conventions.AuthorizeFolder("/Cases", CaseWork);
            o.Conventions.AllowAnonymousToPage("/Cases/TwoFactor"); // any signed-in user: the page challenges anonymous visitors itself
            o.Conventions.AddFolderApplicationModelConvention("/Cases", model =>
            {
                if (!model.ViewEnginePath.EndsWith("/TwoFactor", StringComparison.Ordinal) && !model.ViewEnginePath.EndsWith("/SignInCode", StringComparison.Ordinal))
                {
                    model.Filters.Add(new RequireTwoFactorFilter());
                }
            });
            o.Conventions.AllowAnonymousToPage("/Cases/SignInCode");
        });
        // The security stamp is re-checked every minute and the principal rebuilt from the database; the rebuilt one
        // must keep "signed in with a second factor", or a case worker would be sent back to two-factor set-up.
        services.Configure<SecurityStampValidatorOptions>(o => o.OnRefreshingPrincipal = context =>
        {
            if (context.CurrentPrincipal is { } current && UsedTwoFactor(current) && context.NewPrincipal?.Identity is ClaimsIdentity identity && !UsedTwoFactor(context.NewPrincipal))
            {
                identity.AddClaim(new Claim("amr", "mfa"));
            }

            return Task.CompletedTask;
        });
        services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme)
            .PostConfigure<IOptions<CaseOptions>, TimeProvider>((cookie, cases, clock) =>
            {
                var inner = cookie.Events.OnValidatePrincipal;
                cookie.Events.OnValidatePrincipal = async context =>
                {
                    await inner(context);
                    if (context.Principal is null || !Roles.CaseRoles.Any(context.Principal.IsInRole))
                    {
                        return;
                    }

                    var now = clock.GetUtcNow();
                    var issued = context.Properties.IssuedUtc ?? now;
                    if (now - issued > TimeSpan.FromMinutes(cases.Value.IdleTimeoutMinutes))
                    {
                        context.RejectPrincipal();
                        await context.HttpContext.RequestServices.GetRequiredService<SignInManager<AppUser>>().SignOutAsync();
                    }
                    else if (now - issued > TimeSpan.FromMinutes(1))
                    {
                        context.ShouldRenew = true; // renewal moves IssuedUtc: the timeout counts from the last request
                    }
                };
            });
        return services;
    }

    /// <summary>Signed in with a second factor in this session (Identity adds amr=mfa after an authenticator code).</summary>
    public static bool UsedTwoFactor(ClaimsPrincipal user) => user.HasClaim("amr", "mfa");
}

/// <summary>Case pages refuse sessions that did not sign in with a second factor, and say how to set one up.</summary>
internal sealed class RequireTwoFactorFilter : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        if (!CasesWeb.UsedTwoFactor(context.HttpContext.User))
        {
            context.Result = new RedirectResult("/cases/two-factor?required=true");
            return;
        }

        await next();
    }
}
