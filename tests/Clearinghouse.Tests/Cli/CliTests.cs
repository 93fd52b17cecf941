using System.Text;
using Clearinghouse.Accounts;
using Clearinghouse.Cli;
using Clearinghouse.Data;
using Clearinghouse.Directory;
using Clearinghouse.Tests.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Clearinghouse.Tests.Cli;

/// <summary>The operator CLI, run in-process through its entry point against real databases of both providers.</summary>
public sealed class CliTests(CliTests.SeededDatabases databases) : IClassFixture<CliTests.SeededDatabases>
{
    private const string Password = "correct horse battery staple";

    [Theory]
    [MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task Migrate_then_seed_demo_loads_the_demo_directory_once(Provider provider)
    {
        await using var database = await CliDatabase.CreateAsync(provider);

        var beforeMigrate = await database.RunAsync("users", "list");
        var migrate = await database.RunAsync("migrate");
        var again = await database.RunAsync("migrate");
        var seed = await database.RunAsync("seed-demo");
        var seedAgain = await database.RunAsync("seed-demo");
        var organisations = await database.QueryAsync(db => db.Organisations.CountAsync());
        var forced = await database.RunAsync("seed-demo", "--force");

        Assert.Equal(ExitCodes.Unavailable, beforeMigrate.ExitCode);
        Assert.Contains("Run the `migrate` command first", beforeMigrate.Error, StringComparison.Ordinal);
        Assert.Equal((ExitCodes.Ok, ExitCodes.Ok), (migrate.ExitCode, again.ExitCode));
        Assert.Contains("up to date", again.Out, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Ok, seed.ExitCode);
        Assert.Contains($"{organisations} organisation(s) added", seed.Out, StringComparison.Ordinal);
        Assert.True(organisations > 50, $"only {organisations} demo organisations");
        Assert.Contains("loaded before; nothing changed", seedAgain.Out, StringComparison.Ordinal);
        Assert.Contains("0 organisation(s) added", forced.Out, StringComparison.Ordinal);
        Assert.Equal(organisations, await database.QueryAsync(db => db.Organisations.CountAsync()));
        Assert.Equal("cli:test-operator", await database.QueryAsync(db => db.ChangeRecords.Select(c => c.ChangedBy).Distinct().SingleAsync()));
    }

    [Theory]
    [MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task Users_add_list_and_disable_and_a_disabled_user_cannot_sign_in(Provider provider)
    {
        var database = await databases.For(provider);
        var email = Email("editor");

        var add = await database.PipeAsync(Password + "\n", "users", "add", "--email", email, "--name", "Ines Editorova", "--role", "editor", "--password-stdin");
        var canSignIn = await database.CheckPasswordAsync(email, Password);
        var listed = await database.RunAsync("users", "list");
        var disable = await database.RunAsync("users", "disable", "--email", email);
        var listedAfter = await database.RunAsync("users", "list");
        var afterDisable = await database.CheckPasswordAsync(email, Password);
        var unknown = await database.RunAsync("users", "disable", "--email", Email("nobody"));

        Assert.Equal(ExitCodes.Ok, add.ExitCode);
        Assert.True(canSignIn.Succeeded);
        Assert.Matches($@"(?m)^{System.Text.RegularExpressions.Regex.Escape(email)}\s+Ines Editorova\s+Editor\s+no$", listed.Out);
        Assert.Equal(ExitCodes.Ok, disable.ExitCode);
        Assert.Matches($@"(?m)^{System.Text.RegularExpressions.Regex.Escape(email)}\s+Ines Editorova\s+Editor\s+yes$", listedAfter.Out);
        Assert.False(afterDisable.Succeeded);
        Assert.True(afterDisable.IsLockedOut);
        Assert.Equal(ExitCodes.NotFound, unknown.ExitCode);
    }

    [Theory]
    [MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task Users_add_refuses_bad_input_with_the_right_exit_code(Provider provider)
    {
        var database = await databases.For(provider);

        var shortPassword = await database.PipeAsync("too short\n", "users", "add", "--email", Email("short"), "--name", "Short", "--role", "reader", "--password-stdin");
        var noTerminal = await database.RunAsync("users", "add", "--email", Email("piped"), "--name", "Piped", "--role", "reader");
        var badRole = await database.PipeAsync(Password + "\n", "users", "add", "--email", Email("wizard"), "--name", "Wizard", "--role", "wizard", "--password-stdin");
        var focalWithoutOrganisation = await database.PipeAsync(Password + "\n", "users", "add", "--email", Email("focal"), "--name", "Focal", "--role", "focal-point", "--password-stdin");
        var unknownOrganisation = await database.PipeAsync(Password + "\n", "users", "add", "--email", Email("focal"), "--name", "Focal", "--role", "focal-point", "--organisation", "no-such-organisation", "--password-stdin");
        var focal = await database.PipeAsync(Password + "\n", "users", "add", "--email", Email("focal"), "--name", "Focal", "--role", "focal-point", "--organisation", "la-strada-moldova", "--password-stdin");
        var caseWorkerWithoutOrganisation = await database.PipeAsync(Password + "\n", "users", "add", "--email", Email("caseworker"), "--name", "Case Worker", "--role", "case-worker", "--password-stdin");
        var caseSupervisor = await database.PipeAsync(Password + "\n", "users", "add", "--email", Email("supervisor"), "--name", "Case Supervisor", "--role", "case-supervisor", "--organisation", "la-strada-moldova", "--password-stdin");
        var adminEmail = Email("admin");
        var admin = await database.PipeAsync(Password + "\n", "users", "add", "--email", adminEmail, "--name", "Ada Admin", "--admin", "--password-stdin");
        var duplicate = await database.PipeAsync(Password + "\n", "users", "add", "--email", adminEmail, "--name", "Ada Again", "--admin", "--password-stdin");

        Assert.Equal(ExitCodes.Invalid, shortPassword.ExitCode);
        Assert.Contains("at least 12 characters", shortPassword.Error, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Usage, noTerminal.ExitCode);
        Assert.Contains("--password-stdin", noTerminal.Error, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Usage, badRole.ExitCode);
        Assert.Equal(ExitCodes.Invalid, focalWithoutOrganisation.ExitCode);
        Assert.Equal(ExitCodes.NotFound, unknownOrganisation.ExitCode);
        Assert.Equal(ExitCodes.Ok, focal.ExitCode);
        Assert.Equal(ExitCodes.Invalid, caseWorkerWithoutOrganisation.ExitCode);
        Assert.Equal(ExitCodes.Ok, caseSupervisor.ExitCode);
        Assert.Contains("(CaseSupervisor)", caseSupervisor.Out, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Ok, admin.ExitCode);
        Assert.Contains("(Administrator)", admin.Out, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Invalid, duplicate.ExitCode);
    }

    [Theory]
    [MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task Users_token_prints_a_token_that_authenticates_until_the_user_is_disabled(Provider provider)
    {
        var database = await databases.For(provider);
        var email = Email("script");
        await database.PipeAsync(Password + "\n", "users", "add", "--email", email, "--name", "Script Owner", "--role", "editor", "--password-stdin");

        var token = await database.RunAsync("users", "token", "--email", email, "--name", "nightly sync", "--days", "30");
        var secret = token.Out.Trim();
        var before = await database.AuthenticateAsync(secret);
        await database.RunAsync("users", "disable", "--email", email);
        var after = await database.AuthenticateAsync(secret);

        Assert.Equal(ExitCodes.Ok, token.ExitCode);
        Assert.StartsWith("chk_", secret, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', secret);
        Assert.Contains("not shown again", token.Error, StringComparison.Ordinal);
        Assert.Equal(email, before);
        Assert.Null(after);
    }

    [Theory]
    [MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task Import_with_a_bad_file_exits_1_lists_every_problem_and_writes_nothing(Provider provider)
    {
        var database = await databases.For(provider);
        var tag = Guid.NewGuid().ToString("N")[..8];
        var file = database.WriteFile("bad.csv", $"slug,name,type,country\r\n,Cli Good {tag},Ngo,MD\r\n,Cli Bad {tag},Spaceship,QQ\r\n");

        var run = await database.RunAsync("import", file);

        Assert.Equal(ExitCodes.Invalid, run.ExitCode);
        Assert.Matches(@"(?m)^ROW\s+COLUMN\s+PROBLEM$", run.Out);
        Assert.Matches(@"(?m)^3\s+type\s+'Spaceship' is not a known type", run.Out);
        Assert.Matches(@"(?m)^3\s+country\s+'QQ' is not a known country code", run.Out);
        Assert.Contains("Nothing was imported", run.Error, StringComparison.Ordinal);
        Assert.Contains("Checking rows", run.Error, StringComparison.Ordinal);
        Assert.Equal(0, await database.QueryAsync(db => db.Organisations.CountAsync(o => o.Name.Contains(tag))));
    }

    [Theory]
    [MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task Import_then_export_with_filters(Provider provider)
    {
        var database = await databases.For(provider);
        var tag = Guid.NewGuid().ToString("N")[..8];
        var file = database.WriteFile("good.csv", $"slug,name,type,country\r\n,Cli Shelter {tag},Ngo,MD\r\n");
        var workbook = Path.Combine(database.Folder, $"export-{tag}.xlsx");

        var import = await database.RunAsync("import", file, "--format", "csv");
        var toFile = await database.RunAsync("export", workbook, "--country", "md", "--type", "ngo");
        var toStandardOutput = await database.RunAsync("export", "-", "--q", $"cli shelter {tag}");
        var wrongCountry = await database.RunAsync("export", "-", "--country", "QQ");
        var exported = DirectoryFiles.Read(await File.ReadAllBytesAsync(workbook), DirectoryFileFormat.Xlsx, 10_000);
        var csv = Encoding.UTF8.GetString(toStandardOutput.StandardOutput);

        Assert.Equal(ExitCodes.Ok, import.ExitCode);
        Assert.Contains("1 organisation(s) added", import.Out, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Ok, toFile.ExitCode);
        Assert.Contains(workbook, toFile.Out, StringComparison.Ordinal);
        Assert.Contains(exported.Rows, r => r.Cells[1] == $"Cli Shelter {tag}");
        Assert.Contains(exported.Rows, r => r.Cells[0] == "la-strada-moldova");
        Assert.All(exported.Rows.Skip(1), r => Assert.Equal("Ngo", r.Cells[3]));
        Assert.Equal(ExitCodes.Ok, toStandardOutput.ExitCode);
        Assert.StartsWith("\uFEFFslug,name,", csv, StringComparison.Ordinal);
        Assert.Equal(2, csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Equal(ExitCodes.Usage, wrongCountry.ExitCode);
    }

    [Fact]
    public async Task Backup_of_sqlite_is_a_database_that_opens_with_the_organisations()
    {
        var database = await databases.For(Provider.Sqlite);
        var target = Path.Combine(database.Folder, "backups", "clearinghouse-backup.db");
        var organisations = await database.QueryAsync(db => db.Organisations.CountAsync());

        var backup = await database.RunAsync("backup", target);
        var again = await database.RunAsync("backup", target);
        long copied;
        await using (var connection = new SqliteConnection($"Data Source={target};Mode=ReadOnly;Pooling=False"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT COUNT(*) FROM Organisations";
            copied = (long)(await command.ExecuteScalarAsync())!;
        }

        Assert.Equal(ExitCodes.Ok, backup.ExitCode);
        Assert.Contains(target, backup.Out, StringComparison.Ordinal);
        Assert.Matches(@"\(\d+(\.\d)? (KB|MB)\)", backup.Out);
        Assert.Equal(organisations, copied);
        Assert.Equal(ExitCodes.Invalid, again.ExitCode);
        Assert.Contains("--force", again.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Backup_of_postgres_runs_pg_dump_and_fails_clearly_without_it()
    {
        var database = await databases.For(Provider.Postgres);
        var target = Path.Combine(database.Folder, "clearinghouse.dump");
        var pgDump = System.IO.Directory.GetDirectories("/usr/lib/postgresql")
            .Select(folder => Path.Combine(folder, "bin", "pg_dump"))
            .Where(File.Exists)
            .OrderBy(path => int.Parse(Path.GetFileName(Path.GetDirectoryName(Path.GetDirectoryName(path)))!, System.Globalization.CultureInfo.InvariantCulture))
            .Last();

        var backup = await database.RunAsync("backup", target, "--pg-dump", pgDump);
        var missing = await database.RunAsync("backup", Path.Combine(database.Folder, "other.dump"), "--pg-dump", "/nonexistent/pg_dump");

        Assert.True(backup.ExitCode == ExitCodes.Ok, backup.Error);
        Assert.Equal("PGDMP"u8.ToArray(), (await File.ReadAllBytesAsync(target))[..5]);
        Assert.Equal(ExitCodes.Unavailable, missing.ExitCode);
        Assert.Contains("Install the PostgreSQL client tools", missing.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(database.Folder, "other.dump")));
    }

    [Fact]
    public async Task Usage_errors_exit_2_and_help_exits_0()
    {
        var database = await databases.For(Provider.Sqlite);

        var unknown = await database.RunAsync("frobnicate");
        var missingArgument = await database.RunAsync("import");
        var badFormat = await database.RunAsync("export", "-", "--format", "pdf");
        var help = await database.RunAsync("users", "add", "--help");

        Assert.Equal(ExitCodes.Usage, unknown.ExitCode);
        Assert.Equal(ExitCodes.Usage, missingArgument.ExitCode);
        Assert.Equal(ExitCodes.Usage, badFormat.ExitCode);
        Assert.Equal(ExitCodes.Ok, help.ExitCode);
        Assert.Contains("--password-stdin", help.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task In_a_source_checkout_the_cli_uses_the_web_apps_default_sqlite_file()
    {
        var checkout = Path.Combine(Path.GetTempPath(), "clearinghouse-tests", "checkout-" + Guid.NewGuid().ToString("N"));
        var web = Path.Combine(checkout, "src", "Clearinghouse.Web");
        System.IO.Directory.CreateDirectory(web);
        await File.WriteAllTextAsync(Path.Combine(web, "Clearinghouse.Web.csproj"), "<Project />");
        var startedIn = System.IO.Directory.CreateDirectory(Path.Combine(checkout, "src", "Clearinghouse.Cli")).FullName;
        try
        {
            var output = new StringWriter();
            var error = new StringWriter();
            var console = new CliConsole { Out = output, Error = error, WorkingDirectory = startedIn, UserName = "test-operator" };

            var code = await CliProgram.RunAsync(["migrate"], console);

            Assert.Equal(web, CliHost.ResolveContentRoot(null, null, startedIn));
            Assert.Equal(ExitCodes.Ok, code);
            Assert.True(File.Exists(Path.Combine(web, DataServices.DefaultSqliteFile)), output + error.ToString());
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            System.IO.Directory.Delete(checkout, recursive: true);
        }
    }

    private static string Email(string who) => $"{who}-{Guid.NewGuid():N}@example.org";

    /// <summary>A migrated database with the demo data for each provider, shared by the tests of this class.</summary>
    public sealed class SeededDatabases : IAsyncLifetime
    {
        private readonly Dictionary<Provider, Task<CliDatabase>> started = [];
        private readonly Lock gate = new();

        internal Task<CliDatabase> For(Provider provider)
        {
            lock (gate)
            {
                if (!started.TryGetValue(provider, out var database))
                {
                    started[provider] = database = StartAsync(provider);
                }

                return database;
            }
        }

        public Task InitializeAsync() => Task.CompletedTask;

        public async Task DisposeAsync()
        {
            foreach (var database in started.Values)
            {
                await (await database).DisposeAsync();
            }
        }

        private static async Task<CliDatabase> StartAsync(Provider provider)
        {
            var database = await CliDatabase.CreateAsync(provider);
            foreach (var command in new[] { "migrate", "seed-demo" })
            {
                var run = await database.RunAsync(command);
                if (run.ExitCode != ExitCodes.Ok)
                {
                    throw new InvalidOperationException($"{command} failed: {run.Error}");
                }
            }

            return database;
        }
    }

    internal sealed record CliRun(int ExitCode, string Out, string Error, byte[] StandardOutput);

    /// <summary>A fresh database and a working folder, and the CLI run against them as the OS user "test-operator".</summary>
    internal sealed class CliDatabase : IAsyncDisposable
    {
        private readonly TestDatabase database;

        private CliDatabase(TestDatabase database)
        {
            this.database = database;
            Folder = System.IO.Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "clearinghouse-tests", "cli-" + Guid.NewGuid().ToString("N"))).FullName;
        }

        public string Folder { get; }

        private Dictionary<string, string?> Settings => new()
        {
            ["Database:Provider"] = database.ProviderSetting.ToString(),
            ["ConnectionStrings:Clearinghouse"] = database.ConnectionString,
        };

        public static async Task<CliDatabase> CreateAsync(Provider provider) => new(await TestDatabase.CreateAsync(provider));

        public Task<CliRun> RunAsync(params string[] args) => RunWithInputAsync(string.Empty, args);

        /// <summary>Runs the CLI with text piped to its standard input.</summary>
        public Task<CliRun> PipeAsync(string standardInput, params string[] args) => RunWithInputAsync(standardInput, args);

        public string WriteFile(string name, string content)
        {
            var path = Path.Combine(Folder, name);
            File.WriteAllText(path, content, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            return path;
        }

        /// <summary>Reads the database through the CLI's own host (the same registrations the commands use).</summary>
        public async Task<T> QueryAsync<T>(Func<AppDbContext, Task<T>> query)
        {
            using var host = BuildHost();
            await using var scope = host.Services.CreateAsyncScope();
            return await query(scope.ServiceProvider.GetRequiredService<AppDbContext>());
        }

        /// <summary>Checks a password with Identity's sign-in rules (the ones the sign-in page applies), without a web request.</summary>
        public async Task<Microsoft.AspNetCore.Identity.SignInResult> CheckPasswordAsync(string email, string password)
        {
            using var host = BuildHost();
            await using var scope = host.Services.CreateAsyncScope();
            var services = scope.ServiceProvider;
            var users = services.GetRequiredService<UserManager<AppUser>>();
            var signIn = new SignInManager<AppUser>(
                users,
                new HttpContextAccessor(),
                services.GetRequiredService<IUserClaimsPrincipalFactory<AppUser>>(),
                services.GetRequiredService<IOptions<IdentityOptions>>(),
                NullLogger<SignInManager<AppUser>>.Instance,
                new AuthenticationSchemeProvider(Options.Create(new AuthenticationOptions())),
                new DefaultUserConfirmation<AppUser>());
            var user = await users.FindByEmailAsync(email) ?? throw new InvalidOperationException($"No user {email}.");
            return await signIn.CheckPasswordSignInAsync(user, password, lockoutOnFailure: false);
        }

        /// <summary>The e-mail of the user an API token authenticates, or null.</summary>
        public async Task<string?> AuthenticateAsync(string secret)
        {
            using var host = BuildHost();
            await using var scope = host.Services.CreateAsyncScope();
            return (await scope.ServiceProvider.GetRequiredService<ApiTokens>().AuthenticateAsync(secret))?.Email;
        }

        public async ValueTask DisposeAsync()
        {
            await database.DisposeAsync();
            SqliteConnection.ClearAllPools();
            System.IO.Directory.Delete(Folder, recursive: true);
        }

        private async Task<CliRun> RunWithInputAsync(string standardInput, string[] args)
        {
            var output = new StringWriter();
            var error = new StringWriter();
            var raw = new MemoryStream();
            var console = new CliConsole
            {
                Out = output,
                Error = error,
                In = new StringReader(standardInput),
                OpenStandardOutput = () => raw,
                Settings = Settings,
                WorkingDirectory = Folder,
                UserName = "test-operator",
            };
            var code = await CliProgram.RunAsync(["--content-root", Folder, .. args], console);
            return new CliRun(code, output.ToString(), error.ToString(), raw.ToArray());
        }

        private Microsoft.Extensions.Hosting.IHost BuildHost() =>
            CliHost.Build(new CliConsole { Out = TextWriter.Null, Error = TextWriter.Null, Settings = Settings }, Folder);
    }
}
