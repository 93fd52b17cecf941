using Microsoft.Extensions.DependencyInjection;

namespace Clearinghouse.Cases;

internal static class CasesServices
{
    /// <summary>Case management: key ring and cipher, identifier hashes, audit log, registry, tasks, maintenance, demo cases.</summary>
    public static IServiceCollection AddCases(this IServiceCollection services, string contentRoot)
    {
        services.AddOptions<CaseOptions>().BindConfiguration(CaseOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(new CaseContentRoot(contentRoot));
        services.AddSingleton<CaseKeyRing>();
        services.AddSingleton<CaseCipher>();
        services.AddSingleton<IdentifierHasher>();
        services.AddScoped<CaseAudit>();
        services.AddScoped<CaseRegistry>();
        services.AddScoped<CaseTasks>();
        services.AddScoped<CaseExports>();
        services.AddScoped<CaseConferences>();
        services.AddScoped<CaseMaintenance>();
        services.AddSingleton<Data.IDemoDataSet, CaseDemoData>();
        return services;
    }
}
