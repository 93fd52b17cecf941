using System.Text.Json;
using System.Text.Json.Serialization;
using Clearinghouse.Common;
using Clearinghouse.Data;
using Microsoft.EntityFrameworkCore;

namespace Clearinghouse.Directory;

/// <summary>
/// The demo directory (Data/Demo/directory.json): organisations, bodies and meetings named in the OSCE source
/// documents, with invented people. Loading is idempotent: records whose key (slug) exists are left alone.
/// </summary>
internal sealed class DirectoryDemoData : IDemoDataSet
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerOptions.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    private readonly Lazy<DemoFile> demo = new(Read);

    public string SettingKey => "demo-data-loaded";

    public int Order => 0;

    public async Task<int> LoadAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        var file = demo.Value;
        var organisations = await db.Organisations.ToDictionaryAsync(o => o.Slug, cancellationToken);
        var added = 0;
        foreach (var o in file.Organisations)
        {
            if (organisations.ContainsKey(o.Key))
            {
                continue;
            }

            var organisation = new Organisation
            {
                Slug = o.Key,
                Name = o.Name,
                Acronym = o.Acronym,
                Type = o.Type,
                CountryCode = o.Country,
                CountriesActive = o.CountriesActive ?? [],
                ThematicAreas = o.ThematicAreas ?? [],
                TargetGroups = o.TargetGroups ?? [],
                Description = o.Description,
                Website = o.Website,
                Address = o.Address,
                Translations = ToTranslations(o.Translations),
            };
            organisations[o.Key] = organisation;
            db.Organisations.Add(organisation);
            added++;

            foreach (var p in file.People.Where(p => p.Organisation == o.Key))
            {
                db.People.Add(new Person
                {
                    GivenName = p.GivenName,
                    FamilyName = p.FamilyName,
                    OrganisationId = organisation.Id,
                    JobTitle = p.JobTitle,
                    Role = p.FocalPointRole ?? FocalPointRole.Contact,
                    PublicEmail = p.PublicEmail,
                    PublicPhone = p.PublicPhone,
                    DirectPhone = p.DirectPhone,
                    PersonalEmail = p.PersonalEmail,
                });
            }
        }

        var bodies = await db.CoordinationBodies.ToDictionaryAsync(b => b.Slug, cancellationToken);
        foreach (var b in file.CoordinationBodies.Where(b => !bodies.ContainsKey(b.Key)))
        {
            var body = new CoordinationBody
            {
                Slug = b.Key,
                Name = b.Name,
                Kind = b.Kind,
                CountryCode = b.Country,
                ConvenorId = b.Convenor is null ? null : organisations[b.Convenor].Id,
                Description = b.Description,
                Established = b.Established,
                Website = b.Website,
                Translations = ToTranslations(b.Translations),
                Members = [.. (b.Members ?? []).Select(m => new BodyMembership { OrganisationId = organisations[m.Organisation].Id, Role = m.Role })],
            };
            bodies[b.Key] = body;
            db.CoordinationBodies.Add(body);
        }

        var meetings = await db.Meetings.Select(m => m.Slug).ToListAsync(cancellationToken);
        foreach (var m in file.Meetings.Where(m => !meetings.Contains(m.Key)))
        {
            db.Meetings.Add(new Meeting
            {
                Slug = m.Key,
                Title = m.Title,
                StartDate = m.StartDate,
                EndDate = m.EndDate,
                City = m.City,
                CountryCode = m.Country,
                OrganiserId = m.Organiser is null ? null : organisations[m.Organiser].Id,
                BodyId = m.Body is null ? null : bodies[m.Body].Id,
                Summary = m.Summary,
            });
        }

        return added;
    }

    internal static DemoFile Read()
    {
        using var stream = typeof(DirectoryDemoData).Assembly.GetManifestResourceStream("Clearinghouse.Data.Demo.directory.json")
            ?? throw new InvalidOperationException("The embedded demo directory is missing.");
        return JsonSerializer.Deserialize<DemoFile>(stream, Json) ?? throw new InvalidOperationException("The demo directory is empty.");
    }

    private static List<Translation> ToTranslations(Dictionary<string, DemoTranslation>? translations) =>
        translations is null ? [] : [.. translations.Select(t => new Translation { Language = t.Key, Name = t.Value.Name, Description = t.Value.Description })];

    internal sealed record DemoFile(
        List<DemoOrganisation> Organisations,
        List<DemoPerson> People,
        List<DemoBody> CoordinationBodies,
        List<DemoMeeting> Meetings);

    internal sealed record DemoTranslation(string Name, string? Description);

    internal sealed record DemoOrganisation(
        string Key,
        string Name,
        string? Acronym,
        OrganisationType Type,
        string? Country,
        List<string>? CountriesActive,
        List<ThematicArea>? ThematicAreas,
        List<TargetGroup>? TargetGroups,
        string? Description,
        string? Website,
        string? Address,
        Dictionary<string, DemoTranslation>? Translations);

    internal sealed record DemoPerson(
        string Key,
        string GivenName,
        string FamilyName,
        string Organisation,
        string? JobTitle,
        FocalPointRole? FocalPointRole,
        string? PublicEmail,
        string? PublicPhone,
        string? DirectPhone,
        string? PersonalEmail);

    internal sealed record DemoMember(string Organisation, MembershipRole Role);

    internal sealed record DemoBody(
        string Key,
        string Name,
        CoordinationBodyKind Kind,
        string? Country,
        string? Convenor,
        string? Description,
        string? Established,
        string? Website,
        List<DemoMember>? Members,
        Dictionary<string, DemoTranslation>? Translations);

    internal sealed record DemoMeeting(
        string Key,
        string Title,
        DateOnly StartDate,
        DateOnly? EndDate,
        string? City,
        string? Country,
        string? Organiser,
        string? Body,
        string? Summary);
}
