using System.Globalization;
using System.IO.Compression;
using System.Text;
using Clearinghouse.Accounts;
using Clearinghouse.BrowserTests.Infrastructure;
using Clearinghouse.BrowserTests.Pages;
using Xunit.Abstractions;

namespace Clearinghouse.BrowserTests.Activities;

/// <summary>
/// The activities inventory over the demo activities (src/Clearinghouse/Data/Demo/activities.json): the duplicate
/// warning when an editor adds one, the gap map leading to the activities of a cell, and the file download.
/// </summary>
public sealed class ActivitiesTests(BrowserFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    /// <summary>Ongoing demo activities in Kosovo, both in protection and assistance.</summary>
    private const string PristinaShelter = "Pristina shelter for trafficking victims";
    private const string LegalAssistance = "Free legal assistance for trafficking victims in Kosovo";

    /// <summary>A completed demo activity in Kosovo (prosecution, training): not ongoing, not in protection.</summary>
    private const string JudgesTraining = "Training of judges and prosecutors on the trafficking regulation";

    private static readonly string Today = DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Fact]
    public Task An_editor_is_warned_of_a_possible_duplicate_and_saves_only_when_choosing_save_anyway() => RunAsync(async page =>
    {
        var editor = await App.CreateUserAsync(Roles.Editor);
        await new SignInPage(page).OpenAsync();
        await new SignInPage(page).SignInAsync(editor.Email, editor.Password);
        var list = await new ActivitiesPage(page).OpenAsync();
        var before = await CountAsync(list);

        var form = await new ActivityEditPage(page).OpenNewAsync();
        const string title = "Free legal assistance to trafficking victims in Kosovo";
        await form.FillAsync(title, "Ongoing", "XK", "ProtectionAndAssistance");
        await form.SaveButton.ClickAsync();

        await Expect(form.DuplicateWarning).ToBeVisibleAsync();
        await Expect(form.DuplicateWarning).ToContainTextAsync("It has not been saved yet.");
        var candidate = form.Candidate(LegalAssistance);
        await Expect(candidate).ToBeVisibleAsync();
        var score = int.Parse((await ActivityEditPage.Score(candidate).TextContentAsync())!.Trim(), CultureInfo.InvariantCulture);
        Assert.InRange(score, 50, 100);
        await Expect(ActivityEditPage.Reasons(candidate)).ToContainTextAsync("Similar title");
        await Expect(ActivityEditPage.Reasons(candidate)).ToContainTextAsync("Same country");
        await Expect(ActivityEditPage.Reasons(candidate)).ToContainTextAsync("Same thematic area");
        // The form keeps what was typed, and offers to save anyway.
        await Expect(form.Title).ToHaveValueAsync(title);
        await Expect(form.Country("XK")).ToBeCheckedAsync();
        await Expect(form.SaveButton).ToHaveTextAsync("Save anyway");

        // Nothing was saved: the list, looked at in another tab, has as many activities as before.
        var other = new ActivitiesPage(await page.Context.NewPageAsync());
        await other.OpenAsync();
        Assert.Equal(before, await CountAsync(other));
        await other.OpenAsync("?country=XK&q=" + Uri.EscapeDataString(title));
        await Expect(other.Listed(LegalAssistance)).ToHaveCountAsync(1);
        await Expect(other.Listed(title)).ToHaveCountAsync(0);

        await form.SaveButton.ClickAsync();

        await Expect(form.Heading).ToHaveTextAsync(title);
        await Expect(form.DuplicateWarning).ToHaveCountAsync(0);
        await other.OpenAsync();
        Assert.Equal(before + 1, await CountAsync(other));
        await other.OpenAsync("?country=XK&q=" + Uri.EscapeDataString(title));
        await Expect(other.Listed(title)).ToHaveCountAsync(1);
    });

    [Fact]
    public Task A_count_on_the_gap_map_leads_to_the_activities_of_that_country_and_area() => RunAsync(async page =>
    {
        var gaps = await new GapMapPage(page).OpenAsync();
        var count = gaps.CountLink("XK", "ProtectionAndAssistance");
        var shown = int.Parse((await count.TextContentAsync())!.Trim(), CultureInfo.InvariantCulture);
        Assert.True(shown >= 2, $"Kosovo has two ongoing demo activities in protection and assistance; the map shows {shown}.");

        await count.ClickAsync();

        await page.WaitForURLAsync(url => url.Contains("/activities?", StringComparison.Ordinal));
        Assert.Contains("country=XK", page.Url, StringComparison.Ordinal);
        Assert.Contains("area=ProtectionAndAssistance", page.Url, StringComparison.Ordinal);
        var list = new ActivitiesPage(page);
        await Expect(list.CountryFilter).ToHaveValueAsync("XK");
        await Expect(list.AreaFilter).ToHaveValueAsync("ProtectionAndAssistance");
        await Expect(list.Titles).ToHaveCountAsync(shown);
        await Expect(list.Listed(PristinaShelter)).ToHaveCountAsync(1);
        await Expect(list.Listed(LegalAssistance)).ToHaveCountAsync(1);
        await Expect(list.Listed(JudgesTraining)).ToHaveCountAsync(0);
        Assert.Equal(shown, await CountAsync(list));
    });

    [Fact]
    public Task A_visitor_downloads_the_activities_as_csv_and_as_an_excel_workbook() => RunAsync(async page =>
    {
        var export = await new ActivityExportPage(page).OpenAsync();

        var csv = await export.DownloadAsync(export.CsvLink);
        Assert.Equal($"clearinghouse-activities-{Today}.csv", csv.SuggestedFilename);
        var text = await File.ReadAllTextAsync((await csv.PathAsync())!, Encoding.UTF8);
        Assert.StartsWith("slug,title,", text.TrimStart('\uFEFF'), StringComparison.Ordinal);
        Assert.Contains(PristinaShelter, text, StringComparison.Ordinal);

        var xlsx = await export.DownloadAsync(export.XlsxLink);
        Assert.Equal($"clearinghouse-activities-{Today}.xlsx", xlsx.SuggestedFilename);
        using var workbook = ZipFile.OpenRead((await xlsx.PathAsync())!);
        Assert.NotNull(workbook.GetEntry("xl/workbook.xml"));
        var cells = new StringBuilder();
        foreach (var entry in workbook.Entries.Where(e => e.FullName.StartsWith("xl/", StringComparison.Ordinal) && e.FullName.EndsWith(".xml", StringComparison.Ordinal)))
        {
            using var reader = new StreamReader(entry.Open());
            cells.Append(await reader.ReadToEndAsync());
        }

        Assert.Contains(PristinaShelter, cells.ToString(), StringComparison.Ordinal);
    });

    [Fact]
    public Task A_visitor_downloads_the_iati_file_and_the_hxl_tagged_3w_table() => RunAsync(async page =>
    {
        var export = await new ActivityExportPage(page).OpenAsync();

        var iati = await export.DownloadAsync(export.IatiLink);
        Assert.Equal($"clearinghouse-activities-{Today}.xml", iati.SuggestedFilename);
        var document = System.Xml.Linq.XDocument.Load((await iati.PathAsync())!);
        Assert.Equal("iati-activities", document.Root!.Name.LocalName);
        Assert.Equal("2.03", (string?)document.Root.Attribute("version"));
        Assert.Contains(
            document.Root.Elements("iati-activity").Select(a => a.Element("title")?.Element("narrative")?.Value),
            title => title == PristinaShelter);

        var hxl = await export.DownloadAsync(export.HxlLink);
        Assert.Equal($"clearinghouse-activities-{Today}.hxl.csv", hxl.SuggestedFilename);
        var lines = (await File.ReadAllLinesAsync((await hxl.PathAsync())!, Encoding.UTF8)).Select(l => l.TrimStart('\uFEFF')).ToList();
        Assert.StartsWith("Activity,", lines[0], StringComparison.Ordinal); // the readers' header row first,
        Assert.StartsWith("#activity+name,", lines[1], StringComparison.Ordinal); // then the HXL hashtags
        Assert.Contains("#country+code+v_iso2", lines[1], StringComparison.Ordinal);
        Assert.Contains(lines.Skip(2), line => line.Contains(PristinaShelter, StringComparison.Ordinal) && line.Contains(",XK,", StringComparison.Ordinal));
    });

    /// <summary>The number in "N activities" above the list.</summary>
    private static async Task<int> CountAsync(ActivitiesPage list)
    {
        var text = (await list.ResultCount.TextContentAsync())!.Trim();
        return int.Parse(text.Split(' ')[0], NumberStyles.AllowThousands, CultureInfo.GetCultureInfo("en-GB"));
    }
}
