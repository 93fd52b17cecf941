using Clearinghouse.Accounts;
using Clearinghouse.BrowserTests.Infrastructure;
using Clearinghouse.BrowserTests.Pages;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Clearinghouse.BrowserTests.Directory;

public sealed class EditingAndImportTests(BrowserFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    [Fact]
    public Task Editor_changes_an_organisation_and_the_history_shows_the_change() => RunAsync(async page =>
    {
        var editor = await App.CreateUserAsync(Roles.Editor);
        await new SignInPage(page).OpenAsync();
        await new SignInPage(page).SignInAsync(editor.Email, editor.Password);
        var organisation = await new OrganisationPage(page).OpenAsync("la-strada-moldova");
        const string newDescription = "Runs a hotline and a day centre; this sentence was written by the browser test.";

        await organisation.EditButton.ClickAsync();
        await page.Locator("#description").FillAsync(newDescription);
        await page.Locator("#save").ClickAsync();

        await Expect(page.Locator("#notice")).ToBeVisibleAsync();
        await Expect(organisation.Main).ToContainTextAsync(newDescription);
        await organisation.HistoryLink.ClickAsync();
        var latest = page.Locator("table tbody tr").First;
        await Expect(latest).ToContainTextAsync(newDescription);
        await Expect(latest).ToContainTextAsync(editor.Email);
    });

    [Fact]
    public Task Editor_sees_every_problem_of_a_bad_import_file_and_nothing_is_imported() => RunAsync(async page =>
    {
        var editor = await App.CreateUserAsync(Roles.Editor);
        await new SignInPage(page).OpenAsync();
        await new SignInPage(page).SignInAsync(editor.Email, editor.Password);
        var csv = string.Join("\r\n",
            "slug,name,acronym,type,country,countries_active,thematic_areas,target_groups,description,website,public_email,public_phone,address,name_ru,description_ru",
            ",Blue Harbour Helpline,,Ngo,QQ,,,,,,,,,,",
            ",,,Ngo,MD,,,,,,not-an-email,,,,",
            ",Green Valley Shelter,,Ngo,MD,,,,,,,,,,");

        await page.GotoAsync("/directory/import");
        await page.Locator("#file").SetInputFilesAsync(new FilePayload { Name = "organisations.csv", MimeType = "text/csv", Buffer = System.Text.Encoding.UTF8.GetBytes(csv) });
        await page.Locator("#start-import").ClickAsync();

        var errors = page.Locator("#import-errors");
        await Expect(errors).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Expect(errors).ToContainTextAsync("QQ");
        // Row 2: unknown country; row 3: no name and a bad e-mail address; row 4 is fine.
        await Expect(errors.Locator("tbody tr")).ToHaveCountAsync(3);
        await Expect(errors).ToContainTextAsync("not-an-email");
        await Expect(page.Locator(".govuk-error-summary")).ToBeVisibleAsync();

        // Nothing was imported, not even the good third row.
        var directory = await new DirectoryPage(page).OpenAsync("?q=Green+Valley+Shelter");
        await Expect(directory.ResultCount).ToHaveTextAsync("0 organisations");
    });
}
