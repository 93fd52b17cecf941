using System.Diagnostics;
using System.Text;
using Clearinghouse.Cases;
using Clearinghouse.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Clearinghouse.Tests.Cases;

/// <summary>The database at rest holds no identifier of a person in plain text: the SQLite file and a PostgreSQL dump are searched for the demo cases' identifiers.</summary>
public sealed class CaseStorageTests(Apps apps) : IClassFixture<Apps>
{
    [Theory]
    [MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task The_stored_database_holds_no_plain_identifier(Provider provider)
    {
        var app = await apps.For(provider);
        var numbers = CaseDemoData.Cases.Select(c => c.Number).ToList();
        Assert.Equal(numbers.Count, await app.QueryAsync(db => db.Cases.CountAsync(c => numbers.Contains(c.CaseNumber))));
        var identifiers = CaseDemoData.Cases.SelectMany(c => new[] { c.Personal.GivenName, c.Personal.FamilyName, c.Personal.Phone, c.Personal.Email, c.Personal.Narrative?[..30] }
                .Concat(c.Personal.Aliases).Concat(c.Personal.Documents.Select(d => d.Number)))
            .OfType<string>().Where(s => s.Length >= 5).Distinct().ToList();

        var stored = provider == Provider.Sqlite ? SqliteFiles(app.DatabaseConnectionString) : await PostgresDumpAsync(app.DatabaseConnectionString);

        Assert.Contains(numbers[0], stored, StringComparison.Ordinal); // the dump is readable: the pseudonymous number is there
        var found = identifiers.Where(i => stored.Contains(i, StringComparison.OrdinalIgnoreCase)).ToList();
        Assert.True(found.Count == 0, "Plain identifiers in the database: " + string.Join(", ", found));
    }

    private static string SqliteFiles(string connectionString)
    {
        var file = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(connectionString).DataSource;
        var text = new StringBuilder();
        foreach (var path in new[] { file, file + "-wal", file + "-journal" }.Where(File.Exists))
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var memory = new MemoryStream();
            stream.CopyTo(memory);
            text.Append(Encoding.UTF8.GetString(memory.ToArray()));
        }

        return text.ToString();
    }

    private static async Task<string> PostgresDumpAsync(string connectionString)
    {
        var pgDump = System.IO.Directory.GetDirectories("/usr/lib/postgresql").OrderDescending()
            .Select(d => Path.Combine(d, "bin", "pg_dump")).First(File.Exists);
        var c = new NpgsqlConnectionStringBuilder(connectionString);
        var start = new ProcessStartInfo(pgDump, ["-h", c.Host!, "-p", c.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-U", c.Username!, "-d", c.Database!, "--no-owner"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["PGPASSWORD"] = c.Password ?? string.Empty;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, "pg_dump failed: " + await error);
        return await output;
    }
}
