using Clearinghouse.Activities;
using Clearinghouse.Common;
using Clearinghouse.Directory;
using Clearinghouse.Tests.Directory;
using Clearinghouse.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Clearinghouse.Tests.Activities.ActivitiesApiTests;

namespace Clearinghouse.Tests.Activities;

/// <summary>
/// The activities list's paths for a large inventory (ActivitySearch, ADR 0019): on PostgreSQL the lists are matched by
/// array containment and a period's end is read as an index range; the rows, their order and the counts must be those
/// of the plain filters on both databases, across page boundaries. And the page's organisation and donor name fields.
/// </summary>
public sealed class ActivityListTests(Apps apps) : IClassFixture<Apps>
{
    [Theory]
    [MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task A_period_lists_dated_activities_newest_first_then_undated_ones_the_same_on_every_page(Provider provider)
    {
        var app = await apps.For(provider);
        var word = "Periodic" + Unique();
        ActivityInput Dated(string title, int year) => Input(word + " " + title, "AD") with
        {
            Status = ActivityStatus.Completed,
            StartDate = new DateOnly(year, 3, 1),
            EndDate = new DateOnly(year + 1, 2, 1),
        };

        await app.CreateActivityAsync(Dated("y2001", 2001));
        await app.CreateActivityAsync(Dated("y2004", 2004));
        await app.CreateActivityAsync(Dated("y2003", 2003));
        await app.CreateActivityAsync(Dated("y2010 after the period", 2010));
        var undatedOngoing = await app.CreateActivityAsync(Input(word + " undated ongoing", "AD"));
        var undatedCompleted = await app.CreateActivityAsync(Input(word + " undated completed", "AD") with { Status = ActivityStatus.Completed });
        await app.CreateActivityAsync(Input(word + " undated planned", "AD") with { Status = ActivityStatus.Planned });
        var api = app.CreateBrowser();

        async Task<(string[] Titles, int Count, bool HasMore)> Page(string query)
        {
            var page = await (await api.GetAsync($"/api/v1/activities?q={word}&from=2000-01-01&to=2005-12-31&{query}")).JsonAsync();
            return ([.. page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("title").GetString()!)], page.GetProperty("count").GetInt32(), page.GetProperty("hasMore").GetBoolean());
        }

        var all = await Page("pageSize=50");
        Assert.Equal(5, all.Count);
        Assert.Equal([word + " y2004", word + " y2003", word + " y2001"], all.Titles[..3]);
        Assert.Equal(
            new[] { undatedOngoing.Title, undatedCompleted.Title }.Order(StringComparer.Ordinal),
            all.Titles[3..].Order(StringComparer.Ordinal));

        // Pages of two: the dated part, the page where it ends and the undated part begins, and the undated part alone.
        var pages = new[] { await Page("pageSize=2&page=1"), await Page("pageSize=2&page=2"), await Page("pageSize=2&page=3"), await Page("pageSize=2&page=4") };
        Assert.Equal(all.Titles, pages.SelectMany(p => p.Titles));
        Assert.Equal([true, true, false, false], pages.Select(p => p.HasMore));
        Assert.All(pages, p => Assert.Equal(5, p.Count));
        Assert.Empty(pages[3].Titles);
    }

