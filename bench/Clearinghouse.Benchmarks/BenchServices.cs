using Clearinghouse.Accounts;
using Clearinghouse.Activities;
using Clearinghouse.Activities.Files;
using Clearinghouse.Data;
using Clearinghouse.Directory;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Clearinghouse.Benchmarks;

/// <summary>The application's services for an in-process benchmark: data, directory and the activities inventory, as the CLI has them.</summary>
internal static class BenchServices
{
    public static ServiceProvider Build(DatabaseProvider provider, string connection, string contentRoot)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = provider.ToString(),
            ["ConnectionStrings:Clearinghouse"] = connection,
            // 10,000 IATI activities make a file of about 20 MB, over the 10 MB default (Import__MaxFileBytes does the same for the app).
            ["Import:MaxFileBytes"] = "104857600",
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging(b => b.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning)
            .AddFilter("Microsoft.EntityFrameworkCore.Database.Connection", LogLevel.None));
        services.AddClearinghouseData(configuration, contentRoot);
        services.AddDirectory();
        services.AddActivities();
        services.AddActivityFiles();
        services.AddAccountsCore();
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }
}
