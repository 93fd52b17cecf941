using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using Clearinghouse.Accounts;
using Clearinghouse.Activities;
using Clearinghouse.Data;
using Clearinghouse.Directory;
using Clearinghouse.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static Clearinghouse.Tests.Activities.ActivitiesApiTests;

namespace Clearinghouse.Tests.Activities;

/// <summary>
/// The stored gap matrix summary (ADR 0019) gives the same matrix as the live computation after every kind of activity
/// write, after a day change and after a rebuild, on both databases. Each test has a database of its own, so that the
/// whole matrix can be compared.
/// </summary>
public sealed class GapSummaryTests
{
    [Theory]
    [MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task Summary_matrix_equals_the_live_one_after_every_kind_of_write(Provider provider)
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var app = await TestApp.StartAsync(provider, clock);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        await app.Services.GetRequiredService<GapSummaryService>().EnsureAsync(today, CancellationToken.None);
        await AssertSummaryMatchesLiveAsync(app, today); // built from the demo data

        // Create (published), and a draft that counts only once published.
        var tag = Unique();
        var created = await app.CreateActivityAsync(Input("Summary one " + tag, "MD") with
        {
            ThematicAreas = [ThematicArea.Prevention, ThematicArea.ProtectionAndAssistance],
            Countries = ["MD", "RO"],
            StartDate = today.AddYears(-1),
            EndDate = today.AddYears(1),
            Budget = 1234.56m,
            BudgetCurrency = "EUR",
        });
        var draft = await app.CreateActivityAsync(Input("Summary draft " + tag, "MD") with { Budget = 10, BudgetCurrency = "USD" }, publish: false);
        await AssertSummaryMatchesLiveAsync(app, today);
        await EditAsync(app, (editor, _) => editor.PublishAsync(draft.Id, null));
        await AssertSummaryMatchesLiveAsync(app, today);
        var moldova = await CellAsync(app, "MD", ThematicArea.Prevention, today);
        Assert.True(moldova.Count >= 1);
        Assert.True(moldova.Budgets.GetValueOrDefault("EUR") >= 1234.56m);

        // Edit each thing the matrix depends on: cells, dates (no longer ongoing), budget and currency, status.
        await UpdateAsync(app, created.Id, input => input with { Countries = ["UA"], ThematicAreas = [ThematicArea.Prosecution] });
        await AssertSummaryMatchesLiveAsync(app, today);
        await UpdateAsync(app, created.Id, input => input with { StartDate = today.AddYears(-3), EndDate = today.AddYears(-2) });
        await AssertSummaryMatchesLiveAsync(app, today);
        await UpdateAsync(app, created.Id, input => input with { Budget = 99.99m, BudgetCurrency = "USD" });
        await AssertSummaryMatchesLiveAsync(app, today);
        await UpdateAsync(app, created.Id, input => input with { Budget = null, BudgetCurrency = null, EndDate = null, StartDate = null });
        await AssertSummaryMatchesLiveAsync(app, today);
        await UpdateAsync(app, created.Id, input => input with { Status = ActivityStatus.Cancelled });
        await AssertSummaryMatchesLiveAsync(app, today);
        await UpdateAsync(app, created.Id, input => input with { Status = ActivityStatus.Completed, Budget = 5, BudgetCurrency = "EUR" });
        await AssertSummaryMatchesLiveAsync(app, today);

        // Retire.
        await EditAsync(app, async (editor, db) => await editor.RetireAsync(draft.Id, await db.Activities.Where(a => a.Id == draft.Id).Select(a => a.Version).SingleAsync()));
        await AssertSummaryMatchesLiveAsync(app, today);

        // Import (all rows in one transaction), then merge two of them.
        var api = await app.CreateApiClientAsync(Roles.Editor);
        var year = today.Year.ToString(CultureInfo.InvariantCulture);
        var imported = await ActivityFilesTests.ImportAsync(api, Encoding.UTF8.GetBytes(string.Join('\n',
            string.Join(',', Clearinghouse.Activities.Files.ActivityColumns.All),
            $",Legal aid to victims of trafficking {tag},,Ongoing,{year}-01-01,{year}-12-31,BA,no,no,Prosecution,,,2000,EUR,,,Example Fund {tag} (1000 EUR),,,,",
            $",Legal aid for trafficking victims {tag},,Ongoing,{year}-01-01,{year}-12-31,BA;ME,no,no,Prosecution,,,3000,USD,,,Example Fund {tag},,,,") + "\n"), "activities.csv");
        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        await AssertSummaryMatchesLiveAsync(app, today);
        var ids = await app.QueryAsync(db => db.Activities.Where(a => a.Title.Contains(tag) && a.Title.StartsWith("Legal")).OrderBy(a => a.Title).Select(a => a.Id).ToListAsync());
        var merge = await api.PostAsJsonAsync("/api/v1/activities/duplicates/merge", new { survivor = ids[0], merged = ids[1] });
        Assert.Equal(HttpStatusCode.NoContent, merge.StatusCode);
        await AssertSummaryMatchesLiveAsync(app, today);
    }

