using System.Security.Cryptography;
using System.Text;
using Clearinghouse.Accounts;
using Clearinghouse.BrowserTests.Infrastructure;
using Clearinghouse.BrowserTests.Pages;
using Xunit.Abstractions;

namespace Clearinghouse.BrowserTests.Library;

public sealed class LibraryTests(BrowserFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    [Fact]
    public Task Editor_uploads_a_document_finds_it_by_its_text_and_a_facet_and_downloads_the_same_file() => RunAsync(async page =>
    {
        var word = Word();
        var title = $"Recognising forced labour on farms: a course for labour inspectors ({word})";
        var file = Html($"<h1>Course notes</h1><p>Inspectors who visit farms ask the workers about {word} wages and who keeps their passports.</p>");
        await SignInAsync(page, Roles.Editor);
        var library = await new LibraryPage(page).OpenAsync();

        await library.AddDocumentButton.ClickAsync();
        var form = new LibraryAddPage(page);
        await form.File.SetInputFilesAsync(new FilePayload { Name = "course-notes.html", MimeType = "text/html", Buffer = file });
        await form.Title.FillAsync(title);
        await form.Language.FillAsync("en");
        await form.Summary.FillAsync("A one-day course on spotting forced labour during farm inspections.");
        await form.Type.SelectOptionAsync("TrainingMaterial");
        await form.Authors.FillAsync("Training Unit");
        await form.PublicationYear.FillAsync("2025");
        await form.Checkbox("themes", "TrainingAndCapacityBuilding").CheckAsync();
        await form.Checkbox("audiences", "LabourInspectors").CheckAsync();
        await form.Checkbox("countries", "MD").CheckAsync();
        await form.Provenance.FillAsync("Written for this test");
        await form.AuthorLookup.FillAsync(Demo.MissionInKosovo.FocalPoint);
        await form.ActivityLookup.FillAsync(ShelterNetwork);
        await form.SaveButton.ClickAsync();

        // The document page shows what was entered.
        var document = new LibraryDocumentPage(page);
        await Expect(document.Notice).ToBeVisibleAsync();
        await Expect(document.Title).ToHaveTextAsync(title);
        await Expect(document.MetadataValue("Type of document")).ToHaveTextAsync("Training material");
        await Expect(document.MetadataValue("Audience")).ToHaveTextAsync("Labour inspectors");
        await Expect(document.MetadataValue("Countries covered")).ToContainTextAsync("Moldova");
        await Expect(document.MetadataValue("Published")).ToHaveTextAsync("2025");
        var author = document.MetadataValue("Authors in the directory").GetByRole(AriaRole.Link, new() { Name = Demo.MissionInKosovo.FocalPoint });
        await Expect(author).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex($"^/directory/{Demo.MissionInKosovo.Slug}#person-[0-9a-f-]{{36}}$"));
        await Expect(document.MetadataValue("Related activities")).ToContainTextAsync(ShelterNetwork);
        await Expect(document.Opening).ToContainTextAsync($"Course notes Inspectors who visit farms ask the workers about {word} wages");
        await Expect(document.DownloadLink).ToHaveTextAsync("course-notes.html");
        var documentUrl = page.Url;

        // Its text is searchable, with the word highlighted in the snippet.
        await library.OpenAsync();
        await library.SearchAsync(word);
        await Expect(library.ResultCount).ToHaveTextAsync("1 document");
        await Expect(library.ResultLinks).ToHaveTextAsync([title]);
        await Expect(library.Highlights.First).ToHaveTextAsync(word);

        // Facets: the count shown is the number of documents the click then lists.
        await library.OpenAsync();
        await Expect(library.FacetItem("type", "TrainingMaterial")).ToContainTextAsync("Training material (1)");
        var reports = await CountOfAsync(library.FacetItem("type", "ResearchReport"));
        Assert.True(reports > 1, $"The demo catalogue should have several research reports, the facet says {reports}.");
        await library.FacetLink("type", "ResearchReport").ClickAsync();
        await Expect(library.ResultCount).ToHaveTextAsync($"{reports} documents");
        await Expect(library.ChosenFacet("type")).ToHaveTextAsync($"Research report ({reports})");
        await Expect(library.ResultLinks.Filter(new() { HasTextString = word })).ToHaveCountAsync(0);
        await library.OpenAsync();
        await library.FacetLink("audience", "LabourInspectors").ClickAsync();
        await Expect(library.ResultLinks.Filter(new() { HasTextString = word })).ToHaveCountAsync(1);
        await library.FacetLink("type", "TrainingMaterial").ClickAsync();
        Assert.Contains("audience=LabourInspectors", page.Url, StringComparison.Ordinal);
        Assert.Contains("type=TrainingMaterial", page.Url, StringComparison.Ordinal);
        await Expect(library.ResultCount).ToHaveTextAsync("1 document");

        // Open the result and download the file: the very bytes that were uploaded.
        await library.ResultLinks.First.ClickAsync();
        await Expect(document.Title).ToHaveTextAsync(title);
        Assert.StartsWith(documentUrl, page.Url, StringComparison.Ordinal);
        var downloaded = await document.DownloadAsync();
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(file)), Convert.ToHexStringLower(SHA256.HashData(downloaded)));
    });

    [Fact]
    public Task A_partners_only_document_is_hidden_from_anonymous_visitors_in_results_facets_and_its_page() => RunAsync(async page =>
    {
        var word = Word();
        var title = $"Partners' notes on a shelter referral meeting ({word})";
        await SignInAsync(page, Roles.Editor);
        var form = await new LibraryAddPage(page).OpenAsync();
        await form.File.SetInputFilesAsync(new FilePayload { Name = "notes.html", MimeType = "text/html", Buffer = Html($"<p>Minutes: {word} referrals were discussed.</p>") });
        await form.Title.FillAsync(title);
        await form.Language.FillAsync("en");
        await form.Type.SelectOptionAsync("CodeOfEthics");
        await form.AccessLevel.SelectOptionAsync("Partners");
        await form.SaveButton.ClickAsync();
        var document = new LibraryDocumentPage(page);
        await Expect(document.AccessLevel).ToHaveTextAsync("Partners only");
        var documentPath = new Uri(page.Url).AbsolutePath;

        // A signed-in reader (a partner) finds it.
        await using (var readerContext = await Fixture.NewContextAsync())
        {
            var readerPage = await readerContext.NewPageAsync();
            await SignInAsync(readerPage, Roles.Reader);
            var readerLibrary = await new LibraryPage(readerPage).OpenAsync("?q=" + word);
            await Expect(readerLibrary.ResultLinks).ToHaveTextAsync([title]);
        }

        // An anonymous visitor does not: no result, no facet count, no page.
        await using var anonymousContext = await Fixture.NewContextAsync();
        var anonymous = await anonymousContext.NewPageAsync();
        var library = await new LibraryPage(anonymous).OpenAsync("?q=" + word);
        await Expect(library.ResultCount).ToHaveTextAsync("0 documents");
        await Expect(library.Results).ToHaveCountAsync(0);
        await Expect(library.Facets.Locator("li")).ToHaveCountAsync(0);
        await library.OpenAsync();
        await Expect(library.FacetGroup("type")).ToBeVisibleAsync();
        await Expect(library.FacetLink("type", "CodeOfEthics")).ToHaveCountAsync(0);
        await Expect(library.Main).Not.ToContainTextAsync(word);
        var direct = await anonymous.GotoAsync(documentPath);
        Assert.Equal(404, direct!.Status);
        await Expect(anonymous.Locator("body")).Not.ToContainTextAsync(word);
    });

    /// <summary>A published demo activity (src/Clearinghouse/Data/Demo/activities.json).</summary>
    private const string ShelterNetwork = "Network of shelters for long-term stay";

    private async Task SignInAsync(IPage page, string role)
    {
        var account = await App.CreateUserAsync(role);
        var signIn = await new SignInPage(page).OpenAsync();
        await signIn.SignInAsync(account.Email, account.Password);
    }

    /// <summary>A made-up word found in no other document, so a search for it finds only this test's upload.</summary>
    private static string Word() => "qz" + Guid.NewGuid().ToString("N")[..10];

    private static byte[] Html(string body) =>
        Encoding.UTF8.GetBytes($"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Test document</title></head><body>{body}</body></html>");

    /// <summary>The count in brackets after a facet value, e.g. 7 from "Research report (7)".</summary>
    private static async Task<int> CountOfAsync(ILocator facetItem)
    {
        var text = await facetItem.InnerTextAsync();
        var match = System.Text.RegularExpressions.Regex.Match(text, @"\((\d+)\)\s*$");
        Assert.True(match.Success, $"No count in '{text}'.");
        return int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }
}
