using Microsoft.Extensions.DependencyInjection;

namespace Clearinghouse.Activities;

internal static class ActivitiesServices
{
    public static IServiceCollection AddActivities(this IServiceCollection services)
    {
        services.AddScoped<ActivityEditor>();
        return services;
    }
}
