using Microsoft.Extensions.DependencyInjection;

namespace Clearinghouse.Library;

internal static class LibraryServices
{
    public static IServiceCollection AddLibrary(this IServiceCollection services)
    {
        services.AddOptions<LibraryOptions>().BindConfiguration(LibraryOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<LibraryStorage>();
        services.AddSingleton<LibraryDemoData>();
        services.AddSingleton<Data.IDemoDataSet>(sp => sp.GetRequiredService<LibraryDemoData>());
        services.AddScoped<LibraryIndex>();
        services.AddScoped<LibrarySearch>();
        services.AddScoped<LibraryLinks>();
        services.AddScoped<LibraryCatalogue>();
        services.AddScoped<LibraryBulkLoader>();
        return services;
    }
}
