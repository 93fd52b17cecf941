using Clearinghouse.Data;
using Microsoft.Extensions.Options;

namespace Clearinghouse.Web.Shared;

internal static class DatabaseStartup
{
    /// <summary>Creates and migrates the database and loads the demo data once, as configured in the Database section.</summary>
    public static async Task InitializeDatabaseAsync(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        await using var scope = app.Services.CreateAsyncScope();
        var initializer = scope.ServiceProvider.GetRequiredService<DatabaseInitializer>();
        scope.ServiceProvider.GetRequiredService<Clearinghouse.Accounts.CurrentUser>().SetOperator("system");
        if (options.MigrateOnStart)
        {
            await initializer.MigrateAsync();
        }

        if (options.SeedDemoData)
        {
            await initializer.SeedDemoDataAsync();
        }
    }
}
