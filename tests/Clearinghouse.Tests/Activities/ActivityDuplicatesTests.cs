using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Clearinghouse.Accounts;
using Clearinghouse.Activities;
using Clearinghouse.Activities.Duplicates;
using Clearinghouse.Activities.Files;
using Clearinghouse.Data;
using Clearinghouse.Directory;
using Clearinghouse.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Clearinghouse.Tests.Activities.ActivityFilesTests;

namespace Clearinghouse.Tests.Activities;

/// <summary>Duplicate detection: candidates on entry, the report, "not a duplicate" and merge, on both databases.</summary>
public sealed class ActivityDuplicatesTests(Apps apps) : IClassFixture<Apps>
{
    private static readonly string Header = string.Join(',', ActivityColumns.All);

    [Theory]
    [MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task A_new_activity_like_an_existing_one_gets_it_as_a_candidate_and_different_ones_do_not(Provider provider)
    {
        var app = await apps.For(provider);
        var tag = Tag();
        var editor = await app.CreateApiClientAsync(Roles.Editor);
        await ImportCsvAsync(editor,
            $",Shelter and reintegration for trafficked women {tag},,Ongoing,2024-01-01,2025-12-31,MD,no,no,ProtectionAndAssistance,,,,,Example Shelter Association {tag},,,,,,",
            $",Police training on trafficking investigations {tag},,Ongoing,2024-01-01,2025-12-31,MD,no,no,ProtectionAndAssistance,,,,,,,,,,,",
            $",Shelter and reintegration for trafficked women {tag},,Completed,2015-01-01,2016-12-31,MD,no,no,ProtectionAndAssistance,,,,,,,,,,,",
            $",Shelter and reintegration for trafficked women {tag},,Ongoing,2024-01-01,2025-12-31,GE,no,no,ProtectionAndAssistance,,,,,,,,,,,");

        var candidates = await CandidatesAsync(editor, $"Reintegration and shelter for women trafficked {tag}", "MD", "2024-06-01", "2026-06-01", $"Example Shelter Association {tag}");

        var found = Assert.Single(candidates, c => c.GetProperty("title").GetString()!.Contains(tag, StringComparison.Ordinal));
        Assert.Equal($"Shelter and reintegration for trafficked women {tag}", found.GetProperty("title").GetString());
        var reasons = found.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()).ToList();
        Assert.Contains("SimilarTitle", reasons);
        Assert.Contains("SameImplementer", reasons);
        Assert.Contains("OverlappingPeriod", reasons);
        Assert.InRange(found.GetProperty("score").GetInt32(), DuplicateScorer.Threshold, 100);
    }

