using System.ComponentModel.DataAnnotations;

namespace Clearinghouse.Data;

/// <summary>The "Database" configuration section. The connection string is ConnectionStrings:Clearinghouse.</summary>
internal sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary>Sqlite (the embedded default) or Postgres.</summary>
    [Required]
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Apply pending migrations when the web application starts.</summary>
    public bool MigrateOnStart { get; set; } = true;

    /// <summary>Load the demo data into an empty database when the web application starts (once).</summary>
    public bool SeedDemoData { get; set; } = true;
}

internal enum DatabaseProvider
{
    Sqlite,
    Postgres,
}
