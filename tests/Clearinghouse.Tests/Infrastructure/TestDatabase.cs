using Clearinghouse.Data;
using Npgsql;

namespace Clearinghouse.Tests.Infrastructure;

/// <summary>
/// A fresh, empty database for one fixture: a temporary SQLite file, or a new database on the throw-away
/// PostgreSQL server that scripts/test.sh starts (its connection string is in CLEARINGHOUSE_TEST_POSTGRES).
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public const string PostgresVariable = "CLEARINGHOUSE_TEST_POSTGRES";

    private readonly string? sqliteFolder;
    private readonly string? postgresName;
    private readonly string? serverConnectionString;

    private TestDatabase(Provider provider, string connectionString, string? sqliteFolder, string? postgresName, string? serverConnectionString)
    {
        Provider = provider;
        ConnectionString = connectionString;
        this.sqliteFolder = sqliteFolder;
        this.postgresName = postgresName;
        this.serverConnectionString = serverConnectionString;
    }

    public Provider Provider { get; }

    public string ConnectionString { get; }

    internal DatabaseProvider ProviderSetting => Provider == Provider.Postgres ? DatabaseProvider.Postgres : DatabaseProvider.Sqlite;

    public static async Task<TestDatabase> CreateAsync(Provider provider)
    {
        if (provider == Provider.Sqlite)
        {
            var folder = Path.Combine(Path.GetTempPath(), "clearinghouse-tests", Guid.NewGuid().ToString("N"));
            System.IO.Directory.CreateDirectory(folder);
            return new TestDatabase(provider, $"Data Source={Path.Combine(folder, "test.db")}", folder, null, null);
        }

        var server = Environment.GetEnvironmentVariable(PostgresVariable);
        if (string.IsNullOrWhiteSpace(server))
        {
            throw new InvalidOperationException(
                $"{PostgresVariable} is not set. Run the tests with ./scripts/test.sh, which starts a throw-away PostgreSQL server.");
        }

        var name = "clearinghouse_test_" + Guid.NewGuid().ToString("N");
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync();
        }

        var builder = new NpgsqlConnectionStringBuilder(server) { Database = name, Pooling = true };
        return new TestDatabase(provider, builder.ToString(), null, name, server);
    }

    public async ValueTask DisposeAsync()
    {
        if (sqliteFolder is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                System.IO.Directory.Delete(sqliteFolder, recursive: true);
            }
            catch (IOException)
            {
                // A file still held open by a late connection is left in the temp folder; the OS cleans it.
            }
        }

        if (postgresName is not null && serverConnectionString is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(serverConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{postgresName}\" WITH (FORCE)", connection);
            await command.ExecuteNonQueryAsync();
        }
    }
}

public enum Provider
{
    Sqlite,
    Postgres,
}