    [Theory]
    [MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task Entering_an_activity_like_an_existing_one_shows_the_duplicate_warning_before_saving(Provider provider)
    {
        var app = await apps.For(provider);
        var tag = Tag();
        var existing = await app.CreateActivityAsync(new ActivityInput
        {
            Title = $"Legal aid for trafficked persons {tag}",
            Status = ActivityStatus.Ongoing,
            StartDate = new DateOnly(2024, 1, 1),
            EndDate = new DateOnly(2025, 12, 31),
            Countries = ["XK"],
            ThematicAreas = [ThematicArea.ProtectionAndAssistance],
        });
        var editor = await app.SignInAsync(Roles.Editor);
        var form = new Dictionary<string, string>
        {
            ["Title"] = $"Legal aid to trafficked persons {tag}",
            ["Status"] = "Planned",
            ["StartDate"] = "2024-06-01",
            ["EndDate"] = "2025-06-30",
            ["Countries"] = "XK",
            ["ThematicAreas"] = "ProtectionAndAssistance",
        };

        var warned = await TestApp.PostFormAsync(editor, "/activities/edit", form);

        Assert.Equal(HttpStatusCode.OK, warned.StatusCode);
        var html = await warned.Content.ReadAsStringAsync();
        Assert.Contains("id=\"duplicate-warning\"", html, StringComparison.Ordinal);
        Assert.Contains($"/activities/{existing.Slug}\"", html, StringComparison.Ordinal);
        Assert.Contains("Similar title", html, StringComparison.Ordinal);
        Assert.Contains("name=\"duplicatesChecked\" value=\"true\"", html, StringComparison.Ordinal);
        Assert.Equal(0, await app.QueryAsync(db => db.Activities.CountAsync(a => a.Title == form["Title"])));

        form["duplicatesChecked"] = "true";
        var saved = await TestApp.PostFormAsync(editor, "/activities/edit", form);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(1, await app.QueryAsync(db => db.Activities.CountAsync(a => a.Title == form["Title"])));

        // A different activity (other country) is saved at once.
        var other = new Dictionary<string, string>(form) { ["Title"] = $"Bakery training for returnees {tag}", ["Countries"] = "AM" };
        other.Remove("duplicatesChecked");
        Assert.Equal(HttpStatusCode.Redirect, (await TestApp.PostFormAsync(editor, "/activities/edit", other)).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task The_import_report_lists_new_activities_that_look_like_existing_ones(Provider provider)
    {
        var app = await apps.For(provider);
        var tag = Tag();
        var editor = await app.CreateApiClientAsync(Roles.Editor);
        await ImportCsvAsync(editor, $",Hotline for victims of trafficking {tag},,Ongoing,2024-01-01,2025-12-31,AZ,no,no,Prevention,,,,,,,,,,,");

        var response = await ImportAsync(editor, Encoding.UTF8.GetBytes(Header + "\n"
            + $",Hotline for trafficking victims {tag},,Ongoing,2024-03-01,2025-12-31,AZ,no,no,Prevention,,,,,,,,,,,\n"
            + $",Beekeeping cooperative for returnees {tag},,Ongoing,2024-03-01,2025-12-31,KZ,no,no,ProtectionAndAssistance,,,,,,,,,,,\n"), "activities.csv");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var report = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(2, report.GetProperty("created").GetInt32()); // imported all the same: a warning, not a refusal
        var flagged = Assert.Single(report.GetProperty("possibleDuplicates").EnumerateArray());
        Assert.Equal(2, flagged.GetProperty("row").GetInt32());
        var candidate = Assert.Single(flagged.GetProperty("candidates").EnumerateArray());
        Assert.Equal($"Hotline for victims of trafficking {tag}", candidate.GetProperty("title").GetString());
        Assert.Contains("SimilarTitle", candidate.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()));
    }

    [Theory]
    [MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task Russian_titles_are_compared_like_english_ones(Provider provider)
    {
        var app = await apps.For(provider);
        var tag = Tag();
        var editor = await app.CreateApiClientAsync(Roles.Editor);
        await ImportCsvAsync(editor, $",Горячая линия для жертв торговли людьми {tag},,Ongoing,2024-01-01,,AM,no,no,Prevention,,,,,,,,,,,");

        var candidates = await CandidatesAsync(editor, $"Горячая линия помощи жертвам торговли людьми {tag}", "AM", "2025-01-01", null, null, "Prevention");

        Assert.Contains(candidates, c => c.GetProperty("title").GetString() == $"Горячая линия для жертв торговли людьми {tag}");
    }

    [Theory]
    [MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task The_report_lists_a_pair_until_an_editor_marks_it_not_a_duplicate_and_merge_keeps_one(Provider provider)
    {
        var app = await apps.For(provider);
        var tag = Tag();
        var editor = await app.CreateApiClientAsync(Roles.Editor);
        await ImportCsvAsync(editor,
            $",Legal aid to victims of trafficking {tag},,Ongoing,2024-01-01,2025-12-31,BA,no,no,Prosecution,,,,,,,Example Fund {tag} (1000 EUR),,XM-A{tag}-1,,",
            $",Legal aid for trafficking victims {tag},,Ongoing,2024-03-01,2025-12-31,BA,no,no,Prosecution,,,,,,,Example Fund {tag},,XM-B{tag}-2,,",
            $",Awareness week in schools {tag},,Ongoing,2024-03-01,2024-03-08,ME,no,no,AwarenessRaising,,,,,,,,,,,",
            $",Awareness week in high schools {tag},,Ongoing,2024-03-01,2024-03-08,ME,no,no,AwarenessRaising,,,,,,,,,,,");
        var ids = await app.QueryAsync(db => db.Activities.Where(a => a.Title.Contains(tag)).ToDictionaryAsync(a => a.Title, a => a.Id));
        var legalA = ids[$"Legal aid to victims of trafficking {tag}"];
        var legalB = ids[$"Legal aid for trafficking victims {tag}"];
        var awarenessA = ids[$"Awareness week in schools {tag}"];
        var awarenessB = ids[$"Awareness week in high schools {tag}"];

        var before = await PairsAsync(editor, tag);
        var dismiss = await editor.PostAsJsonAsync("/api/v1/activities/duplicates/dismiss", new { first = awarenessB, second = awarenessA });
        var merge = await editor.PostAsJsonAsync("/api/v1/activities/duplicates/merge", new { survivor = legalA, merged = legalB });
        var after = await PairsAsync(editor, tag);

        Assert.Contains(Ordered(legalA, legalB), before.Select(Ordered));
        Assert.Contains(Ordered(awarenessA, awarenessB), before.Select(Ordered));
        Assert.Equal(HttpStatusCode.NoContent, dismiss.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, merge.StatusCode);
        Assert.Empty(after);
        var merged = await app.QueryAsync(db => db.Activities.SingleAsync(a => a.Id == legalB));
        Assert.Equal(legalA, merged.MergedIntoId);
        Assert.NotNull(merged.RetiredAt);
        var survivor = await app.QueryAsync(db => db.Activities.Include(a => a.IatiIdentifiers).Include(a => a.Participants).SingleAsync(a => a.Id == legalA));
        Assert.Equal([$"XM-A{tag}-1", $"XM-B{tag}-2"], survivor.IatiIdentifiers.Select(i => i.Identifier).Order(StringComparer.Ordinal));
        Assert.Single(survivor.Participants, p => p.Role == ParticipantRole.Donor); // the same donor once
        Assert.True(await app.QueryAsync(db => db.ActivityRevisions.AnyAsync(r => r.ActivityId == legalB)));
    }

    [Theory]
    [MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task An_old_duplicate_is_found_behind_thousands_of_newer_activities_in_its_cell(Provider provider)
    {
        var app = await apps.For(provider);
        var tag = Tag();
        var editor = await app.CreateApiClientAsync(Roles.Editor);
        await ImportCsvAsync(editor, $",Shelter and reintegration for trafficked women {tag},,Ongoing,2010-01-01,,LI,no,no,ProtectionAndAssistance,,,,,,,,,,,");

        // 2,100 newer activities in the same cell and period, none alike: more than the 2,000 newest the finder used to score.
        await app.QueryAsync(async db =>
        {
            for (var i = 0; i < 2100; i++)
            {
                var filler = new Activity
                {
                    Slug = $"filler-{tag}-{i}",
                    Title = $"Beekeeping cooperative number {i}",
                    ReviewState = ReviewState.Published,
                    Status = ActivityStatus.Ongoing,
                    StartDate = new DateOnly(2020, 1, 1).AddDays(i % 1500),
                    EndDate = new DateOnly(2030, 12, 31),
                    Countries = ["LI"],
                    ThematicAreas = [ThematicArea.ProtectionAndAssistance],
                    CreatedAt = DateTimeOffset.UtcNow,
                };
                filler.RefreshFacets();
                filler.RefreshSearchText();
                db.Activities.Add(filler);
            }

            return await db.SaveChangesAsync();
        });

        var candidates = await CandidatesAsync(editor, $"Reintegration and shelter for trafficked women {tag}", "LI", "2024-06-01", "2026-06-01", null);

        var found = Assert.Single(candidates);
        Assert.Equal($"Shelter and reintegration for trafficked women {tag}", found.GetProperty("title").GetString());
    }

    [Theory]
    [MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task The_candidates_are_the_best_scoring_ones_when_more_than_the_limit_look_alike(Provider provider)
    {
        var app = await apps.For(provider);
        var tag = Tag();
        var organisation = await app.CreateOrganisationAsync($"Example Outreach Network {tag}");
        string[] words = ["outreach", "trafficked", "seasonal", "workers", "border", "towns", "farms", "hotline", "interpreters", "counselling", "buses", "markets"];
        var probe = new ActivityInput
        {
            Title = $"Mobile outreach to trafficked seasonal workers in border towns {tag}",
            Summary = "Outreach teams visit farms and markets with interpreters.",
            Status = ActivityStatus.Planned,
            StartDate = new DateOnly(2024, 6, 1),
            EndDate = new DateOnly(2026, 6, 1),
            Countries = ["SM"],
            ThematicAreas = [ThematicArea.Prevention],
            Participants = [new ParticipantInput(ParticipantRole.Implementer, organisation.Id)],
        };

        // Sixteen activities sharing fewer and fewer words with the probe; every third has the same implementer, some a similar summary.
        for (var i = 0; i < 16; i++)
        {
            await app.CreateActivityAsync(probe with
            {
                Title = $"Mobile {string.Join(' ', words.Skip(i % 8).Take(12 - (i / 2)))} {tag}",
                Summary = i % 2 == 0 ? probe.Summary : "A different kind of work altogether.",
                StartDate = new DateOnly(2023 + (i % 3), 1, 1),
                Participants = i % 3 == 0 ? probe.Participants : [],
            });
        }

        var candidates = await CandidatesAsync(editor: await app.CreateApiClientAsync(Roles.Editor), probe);

        // What scoring every one of them gives, best first, then by slug, ten at most (the API's default).
        var expected = await app.QueryAsync(async db => (await db.Activities.Include(a => a.Participants).Include(a => a.IatiIdentifiers)
                .Where(a => a.Title.EndsWith(tag)).ToListAsync())
            .Select(a => (a.Slug, Score: DuplicateScorer.Score(DuplicateProbe.Of(probe), DuplicateProbe.Of(a)).Score))
            .Where(x => x.Score >= DuplicateScorer.Threshold)
            .OrderByDescending(x => x.Score).ThenBy(x => x.Slug, StringComparer.Ordinal)
            .Take(10).ToList());
        Assert.Equal(10, expected.Count);
        Assert.Equal(expected, candidates.Select(c => (c.GetProperty("slug").GetString()!, c.GetProperty("score").GetInt32())));
    }

    [Theory]
    [MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task Candidates_for_several_new_activities_at_once_are_each_ones_own_candidates(Provider provider)
    {
        var app = await apps.For(provider);
        var tag = Tag();
        var organisation = await app.CreateOrganisationAsync($"Example Hotline Network {tag}");
        string[] words = ["hotline", "trafficked", "seasonal", "workers", "border", "towns", "farms", "outreach", "interpreters", "counselling"];
        var template = new ActivityInput
        {
            Title = $"Hotline for trafficked seasonal workers in border towns {tag}",
            Summary = "Counsellors answer calls with interpreters.",
            Status = ActivityStatus.Ongoing,
            StartDate = new DateOnly(2023, 1, 1),
            EndDate = new DateOnly(2025, 12, 31),
            Countries = ["IS"],
            ThematicAreas = [ThematicArea.ProtectionAndAssistance],
            Participants = [new ParticipantInput(ParticipantRole.Implementer, organisation.Id)],
        };
        var created = new List<Activity>();
        for (var i = 0; i < 12; i++)
        {
            created.Add(await app.CreateActivityAsync(template with
            {
                Title = $"Hotline {string.Join(' ', words.Skip(i % 5).Take(10 - (i / 2)))} {tag}",
                Countries = i % 4 == 3 ? ["IS", "MT"] : ["IS"],
                Summary = i % 2 == 0 ? template.Summary : null,
                Participants = i % 3 == 0 ? template.Participants : [],
            }));
        }

        // Probes sharing candidates (so that the batch reuses what it loaded), one with its own id, one elsewhere.
        DuplicateProbe[] probes =
        [
            DuplicateProbe.Of(template),
            DuplicateProbe.Of(template with { Title = $"Hotline for seasonal workers {tag}", Participants = [] }),
            DuplicateProbe.Of(ActivityInput.From(created[0]), created[0].Id),
            DuplicateProbe.Of(template with { Countries = ["MT"], StartDate = new DateOnly(2024, 6, 1), EndDate = null }),
            DuplicateProbe.Of(template with { Countries = ["VA"] }),
        ];

        async Task<T> AsEditor<T>(Func<DuplicateFinder, Task<T>> run)
        {
            await using var scope = app.Services.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<CurrentUser>().SetOperator("tests");
            return await run(scope.ServiceProvider.GetRequiredService<DuplicateFinder>());
        }

        var together = await AsEditor(finder => finder.CandidatesAsync(probes, 5));
        var oneByOne = new List<List<DuplicateCandidate>>();
        foreach (var probe in probes)
        {
            oneByOne.Add(await AsEditor(finder => finder.CandidatesAsync(probe, 5)));
        }

        Assert.Equal(probes.Length, together.Count);
        Assert.Equal(5, oneByOne[0].Count);
        Assert.Empty(oneByOne[4]);
        for (var i = 0; i < probes.Length; i++)
        {
            Assert.Equal(oneByOne[i].Select(c => (c.Id, c.Score, string.Join(',', c.Reasons))), together[i].Select(c => (c.Id, c.Score, string.Join(',', c.Reasons))));
        }
    }

    [Theory]
    [MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task A_pair_marked_not_a_duplicate_is_left_out_of_the_candidates_and_other_pairs_stay(Provider provider)
    {
        var app = await apps.For(provider);
        var tag = Tag();
        var editor = await app.CreateApiClientAsync(Roles.Editor);
        await ImportCsvAsync(editor,
            $",Mobile legal clinic for trafficked persons {tag},,Ongoing,2024-01-01,2025-12-31,SM,no,no,Prosecution,,,,,,,,,,,",
            $",Mobile legal clinics for trafficked persons {tag},,Ongoing,2024-01-01,2025-12-31,SM,no,no,Prosecution,,,,,,,,,,,",
            $",Mobile legal clinic for persons trafficked {tag},,Ongoing,2024-01-01,2025-12-31,SM,no,no,Prosecution,,,,,,,,,,,");
        var ids = await app.QueryAsync(db => db.Activities.Where(a => a.Title.Contains(tag)).ToDictionaryAsync(a => a.Title, a => a.Id));
        var first = ids[$"Mobile legal clinic for trafficked persons {tag}"];
        var second = ids[$"Mobile legal clinics for trafficked persons {tag}"];
        var third = ids[$"Mobile legal clinic for persons trafficked {tag}"];
        var activity = await app.QueryAsync(db => db.Activities.Include(a => a.Participants).SingleAsync(a => a.Id == first));

        var before = await CandidatesAsync(editor, ActivityInput.From(activity), first);
        var dismiss = await editor.PostAsJsonAsync("/api/v1/activities/duplicates/dismiss", new { first = second, second = first });
        var after = await CandidatesAsync(editor, ActivityInput.From(activity), first);

        Assert.Equal(new[] { second, third }.Order(), before.Select(c => c.GetProperty("id").GetGuid()).Order());
        Assert.Equal(HttpStatusCode.NoContent, dismiss.StatusCode);
        Assert.Equal([third], after.Select(c => c.GetProperty("id").GetGuid()));
    }

    [Theory]
    [MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task The_finder_compares_with_each_activity_as_it_now_stands_after_edits_retirement_and_publication(Provider provider)
    {
        var app = await apps.For(provider);
        var tag = Tag();
        var input = new ActivityInput
        {
            Title = $"Mobile legal clinics for trafficked fishermen {tag}",
            Status = ActivityStatus.Ongoing,
            StartDate = new DateOnly(2024, 1, 1),
            EndDate = new DateOnly(2026, 12, 31),
            Countries = ["AD"],
            ThematicAreas = [ThematicArea.ProtectionAndAssistance],
        };
        var activity = await app.CreateActivityAsync(input);

        async Task<T> Run<T>(bool asEditor, Func<IServiceProvider, Task<T>> run)
        {
            await using var scope = app.Services.CreateAsyncScope();
            if (asEditor)
            {
                scope.ServiceProvider.GetRequiredService<CurrentUser>().SetOperator("tests");
            }

            return await run(scope.ServiceProvider);
        }

        // Whether a new activity with this title, country and period gets the one above as a candidate (as an editor, or as the public).
        async Task<bool> Finds(Guid id, string title, string country, int year = 2025, bool asEditor = true) =>
            (await Run(asEditor, services => services.GetRequiredService<DuplicateFinder>().CandidatesAsync(DuplicateProbe.Of(input with
            {
                Title = title,
                Countries = [country],
                StartDate = new DateOnly(year, 1, 1),
                EndDate = new DateOnly(year, 12, 31),
            }), 10))).Any(c => c.Id == id);

        async Task Edit(Func<ActivityInput, ActivityInput> change) =>
            Assert.Equal(EditOutcome.Saved, (await Run(true, async services =>
            {
                var current = await services.GetRequiredService<AppDbContext>().Activities.AsNoTracking().Include(a => a.Participants).SingleAsync(a => a.Id == activity.Id);
                return await services.GetRequiredService<ActivityEditor>().UpdateAsync(activity.Id, change(ActivityInput.From(current)));
            })).Outcome);

        var title = input.Title;
        Assert.True(await Finds(activity.Id, title, "AD"));
        Assert.True(await Finds(activity.Id, title, "AD", asEditor: false));
        Assert.False(await Finds(activity.Id, title, "LU"));

        // Moved to another country: found there, no longer in the first.
        await Edit(a => a with { Countries = ["LU"] });
        Assert.False(await Finds(activity.Id, title, "AD"));
        Assert.True(await Finds(activity.Id, title, "LU"));

        // A new title: the old one no longer matches, the new one does.
        var renamed = $"Cooperative dairy farming for rural women {tag}";
        await Edit(a => a with { Title = renamed });
        Assert.False(await Finds(activity.Id, title, "LU"));
        Assert.True(await Finds(activity.Id, renamed, "LU"));

        // Another period: no longer overlapping 2025, overlapping 2011.
        await Edit(a => a with { StartDate = new DateOnly(2010, 1, 1), EndDate = new DateOnly(2012, 12, 31), Status = ActivityStatus.Completed });
        Assert.False(await Finds(activity.Id, renamed, "LU"));
        Assert.True(await Finds(activity.Id, renamed, "LU", 2011));

        // Retired: not compared with; restored: compared with again.
        var retired = await Run(true, services => services.GetRequiredService<ActivityEditor>().RetireAsync(activity.Id, null));
        Assert.Equal(EditOutcome.Saved, retired.Outcome);
        Assert.False(await Finds(activity.Id, renamed, "LU", 2011));
        Assert.Equal(EditOutcome.Saved, (await Run(true, services => services.GetRequiredService<ActivityEditor>().RestoreAsync(activity.Id, null))).Outcome);
        Assert.True(await Finds(activity.Id, renamed, "LU", 2011));

        // A draft is compared with for editors only, until it is published.
        var draft = await app.CreateActivityAsync(input with { Title = $"Mobile legal clinics for trafficked sailors {tag}" }, publish: false);
        Assert.True(await Finds(draft.Id, title, "AD"));
        Assert.False(await Finds(draft.Id, title, "AD", asEditor: false));
        Assert.Equal(EditOutcome.Saved, (await Run(true, services => services.GetRequiredService<ActivityEditor>().PublishAsync(draft.Id, null))).Outcome);
        Assert.True(await Finds(draft.Id, title, "AD", asEditor: false));
    }

    [Theory]
    [MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task A_draft_with_the_same_iati_identifier_is_a_certain_duplicate_for_editors_only(Provider provider)
    {
        var app = await apps.For(provider);
        var tag = Tag();
        var input = new ActivityInput
        {
            Title = $"Reintegration grants for returnees {tag}",
            Status = ActivityStatus.Planned,
            StartDate = new DateOnly(2027, 1, 1),
            Countries = ["AD"],
            ThematicAreas = [ThematicArea.ReturnAndReintegration],
        };
        var draft = await app.CreateActivityAsync(input, publish: false);
        var identifier = $"XM-DAC-{tag}-1";
        await app.QueryAsync(async db =>
        {
            db.ActivityIatiIdentifiers.Add(new ActivityIatiIdentifier { Identifier = identifier, ActivityId = draft.Id });
            return await db.SaveChangesAsync();
        });

        // Reported elsewhere under another title and in another country: only the identifier ties the two.
        var probe = DuplicateProbe.Of(input with { Title = $"Village water pumps {tag}", Countries = ["LU"] }, null, [identifier]);
        async Task<List<DuplicateCandidate>> Candidates(bool asEditor)
        {
            await using var scope = app.Services.CreateAsyncScope();
            if (asEditor)
            {
                scope.ServiceProvider.GetRequiredService<CurrentUser>().SetOperator("tests");
            }

            return await scope.ServiceProvider.GetRequiredService<DuplicateFinder>().CandidatesAsync(probe, 10);
        }

        var found = Assert.Single(await Candidates(asEditor: true), c => c.Id == draft.Id);
        Assert.Equal(100, found.Score);
        Assert.Equal([DuplicateReason.SameIatiIdentifier], found.Reasons);
        Assert.DoesNotContain(await Candidates(asEditor: false), c => c.Id == draft.Id);
    }

    [Theory]
    [MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task Readers_cannot_act_on_pairs(Provider provider)
    {
        var app = await apps.For(provider);
        var reader = await app.CreateApiClientAsync(Roles.Reader);

        var report = await reader.GetAsync("/api/v1/activities/duplicates");
        var merge = await reader.PostAsJsonAsync("/api/v1/activities/duplicates/merge", new { survivor = Guid.NewGuid(), merged = Guid.NewGuid() });

        Assert.Equal(HttpStatusCode.Forbidden, report.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, merge.StatusCode);
    }

    private static (Guid, Guid) Ordered(JsonElement pair) =>
        Ordered(pair.GetProperty("first").GetProperty("id").GetGuid(), pair.GetProperty("second").GetProperty("id").GetGuid());

    /// <summary>A pair in one order whichever way round it was found (ids made in the same millisecond are in no set order).</summary>
    private static (Guid, Guid) Ordered(Guid a, Guid b) => a.CompareTo(b) < 0 ? (a, b) : (b, a);

    private static async Task ImportCsvAsync(HttpClient editor, params string[] rows)
    {
        var response = await ImportAsync(editor, Encoding.UTF8.GetBytes(Header + "\n" + string.Join("\n", rows) + "\n"), "activities.csv");
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    private static async Task<List<JsonElement>> CandidatesAsync(HttpClient client, string title, string country, string start, string? end, string? implementer, string area = "ProtectionAndAssistance")
    {
        var response = await client.PostAsJsonAsync("/api/v1/activities/duplicates/candidates", new
        {
            activity = new
            {
                title,
                status = "Planned",
                startDate = start,
                endDate = end,
                countries = new[] { country },
                thematicAreas = new[] { area },
                participants = implementer is null ? [] : new[] { new { role = "Implementer", name = implementer } },
            },
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return [.. (await response.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray()];
    }

    private static async Task<List<JsonElement>> CandidatesAsync(HttpClient editor, ActivityInput activity, Guid? id = null)
    {
        var response = await editor.PostAsJsonAsync("/api/v1/activities/duplicates/candidates", new { id, activity });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return [.. (await response.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray()];
    }

    private static async Task<List<JsonElement>> PairsAsync(HttpClient client, string tag)
    {
        var all = await client.GetFromJsonAsync<JsonElement>("/api/v1/activities/duplicates");
        return [.. all.EnumerateArray().Where(p => p.GetProperty("first").GetProperty("title").GetString()!.Contains(tag, StringComparison.Ordinal))];
    }
}
