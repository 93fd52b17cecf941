using Clearinghouse.Accounts;

namespace Clearinghouse.Web.Services;

/// <summary>The service directory's authorization policy and page conventions.</summary>
internal static class ServicesWeb
{
    /// <summary>
    /// The shelter board (beds and occupancy): focal points of partner organisations (shelters, police units, NGOs),
    /// editors and administrators. Readers see the directory but not capacity.
    /// </summary>
    public const string ShelterBoard = "ShelterBoard";

    public static IServiceCollection AddServicesWeb(this IServiceCollection services)
    {
        services.AddAuthorizationBuilder()
            .AddPolicy(ShelterBoard, p => p.RequireRole(Roles.Administrator, Roles.Editor, Roles.FocalPoint, Roles.CaseWorker, Roles.CaseSupervisor));
        return services;
    }
}
