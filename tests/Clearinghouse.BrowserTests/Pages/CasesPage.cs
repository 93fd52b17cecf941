using Clearinghouse.BrowserTests.Infrastructure;
using Clearinghouse.Testing;

namespace Clearinghouse.BrowserTests.Pages;

/// <summary>The case worker's pages: two-factor sign-in, the task dashboard, registering a case, a case, referrals.</summary>
internal sealed class CasesPage(IPage page) : AppPage(page)
{
    public ILocator SharedKey => Page.Locator("#shared-key");

    public ILocator CaseNumber => Page.Locator("#case-number");

    public ILocator Tasks => Page.Locator("#tasks");

    public ILocator Referrals => Page.Locator("#referrals");

    public ILocator ReferralStatus => Page.Locator("#referral-status");

    public ILocator ErrorSummary => Page.Locator(".govuk-error-summary");

    /// <summary>Signs in with the password, then with the code from the authenticator key (the account has two-factor on).</summary>
    public async Task SignInWithCodeAsync(Account account, string key)
    {
        await Page.GotoAsync("/accounts/sign-in");
        await Page.Locator("#email").FillAsync(account.Email);
        await Page.Locator("#password").FillAsync(account.Password);
        await Page.Locator("#sign-in").ClickAsync();
        await Expect(Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/accounts/sign-in-code"));
        await Page.Locator("#code").FillAsync(Totp.Code(key));
        await Page.Locator("#sign-in-code").ClickAsync();
        await Expect(AccountLink).ToBeVisibleAsync();
    }

    /// <summary>On /cases/two-factor: reads the key shown, enters the code an app would compute, and lands on the dashboard.</summary>
    public async Task EnrolInTwoFactorAsync()
    {
        var key = (await SharedKey.InnerTextAsync()).Trim();
        await Page.Locator("#code").FillAsync(Totp.Code(key));
        await Page.Locator("#enable-two-factor").ClickAsync();
        await Expect(Heading).ToHaveTextAsync("My tasks");
    }

    /// <summary>Fills in the registration form with an invented person and the statistics, and registers the case.</summary>
    public async Task RegisterAsync(string givenName, string familyName)
    {
        await Page.Locator("#register-case").ClickAsync();
        await Page.Locator("#givenName").FillAsync(givenName);
        await Page.Locator("#familyName").FillAsync(familyName);
        await Page.Locator("#narrative").FillAsync("FICTITIOUS person invented for a browser test.");
        await Page.Locator("#gender").SelectOptionAsync("Feminine");
        await Page.Locator("#ageAtIdentification").FillAsync("24");
        await Page.Locator("#formsOfExploitation-SexualExploitation").CheckAsync();
        await Page.Locator("#identificationChannel").SelectOptionAsync("NgoOutreach");
        await Page.Locator("#identifiedOn").FillAsync(DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await Page.Locator("#identificationStatus").SelectOptionAsync("Presumed");
        await Page.Locator("#riskLevel").SelectOptionAsync("Medium");
        await Page.Locator("#save").ClickAsync();
        await Expect(CaseNumber).ToBeVisibleAsync();
    }

    /// <summary>Records the person's consent to be referred (given today).</summary>
    public async Task RecordReferralConsentAsync()
    {
        await Page.Locator("#consent-form").Locator("xpath=ancestor::details").Locator("summary").ClickAsync();
        await Page.Locator("#scope").SelectOptionAsync("Referral");
        await Page.Locator("#record-consent").ClickAsync();
        await Expect(Page.Locator("#consents")).ToContainTextAsync("Referral");
    }

    /// <summary>Sends a referral to one service chosen by (part of) its label in the service list.</summary>
    public async Task ReferToServiceAsync(string serviceLabel)
    {
        await Page.Locator("#referral-form").Locator("xpath=ancestor::details").Locator("summary").ClickAsync();
        var option = Page.Locator("#serviceId option").Filter(new() { HasText = serviceLabel });
        var value = await option.GetAttributeAsync("value") ?? throw new InvalidOperationException("No such service: " + serviceLabel);
        await Page.Locator("#serviceId").SelectOptionAsync(value);
        await Page.Locator("#send-referral").ClickAsync();
        await Expect(Referrals).ToContainTextAsync(serviceLabel);
    }

    /// <summary>Adds a step to the case's timeline, due on the date given.</summary>
    public async Task AddStepAsync(string kind, DateOnly dueOn)
    {
        await Page.Locator("#kind").SelectOptionAsync(kind);
        await Page.Locator("#dueOn").FillAsync(dueOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await Page.Locator("#add-step").ClickAsync();
    }
}
