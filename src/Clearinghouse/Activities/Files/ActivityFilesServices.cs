using Clearinghouse.Activities.Duplicates;
using Clearinghouse.Activities.Iati;
using Microsoft.Extensions.DependencyInjection;

namespace Clearinghouse.Activities.Files;

/// <summary>Import, export and duplicate detection of activities (web host and CLI).</summary>
internal static class ActivityFilesServices
{
    public static IServiceCollection AddActivityFiles(this IServiceCollection services)
    {
        services.AddScoped<ActivityImporter>();
        services.AddScoped<ActivityExporter>();
        services.AddScoped<DuplicateFinder>();
        services.AddOptions<IatiOptions>().BindConfiguration(IatiOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        return services;
    }
}
