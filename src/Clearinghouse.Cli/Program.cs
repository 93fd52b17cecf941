using System.CommandLine;
using System.CommandLine.Invocation;
using System.Data.Common;
using Clearinghouse.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Clearinghouse.Cli;

/// <summary>Exit codes of every command.</summary>
internal static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>The input was refused: validation or import errors (nothing was changed).</summary>
    public const int Invalid = 1;

    /// <summary>The command line or the configuration is wrong.</summary>
    public const int Usage = 2;

    /// <summary>A named user, organisation or file does not exist.</summary>
    public const int NotFound = 3;

    /// <summary>The database (or a needed tool like pg_dump) cannot be used, or the database needs `migrate` first.</summary>
    public const int Unavailable = 4;

    public const int Interrupted = 130;
}

/// <summary>
/// The operator command line: the same registrations and configuration as the web app, acting as the operator
/// "cli:&lt;os user&gt;" (the history records it). Results go to standard output, progress and messages to standard error.
/// </summary>
internal static class CliProgram
{
    public static Task<int> Main(string[] args) => RunAsync(args, CliConsole.FromSystem());

    /// <summary>Runs one command line and returns its exit code (see <see cref="ExitCodes"/>).</summary>
    public static async Task<int> RunAsync(string[] args, CliConsole console, CancellationToken cancellationToken = default)
    {
        var contentRoot = new Option<string?>("--content-root")
        {
            Description = $"Folder that relative paths in the configuration (appsettings.json, the default SQLite file data/clearinghouse.db) are resolved against. Default: ${CliHost.ContentRootVariable}; else, inside a source checkout, src/Clearinghouse.Web (the web app's own folder under `dotnet run`, so both use one database); else the current directory.",
            Recursive = true,
        };
        var context = new CliContext(console, contentRoot);
        var root = new RootCommand(
            "Clearinghouse operator commands. The database comes from the web app's configuration: appsettings.json in the content root " +
            "and the environment variables Database__Provider (Sqlite or Postgres) and ConnectionStrings__Clearinghouse. " +
            "Exit codes: 0 done, 1 refused input (validation or import errors; nothing changed), 2 usage or configuration error, " +
            "3 not found, 4 database or tool unavailable (or run `migrate` first), 130 interrupted.")
        {
            DatabaseCommands.Migrate(context),
            DatabaseCommands.SeedDemo(context),
            DirectoryCommands.Import(context),
            DirectoryCommands.Export(context),
            StatisticsCommands.Statistics(context),
            ActivityCommands.Activities(context),
            UserCommands.Users(context),
            DatabaseCommands.Backup(context),
            LibraryCommands.Library(context),
            CaseCommands.Cases(context),
        };
        root.Options.Add(contentRoot);

        var parse = root.Parse(args);
        if (parse.Action is ParseErrorAction)
        {
            foreach (var error in parse.Errors)
            {
                await console.Error.WriteLineAsync(error.Message);
            }

            await console.Error.WriteLineAsync("Run with --help to see the commands and their options.");
            return ExitCodes.Usage;
        }

        try
        {
            return await parse.InvokeAsync(new InvocationConfiguration { Output = console.Out, Error = console.Error, EnableDefaultExceptionHandler = false }, cancellationToken);
        }
        catch (OptionsValidationException e)
        {
            await console.Error.WriteLineAsync("The configuration is not valid: " + string.Join(" ", e.Failures));
            return ExitCodes.Usage;
        }
        catch (DbException e)
        {
            await console.Error.WriteLineAsync("The database cannot be used: " + e.Message);
            return ExitCodes.Unavailable;
        }
        catch (OperationCanceledException)
        {
            await console.Error.WriteLineAsync("Interrupted.");
            return ExitCodes.Interrupted;
        }
    }
}

/// <summary>What every command shares: the console, and running a body inside the host as the operator.</summary>
internal sealed class CliContext(CliConsole console, Option<string?> contentRoot)
{
    public CliConsole Console => console;

    public TextWriter Out => console.Out;

    public TextWriter Error => console.Error;

    /// <summary>Runs the body in a database that is up to date (see the other overload).</summary>
    public Task<int> RunAsync(ParseResult parse, Func<IServiceProvider, Task<int>> body, CancellationToken cancellationToken) =>
        RunAsync(parse, requireMigrated: true, body, cancellationToken);

    /// <summary>
    /// Builds the host, checks the configuration, opens a scope acting as "cli:&lt;os user&gt;" and runs the body.
    /// Unless <paramref name="requireMigrated"/> is false, a database with pending migrations is refused first.
    /// </summary>

    public async Task<int> RunAsync(ParseResult parse, bool requireMigrated, Func<IServiceProvider, Task<int>> body, CancellationToken cancellationToken)
    {
        var root = CliHost.ResolveContentRoot(parse.GetValue(contentRoot), Environment.GetEnvironmentVariable(CliHost.ContentRootVariable), console.WorkingDirectory);
        using var host = CliHost.Build(console, root);
        await host.StartAsync(cancellationToken); // validates the options, as the web app does at start-up
        try
        {
            await using var scope = host.Services.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<CurrentUser>().SetOperator("cli:" + console.UserName);
            if (requireMigrated)
            {
                var db = scope.ServiceProvider.GetRequiredService<Data.AppDbContext>();
                var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).Count();
                if (pending > 0)
                {
                    await Error.WriteLineAsync($"The database ({Describe(db)}) is not up to date: {pending} migration(s) to apply. Run the `migrate` command first.");
                    return ExitCodes.Unavailable;
                }
            }

            return await body(scope.ServiceProvider);
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }

    /// <summary>The database in words, without secrets: "SQLite /path/file.db" or "PostgreSQL database x on host y".</summary>
    public static string Describe(Data.AppDbContext db)
    {
        var connectionString = db.Database.GetConnectionString() ?? string.Empty;
        if (db.Database.IsSqlite())
        {
            return "SQLite " + new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(connectionString).DataSource;
        }

        var postgres = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        return $"PostgreSQL database {postgres.Database} on {postgres.Host}:{postgres.Port}";
    }
}
