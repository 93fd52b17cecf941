namespace Clearinghouse.BrowserTests.Pages;

internal sealed class SignInPage(IPage page) : AppPage(page)
{
    public ILocator Email => Page.Locator("#email");

    public ILocator Password => Page.Locator("#password");

    public ILocator SignInButton => Page.Locator("#sign-in");

    public ILocator Error => Page.Locator("#sign-in-error");

    public async Task<SignInPage> OpenAsync(string? returnUrl = null)
    {
        await Page.GotoAsync("/accounts/sign-in" + (returnUrl is null ? "" : "?returnUrl=" + Uri.EscapeDataString(returnUrl)));
        return this;
    }

    /// <summary>Fills in the form and submits it; waits until the menu shows the signed-in account.</summary>
    public async Task SignInAsync(string email, string password)
    {
        await Email.FillAsync(email);
        await Password.FillAsync(password);
        await SignInButton.ClickAsync();
        await Expect(AccountLink).ToBeVisibleAsync();
    }
}
