using Clearinghouse.Accounts;
using Clearinghouse.Data;
using Clearinghouse.Services;
using Microsoft.Extensions.DependencyInjection;

namespace Clearinghouse.Tests.Infrastructure;

/// <summary>Intent methods for the service directory's tests.</summary>
public sealed partial class TestApp
{
    /// <summary>
    /// Adds a service directly (as an operator): by default a public shelter with an address and a telephone from
    /// +999 555 0800–0998 (the demo data uses 01xx and 07xx).
    /// </summary>
    internal async Task<Service> CreateServiceAsync(Guid organisationId, Action<Service>? configure = null)
    {
        await using var scope = Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().SetOperator("tests");
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var service = new Service
        {
            OrganisationId = organisationId,
            Kind = ServiceKind.Shelter,
            Name = "Test shelter " + suffix,
            Visibility = ServiceVisibility.Public,
            Languages = ["ro"],
            CountriesServed = ["MD"],
            Phone = "+999 555 0" + Random.Shared.Next(800, 999).ToString(System.Globalization.CultureInfo.InvariantCulture),
            Address = $"Secret Street {suffix} (test)",
            City = "Chisinau",
            CountryCode = "MD",
            Beds = 10,
            Occupancy = 4,
        };
        configure?.Invoke(service);
        service.RefreshSearchText();
        db.Services.Add(service);
        await db.SaveChangesAsync();
        return service;
    }

    /// <summary>Files a notice directly (as an operator) from one organisation to the named partners.</summary>
    internal async Task<PlannedOperationNotice> CreateNoticeAsync(Guid filedBy, IEnumerable<Guid> partners, Action<PlannedOperationNotice>? configure = null)
    {
        await using var scope = Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().SetOperator("tests");
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var notice = new PlannedOperationNotice
        {
            FiledByOrganisationId = filedBy,
            FiledBy = "tests",
            OperationDate = new DateOnly(2030, 5, 1),
            Area = "Test area " + Guid.NewGuid().ToString("N")[..6],
            ExpectedPersons = 5,
            Partners = [.. partners.Select(p => new NoticePartner { OrganisationId = p })],
        };
        configure?.Invoke(notice);
        db.PlannedOperationNotices.Add(notice);
        await db.SaveChangesAsync();
        return notice;
    }
}
