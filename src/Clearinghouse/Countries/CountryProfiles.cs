using Clearinghouse.Directory;
using Microsoft.EntityFrameworkCore;

namespace Clearinghouse.Countries;

internal sealed record CountryProfile(
    string Code,
    string Name,
    IReadOnlyList<CoordinatorView> Coordinators,
    IReadOnlyList<BodyView> Bodies,
    IReadOnlyList<ProfileSection> Sections);

internal sealed record CoordinatorView(PersonView Person, string OrganisationSlug, string OrganisationName);

internal sealed record BodyView(string Slug, string Name, CoordinationBodyKind Kind, IReadOnlyList<MemberView> Members);

internal sealed record MemberView(string Slug, string Name, MembershipRole Role);

internal sealed record ProfileSection(string Id, string Heading, IReadOnlyList<ProfileOrganisation> Organisations);

internal sealed record ProfileOrganisation(string Slug, string Name, OrganisationType Type, bool IsBasedHere);

/// <summary>
/// A country's profile: its national co-ordinator, national co-ordination bodies and their members, and the
/// organisations based or working there, grouped by kind. Later features add their own sections.
/// </summary>
internal sealed class CountryProfiles(DirectorySearch directory, CountryCatalog countries)
{
    private static readonly (string Id, string Heading, OrganisationType[] Types)[] Groups =
    [
        ("government", "Government bodies", [OrganisationType.NationalCoordinatorOffice, OrganisationType.GovernmentBody]),
        ("ngos", "Non-governmental organisations", [OrganisationType.Ngo]),
        ("international", "International organisations and OSCE", [OrganisationType.InternationalOrganisation, OrganisationType.OsceInstitution, OrganisationType.OsceFieldOperation]),
        ("others", "Donors, research, media and others", [OrganisationType.Donor, OrganisationType.ResearchInstitution, OrganisationType.Media, OrganisationType.Other]),
    ];

    public async Task<CountryProfile?> GetAsync(string code, string language, CancellationToken cancellationToken = default)
    {
        var country = countries.Find(code);
        if (country is null)
        {
            return null;
        }

        var organisations = await directory.Organisations(new DirectoryFilter { Country = country.Code }).ToListAsync(cancellationToken);
        var names = organisations.ToDictionary(o => o.Id, o => o.Localize(language).Name);
        var basedHere = organisations.Where(o => o.CountryCode == country.Code).Select(o => o.Id).ToHashSet();

        var localIds = basedHere.ToList();
        var people = await directory.People(p => (p.Role == FocalPointRole.NationalCoordinator || p.Role == FocalPointRole.NationalRapporteur) && localIds.Contains(p.OrganisationId))
            .ToListAsync(cancellationToken);
        var slugs = organisations.ToDictionary(o => o.Id, o => o.Slug);
        var coordinatorRows = people
            .OrderBy(p => p.Role).ThenBy(p => p.FamilyName, StringComparer.CurrentCulture)
            .Select(p => new CoordinatorView(p, slugs[p.OrganisationId], names[p.OrganisationId]))
            .ToList();

        var bodies = await directory.Bodies()
            .Where(b => b.CountryCode == country.Code)
            .Select(b => new
            {
                b.Slug,
                Localized = b,
                b.Kind,
                Members = b.Members.Where(m => m.Organisation!.RetiredAt == null)
                    .Select(m => new { m.Organisation!.Slug, m.Organisation.Name, m.Organisation.Translations, m.Organisation.Description, m.Organisation.OriginalLanguage, m.Role })
                    .ToList(),
            })
            .ToListAsync(cancellationToken);

        return new CountryProfile(
            country.Code,
            country.Name(language),
            coordinatorRows,
            [.. bodies.Select(b => new BodyView(
                b.Slug,
                b.Localized.Localize(language).Name,
                b.Kind,
                [.. b.Members.Select(m => new MemberView(m.Slug, Common.TranslationExtensions.Localize(m.Translations, language, m.Name, m.Description, m.OriginalLanguage).Name, m.Role))
                    .OrderBy(m => m.Role).ThenBy(m => m.Name, StringComparer.CurrentCulture)]))],
            [.. Groups.Select(g => new ProfileSection(
                g.Id,
                g.Heading,
                [.. organisations.Where(o => g.Types.Contains(o.Type))
                    .Select(o => new ProfileOrganisation(o.Slug, names[o.Id], o.Type, basedHere.Contains(o.Id)))
                    .OrderByDescending(o => o.IsBasedHere).ThenBy(o => o.Name, StringComparer.CurrentCulture)]))]);
    }
}