    [Theory]
    [MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task A_rare_combination_and_a_common_filter_give_the_rows_of_each_filter_alone(Provider provider)
    {
        var app = await apps.For(provider);
        var word = "Combo" + Unique();
        var both = await app.CreateActivityAsync(Input(word + " both", "LI") with
        {
            Countries = ["LI", "SM"],
            ThematicAreas = [ThematicArea.Prevention, ThematicArea.Prosecution],
            TargetGroups = [TargetGroup.Children],
            FormsOfExploitation = [FormOfExploitation.ForcedLabour],
        });
        await app.CreateActivityAsync(Input(word + " group only", "LI") with { TargetGroups = [TargetGroup.Children] });
        await app.CreateActivityAsync(Input(word + " form only", "SM") with { FormsOfExploitation = [FormOfExploitation.ForcedLabour] });
        await app.CreateActivityAsync(Input(word + " area elsewhere", "SM") with { ThematicAreas = [ThematicArea.Prevention] });
        var api = app.CreateBrowser();

        async Task<string[]> Titles(string query)
        {
            var page = await (await api.GetAsync($"/api/v1/activities?q={word}&{query}")).JsonAsync();
            return [.. page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("title").GetString()!).Order(StringComparer.Ordinal)];
        }

        string[] Both(string[] first, string[] second) => [.. first.Intersect(second).Order(StringComparer.Ordinal)];

        Assert.Equal([both.Title], await Titles("targetGroup=Children&form=ForcedLabour"));
        Assert.Equal(Both(await Titles("targetGroup=Children"), await Titles("form=ForcedLabour")), await Titles("targetGroup=Children&form=ForcedLabour"));
        Assert.Equal([both.Title], await Titles("country=LI&area=Prosecution"));
        Assert.Equal(Both(await Titles("country=SM"), await Titles("area=Prevention")), await Titles("country=sm&area=Prevention"));
        Assert.Equal(2, (await Titles("country=LI")).Length);
        Assert.Equal(4, (await Titles(string.Empty)).Length);
        var words = await (await api.GetAsync($"/api/v1/activities?q={Uri.EscapeDataString(word + " BOTH")}")).JsonAsync();
        Assert.Equal([both.Title], words.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("title").GetString()));
    }

    [Theory]
    [MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task A_word_matching_more_than_the_capped_count_pages_like_the_plain_query(Provider provider)
    {
        var app = await apps.For(provider);
        var word = "Capped" + Unique();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);

        // 1,050 matching activities (some undated, some in another country, a few drafts and retired ones) written directly.
        await app.QueryAsync(async db =>
        {
            for (var i = 0; i < 1050; i++)
            {
                var activity = new Activity
                {
                    Slug = $"{word.ToLowerInvariant()}-{i}",
                    Title = $"{word} activity {i}",
                    ReviewState = i % 97 == 5 ? ReviewState.Draft : ReviewState.Published,
                    RetiredAt = i % 89 == 7 ? DateTimeOffset.UtcNow : null,
                    Status = i % 3 == 0 ? ActivityStatus.Completed : ActivityStatus.Ongoing,
                    StartDate = i % 10 == 0 ? null : new DateOnly(2000, 1, 1).AddDays((i * 37) % 9000),
                    EndDate = i % 4 == 0 ? null : new DateOnly(2026, 1, 1).AddDays(-(i % 700)),
                    Countries = i % 2 == 0 ? ["LI"] : ["LI", "SM"],
                    ThematicAreas = [i % 3 == 0 ? ThematicArea.Prevention : ThematicArea.Prosecution],
                    CreatedAt = DateTimeOffset.UtcNow,
                };
                activity.RefreshFacets();
                activity.RefreshSearchText();
                db.Activities.Add(activity);
            }

            return await db.SaveChangesAsync();
        });
        var expected = await app.QueryAsync(db => db.Activities
            .Where(a => a.Title.StartsWith(word) && a.ReviewState == ReviewState.Published && a.RetiredAt == null)
            .OrderBy(a => a.StartDate == null).ThenByDescending(a => a.StartDate).ThenBy(a => a.Id)
            .Select(a => new { a.Title, a.Countries, a.StartDate, a.EndDate, a.Status, a.ThematicAreas })
            .ToListAsync());
        var api = app.CreateBrowser();

        async Task<(string[] Titles, int Count, bool Capped, bool HasMore)> Page(string query)
        {
            var page = await (await api.GetAsync($"/api/v1/activities?q={word}&{query}")).JsonAsync();
            return ([.. page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("title").GetString()!)],
                page.GetProperty("count").GetInt32(), page.GetProperty("countIsCapped").GetBoolean(), page.GetProperty("hasMore").GetBoolean());
        }

        Assert.True(expected.Count > 1001);
        foreach (var (number, size) in new[] { (1, 20), (3, 20), (10, 100), (11, 100), (50, 20), (51, 20), (53, 20) })
        {
            var page = await Page($"page={number}&pageSize={size}");
            Assert.Equal([.. expected.Skip((number - 1) * size).Take(size).Select(a => a.Title)], page.Titles);
            Assert.Equal((1001, true, number * size < expected.Count), (page.Count, page.Capped, page.HasMore));
        }

        // Narrower: a country, a status and a period, under the cap (count exact), pages of 7.
        var from = new DateOnly(2010, 1, 1);
        var to = new DateOnly(2015, 12, 31);
        var narrow = expected.Where(a => a.Countries.Contains("SM") && a.Status == ActivityStatus.Ongoing
            && (a.EndDate == null || a.EndDate >= from)
            && (a.StartDate == null ? a.Status != ActivityStatus.Planned || to > today : a.StartDate <= to)).Select(a => a.Title).ToList();
        Assert.InRange(narrow.Count, 15, 1000);
        for (var number = 1; number <= (narrow.Count / 7) + 2; number++)
        {
            var page = await Page($"country=SM&status=Ongoing&from=2010-01-01&to=2015-12-31&page={number}&pageSize=7");
            Assert.Equal([.. narrow.Skip((number - 1) * 7).Take(7)], page.Titles);
            Assert.Equal((narrow.Count, false), (page.Count, page.Capped));
        }
    }

    [Theory]
    [MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task The_page_filters_by_an_organisation_or_donor_typed_by_name_and_offers_a_choice_when_the_name_is_not_unique(Provider provider)
    {
        var app = await apps.For(provider);
        var word = "Named" + Unique();
        var implementer = await app.CreateOrganisationAsync("Implementer " + word);
        var donor = await app.CreateOrganisationAsync("Donor " + word);
        var twin = "Twin " + word;
        var firstTwin = await app.CreateOrganisationAsync(twin);
        var secondTwin = await app.CreateOrganisationAsync(twin);
        var funded = await app.CreateActivityAsync(Input(word + " funded", "MD") with
        {
            Participants = [new ParticipantInput(ParticipantRole.Implementer, implementer.Id), new ParticipantInput(ParticipantRole.Donor, donor.Id, Amount: 10, Currency: "EUR")],
        });
        var other = await app.CreateActivityAsync(Input(word + " other", "MD") with
        {
            Participants = [new ParticipantInput(ParticipantRole.Implementer, firstTwin.Id), new ParticipantInput(ParticipantRole.Donor, implementer.Id, Amount: 5, Currency: "EUR")],
        });
        var browser = app.CreateBrowser();

        // The filter form has name fields, not a list of every organisation taking part in an activity.
        var plain = await browser.GetHtmlAsync($"/activities?q={word}");
        Assert.Contains("id=\"organisationName\"", plain, StringComparison.Ordinal);
        Assert.Contains("id=\"donorName\"", plain, StringComparison.Ordinal);
        Assert.DoesNotContain("<select class=\"govuk-select govuk-!-width-full\" id=\"organisation\"", plain, StringComparison.Ordinal);

        // Any role for the organisation, case ignored; only the donor role for the donor.
        var byImplementer = await browser.GetHtmlAsync($"/activities?q={word}&organisationName={Uri.EscapeDataString(implementer.Name.ToUpperInvariant())}");
        Assert.Contains(funded.Title, byImplementer, StringComparison.Ordinal);
        Assert.Contains(other.Title, byImplementer, StringComparison.Ordinal);
        var byDonor = await browser.GetHtmlAsync($"/activities?q={word}&donorName={Uri.EscapeDataString(implementer.Name)}");
        Assert.Contains(other.Title, byDonor, StringComparison.Ordinal);
        Assert.DoesNotContain(funded.Title, byDonor, StringComparison.Ordinal);

        // An id (the API's parameter, or a link) still filters, and the field shows the organisation's name.
        var byId = await browser.GetHtmlAsync($"/activities?q={word}&donor={donor.Id}");
        Assert.Contains(funded.Title, byId, StringComparison.Ordinal);
        Assert.DoesNotContain(other.Title, byId, StringComparison.Ordinal);
        Assert.Contains($"value=\"{donor.Name}\"", byId, StringComparison.Ordinal);

        // Two organisations of one name: no list until one is chosen; each choice links to the list filtered by its id.
        var ambiguous = await browser.GetHtmlAsync($"/activities?q={word}&organisationName={Uri.EscapeDataString(twin)}");
        Assert.Contains("id=\"organisation-choices\"", ambiguous, StringComparison.Ordinal);
        Assert.Contains($"organisation={firstTwin.Id}", ambiguous, StringComparison.Ordinal);
        Assert.Contains($"organisation={secondTwin.Id}", ambiguous, StringComparison.Ordinal);
        Assert.DoesNotContain(funded.Title, ambiguous, StringComparison.Ordinal);
        var chosen = await browser.GetHtmlAsync($"/activities?q={word}&organisation={firstTwin.Id}");
        Assert.Contains(other.Title, chosen, StringComparison.Ordinal);
        Assert.DoesNotContain(funded.Title, chosen, StringComparison.Ordinal);

        var unknown = await browser.GetHtmlAsync($"/activities?q={word}&donorName=Nobody{Unique()}");
        Assert.Contains("id=\"donor-choices\"", unknown, StringComparison.Ordinal);
        Assert.DoesNotContain(funded.Title, unknown, StringComparison.Ordinal);
    }
}
