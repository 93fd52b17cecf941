using System.Text.Json;
using System.Text.Json.Serialization;
using Clearinghouse.Common;
using Clearinghouse.Data;
using Microsoft.EntityFrameworkCore;

namespace Clearinghouse.Services;

/// <summary>
/// Demo services and shelters (Data/Demo/services.json), modelled on the Kosovo shelter co-ordination in the OSCE source
/// documents and linked to the demo directory's organisations; addresses and telephones are invented. Also one invented
/// planned-operation notice. Idempotent: a service whose provider already has one of that name is left alone.
/// </summary>
internal sealed class ServicesDemoData(TimeProvider clock) : IDemoDataSet
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerOptions.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    public string SettingKey => "demo-services-loaded";

    public int Order => 20;

    public async Task<int> LoadAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        var file = Read();
        var organisations = await db.Organisations.Select(o => new { o.Slug, o.Id }).ToDictionaryAsync(o => o.Slug, o => o.Id, cancellationToken);
        var existing = await db.Services.Select(s => new { s.OrganisationId, s.Name }).ToListAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var added = 0;
        foreach (var s in file.Services)
        {
            if (!organisations.TryGetValue(s.Organisation, out var organisationId) || existing.Any(e => e.OrganisationId == organisationId && e.Name == s.Name))
            {
                continue;
            }

            var service = new Service
            {
                OrganisationId = organisationId,
                Kind = s.Kind,
                Name = s.Name,
                Description = s.Description,
                Translations = s.Translations is null ? [] : [.. s.Translations.Select(t => new Translation { Language = t.Key, Name = t.Value.Name, Description = t.Value.Description })],
                Visibility = s.Visibility,
                MinimumAge = s.MinimumAge,
                MaximumAge = s.MaximumAge,
                Sexes = s.Sexes ?? [],
                Nationalities = s.Nationalities ?? [],
                FormsOfExploitation = s.FormsOfExploitation ?? [],
                EligibilityNote = s.EligibilityNote,
                Languages = s.Languages ?? [],
                CountriesServed = s.CountriesServed ?? [],
                RegionsServed = s.RegionsServed,
                Hours = s.Hours,
                Website = s.Website,
                Email = s.Email,
                Phone = s.Phone,
                Address = s.Address,
                City = s.City,
                CountryCode = s.Country,
                Beds = s.Beds,
                Occupancy = s.Occupancy,
                OccupancyUpdatedAt = s.Occupancy is null ? null : now,
                OccupancyUpdatedBy = s.Occupancy is null ? null : "demo data",
                SuitableForWitnessProtection = s.SuitableForWitnessProtection,
                AcceptsChildren = s.AcceptsChildren,
                CreatedAt = now,
            };
            service.RefreshSearchText();
            db.Services.Add(service);
            added++;
        }

        if (!await db.PlannedOperationNotices.AnyAsync(cancellationToken))
        {
            foreach (var n in file.Notices.Where(n => organisations.ContainsKey(n.FiledBy) && n.Partners.All(organisations.ContainsKey)))
            {
                db.PlannedOperationNotices.Add(new PlannedOperationNotice
                {
                    FiledByOrganisationId = organisations[n.FiledBy],
                    FiledBy = "demo data",
                    FiledAt = now,
                    OperationDate = n.OperationDate,
                    Area = n.Area,
                    CountryCode = n.Country,
                    ExpectedPersons = n.ExpectedPersons,
                    ExpectedChildren = n.ExpectedChildren,
                    Languages = n.Languages ?? [],
                    Needs = n.Needs,
                    Partners = [.. n.Partners.Select(p => new NoticePartner { OrganisationId = organisations[p] })],
                });
            }
        }

        return added;
    }

    internal static DemoFile Read()
    {
        using var stream = typeof(ServicesDemoData).Assembly.GetManifestResourceStream("Clearinghouse.Data.Demo.services.json")
            ?? throw new InvalidOperationException("The embedded demo services are missing.");
        return JsonSerializer.Deserialize<DemoFile>(stream, Json) ?? throw new InvalidOperationException("The demo services are empty.");
    }

    internal sealed record DemoFile(List<DemoService> Services, List<DemoNotice> Notices);

    internal sealed record DemoTranslation(string Name, string? Description);

    internal sealed record DemoService(
        string Organisation,
        ServiceKind Kind,
        string Name,
        string? Description,
        Dictionary<string, DemoTranslation>? Translations,
        ServiceVisibility Visibility,
        int? MinimumAge,
        int? MaximumAge,
        List<EligibleSex>? Sexes,
        List<string>? Nationalities,
        List<FormOfExploitation>? FormsOfExploitation,
        string? EligibilityNote,
        List<string>? Languages,
        List<string>? CountriesServed,
        string? RegionsServed,
        string? Hours,
        string? Website,
        string? Email,
        string? Phone,
        string? Address,
        string? City,
        string? Country,
        int? Beds,
        int? Occupancy,
        bool SuitableForWitnessProtection,
        bool AcceptsChildren);

    internal sealed record DemoNotice(
        string FiledBy,
        DateOnly OperationDate,
        string Area,
        string? Country,
        int ExpectedPersons,
        int ExpectedChildren,
        List<string>? Languages,
        string? Needs,
        List<string> Partners);
}
