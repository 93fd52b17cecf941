using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Clearinghouse.Accounts;
using Clearinghouse.Cases;
using Clearinghouse.Common;
using Clearinghouse.Data;
using Clearinghouse.Statistics;
using Clearinghouse.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Clearinghouse.Tests.Statistics;

/// <summary>
/// Statistics through the real pipeline on both databases. Each test uses its own year (1996, 1997, ...) so the
/// demo data (recent years) and the other tests' cases never land in its tables.
/// </summary>
public sealed class StatisticsTests(Apps apps) : IClassFixture<Apps>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerOptions.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    [Theory]
    [MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task Public_table_hides_k_minus_1_and_its_protecting_cells_and_publishes_k_and_k_plus_1(Provider provider)
    {
        var app = await apps.For(provider);
        // Sex by form of exploitation in 1996, computed by hand:
        //              Sexual  Labour  Begging | total
        //   Female        4       5       6    |  15
        //   Male         10       7       3    |  20
        //   total        14      12       9    |  35
        // 4 and 3 are under k = 5; the cheapest cycle through both also hides Female×Begging (6) and Male×Sexual (10).
        await app.AddCasesAsync(1996, (Gender.Feminine, FormOfExploitation.SexualExploitation, 4), (Gender.Feminine, FormOfExploitation.ForcedLabour, 5),
            (Gender.Feminine, FormOfExploitation.ForcedBegging, 6), (Gender.Masculine, FormOfExploitation.SexualExploitation, 10),
            (Gender.Masculine, FormOfExploitation.ForcedLabour, 7), (Gender.Masculine, FormOfExploitation.ForcedBegging, 3));

        var table = await GetTableAsync(app.CreateBrowser(), "/api/v1/statistics/table?period=1996&rows=Sex&columns=FormOfExploitation");
        var female = Row(table, "Feminine");
        var male = Row(table, "Masculine");

        Assert.Equal("1996", table.GetProperty("period").GetString());
        Assert.Equal(["<5", "5", "x"], Columns(table, female, "SexualExploitation", "ForcedLabour", "ForcedBegging"));
        Assert.Equal(["x", "7", "<5"], Columns(table, male, "SexualExploitation", "ForcedLabour", "ForcedBegging"));
        Assert.Equal("15", table.GetProperty("rowTotals")[female].GetProperty("display").GetString());
        Assert.Equal("35", table.GetProperty("total").GetProperty("display").GetString());
        Assert.True(table.GetProperty("cells")[female][Column(table, "SexualExploitation")].GetProperty("value").ValueKind == JsonValueKind.Null);

        // The page shows the same cells to the same (anonymous) caller.
        var page = await app.CreateBrowser().GetHtmlAsync("/statistics?period=1996&rows=Sex&columns=FormOfExploitation");
        Assert.Contains("<caption class=\"govuk-table__caption govuk-table__caption--s\">Persons identified (1996)</caption>", page, StringComparison.Ordinal);
        Assert.Matches("Female</th>\\s*<td[^>]*>&lt;5|Female</th>\\s*<td[^>]*><5", page);
    }

    [Theory]
    [MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task A_missing_value_is_counted_as_unknown_in_two_way_tables_as_in_one_way_tables(Provider provider)
    {
        var app = await apps.For(provider);
        // 1995, no form of exploitation recorded for 7 women and 5 men:
        //              Sexual  Labour  Unknown | total
        //   Female        6       0       7    |  13
        //   Male          0       8       5    |  13
        await app.AddCasesAsync(1995, (Gender.Feminine, FormOfExploitation.SexualExploitation, 6), (Gender.Feminine, null, 7),
            (Gender.Masculine, FormOfExploitation.ForcedLabour, 8), (Gender.Masculine, null, 5));
        var partner = await app.CreateApiClientAsync(Roles.StatisticsPartner);

        var crossed = await GetTableAsync(partner, "/api/v1/statistics/table?period=1995&rows=Sex&columns=FormOfExploitation");
        var transposed = await GetTableAsync(partner, "/api/v1/statistics/table?period=1995&rows=FormOfExploitation&columns=Sex");
        var oneWay = await GetTableAsync(partner, "/api/v1/statistics/table?period=1995&rows=FormOfExploitation");

        Assert.Equal(["6", "0", "7"], Columns(crossed, Row(crossed, "Feminine"), "SexualExploitation", "ForcedLabour", "Unknown"));
        Assert.Equal(["0", "8", "5"], Columns(crossed, Row(crossed, "Masculine"), "SexualExploitation", "ForcedLabour", "Unknown"));
        Assert.DoesNotContain(string.Empty, crossed.GetProperty("columnCategories").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(["7", "5"], Columns(transposed, Row(transposed, "Unknown"), "Feminine", "Masculine"));
        Assert.Equal(12, oneWay.GetProperty("rowTotals")[Row(oneWay, "Unknown")].GetProperty("value").GetInt64());
        Assert.Equal(12, crossed.GetProperty("columnTotals")[Column(crossed, "Unknown")].GetProperty("value").GetInt64());
    }

    [Theory]
    [MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task The_report_trend_counted_in_one_read_publishes_each_year_as_its_own_table(Provider provider)
    {
        var app = await apps.For(provider);
        // The trend of a 1989 report covers 1984..1989: 8 women in 1987; 6 women and 7 men in 1989; nobody else.
        await app.AddCasesAsync(1987, (Gender.Feminine, FormOfExploitation.ForcedLabour, 8));
        await app.AddCasesAsync(new DateOnly(1989, 1, 1), (Gender.Feminine, FormOfExploitation.ForcedLabour, 6));
        await app.AddCasesAsync(new DateOnly(1989, 12, 31), (Gender.Masculine, FormOfExploitation.ForcedLabour, 7));
        await using var scope = app.Services.CreateAsyncScope();
        var reports = scope.ServiceProvider.GetRequiredService<Clearinghouse.Web.Statistics.StatisticsReports>();
        var publisher = scope.ServiceProvider.GetRequiredService<StatisticsPublisher>();

        var report = await reports.BuildAsync(StatisticsPeriod.Year(1989), Measure.Identified, null, CancellationToken.None);

        Assert.Equal([1984, 1985, 1986, 1987, 1988, 1989], report.Trend.Select(t => t.Year));
        Assert.Equal(["0", "0", "0", "8", "0", "13"], report.Trend.Select(t => t.Table.Total.Display));
        foreach (var (year, table) in report.Trend)
        {
            var alone = await publisher.TableAsync(StatisticsPeriod.Year(year), Measure.Identified, Dimension.Sex, null, null, CancellationToken.None);
            Assert.Equal(JsonSerializer.Serialize(alone, Json), JsonSerializer.Serialize(table, Json));
        }
    }

    [Theory]
    [MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task Statistics_partners_see_exact_aggregates_and_readers_do_not(Provider provider)
    {
        var app = await apps.For(provider);
        await app.AddCasesAsync(1999, (Gender.Feminine, FormOfExploitation.ForcedMarriage, 2), (Gender.Masculine, FormOfExploitation.ForcedMarriage, 9));
        const string url = "/api/v1/statistics/table?period=1999&rows=Sex";

        var partner = await GetTableAsync(await app.CreateApiClientAsync(Roles.StatisticsPartner), url);
        var reader = await GetTableAsync(await app.CreateApiClientAsync(Roles.Reader), url);

        Assert.Equal(2, partner.GetProperty("rowTotals")[Row(partner, "Feminine")].GetProperty("value").GetInt64());
        Assert.False(partner.GetProperty("suppressed").GetBoolean());
        Assert.Equal("<5", reader.GetProperty("rowTotals")[Row(reader, "Feminine")].GetProperty("display").GetString());
        Assert.Equal("x", reader.GetProperty("rowTotals")[Row(reader, "Masculine")].GetProperty("display").GetString());
    }

    [Theory]
    [MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task Periods_count_by_identification_date_and_are_labelled(Provider provider)
    {
        var app = await apps.For(provider);
        await app.AddCasesAsync(new DateOnly(1997, 3, 31), (Gender.Feminine, FormOfExploitation.ForcedLabour, 6));
        await app.AddCasesAsync(new DateOnly(1997, 4, 1), (Gender.Feminine, FormOfExploitation.ForcedLabour, 7));
        var partner = await app.CreateApiClientAsync(Roles.StatisticsPartner);

        var q1 = await GetTableAsync(partner, "/api/v1/statistics/table?period=1997-Q1&rows=Sex");
        var q2 = await GetTableAsync(partner, "/api/v1/statistics/table?period=1997Q2&rows=Sex");
        var year = await GetTableAsync(partner, "/api/v1/statistics/table?period=1997&rows=Sex");
        var range = await GetTableAsync(partner, "/api/v1/statistics/table?period=1997-03-31..1997-04-01&rows=Sex");
        var bad = await partner.GetAsync("/api/v1/statistics/table?period=last-spring");

        Assert.Equal(("1997-Q1", 6L), (q1.GetProperty("period").GetString(), q1.GetProperty("total").GetProperty("value").GetInt64()));
        Assert.Equal(("1997-Q2", 7L), (q2.GetProperty("period").GetString(), q2.GetProperty("total").GetProperty("value").GetInt64()));
        Assert.Equal(("1997", 13L), (year.GetProperty("period").GetString(), year.GetProperty("total").GetProperty("value").GetInt64()));
        Assert.Equal(("1997-03-31 – 1997-04-01", 13L), (range.GetProperty("period").GetString(), range.GetProperty("total").GetProperty("value").GetInt64()));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("period", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task Imported_data_set_is_counted_once_and_a_bad_file_writes_nothing(Provider provider)
    {
        var app = await apps.For(provider);
        var source = "Test source " + Guid.NewGuid().ToString("N")[..6];
        var good = Ctdc(
            "2003,Female,18--20,Adult,MD,DE,1,0",
            "2003,Female,27--29,Adult,MD,DE,1,0",
            "2003,Male,30--38,Adult,UA,PL,0,1",
            "2003,Male,9--17,Minor,UA,UA,0,1",
            "2003,Female,0--8,Minor,MD,MD,1,1",
            "2003,Female,48+,Adult,RO,IT,0,1");
        var bad = Ctdc(
            "2003,Female,18--20,Adult,MD,DE,1,0",
            "twenty,Female,18--20,Adult,MD,DE,1,0",
            "2003,Woman,18--20,Adult,ZZ,DE,1,0",
            "2003,Male,18--20,Adult,UA,PL,yes,0");
        var partner = await app.CreateApiClientAsync(Roles.StatisticsPartner);

        var first = await app.ImportAsync(good, source);
        var again = await app.ImportAsync(good, source);
        var refused = await app.ImportAsync(bad, source + " bad");
        var table = await GetTableAsync(partner, "/api/v1/statistics/table?period=2003&rows=FormOfExploitation&columns=Sex");
        var newer = await app.ImportAsync(good + "2003,Male,39--47,Adult,UA,PL,0,1\n", source);
        var after = await GetTableAsync(partner, "/api/v1/statistics/table?period=2003&rows=Sex");
        var datasets = await app.QueryAsync(db => db.StatisticsDatasets.Where(d => d.Source.StartsWith(source)).ToListAsync());

        Assert.NotNull(first.Dataset);
        Assert.Null(again.Dataset);
        Assert.Contains("imported before", again.Problems.Single().Problem, StringComparison.Ordinal);
        Assert.Null(refused.Dataset);
        Assert.Equal([(3L, "yearOfRegistration"), (4L, "gender"), (4L, "citizenship"), (5L, "isSexualExploit")], refused.Problems.Select(p => (p.Row ?? 0, p.Column)).ToArray());
        Assert.DoesNotContain(datasets, d => d.Source == source + " bad");
        Assert.Equal(6, table.GetProperty("total").GetProperty("value").GetInt64());
        Assert.Equal(1, table.GetProperty("cells")[Row(table, "Multiple")][Column(table, "Feminine")].GetProperty("value").GetInt64());
        Assert.Equal(3, table.GetProperty("cells")[Row(table, "ForcedLabour")].EnumerateArray().Sum(c => c.GetProperty("value").GetInt64()));
        Assert.NotNull(newer.Dataset);
        Assert.Equal(first.Dataset!.Id, newer.Replaced?.Id);
        Assert.Equal(7, after.GetProperty("total").GetProperty("value").GetInt64());
        Assert.Equal(2, datasets.Count);
    }

    [Theory]
    [MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task Htcds_export_has_the_standard_columns_no_identifiers_and_k_anonymous_combinations(Provider provider)
    {
        var app = await apps.For(provider);
        await app.AddCasesAsync(1998, (Gender.Feminine, FormOfExploitation.SexualExploitation, 12), (Gender.Masculine, FormOfExploitation.ForcedLabour, 3));

        var (rows, summary) = await app.ExportHtcdsAsync(StatisticsPeriod.Year(1998), 11);

        Assert.Equal(["clh_YearIdentified", "prs_Gender", "clh_AgeGroup", "prs_Citizenship", "clh_CountryOfExploitation", "clh_Scope",
            "vic_TraffickingStatus", "vic_TypeOfExploitation", "vic_ForcedLabourIndustry", "clh_IdentificationChannel", "clh_Assisted"], rows[0]);
        Assert.Equal(12, summary.Released);
        Assert.Equal(3, summary.Withheld);
        Assert.All(rows.Skip(1), r => Assert.Equal(("1998", "Feminine", "SexualExploitation", "PossibleVictimOfTrafficking"), (r[0], r[1], r[7], r[6])));
        Assert.DoesNotContain(rows.SelectMany(r => r), v => v.StartsWith("C-", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task Statistics_page_shows_the_demo_data_with_charts_tables_and_downloads(Provider provider)
    {
        var app = await apps.For(provider);
        var browser = app.CreateBrowser();

        var page = await browser.GetHtmlAsync("/statistics");
        var region = await browser.GetHtmlAsync("/statistics/region");
        var country = await browser.GetAsync("/statistics/countries/MD");
        var unknown = await browser.GetAsync("/statistics/countries/QQ");
        var csv = await browser.GetAsync("/statistics/table.csv?period=2003&rows=Sex");

        Assert.Contains("<svg class=\"app-chart__svg\"", page, StringComparison.Ordinal);
        Assert.Contains("id=\"form-by-sex\"", page, StringComparison.Ordinal);
        Assert.Contains("Fictitious demo data set", page, StringComparison.Ordinal);
        Assert.Contains("Regional statistics report", region, StringComparison.Ordinal);
        Assert.DoesNotContain("style=", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, country.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("Sex,", (await csv.Content.ReadAsStringAsync()).TrimStart('\uFEFF'), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task Performance_measures_give_the_median_days_and_hide_measures_on_small_groups(Provider provider)
    {
        var app = await apps.For(provider);
        // Five cases identified on 2001-06-01, first assistance after 1, 2, 3, 4 and 10 days: median 3.
        // Two referrals, one accepted and one declined: 50 % for partners, hidden for the public (2 < 5).
        await app.AddCasesWithAssistanceAsync(new DateOnly(2001, 6, 1), [1, 2, 3, 4, 10], [ReferralStatus.Accepted, ReferralStatus.Declined]);

        var anonymous = await GetTableAsync(app.CreateBrowser(), "/api/v1/statistics/performance?period=2001");
        var partner = await GetTableAsync(await app.CreateApiClientAsync(Roles.StatisticsPartner), "/api/v1/statistics/performance?period=2001");

        string Display(JsonElement report, string key) =>
            report.GetProperty("measures").EnumerateArray().Single(m => m.GetProperty("key").GetString() == key).GetProperty("display").GetString()!;
        Assert.Equal("3", Display(anonymous, "DaysToFirstAssistance"));
        Assert.Equal("<5", Display(anonymous, "ReferralsAccepted"));
        Assert.Equal("50", Display(partner, "ReferralsAccepted"));
    }

    [Theory]
    [MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task Outcome_counts_persons_trafficked_again_apart_from_those_who_returned(Provider provider)
    {
        var app = await apps.For(provider);
        // 1994: 7 persons returned, 5 returned and were later trafficked again, 6 with no outcome recorded yet.
        await app.AddCasesWithOutcomesAsync(1994, (7, [SopStepKind.VoluntaryReturn]), (5, [SopStepKind.VoluntaryReturn, SopStepKind.TraffickedAgain]), (6, []));

        var table = await GetTableAsync(await app.CreateApiClientAsync(Roles.StatisticsPartner), "/api/v1/statistics/table?period=1994&rows=Outcome");
        string Total(string code) => table.GetProperty("rowTotals")[Row(table, code)].GetProperty("display").GetString()!;

        Assert.Equal(["7", "0", "5", "6"], new[] { Total("Return"), Total("LocalIntegration"), Total("TraffickedAgain"), Total("NoneRecorded") });
        Assert.Equal("18", table.GetProperty("total").GetProperty("display").GetString());
        var page = await app.CreateBrowser().GetHtmlAsync("/statistics?period=1994&rows=Outcome");
        Assert.Contains("Re-trafficked", page, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task Editors_upload_a_data_set_on_the_page_and_a_bad_file_writes_nothing(Provider provider)
    {
        var app = await apps.For(provider);
        var editor = await app.SignInAsync(Roles.Editor);
        var reader = await app.SignInAsync(Roles.Reader);
        var source = "Uploaded source " + Guid.NewGuid().ToString("N")[..6];
        var fields = new Dictionary<string, string> { ["Source"] = source };
        var good = Encoding.UTF8.GetBytes(Ctdc("1993,Female,18--20,Adult,MD,DE,1,0", "1993,Male,30--38,Adult,UA,PL,0,1"));
        var bad = Encoding.UTF8.GetBytes(Ctdc("1993,Female,18--20,Adult,MD,DE,1,0", "1890,Male,30--38,Adult,UA,PL,0,1"));
        byte[] workbook = [(byte)'P', (byte)'K', 3, 4, 20, 0, 0, 0, 8, 0];

        var refused = await UploadOnPageAsync(editor, bad, "bad.csv", fields);
        var afterRefusal = await app.QueryAsync(db => db.StatisticsDatasets.CountAsync(d => d.Source == source));
        var notText = await UploadOnPageAsync(editor, workbook, "table.csv", fields);
        var wrongType = WebUtility.HtmlDecode(await (await TestApp.PostFileAsync(editor, "/statistics/import", good, "table.xlsx", fields)).Content.ReadAsStringAsync());
        var noSource = WebUtility.HtmlDecode(await (await TestApp.PostFileAsync(editor, "/statistics/import", good, "good.csv", new() { ["Source"] = " " })).Content.ReadAsStringAsync());
        var imported = await UploadOnPageAsync(editor, good, "good.csv", fields);
        var again = await UploadOnPageAsync(editor, good, "good-copy.csv", fields);
        var table = await GetTableAsync(await app.CreateApiClientAsync(Roles.StatisticsPartner), "/api/v1/statistics/table?period=1993&rows=Sex");
        var asReader = await reader.GetAsync("/statistics/import");

        Assert.Contains("id=\"import-errors\"", refused, StringComparison.Ordinal);
        Assert.Contains("'1890' is not a year between 1990 and 2100.", refused, StringComparison.Ordinal);
        Assert.Equal(0, afterRefusal);
        Assert.Contains("not CSV text", notText, StringComparison.Ordinal);
        Assert.Contains("Upload a .csv file", wrongType, StringComparison.Ordinal);
        Assert.Contains("Name the source of the data", noSource, StringComparison.Ordinal);
        Assert.Contains("id=\"import-done\"", imported, StringComparison.Ordinal);
        Assert.Contains($"2 persons from {source}, 1993–1993.", imported, StringComparison.Ordinal);
        Assert.Contains("imported before", again, StringComparison.Ordinal);
        Assert.Equal(2, table.GetProperty("total").GetProperty("value").GetInt64());
        Assert.Equal(HttpStatusCode.Redirect, asReader.StatusCode);
    }

    // ---- helpers ----

    /// <summary>Uploads on the page, which imports in the background, and returns the job page once the import is over.</summary>
    private static async Task<string> UploadOnPageAsync(HttpClient editor, byte[] file, string fileName, Dictionary<string, string> fields) =>
        await TestApp.ImportOutcomeAsync(editor, await TestApp.PostFileAsync(editor, "/statistics/import", file, fileName, fields), "/statistics/import");

    private static string Ctdc(params string[] rows) =>
        "yearOfRegistration,gender,ageBroad,majorityStatus,citizenship,CountryOfExploitation,isSexualExploit,isForcedLabour\n" + string.Join('\n', rows) + "\n";

    private static async Task<JsonElement> GetTableAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Json)).Clone();
    }

    private static int Row(JsonElement table, string code) =>
        table.GetProperty("rowCategories").EnumerateArray().Select((c, i) => (c.GetString(), i)).Single(x => x.Item1 == code).i;

    private static int Column(JsonElement table, string code) =>
        table.GetProperty("columnCategories").EnumerateArray().Select((c, i) => (c.GetString(), i)).Single(x => x.Item1 == code).i;

    private static string[] Columns(JsonElement table, int row, params string[] codes) =>
        [.. codes.Select(c => table.GetProperty("cells")[row][Column(table, c)].GetProperty("display").GetString() ?? string.Empty)];
}

/// <summary>Intent methods for statistics tests: invented cases and imported files, as an operator would add them.</summary>
internal static class StatisticsTestData
{
    public static Task AddCasesAsync(this TestApp app, int year, params (Gender Sex, FormOfExploitation? Form, int Count)[] groups) =>
        app.AddCasesAsync(new DateOnly(year, 6, 15), groups);

    public static async Task AddCasesAsync(this TestApp app, DateOnly identifiedOn, params (Gender Sex, FormOfExploitation? Form, int Count)[] groups)
    {
        var organisation = await app.CreateOrganisationAsync();
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        foreach (var (sex, form, count) in groups)
        {
            for (var i = 0; i < count; i++)
            {
                db.Cases.Add(new Case
                {
                    CaseNumber = "C-T-" + Guid.NewGuid().ToString("N")[..12],
                    OwnerOrganisationId = organisation.Id,
                    IdentifyingOrganisationId = organisation.Id,
                    Gender = sex,
                    AgeGroup = AgeGroup.Age25To34,
                    AgeAtIdentification = 30,
                    Citizenship = ["MD"],
                    CountryOfExploitation = "DE",
                    Scope = TraffickingScope.CrossBorder,
                    FormsOfExploitation = form is { } f ? [f] : [],
                    IdentificationChannel = IdentificationChannel.Hotline,
                    IdentifiedOn = identifiedOn,
                    CreatedAt = DateTimeOffset.UnixEpoch,
                    UpdatedAt = DateTimeOffset.UnixEpoch,
                });
            }
        }

        await db.SaveChangesAsync();
    }

    public static async Task AddCasesWithAssistanceAsync(this TestApp app, DateOnly identifiedOn, int[] daysToAssistance, ReferralStatus[] referrals)
    {
        var organisation = await app.CreateOrganisationAsync();
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        for (var i = 0; i < daysToAssistance.Length; i++)
        {
            var c = NewCase(organisation.Id, identifiedOn, IdentificationChannel.NgoOutreach);
            db.Cases.Add(c);
            var done = new DateTimeOffset(identifiedOn.AddDays(daysToAssistance[i]).ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero);
            db.SopSteps.Add(new SopStep { CaseId = c.Id, Kind = SopStepKind.FirstAssistance, DueOn = identifiedOn.AddDays(1), DoneAt = done });
            if (i < referrals.Length)
            {
                db.Referrals.Add(new Referral
                {
                    CaseId = c.Id,
                    ProviderOrganisationId = organisation.Id,
                    Service = Clearinghouse.Services.ServiceKind.Shelter,
                    Status = referrals[i],
                    SentAt = done,
                    RespondedAt = done,
                });
            }
        }

        await db.SaveChangesAsync();
    }

    public static async Task AddCasesWithOutcomesAsync(this TestApp app, int year, params (int Count, SopStepKind[] DoneSteps)[] groups)
    {
        var organisation = await app.CreateOrganisationAsync();
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var identifiedOn = new DateOnly(year, 3, 1);
        foreach (var (count, steps) in groups)
        {
            for (var i = 0; i < count; i++)
            {
                var c = NewCase(organisation.Id, identifiedOn, IdentificationChannel.PoliceOperation);
                db.Cases.Add(c);
                foreach (var (step, n) in steps.Select((s, n) => (s, n)))
                {
                    var on = identifiedOn.AddMonths(2 + (4 * n));
                    db.SopSteps.Add(new SopStep { CaseId = c.Id, Kind = step, DueOn = on, DoneAt = new DateTimeOffset(on.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) });
                }
            }
        }

        await db.SaveChangesAsync();
    }

    /// <summary>An invented case with nothing known but its identification (date, channel, organisation).</summary>
    private static Case NewCase(Guid organisationId, DateOnly identifiedOn, IdentificationChannel channel) => new()
    {
        CaseNumber = "C-T-" + Guid.NewGuid().ToString("N")[..12],
        OwnerOrganisationId = organisationId,
        IdentifyingOrganisationId = organisationId,
        IdentifiedOn = identifiedOn,
        IdentificationChannel = channel,
        CreatedAt = DateTimeOffset.UnixEpoch,
        UpdatedAt = DateTimeOffset.UnixEpoch,
    };

    public static async Task<DatasetImportResult> ImportAsync(this TestApp app, string csv, string source)
    {
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().SetOperator("tests");
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(csv));
        return await scope.ServiceProvider.GetRequiredService<DatasetImporter>().ImportAsync(stream, "test.csv", source, fictitious: true, null, CancellationToken.None);
    }

    public static async Task<(List<string[]> Rows, HtcdsExportSummary Summary)> ExportHtcdsAsync(this TestApp app, StatisticsPeriod period, int k)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<HtcdsExporter>().ExportAsync(period, k, CancellationToken.None);
    }
}
