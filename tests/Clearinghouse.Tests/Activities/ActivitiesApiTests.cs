using System.Net;
using System.Text.Json;
using Clearinghouse.Accounts;
using Clearinghouse.Activities;
using Clearinghouse.Tests.Directory;
using Clearinghouse.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Clearinghouse.Tests.Activities;

/// <summary>Entering, reviewing, publishing and filtering activities through /api/v1/activities and the pages.</summary>
public sealed class ActivitiesApiTests(Apps apps) : IClassFixture<Apps>
{
    [Theory]
    [MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task Focal_points_draft_is_invisible_to_the_public_until_an_editor_publishes_it(Provider provider)
    {
        var app = await apps.For(provider);
        var organisation = await app.CreateOrganisationAsync();
        var focal = await app.CreateApiClientAsync(Roles.FocalPoint, organisation.Id);
        var editor = await app.CreateApiClientAsync(Roles.Editor);
        var anonymous = app.CreateBrowser();
        var title = "Shelter outreach " + Unique();

        var created = await EditForms.SendJsonAsync(focal, HttpMethod.Post, "/api/v1/activities",
            new { title, status = "Ongoing", countries = new List<string> { "MD" }, thematicAreas = new List<string> { "ProtectionAndAssistance" } });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var dto = await created.JsonAsync();
        var id = dto.GetProperty("id").GetGuid();
        var slug = dto.GetProperty("slug").GetString();
        Assert.Equal("Draft", dto.GetProperty("reviewState").GetString());
        Assert.Equal(organisation.Id, dto.GetProperty("participants")[0].GetProperty("organisationId").GetGuid()); // own organisation added as implementer

        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/api/v1/activities/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/activities/{slug}")).StatusCode);
        Assert.DoesNotContain($"/activities/{slug}\"", await anonymous.GetHtmlAsync("/activities?q=" + Uri.EscapeDataString(title)), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await focal.GetAsync($"/api/v1/activities/{id}")).StatusCode);

        Assert.Equal(HttpStatusCode.Forbidden, (await focal.PostAsync($"/api/v1/activities/{id}/publish", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await focal.PostAsync($"/api/v1/activities/{id}/submit?version=1", null)).StatusCode);
        var published = await editor.PostAsync($"/api/v1/activities/{id}/publish?version=2", null);
        Assert.Equal(HttpStatusCode.OK, published.StatusCode);
        Assert.Equal("Published", (await published.JsonAsync()).GetProperty("reviewState").GetString());

        Assert.Contains(title, await anonymous.GetHtmlAsync($"/activities/{slug}"), StringComparison.Ordinal);
        Assert.Contains($"/activities/{slug}\"", await anonymous.GetHtmlAsync("/activities?q=" + Uri.EscapeDataString(title)), StringComparison.Ordinal);

        // Once published, only editors change it.
        var late = await EditForms.SendJsonAsync(focal, HttpMethod.Put, $"/api/v1/activities/{id}",
            new { title = title + " changed", status = "Ongoing", countries = new List<string> { "MD" }, version = 3 });
        Assert.Equal(HttpStatusCode.Forbidden, late.StatusCode);
    }

    [Theory]
    [MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task Invalid_activity_is_refused_with_every_problem_named_by_field(Provider provider)
    {
        var app = await apps.For(provider);
        var editor = await app.CreateApiClientAsync(Roles.Editor);
        var title = "Invalid " + Unique();

        var response = await EditForms.SendJsonAsync(editor, HttpMethod.Post, "/api/v1/activities", new
        {
            title,
            status = "Ongoing",
            countries = new List<string> { "MD", "ZZ" },
            startDate = "2006-05-01",
            endDate = "2005-12-31",
            budget = 1000,
            participants = new object[]
            {
                new { role = "Donor", organisationId = Guid.NewGuid(), amount = 500, currency = "EURO" },
                new { role = "Donor", name = "Somebody", amount = 200 },
            },
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.JsonAsync()).GetProperty("errors");
        foreach (var field in new List<string> { "countries", "endDate", "budgetCurrency", "participants[0].organisationId", "participants[0].currency", "participants[1].currency" })
        {
            Assert.True(errors.TryGetProperty(field, out _), $"no error for {field}: {errors}");
        }

        Assert.False(await app.QueryAsync(db => db.Activities.AnyAsync(a => a.Title == title)));
    }

    [Theory]
    [MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task Update_with_an_old_version_conflicts_and_every_change_writes_a_revision(Provider provider)
    {
        var app = await apps.For(provider);
        var editor = await app.CreateApiClientAsync(Roles.Editor);
        var donor = await app.CreateOrganisationAsync();
        var activity = await app.CreateActivityAsync(Input("Revision check " + Unique(), "AL"), publish: false);
        var body = new
        {
            title = activity.Title,
            status = "Ongoing",
            countries = new List<string> { "AL" },
            participants = new[] { new { role = "Donor", organisationId = donor.Id, amount = 25000m, currency = "EUR" } },
            version = 1,
        };

        var first = await EditForms.SendJsonAsync(editor, HttpMethod.Put, $"/api/v1/activities/{activity.Id}", body);
        var second = await EditForms.SendJsonAsync(editor, HttpMethod.Put, $"/api/v1/activities/{activity.Id}", body with { title = "Other" });

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(2, (await first.JsonAsync()).GetProperty("version").GetInt32()); // a change of participants alone is a new version
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        var revisions = await app.QueryAsync(db => db.ActivityRevisions.Where(r => r.ActivityId == activity.Id).OrderBy(r => r.Id).ToListAsync());
        Assert.Equal(2, revisions.Count);
        Assert.NotNull(revisions[0].ValidTo);
        Assert.Null(revisions[1].ValidTo);
        var snapshot = ActivitySnapshot.Parse(revisions[1].Snapshot);
        Assert.Equal(25000m, Assert.Single(snapshot.Participants).Amount);
    }

    [Theory]
    [MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task Filters_combine_country_area_donor_form_status_period_and_words(Provider provider)
    {
        var app = await apps.For(provider);
        var donor = await app.CreateOrganisationAsync();
        var word = "Zephyr" + Unique();
        var match = await app.CreateActivityAsync(Input(word + " match", "RS") with
        {
            ThematicAreas = [Clearinghouse.Directory.ThematicArea.Prevention],
            FormsOfExploitation = [Common.FormOfExploitation.ForcedLabour],
            StartDate = new DateOnly(2005, 1, 1),
            EndDate = new DateOnly(2006, 12, 31),
            Participants = [new ParticipantInput(ParticipantRole.Donor, donor.Id, Amount: 100, Currency: "USD")],
        });
        await app.CreateActivityAsync(Input(word + " other country", "ME") with { ThematicAreas = [Clearinghouse.Directory.ThematicArea.Prevention] });
        await app.CreateActivityAsync(Input(word + " other area", "RS") with { ThematicAreas = [Clearinghouse.Directory.ThematicArea.Prosecution] });
        await app.CreateActivityAsync(Input(word + " later", "RS") with { ThematicAreas = [Clearinghouse.Directory.ThematicArea.Prevention], StartDate = new DateOnly(2010, 1, 1) });
        var api = app.CreateBrowser();

        async Task<string[]> Titles(string query)
        {
            var page = await (await api.GetAsync($"/api/v1/activities?q={word}&{query}")).JsonAsync();
            return [.. page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("title").GetString()!)];
        }

        Assert.Equal(4, (await Titles(string.Empty)).Length);
        Assert.Equal([match.Title], await Titles("country=RS&area=Prevention&to=2007-01-01"));
        Assert.Equal([match.Title], await Titles($"donor={donor.Id}"));
        Assert.Equal([match.Title], await Titles("form=ForcedLabour"));
        Assert.Equal(3, (await Titles("country=rs")).Length);
        Assert.Empty(await Titles("status=Completed"));
        Assert.Contains(match.Title, await api.GetHtmlAsync($"/activities?q={word}&country=RS&area=Prevention&to=2007-01-01"), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task Gap_matrix_counts_cells_sums_budgets_per_currency_and_marks_high_needs_without_activity_as_gaps(Provider provider)
    {
        var app = await apps.For(provider);
        // Monaco: no demo activity works there, so the cells hold only this test's data.
        var period = new { start = new DateOnly(1990, 1, 1), end = new DateOnly(1990, 12, 31) };
        await app.CreateActivityAsync(Input("Gap one " + Unique(), "MC") with { StartDate = period.start, EndDate = period.end, Budget = 1000, BudgetCurrency = "EUR" });
        await app.CreateActivityAsync(Input("Gap two " + Unique(), "MC") with { StartDate = period.start, EndDate = period.end, Budget = 500, BudgetCurrency = "USD" });
        await app.CreateActivityAsync(Input("Gap three " + Unique(), "MC") with { StartDate = period.start, Budget = 250.5m, BudgetCurrency = "EUR" });
        await app.CreateActivityAsync(Input("Gap cancelled " + Unique(), "MC") with { Status = ActivityStatus.Cancelled, StartDate = period.start });
        await app.CreateActivityAsync(Input("Gap draft " + Unique(), "MC") with { StartDate = period.start }, publish: false);
        await app.CreateActivityAsync(Input("Gap later " + Unique(), "MC") with { StartDate = new DateOnly(1995, 1, 1) });
        var editor = await app.SignInAsync(Roles.Editor);
        var recorded = await TestApp.PostFormAsync(editor, "/activities/gaps/needs", new()
        {
            ["Country"] = "MC",
            ["Area"] = "Prosecution",
            ["Priority"] = "High",
            ["Rationale"] = "No prosecution work at all.",
            ["AssessedOn"] = "1990-06-01",
        });
        Assert.Equal(HttpStatusCode.Redirect, recorded.StatusCode);

        var csv = await app.CreateBrowser().GetStringAsync("/activities/gaps?handler=csv&period=OngoingOn&on=1990-06-30");
        var rows = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.StartsWith("MC,", StringComparison.Ordinal)).ToList();
        var header = csv.TrimStart('\uFEFF').Split('\n')[0].Trim().Split(',');
        var protection = rows.Single(r => r.Contains("Victim protection", StringComparison.Ordinal)).Trim().Split(',');
        Assert.Equal("3", protection[Array.IndexOf(header, "activities")]); // not the cancelled, the draft or the later one
        Assert.Equal("1250.5", protection[Array.IndexOf(header, "budget_EUR")]);
        Assert.Equal("500", protection[Array.IndexOf(header, "budget_USD")]); // never added to euros
        var prosecution = rows.Single(r => r.Contains("Prosecution", StringComparison.Ordinal)).Trim().Split(',');
        Assert.Equal("0", prosecution[Array.IndexOf(header, "activities")]);
        Assert.Equal("yes", prosecution[^1]);

        var anyPeriod = await app.CreateBrowser().GetStringAsync("/activities/gaps?handler=csv&period=Any");
        Assert.Contains(",4,", anyPeriod.Split('\n').Single(l => l.StartsWith("MC,", StringComparison.Ordinal) && l.Contains("Victim protection", StringComparison.Ordinal)), StringComparison.Ordinal);
        var page = await app.CreateBrowser().GetHtmlAsync("/activities/gaps?period=OngoingOn&on=1990-06-30");
        Assert.Contains("/activities?country=MC&area=ProtectionAndAssistance&from=1990-06-30&to=1990-06-30&active=true", page, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task Activities_without_dates_count_by_status_completed_ones_in_the_past_planned_ones_in_the_future(Provider provider)
    {
        var app = await apps.For(provider);
        // Andorra: no demo activity works there, so the cells hold only this test's data.
        var word = "Undated" + Unique();
        await app.CreateActivityAsync(Input(word + " running", "AD"));
        await app.CreateActivityAsync(Input(word + " finished", "AD") with { Status = ActivityStatus.Completed });
        await app.CreateActivityAsync(Input(word + " planned", "AD") with { Status = ActivityStatus.Planned });
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        static string Cell(string csv)
        {
            var header = csv.TrimStart('\uFEFF').Split('\n')[0].Trim().Split(',');
            var row = csv.Split('\n').Single(l => l.StartsWith("AD,", StringComparison.Ordinal) && l.Contains("Victim protection", StringComparison.Ordinal)).Trim().Split(',');
            return row[Array.IndexOf(header, "activities")];
        }

        var browser = app.CreateBrowser();
        Assert.Equal("1", Cell(await browser.GetStringAsync($"/activities/gaps?handler=csv&period=OngoingOn&on={today}")));
        Assert.Equal("2", Cell(await browser.GetStringAsync("/activities/gaps?handler=csv&period=During&from=2003-01-01&to=2005-12-31")));
        Assert.Equal("3", Cell(await browser.GetStringAsync("/activities/gaps?handler=csv&period=Any")));

        var ongoingToday = await browser.GetHtmlAsync($"/activities?q={word}&from={today}&to={today}&active=true");
        Assert.Contains(word + " running", ongoingToday, StringComparison.Ordinal);
        Assert.DoesNotContain(word + " planned", ongoingToday, StringComparison.Ordinal);
        Assert.DoesNotContain(word + " finished", ongoingToday, StringComparison.Ordinal);
        var past = await browser.GetHtmlAsync($"/activities?q={word}&from=2003-01-01&to=2005-12-31");
        Assert.Contains(word + " finished", past, StringComparison.Ordinal);
        Assert.DoesNotContain(word + " planned", past, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task Inventory_as_of_a_past_date_shows_what_was_published_then(Provider provider)
    {
        var app = await apps.For(provider);
        var word = "Asof" + Unique();
        var id = (await app.CreateActivityAsync(Input("Unrelated draft " + Unique(), "MD"), publish: false)).Id;
        string Snapshot(string title, ReviewState review) => new ActivitySnapshot
        {
            Id = id,
            Slug = "as-of-" + Unique(),
            Title = title,
            Status = ActivityStatus.Ongoing,
            ReviewState = review,
            Countries = ["MD"],
            ThematicAreas = [Clearinghouse.Directory.ThematicArea.Prevention],
        }.ToJson();
        await app.QueryAsync(async db =>
        {
            // The history of one activity: a draft in December 2019, published in January 2020, renamed in March 2020.
            db.ActivityRevisions.AddRange(
                new ActivityRevision { ActivityId = id, ValidFrom = new DateTimeOffset(2019, 12, 1, 9, 0, 0, TimeSpan.Zero), ValidTo = new DateTimeOffset(2020, 1, 10, 9, 0, 0, TimeSpan.Zero), Snapshot = Snapshot(word + " draft", ReviewState.Draft) },
                new ActivityRevision { ActivityId = id, ValidFrom = new DateTimeOffset(2020, 1, 10, 9, 0, 0, TimeSpan.Zero), ValidTo = new DateTimeOffset(2020, 3, 1, 9, 0, 0, TimeSpan.Zero), Snapshot = Snapshot(word + " first title", ReviewState.Published) },
                new ActivityRevision { ActivityId = id, ValidFrom = new DateTimeOffset(2020, 3, 1, 9, 0, 0, TimeSpan.Zero), Snapshot = Snapshot(word + " renamed", ReviewState.Published) });
            return await db.SaveChangesAsync();
        });
        var browser = app.CreateBrowser();

        Assert.DoesNotContain(word + " draft", await browser.GetHtmlAsync($"/activities?asOf=2019-12-31&q={word}"), StringComparison.Ordinal);
        Assert.Contains(word + " first title", await browser.GetHtmlAsync($"/activities?asOf=2020-02-01&country=MD&q={word}"), StringComparison.Ordinal);
        Assert.Contains(word + " renamed", await browser.GetHtmlAsync($"/activities?asOf=2020-03-01&q={word}"), StringComparison.Ordinal);
        Assert.DoesNotContain(word + " first title", await browser.GetHtmlAsync($"/activities?asOf=2020-02-01&country=AL&q={word}"), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task Comparing_two_dates_lists_activities_added_removed_and_changed(Provider provider)
    {
        var app = await apps.For(provider);
        var word = "Cmp" + Unique();
        var renamed = (await app.CreateActivityAsync(Input("Compare one " + Unique(), "MD"), publish: false)).Id;
        var added = (await app.CreateActivityAsync(Input("Compare two " + Unique(), "MD"), publish: false)).Id;
        var removed = (await app.CreateActivityAsync(Input("Compare three " + Unique(), "MD"), publish: false)).Id;
        static DateTimeOffset On(int month) => new(2011, month, 1, 9, 0, 0, TimeSpan.Zero);
        static ActivityRevision Revision(Guid id, string title, DateTimeOffset from, DateTimeOffset? to, ActivityStatus status = ActivityStatus.Ongoing) => new()
        {
            ActivityId = id,
            ValidFrom = from,
            ValidTo = to,
            Snapshot = new ActivitySnapshot
            {
                Id = id,
                Slug = "compare-" + Unique(),
                Title = title,
                Status = status,
                ReviewState = ReviewState.Published,
                Countries = ["MD"],
                ThematicAreas = [Clearinghouse.Directory.ThematicArea.Prevention],
            }.ToJson(),
        };
        await app.QueryAsync(async db =>
        {
            db.ActivityRevisions.AddRange(
                Revision(renamed, word + " before", On(1), On(3)),
                Revision(renamed, word + " after", On(3), null, ActivityStatus.Completed),
                Revision(added, word + " new", On(4), null),
                Revision(removed, word + " gone", On(1), On(5)));
            return await db.SaveChangesAsync();
        });

        var html = await app.CreateBrowser().GetHtmlAsync("/activities/compare?first=2011-02-01&second=2011-06-01&country=MD");

        Assert.Contains(word + " new", Between(html, "id=\"compare-added\"", "</ul>"), StringComparison.Ordinal);
        Assert.Contains(word + " gone", Between(html, "id=\"compare-removed\"", "</ul>"), StringComparison.Ordinal);
        var changed = Between(html, "id=\"compare-changed\"", "</ul>");
        Assert.Contains(word + " after", changed, StringComparison.Ordinal);
        Assert.Contains("Changed: Title, Status", changed, StringComparison.Ordinal);
        Assert.DoesNotContain(word, Between(html, "id=\"compare-added\"", "</ul>").Replace(word + " new", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotContain(word, await app.CreateBrowser().GetHtmlAsync("/activities/compare?first=2011-02-01&second=2011-06-01&country=AL"), StringComparison.Ordinal);
    }

    private static string Between(string html, string start, string end)
    {
        var from = html.IndexOf(start, StringComparison.Ordinal);
        Assert.True(from >= 0, $"{start} not found");
        return html[from..html.IndexOf(end, from, StringComparison.Ordinal)];
    }

    internal static ActivityInput Input(string title, string country) => new()
    {
        Title = title,
        Status = ActivityStatus.Ongoing,
        Countries = [country],
        ThematicAreas = [Clearinghouse.Directory.ThematicArea.ProtectionAndAssistance],
    };

    internal static string Unique() => Guid.NewGuid().ToString("N")[..8];
}
