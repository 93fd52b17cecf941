using Clearinghouse.Accounts;
using Clearinghouse.Activities;
using Clearinghouse.Activities.Files;
using Clearinghouse.Cases;
using Clearinghouse.Data;
using Clearinghouse.Directory;
using Clearinghouse.Library;
using Clearinghouse.Services;
using Clearinghouse.Statistics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Clearinghouse.Cli;

/// <summary>
/// The generic host of the CLI: the web app's configuration sources and registrations (database, directory,
/// accounts), without HTTP. Configuration comes from appsettings.json in the content root, then environment
/// variables (Database__Provider, ConnectionStrings__Clearinghouse, Import__MaxFileBytes, ...).
/// </summary>
internal static class CliHost
{
    public const string ContentRootVariable = "CLEARINGHOUSE_CONTENT_ROOT";
    private const string WebProject = "src/Clearinghouse.Web";

    public static IHost Build(CliConsole console, string contentRoot)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = [],
            ContentRootPath = contentRoot,
            EnvironmentName = Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT") ?? Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT") ?? Environments.Production,
        });
        builder.Configuration.AddInMemoryCollection(console.Settings);
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(new ErrorWriterLoggerProvider(console.Error));
        builder.Services.AddClearinghouseData(builder.Configuration, contentRoot);
        builder.Services.AddDirectory();
        builder.Services.AddLibrary();
        builder.Services.AddActivities();
        builder.Services.AddCases(contentRoot);
        builder.Services.AddServiceDirectory();
        builder.Services.AddStatistics();
        builder.Services.AddActivityFiles();
        builder.Services.AddAccountsCore();
        return builder.Build();
    }

    /// <summary>
    /// The folder against which relative paths in the configuration (like the default SQLite file data/clearinghouse.db)
    /// are resolved: --content-root, else CLEARINGHOUSE_CONTENT_ROOT, else — inside a source checkout — the web project's
    /// folder src/Clearinghouse.Web (the web app's own content root under `dotnet run`), else the current directory.
    /// </summary>
    public static string ResolveContentRoot(string? option, string? environment, string workingDirectory)
    {
        if (!string.IsNullOrWhiteSpace(option))
        {
            return Path.GetFullPath(option, workingDirectory);
        }

        if (!string.IsNullOrWhiteSpace(environment))
        {
            return Path.GetFullPath(environment, workingDirectory);
        }

        for (var folder = new DirectoryInfo(workingDirectory); folder is not null; folder = folder.Parent)
        {
            var web = Path.Combine(folder.FullName, WebProject);
            if (File.Exists(Path.Combine(web, "Clearinghouse.Web.csproj")))
            {
                return web;
            }
        }

        return Path.GetFullPath(workingDirectory);
    }

    /// <summary>Writes warnings and errors of the application (not its routine information) to the error stream.</summary>
    private sealed class ErrorWriterLoggerProvider(TextWriter error) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new ErrorWriterLogger(error);

        public void Dispose()
        {
        }

        private sealed class ErrorWriterLogger(TextWriter error) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (IsEnabled(logLevel))
                {
                    error.WriteLine($"{logLevel.ToString().ToLowerInvariant()}: {formatter(state, exception)}");
                }
            }
        }
    }
}
