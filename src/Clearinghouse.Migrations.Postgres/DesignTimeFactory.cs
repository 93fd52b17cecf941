using Clearinghouse.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Clearinghouse.Migrations.Postgres;

/// <summary>Lets 'dotnet ef' build the model for Postgres without starting the application.</summary>
internal sealed class DesignTimeFactory : IDesignTimeDbContextFactory<AppDbContext>
{
    public AppDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<AppDbContext>();
        DataServices.Configure(options, DatabaseProvider.Postgres, "Host=localhost;Database=design_time", Path.GetTempPath());
        return new AppDbContext(options.Options);
    }
}
