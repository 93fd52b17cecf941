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
}