    [Theory]
    [MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task Ongoing_summary_moves_to_the_new_day_and_a_missing_summary_is_rebuilt(Provider provider)
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var app = await TestApp.StartAsync(provider, clock);
        var service = app.Services.GetRequiredService<GapSummaryService>();
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        await service.EnsureAsync(today, CancellationToken.None);
        // Ends today: ongoing today, not tomorrow.
        await app.CreateActivityAsync(Input("Ends today " + Unique(), "AD") with { StartDate = today.AddMonths(-1), EndDate = today, Budget = 100, BudgetCurrency = "EUR" });
        Assert.Equal(1, (await CellAsync(app, "AD", ThematicArea.ProtectionAndAssistance, today)).Count);

        clock.Advance(TimeSpan.FromDays(1));
        var tomorrow = today.AddDays(1);
        // Until the summary is for the new day, the page computes live; either way the answer is the new day's.
        Assert.Equal(0, (await CellAsync(app, "AD", ThematicArea.ProtectionAndAssistance, tomorrow)).Count);
        await service.EnsureAsync(tomorrow, CancellationToken.None);
        Assert.Equal(tomorrow, (await app.QueryAsync(db => GapSummary.StateAsync(db, CancellationToken.None))).OngoingOn);
        await AssertSummaryMatchesLiveAsync(app, tomorrow);
        Assert.Equal(0, (await CellAsync(app, "AD", ThematicArea.ProtectionAndAssistance, tomorrow)).Count);
        Assert.Equal(1, (await CellAsync(app, "AD", ThematicArea.ProtectionAndAssistance, null)).Count);

        // Data written around the application (as the benchmark's COPY does) while the summary is forgotten: the
        // rebuild counts it.
        await app.QueryAsync(db => GapSummary.ForgetAsync(db, CancellationToken.None));
        await app.QueryAsync(db => db.GapSummaryRows.ExecuteDeleteAsync());
        await app.CreateActivityAsync(Input("Written meanwhile " + Unique(), "AD") with { StartDate = tomorrow, Budget = 50, BudgetCurrency = "EUR" });
        Assert.Equal(0, await app.QueryAsync(db => db.GapSummaryRows.CountAsync()));
        await service.EnsureAsync(tomorrow, CancellationToken.None);
        await AssertSummaryMatchesLiveAsync(app, tomorrow);
        var cell = await CellAsync(app, "AD", ThematicArea.ProtectionAndAssistance, null);
        Assert.Equal(2, cell.Count);
        Assert.Equal(150m, cell.Budgets["EUR"]);
    }

