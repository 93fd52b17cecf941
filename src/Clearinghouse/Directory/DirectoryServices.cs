using Microsoft.Extensions.DependencyInjection;

namespace Clearinghouse.Directory;

internal static class DirectoryServices
{
    public static IServiceCollection AddDirectory(this IServiceCollection services)
    {
        services.AddSingleton<Data.IDemoDataSet, DirectoryDemoData>();
        services.AddScoped<DirectorySearch>();
        services.AddScoped<DirectoryEditor>();
        services.AddScoped<DirectoryHistory>();
        services.AddScoped<DirectoryExporter>();
        services.AddScoped<DirectoryImporter>();
        services.AddOptions<ImportOptions>().BindConfiguration(ImportOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<Countries.CountryProfiles>();
        return services;
    }
}
