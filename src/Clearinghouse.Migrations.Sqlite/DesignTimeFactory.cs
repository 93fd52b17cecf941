using Clearinghouse.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Clearinghouse.Migrations.Sqlite;

/// <summary>Lets 'dotnet ef' build the model for Sqlite without starting the application.</summary>
internal sealed class DesignTimeFactory : IDesignTimeDbContextFactory<AppDbContext>
{
    public AppDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<AppDbContext>();
        DataServices.Configure(options, DatabaseProvider.Sqlite, "Data Source=design-time.db", Path.GetTempPath());
        return new AppDbContext(options.Options);
    }
}
