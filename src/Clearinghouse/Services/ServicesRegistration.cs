using Microsoft.Extensions.DependencyInjection;

namespace Clearinghouse.Services;

internal static class ServicesRegistration
{
    /// <summary>The service directory, its editor, the planned-operation notices, the HSDS export and its demo data.</summary>
    public static IServiceCollection AddServiceDirectory(this IServiceCollection services)
    {
        services.AddSingleton<Data.IDemoDataSet, ServicesDemoData>();
        services.AddScoped<ServiceDirectory>();
        services.AddScoped<ServiceEditor>();
        services.AddScoped<OperationNotices>();
        services.AddScoped<HsdsExport>();
        services.AddScoped<HsdsTabularExport>();
        return services;
    }
}
