using Clearinghouse.Accounts;
using Clearinghouse.Countries;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Clearinghouse.Data;

internal static class DataServices
{
    public const string ConnectionStringName = "Clearinghouse";
    public const string DefaultSqliteFile = "data/clearinghouse.db";

    /// <summary>
    /// Registers the database (SQLite by default, PostgreSQL when Database:Provider is Postgres), the history
    /// interceptor, the country list and the per-scope <see cref="CurrentUser"/>.
    /// </summary>
    public static IServiceCollection AddClearinghouseData(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        services.AddOptions<DatabaseOptions>().Bind(configuration.GetSection(DatabaseOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(CountryCatalog.LoadEmbedded());
        services.AddScoped<CurrentUser>();
        services.AddScoped<HistoryInterceptor>();
        services.TryAddSingleton(TimeProvider.System);

        var provider = configuration.GetSection(DatabaseOptions.Section).GetValue<DatabaseProvider?>(nameof(DatabaseOptions.Provider)) ?? DatabaseProvider.Sqlite;
        var connectionString = configuration.GetConnectionString(ConnectionStringName);
        services.AddDbContext<AppDbContext>((sp, options) =>
        {
            Configure(options, provider, connectionString, contentRoot);
            options.AddInterceptors(sp.GetRequiredService<HistoryInterceptor>());
        });
        services.AddScoped<DatabaseInitializer>();
        return services;
    }

    public static void Configure(DbContextOptionsBuilder options, DatabaseProvider provider, string? connectionString, string contentRoot)
    {
        switch (provider)
        {
            case DatabaseProvider.Postgres:
                if (string.IsNullOrWhiteSpace(connectionString))
                {
                    throw new OptionsValidationException(ConnectionStringName, typeof(DatabaseOptions), ["Database:Provider is Postgres, so ConnectionStrings:Clearinghouse must be set."]);
                }

                options.UseNpgsql(connectionString, o => o.MigrationsAssembly("Clearinghouse.Migrations.Postgres"));
                break;
            default:
                options.UseSqlite(SqliteConnectionString(connectionString, contentRoot), o => o.MigrationsAssembly("Clearinghouse.Migrations.Sqlite"))
                    .AddInterceptors(new SqliteConnectionSettings());
                break;
        }
    }

    /// <summary>The SQLite connection string, with a relative file path resolved against the content root and its folder created.</summary>
    public static string SqliteConnectionString(string? configured, string contentRoot)
    {
        var builder = new SqliteConnectionStringBuilder(string.IsNullOrWhiteSpace(configured) ? $"Data Source={DefaultSqliteFile}" : configured);
        if (builder.DataSource != ":memory:" && builder.Mode != SqliteOpenMode.Memory)
        {
            var path = Path.IsPathRooted(builder.DataSource) ? builder.DataSource : Path.Combine(contentRoot, builder.DataSource);
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            builder.DataSource = path;
        }

        builder.ForeignKeys = true;
        return builder.ToString();
    }
}
