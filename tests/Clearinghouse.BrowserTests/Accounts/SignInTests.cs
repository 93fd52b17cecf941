using Clearinghouse.Accounts;
using Clearinghouse.BrowserTests.Infrastructure;
using Clearinghouse.BrowserTests.Pages;
using Xunit.Abstractions;

namespace Clearinghouse.BrowserTests.Accounts;

public sealed class SignInTests(BrowserFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    [Fact]
    public Task Sign_in_shows_restricted_contacts() => RunAsync(async page =>
    {
        var reader = await App.CreateUserAsync(Roles.Reader);
        var organisation = await new OrganisationPage(page).OpenAsync(Demo.MissionInKosovo.Slug);
        await Expect(organisation.PartnersOnlyTags).ToHaveCountAsync(0);

        await organisation.SignInLink.ClickAsync();
        await new SignInPage(page).SignInAsync(reader.Email, reader.Password);
        await organisation.OpenAsync(Demo.MissionInKosovo.Slug);

        // The menu names the signed-in account.
        await Expect(organisation.AccountLink).ToHaveTextAsync(reader.DisplayName);
        var focalPoint = organisation.Person(Demo.MissionInKosovo.FocalPoint);
        await Expect(focalPoint.GetByText("Partners only", new() { Exact = true })).ToBeVisibleAsync();
        await Expect(focalPoint).ToContainTextAsync(Demo.MissionInKosovo.FocalPointDirectPhone);
        await Expect(focalPoint).ToContainTextAsync(Demo.MissionInKosovo.FocalPointPersonalEmail);
        // Only the people who have restricted details get the block: two of the three in the demo data.
        await Expect(organisation.RestrictedContacts).ToHaveCountAsync(2);

        await organisation.SignOutAsync();
        await organisation.OpenAsync(Demo.MissionInKosovo.Slug);

        await Expect(organisation.PartnersOnlyTags).ToHaveCountAsync(0);
        await Expect(organisation.Main).Not.ToContainTextAsync(Demo.MissionInKosovo.FocalPointDirectPhone);
    });

    [Fact]
    public Task Wrong_password_keeps_the_visitor_signed_out() => RunAsync(async page =>
    {
        var reader = await App.CreateUserAsync(Roles.Reader);
        var signIn = await new SignInPage(page).OpenAsync();

        await signIn.Email.FillAsync(reader.Email);
        await signIn.Password.FillAsync("not the password");
        await signIn.SignInButton.ClickAsync();

        await Expect(signIn.Error).ToContainTextAsync("The e-mail address or password is not right.");
        await Expect(signIn.Email).ToHaveValueAsync(reader.Email);
        await Expect(signIn.SignInLink).ToBeVisibleAsync();
        await Expect(signIn.AccountLink).ToHaveCountAsync(0);
    });
}
