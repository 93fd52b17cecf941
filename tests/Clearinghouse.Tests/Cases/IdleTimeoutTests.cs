using System.Net;
using Clearinghouse.Accounts;
using Clearinghouse.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace Clearinghouse.Tests.Cases;

/// <summary>A case worker's session ends after the idle time (Cases:IdleTimeoutMinutes, 20 by default), counted from the last request.</summary>
public sealed class IdleTimeoutTests
{
    [Fact]
    public async Task A_case_workers_session_ends_after_twenty_idle_minutes_but_not_while_they_work()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var app = await TestApp.StartAsync(Provider.Sqlite, clock);
        var team = await app.CreateOrganisationAsync();
        var worker = await app.SignInWithTwoFactorAsync(Roles.CaseWorker, team.Id);
        await AssertOnDashboardAsync(worker);

        // Past the one-minute security-stamp check, which rebuilds the session: it stays a two-factor session.
        clock.Advance(TimeSpan.FromMinutes(15));
        await AssertOnDashboardAsync(worker);
        clock.Advance(TimeSpan.FromMinutes(15)); // 30 minutes after sign-in, 15 after the last request
        await AssertOnDashboardAsync(worker);

        clock.Advance(TimeSpan.FromMinutes(21));
        var idle = await worker.GetAsync("/cases");
        Assert.Equal(HttpStatusCode.Redirect, idle.StatusCode);
        Assert.StartsWith("/accounts/sign-in", idle.Headers.Location?.AbsolutePath ?? idle.Headers.Location?.OriginalString ?? string.Empty, StringComparison.Ordinal);

        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(HttpStatusCode.Redirect, (await worker.GetAsync("/cases")).StatusCode);
    }

    private static async Task AssertOnDashboardAsync(HttpClient worker)
    {
        var response = await worker.GetAsync("/cases");
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"/cases answered {(int)response.StatusCode} {response.Headers.Location}");
    }
}