    [Theory]
    [MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task An_import_of_several_save_batches_keeps_the_summary_and_a_cancelled_one_leaves_everything_as_it_was(Provider provider)
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var app = await TestApp.StartAsync(provider, clock);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        await app.Services.GetRequiredService<GapSummaryService>().EnsureAsync(today, CancellationToken.None);
        var tag = Unique();
        var existing = await app.CreateActivityAsync(Input("Summary batches " + tag, "MD") with { Budget = 700, BudgetCurrency = "EUR" });
        var before = await MatrixAsync(app, today);

        // One update (an existing slug) and 300 new activities: more than one save of new activities.
        var year = today.Year.ToString(CultureInfo.InvariantCulture);
        string[] countries = ["BA", "ME", "MD", "RS"];
        string[] areas = ["Prevention;ProtectionAndAssistance", "Prosecution", "ProtectionAndAssistance", "PartnershipAndCoordination"];
        var rows = new List<string> { string.Join(',', Clearinghouse.Activities.Files.ActivityColumns.All) };
        rows.Add($"{existing.Slug},Summary batches {tag},,Ongoing,{year}-01-01,{year}-12-31,UA,no,no,Prosecution,,,900,USD,,,,,,,");
        for (var i = 0; i < 300; i++)
        {
            rows.Add($",Batch activity {i} {tag},,Ongoing,{year}-01-01,{year}-12-31,{countries[i % 4]};{countries[(i + 1) % 4]},no,no,{areas[i % 4]},,,{100 + i},{(i % 3 == 0 ? "USD" : "EUR")},,,,,,,");
        }

        var file = Encoding.UTF8.GetBytes(string.Join('\n', rows) + "\n");

        // Cancelled after the first save of new activities: nothing of the file is written, the summary is unchanged.
        using (var cancel = new CancellationTokenSource())
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ImportAsync(app, file, new CancelWhenSaved(cancel, 250), cancel.Token));
        }

        Assert.Equal(0, await app.QueryAsync(db => db.Activities.CountAsync(a => a.Title.StartsWith("Batch activity ") && a.Title.EndsWith(tag))));
        Assert.Equal(new List<string> { "MD" }, await app.QueryAsync(db => db.Activities.Where(a => a.Id == existing.Id).Select(a => a.Countries).SingleAsync()));
        Assert.Equal(before, await MatrixAsync(app, today));
        await AssertSummaryMatchesLiveAsync(app, today);

        var result = await ImportAsync(app, file, null, CancellationToken.None);
        Assert.Equal((300, 1), (result.Created, result.Updated));
        Assert.Equal(300, await app.QueryAsync(db => db.Activities.CountAsync(a => a.Title.StartsWith("Batch activity ") && a.Title.EndsWith(tag))));
        Assert.NotEqual(before, await MatrixAsync(app, today));
        await AssertSummaryMatchesLiveAsync(app, today);
    }

    private static async Task<ImportResult> ImportAsync(TestApp app, byte[] file, IProgress<ImportProgress>? progress, CancellationToken cancellationToken)
    {
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().SetOperator("tests");
        var importer = scope.ServiceProvider.GetRequiredService<Clearinghouse.Activities.Files.ActivityImporter>();
        var result = await importer.ImportAsync(file, "activities.csv", Clearinghouse.Activities.Files.ActivityFileFormat.Csv, progress, cancellationToken);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Take(3).Select(e => $"{e.Row} {e.Column} {e.Problem}")));
        return result;
    }

    /// <summary>The stored matrix for any period and ongoing today, as text.</summary>
    private static async Task<string> MatrixAsync(TestApp app, DateOnly today)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var matrix = scope.ServiceProvider.GetRequiredService<GapMatrix>();
        return Describe(await matrix.BuildAsync(new GapQuery(GapPeriod.Any))) + "\n" + Describe(await matrix.BuildAsync(new GapQuery(GapPeriod.OngoingOn, On: today)));
    }

    /// <summary>Cancels the import once it has saved <paramref name="rows"/> rows (reported synchronously, unlike Progress).</summary>
    private sealed class CancelWhenSaved(CancellationTokenSource cancel, int rows) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value)
        {
            if (value.Stage == ImportStage.Saving && value.RowsDone >= rows)
            {
                cancel.Cancel();
            }
        }
    }

    /// <summary>Both stored scopes are built for <paramref name="today"/> and give the live matrix, cell by cell, budget by budget, with the country totals.</summary>
    private static async Task AssertSummaryMatchesLiveAsync(TestApp app, DateOnly today)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var matrix = scope.ServiceProvider.GetRequiredService<GapMatrix>();
        foreach (var query in new[] { new GapQuery(GapPeriod.Any), new GapQuery(GapPeriod.OngoingOn, On: today) })
        {
            Assert.NotNull(await GapSummary.TryReadAsync(db, query, today, ActivityFacet.Cell, ActivityFacet.Country, CancellationToken.None));
            Assert.Equal(Describe(await matrix.BuildLiveAsync(query)), Describe(await matrix.BuildAsync(query)));
            Assert.Equal(Describe(await matrix.BuildLiveAsync(query, "MD")), Describe(await matrix.BuildAsync(query, "MD")));
        }
    }

    private static string Describe(GapMatrixResult result) =>
        string.Join('\n', result.Cells.Values.OrderBy(c => c.Country, StringComparer.Ordinal).ThenBy(c => c.Area)
            .Select(c => $"{c.Country} {c.Area} {c.Count} " + string.Join(' ', c.Budgets.OrderBy(b => b.Key, StringComparer.Ordinal).Select(b => $"{b.Key}={b.Value}"))))
        + "\n" + string.Join(' ', result.CountryTotals.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => $"{t.Key}={t.Value}"));

    private static async Task<GapCell> CellAsync(TestApp app, string country, ThematicArea area, DateOnly? ongoingOn)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var query = ongoingOn is { } day ? new GapQuery(GapPeriod.OngoingOn, On: day) : new GapQuery(GapPeriod.Any);
        return (await scope.ServiceProvider.GetRequiredService<GapMatrix>().BuildAsync(query)).Cell(country, area);
    }

    private static async Task UpdateAsync(TestApp app, Guid id, Func<ActivityInput, ActivityInput> change) =>
        await EditAsync(app, async (editor, db) =>
        {
            var activity = await db.Activities.AsNoTracking().Include(a => a.Participants).SingleAsync(a => a.Id == id);
            return await editor.UpdateAsync(id, change(ActivityInput.From(activity)));
        });

    private static async Task EditAsync(TestApp app, Func<ActivityEditor, AppDbContext, Task<EditResult<Activity>>> edit)
    {
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().SetOperator("tests");
        var result = await edit(scope.ServiceProvider.GetRequiredService<ActivityEditor>(), scope.ServiceProvider.GetRequiredService<AppDbContext>());
        Assert.Equal(EditOutcome.Saved, result.Outcome);
    }
}
