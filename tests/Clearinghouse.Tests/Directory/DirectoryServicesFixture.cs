using Clearinghouse.Accounts;
using Clearinghouse.Data;
using Clearinghouse.Directory;
using Clearinghouse.Library;
using Clearinghouse.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Clearinghouse.Tests.Directory;

/// <summary>
/// The application's directory services (no web host) over a fresh, migrated database of each provider, with the
/// demo data, for testing the importer and exporter directly. Import limits are small so that tests can reach them.
/// </summary>
public sealed class DirectoryServicesFixture : IAsyncLifetime
{
    public const int MaxRows = 1000;
    public const int MaxFileBytes = 1024 * 1024;
    public const int WriteBatchSize = 2;

    private readonly Dictionary<Provider, Task<(TestDatabase Database, ServiceProvider Services)>> started = [];
    private readonly Lock gate = new();

    internal async Task<AsyncServiceScope> ScopeAsync(Provider provider, string operatorName = "tests")
    {
        Task<(TestDatabase, ServiceProvider)> task;
        lock (gate)
        {
            if (!started.TryGetValue(provider, out task!))
            {
                started[provider] = task = StartAsync(provider);
            }
        }

        var (_, services) = await task;
        var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().SetOperator(operatorName);
        return scope;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var task in started.Values)
        {
            var (database, services) = await task;
            await services.DisposeAsync();
            await database.DisposeAsync();
        }
    }

    private static async Task<(TestDatabase, ServiceProvider)> StartAsync(Provider provider)
    {
        var database = await TestDatabase.CreateAsync(provider);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = database.ProviderSetting.ToString(),
            ["ConnectionStrings:Clearinghouse"] = database.ConnectionString,
            ["Import:MaxRows"] = MaxRows.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Import:MaxFileBytes"] = MaxFileBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Import:WriteBatchSize"] = WriteBatchSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }).Build();
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<IConfiguration>(configuration);
        services.AddClearinghouseData(configuration, Path.GetTempPath());
        services.AddDirectory();
        services.AddLibrary();
        var serviceProvider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
        await using (var scope = serviceProvider.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<CurrentUser>().SetOperator("system");
            var initializer = scope.ServiceProvider.GetRequiredService<DatabaseInitializer>();
            await initializer.MigrateAsync();
            await initializer.SeedDemoDataAsync();
        }

        return (database, serviceProvider);
    }
}
