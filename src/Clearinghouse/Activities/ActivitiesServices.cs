using Microsoft.Extensions.DependencyInjection;

namespace Clearinghouse.Activities;

internal static class ActivitiesServices
{
    public static IServiceCollection AddActivities(this IServiceCollection services)
    {
        services.AddSingleton<Data.IDemoDataSet, ActivitiesDemoData>();
        services.AddScoped<ActivityEditor>();
        services.AddScoped<ActivitySearch>();
        services.AddScoped<ActivityHistory>();
        services.AddScoped<GapMatrix>();
        services.AddSingleton<GapSummaryService>();
        services.AddHostedService(sp => sp.GetRequiredService<GapSummaryService>());
        services.AddScoped<NeedsAssessments>();
        services.AddScoped<DonorInventory>();
        services.AddScoped<ExchangeRates>();
        return services;
    }
}
