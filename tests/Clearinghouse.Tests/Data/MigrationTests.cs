using Clearinghouse.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Clearinghouse.Tests.Data;

public sealed class MigrationTests(Apps apps) : IClassFixture<Apps>
{
    [Theory]
    [MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task Each_provider_has_a_migration_for_every_model_change(Provider provider)
    {
        var app = await apps.For(provider);

        var pending = await app.QueryAsync(db => Task.FromResult(db.Database.HasPendingModelChanges()));

        Assert.False(pending, $"The EF model has changes without a {provider} migration: run 'dotnet ef migrations add' for both providers (docs/decisions/0001).");
    }

    [Theory]
    [MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task A_new_database_is_fully_migrated_on_start_with_countries_and_demo_data(Provider provider)
    {
        var app = await apps.For(provider);

        var (pendingMigrations, countries, organisations) = await app.QueryAsync(async db =>
            ((await db.Database.GetPendingMigrationsAsync()).Count(), await db.Countries.CountAsync(), await db.Organisations.CountAsync()));

        Assert.Equal(0, pendingMigrations);
        Assert.True(countries >= 250, $"Expected the full country list, found {countries}.");
        Assert.True(organisations >= 40, $"Expected the demo directory, found {organisations} organisations.");
    }
}
