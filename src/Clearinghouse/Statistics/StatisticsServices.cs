using Microsoft.Extensions.DependencyInjection;

namespace Clearinghouse.Statistics;

internal static class StatisticsServices
{
    public static IServiceCollection AddStatistics(this IServiceCollection services)
    {
        services.AddOptions<StatisticsOptions>().BindConfiguration(StatisticsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<Crosstabs>();
        services.AddScoped<StatisticsPublisher>();
        services.AddScoped<DatasetImporter>();
        services.AddScoped<HtcdsExporter>();
        services.AddScoped<PerformanceMeasures>();
        services.AddSingleton<Data.IDemoDataSet, StatisticsDemoData>();
        return services;
    }
}
