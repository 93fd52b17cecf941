using Clearinghouse.Accounts;
using Clearinghouse.BrowserTests.Infrastructure;
using Clearinghouse.BrowserTests.Pages;
using Xunit.Abstractions;

namespace Clearinghouse.BrowserTests.Cases;

public sealed class CaseWorkTests(BrowserFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    [Fact]
    public async Task A_case_is_registered_referred_to_a_shelter_accepted_there_and_an_overdue_step_becomes_a_task()
    {
        var ngo = await App.OrganisationIdAsync("la-strada-moldova");
        var shelter = await App.OrganisationIdAsync("pristina-shelter");
        var worker = await App.CreateUserAsync(Roles.CaseWorker, ngo);
        var receiver = await App.CreateUserAsync(Roles.CaseWorker, shelter);
        var receiverKey = await App.EnableTwoFactorAsync(receiver);
        var family = "Browserova" + Guid.NewGuid().ToString("N")[..6];
        string caseNumber = string.Empty;

        await RunAsync(async page =>
        {
            var cases = new CasesPage(page);
            await new SignInPage(page).OpenAsync();
            await new SignInPage(page).SignInAsync(worker.Email, worker.Password);
            await page.GotoAsync("/cases");
            await Expect(page.Locator("#two-factor-required")).ToBeVisibleAsync();
            await cases.EnrolInTwoFactorAsync();

            await cases.RegisterAsync("Ina", family);
            caseNumber = (await cases.CaseNumber.InnerTextAsync()).Trim();
            await Expect(page.Locator("#personal-data")).ToContainTextAsync(family);

            await cases.RecordReferralConsentAsync();
            await cases.ReferToServiceAsync("Pristina shelter for trafficked women");

            await cases.AddStepAsync("ShelterPlacement", DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-3));
            await page.Locator("a.govuk-breadcrumbs__link[href='/cases']").ClickAsync();
            var task = cases.Tasks.Locator("tr").Filter(new() { HasText = caseNumber }).Filter(new() { HasText = "Shelter placement" });
            await Expect(task).ToContainTextAsync("Overdue");
        });

        await RunAsync(async page =>
        {
            var cases = new CasesPage(page);
            await cases.SignInWithCodeAsync(receiver, receiverKey);
            await page.GotoAsync("/cases");
            await page.Locator("#incoming-referrals").ClickAsync();
            await page.Locator("#incoming a").Filter(new() { HasText = caseNumber }).ClickAsync();
            await Expect(cases.ReferralStatus).ToHaveTextAsync("Sent");
            await Expect(cases.Main).Not.ToContainTextAsync(family); // no data-sharing consent: the shelter sees no name
            await page.Locator("#accept").ClickAsync();
            await Expect(cases.ReferralStatus).ToHaveTextAsync("Accepted");
        });
    }

    [Fact]
    public async Task Two_factor_set_up_shows_a_scannable_qr_code_with_the_key_and_turns_on_with_the_apps_code()
    {
        var ngo = await App.OrganisationIdAsync("la-strada-moldova");
        var worker = await App.CreateUserAsync(Roles.CaseWorker, ngo);

        await RunAsync(async page =>
        {
            var cases = new CasesPage(page);
            await new SignInPage(page).OpenAsync();
            await new SignInPage(page).SignInAsync(worker.Email, worker.Password);
            await page.GotoAsync("/cases");
            await Expect(page.Locator("#two-factor-required")).ToBeVisibleAsync();

            // The QR code is drawn (an SVG from the server, no script), big enough to scan, square, and named for screen readers.
            var qr = page.Locator("#authenticator-qr");
            await Expect(qr).ToBeVisibleAsync();
            await Expect(qr).ToHaveAttributeAsync("role", "img");
            await Expect(qr).ToHaveAttributeAsync("aria-label", "QR code for setting up an authenticator app");
            var svg = qr.Locator("svg");
            await Expect(svg).ToBeVisibleAsync();
            var box = await svg.BoundingBoxAsync() ?? throw new InvalidOperationException("The QR code has no size on the page.");
            Assert.True(box.Width >= 150 && box.Height >= 150, $"a phone camera needs a QR code of some size; it is {box.Width}x{box.Height} px");
            Assert.InRange(box.Width / box.Height, 0.95, 1.05);
            Assert.True(await svg.Locator("path, rect").CountAsync() > 0, "the SVG draws the code's modules");

            // The code carries the same key as the text beside it, for people who type it in.
            var key = (await cases.SharedKey.InnerTextAsync()).Trim();
            await page.Locator("details:has(#authenticator-uri) summary").ClickAsync();
            var uri = (await page.Locator("#authenticator-uri").InnerTextAsync()).Trim();
            Assert.StartsWith("otpauth://totp/", uri, StringComparison.Ordinal);
            Assert.Contains("secret=" + key.Replace(" ", string.Empty, StringComparison.Ordinal).ToUpperInvariant(), uri, StringComparison.Ordinal);

            await cases.EnrolInTwoFactorAsync();
            await page.GotoAsync("/cases/two-factor");
            await Expect(page.Locator("#two-factor-on")).ToBeVisibleAsync();
            await Expect(page.Locator("#authenticator-qr")).ToHaveCountAsync(0);
        });
    }
}
