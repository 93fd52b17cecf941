using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Clearinghouse.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Clearinghouse.Cli;

/// <summary>migrate, seed-demo and backup.</summary>
internal static class DatabaseCommands
{
    public static Command Migrate(CliContext context)
    {
        var command = new Command("migrate", "Create the database if needed, apply pending migrations and bring the country list up to date. Safe to run again.");
        command.SetAction((parse, cancellationToken) => context.RunAsync(
            parse,
            requireMigrated: false,
            async services =>
            {
                var db = services.GetRequiredService<AppDbContext>();
                var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
                await services.GetRequiredService<DatabaseInitializer>().MigrateAsync(cancellationToken);
                await context.Out.WriteLineAsync(pending.Count == 0
                    ? $"The database is up to date ({CliContext.Describe(db)})."
                    : $"Applied {pending.Count} migration(s) to {CliContext.Describe(db)}; it is up to date.");
                return ExitCodes.Ok;
            },
            cancellationToken));
        return command;
    }

    public static Command SeedDemo(CliContext context)
    {
        var force = new Option<bool>("--force") { Description = "Add the demo records that are missing even if the demo data was loaded before (existing records are left alone)." };
        var command = new Command("seed-demo", "Load the demo directory (organisations, invented contact people, bodies, meetings) once.") { force };
        command.SetAction((parse, cancellationToken) => context.RunAsync(parse, async services =>
        {
            var db = services.GetRequiredService<AppDbContext>();
            var before = await db.Organisations.CountAsync(cancellationToken);
            if (!await services.GetRequiredService<DatabaseInitializer>().SeedDemoDataAsync(parse.GetValue(force), cancellationToken))
            {
                await context.Out.WriteLineAsync("The demo data was loaded before; nothing changed. Use --force to add missing demo records again.");
                return ExitCodes.Ok;
            }

            var added = await db.Organisations.CountAsync(cancellationToken) - before;
            await context.Out.WriteLineAsync($"Loaded the demo data: {added} organisation(s) added.");
            return ExitCodes.Ok;
        }, cancellationToken));
        return command;
    }

    public static Command Backup(CliContext context)
    {
        var output = new Argument<string>("output-file") { Description = "The backup file to write." };
        var force = new Option<bool>("--force") { Description = "Overwrite the output file if it exists." };
        var pgDump = new Option<string?>("--pg-dump") { Description = "The pg_dump program to run for PostgreSQL (default: pg_dump on the PATH)." };
        var command = new Command(
            "backup",
            "Write a consistent copy of the database while the app keeps running. SQLite: a database file made with SQLite's online backup. " +
            "PostgreSQL: a pg_dump archive in custom format (restore with pg_restore); pg_dump must be installed.")
        {
            output, force, pgDump,
        };
        command.SetAction((parse, cancellationToken) => context.RunAsync(
            parse,
            requireMigrated: false,
            async services =>
            {
                var target = Path.GetFullPath(parse.GetValue(output)!, context.Console.WorkingDirectory);
                if (File.Exists(target) && !parse.GetValue(force))
                {
                    await context.Error.WriteLineAsync($"{target} already exists. Choose another name or add --force to overwrite it.");
                    return ExitCodes.Invalid;
                }

                System.IO.Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                var db = services.GetRequiredService<AppDbContext>();
                var connectionString = db.Database.GetConnectionString()!;
                var code = db.Database.IsSqlite()
                    ? await BackupSqliteAsync(context, connectionString, target)
                    : await BackupPostgresAsync(context, connectionString, target, parse.GetValue(pgDump), cancellationToken);
                if (code == ExitCodes.Ok)
                {
                    await context.Out.WriteLineAsync($"Backed up {CliContext.Describe(db)} to {target} ({Size(new FileInfo(target).Length)}).");
                }

                return code;
            },
            cancellationToken));
        return command;
    }

    public static string Size(long bytes) => bytes switch
    {
        >= 1024 * 1024 => (bytes / (1024.0 * 1024)).ToString("0.0", CultureInfo.InvariantCulture) + " MB",
        >= 1024 => (bytes / 1024.0).ToString("0.0", CultureInfo.InvariantCulture) + " KB",
        _ => bytes.ToString(CultureInfo.InvariantCulture) + " bytes",
    };

    private static async Task<int> BackupSqliteAsync(CliContext context, string connectionString, string target)
    {
        var source = new SqliteConnectionStringBuilder(connectionString);
        if (!File.Exists(source.DataSource))
        {
            await context.Error.WriteLineAsync($"There is no database at {source.DataSource}.");
            return ExitCodes.NotFound;
        }

        File.Delete(target);
        await using var from = new SqliteConnection(connectionString);
        await using var to = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = target, Pooling = false }.ToString());
        await from.OpenAsync();
        await to.OpenAsync();
        from.BackupDatabase(to); // SQLite's online backup API: a consistent snapshot even while the web app writes
        return ExitCodes.Ok;
    }

    private static async Task<int> BackupPostgresAsync(CliContext context, string connectionString, string target, string? pgDump, CancellationToken cancellationToken)
    {
        var program = pgDump ?? FindOnPath("pg_dump");
        if (program is null || !File.Exists(program))
        {
            await context.Error.WriteLineAsync(
                (pgDump is null ? "pg_dump was not found on the PATH." : $"{pgDump} does not exist.") +
                " Install the PostgreSQL client tools (on Debian: apt-get install postgresql-client) in the server's major version or newer, or pass --pg-dump <path>.");
            return ExitCodes.Unavailable;
        }

        var settings = new NpgsqlConnectionStringBuilder(connectionString);
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
            ArgumentList = { "--format=custom", "--no-password", "--file", target },
        };

        // The connection goes through the environment, so the password never appears in a process list.
        var environment = new Dictionary<string, string?>
        {
            ["PGHOST"] = settings.Host,
            ["PGPORT"] = settings.Port.ToString(CultureInfo.InvariantCulture),
            ["PGDATABASE"] = settings.Database,
            ["PGUSER"] = settings.Username,
            ["PGPASSWORD"] = settings.Password,
        };
        foreach (var (key, value) in environment.Where(e => !string.IsNullOrEmpty(e.Value)))
        {
            start.Environment[key] = value;
        }

        start.Environment["PGSSLMODE"] = settings.SslMode switch
        {
            SslMode.Disable => "disable",
            SslMode.Allow => "allow",
            SslMode.Require => "require",
            SslMode.VerifyCA => "verify-ca",
            SslMode.VerifyFull => "verify-full",
            _ => "prefer",
        };

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start.");
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        var standardOutput = process.StandardOutput.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            await context.Error.WriteLineAsync($"pg_dump failed (exit code {process.ExitCode}):");
            await context.Error.WriteLineAsync((await errors).Trim() + (await standardOutput).Trim());
            File.Delete(target);
            return ExitCodes.Unavailable;
        }

        return ExitCodes.Ok;
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, OperatingSystem.IsWindows() ? name + ".exe" : name))
            .FirstOrDefault(File.Exists);
}
