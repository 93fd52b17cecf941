using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Clearinghouse.Web.Shared;

/// <summary>The error page for people (the API answers ProblemDetails instead). Never shows a stack trace.</summary>
[IgnoreAntiforgeryToken]
internal sealed class ErrorModel(IStringLocalizer<SharedResource> t) : PageModel
{
    public string Title { get; private set; } = string.Empty;

    public string Message { get; private set; } = string.Empty;

    public void OnGet(int? code) => Describe(code);

    public void OnPost(int? code) => Describe(code);

    private void Describe(int? code)
    {
        // The re-execute feature knows the status even when a POST's form cannot be read to bind `code` (a body over the size limit).
        var status = code ?? HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodeReExecuteFeature>()?.OriginalStatusCode ?? StatusCodes.Status500InternalServerError;
        (Title, Message) = status switch
        {
            404 => (t["Page not found"].Value, t["If you typed the address, check it is correct. The page may also have been retired."].Value),
            403 => (t["You cannot see this page"].Value, t["Your account does not give you access to this page."].Value),
            429 => (t["Too many requests"].Value, t["Wait a minute and try again."].Value),
            400 => (t["Something was wrong with the request"].Value, t["Go back, reload the page and try again."].Value),
            _ => (t["Sorry, there is a problem with the service"].Value, t["Try again later. Nothing you entered has been saved in a half-finished state."].Value),
        };
        Response.StatusCode = status;
    }
}
