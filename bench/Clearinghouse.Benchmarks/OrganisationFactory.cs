using System.Globalization;
using System.Text;
using Clearinghouse.Common;
using Clearinghouse.Countries;
using Clearinghouse.Directory;

namespace Clearinghouse.Benchmarks;

/// <summary>
/// Invents organisations and their contact people from one seeded <see cref="Random"/>: the same seed and country
/// list always give the same records (ids included), so every benchmark database holds the same data.
/// </summary>
internal sealed class OrganisationFactory
{
    // Anti-trafficking work (and so a directory like this one) is densest in South-East and Eastern Europe and
    // Central Asia; these countries are three times as likely as the rest of the region.
    private static readonly HashSet<string> FocusCountries = new(StringComparer.Ordinal)
    {
        "AL", "AM", "AZ", "BA", "BG", "BY", "GE", "KG", "KZ", "MD", "ME", "MK", "RO", "RS", "RU", "TJ", "TR", "UA", "UZ", "XK",
    };

    private static readonly (OrganisationType Type, double Weight)[] TypeWeights =
    [
        (OrganisationType.Ngo, 50), (OrganisationType.GovernmentBody, 15), (OrganisationType.InternationalOrganisation, 8),
        (OrganisationType.ResearchInstitution, 8), (OrganisationType.Other, 7), (OrganisationType.Donor, 4),
        (OrganisationType.Media, 4), (OrganisationType.OsceFieldOperation, 1.5), (OrganisationType.NationalCoordinatorOffice, 1),
        (OrganisationType.OsceInstitution, 0.5),
    ];

    private readonly Random random;
    private readonly IReadOnlyList<Country> countries;
    private readonly double[] countryWeights;
    private readonly Dictionary<string, int> slugCounts = new(StringComparer.Ordinal);
    private readonly HashSet<string> slugs = new(StringComparer.Ordinal);
    private readonly Dictionary<string[], ZipfTable> zipfs = new(ReferenceEqualityComparer.Instance);
    private int phone;

    public OrganisationFactory(int seed, IEnumerable<Country> region)
    {
        random = new Random(seed);
        countries = [.. region.OrderBy(c => c.Code, StringComparer.Ordinal)];
        countryWeights = [.. countries.Select(c => FocusCountries.Contains(c.Code) ? 3.0 : 1.0)];
    }

    public (Organisation Organisation, List<Person> People) Next()
    {
        var type = Weighted(TypeWeights.Select(t => t.Type).ToArray(), TypeWeights.Select(t => t.Weight).ToArray());
        var country = Weighted([.. countries], countryWeights);
        // About one in eight writes in Russian (not the OSCE's and international bodies' own offices).
        var russian = random.NextDouble() < 0.12 && type is not (OrganisationType.OsceInstitution or OrganisationType.OsceFieldOperation or OrganisationType.InternationalOrganisation);

        var name = russian ? RussianName(type, country) : EnglishName(type, country);
        var description = russian ? random.Pick(Words.RussianDescriptions) : Description(type);
        var translations = new List<Translation>();
        if (russian && random.NextDouble() < 0.7)
        {
            translations.Add(new Translation { Language = "en", Name = EnglishName(type, country), Description = Description(type) });
        }
        else if (!russian && random.NextDouble() < 0.15)
        {
            translations.Add(new Translation { Language = "ru", Name = RussianName(type, country), Description = random.Pick(Words.RussianDescriptions) });
        }

        var slug = UniqueSlug(Slugs.From(translations.FirstOrDefault(t => t.Language == "en")?.Name ?? name));
        var organisation = new Organisation
        {
            Id = NextGuid(),
            Slug = slug,
            Name = name,
            Acronym = random.NextDouble() < 0.4 ? Acronym(name) : null,
            OriginalLanguage = russian ? "ru" : "en",
            Type = type,
            CountryCode = country.Code,
            CountriesActive = CountriesActive(country),
            ThematicAreas = random.Some(Enum.GetValues<ThematicArea>(), 1, 4),
            TargetGroups = random.Some(Enum.GetValues<TargetGroup>(), 0, 4),
            Description = description,
            Website = random.NextDouble() < 0.6 ? $"https://{slug}.example.org" : null,
            PublicEmail = random.NextDouble() < 0.5 ? $"info@{slug}.example.org" : null,
            PublicPhone = random.NextDouble() < 0.5 ? NextPhone() : null,
            Address = random.NextDouble() < 0.4 ? $"{random.Next(1, 200)} Example Street, {country.NameEn}" : null,
            Translations = translations,
            RetiredAt = random.NextDouble() < 0.02 ? new DateTimeOffset(2025, 6, 1, 0, 0, 0, TimeSpan.Zero) : null,
        };

        var people = new List<Person>();
        var count = random.Next(0, 4);
        for (var i = 0; i < count; i++)
        {
            people.Add(NewPerson(organisation, type, russian, i));
        }

        return (organisation, people);
    }

    private string EnglishName(OrganisationType type, Country country) => type switch
    {
        OrganisationType.Ngo => random.Next(5) switch
        {
            0 => $"{Zipf(Words.Virtues)} {Zipf(Words.NgoKinds)}",
            1 => $"{Zipf(Words.NgoKinds)} for {Zipf(Words.Topics)}",
            2 => $"{Zipf(Words.NgoKinds)} \"{Zipf(Words.Virtues)}\" {country.NameEn}",
            3 => $"{country.NameEn} {Zipf(Words.NgoKinds)} for {Zipf(Words.Topics)}",
            _ => $"{Zipf(Words.Virtues)} {Zipf(Words.NgoKinds)} for {Zipf(Words.Topics)}",
        },
        OrganisationType.GovernmentBody => random.Next(3) switch
        {
            0 => $"Ministry of {Zipf(Words.Ministries)} of {country.NameEn}",
            1 => $"{Zipf(Words.StateBodies)} for {Zipf(Words.Topics)}, {country.NameEn}",
            _ => $"{Zipf(Words.PoliceUnits)} of {country.NameEn}, Anti-Trafficking Unit {random.Next(1, 30)}",
        },
        OrganisationType.NationalCoordinatorOffice => $"Office of the National Anti-Trafficking Coordinator, {country.NameEn} ({Zipf(Words.Departments)} Section)",
        OrganisationType.InternationalOrganisation => $"{Zipf(Words.InternationalBodies)}, Office in {country.NameEn}",
        OrganisationType.OsceInstitution => $"OSCE {Zipf(Words.Departments)} Unit {random.Next(1, 50)}",
        OrganisationType.OsceFieldOperation => $"OSCE Mission to {country.NameEn}, {Zipf(Words.Departments)} Department",
        OrganisationType.Donor => random.Next(2) == 0
            ? $"{Zipf(Words.Virtues)} Development Fund"
            : $"{country.NameEn} Agency for International Cooperation, {Zipf(Words.Topics)} Programme",
        OrganisationType.ResearchInstitution => random.Next(2) == 0
            ? $"Institute for {Zipf(Words.Topics)} Studies"
            : $"{country.NameEn} Centre for Migration Research",
        OrganisationType.Media => $"{Zipf(Words.Virtues)} Media {Zipf(Words.NgoKinds)}",
        _ => $"{Zipf(Words.Virtues)} Workers' {Zipf(Words.NgoKinds)}",
    };

    private string RussianName(OrganisationType type, Country country) => type switch
    {
        OrganisationType.GovernmentBody or OrganisationType.NationalCoordinatorOffice =>
            $"{Zipf(Words.RussianStateBodies)} ({country.NameRu})",
        _ => random.Next(2) == 0
            ? $"{Zipf(Words.RussianKinds)} «{Zipf(Words.RussianVirtues)}»"
            : $"{Zipf(Words.RussianKinds)} по {Zipf(Words.RussianTopics)}",
    };

    // About 30 words, in two or three sentences.
    private string Description(OrganisationType type)
    {
        var subject = type switch
        {
            OrganisationType.GovernmentBody or OrganisationType.NationalCoordinatorOffice => "The office",
            OrganisationType.ResearchInstitution => "The institute",
            OrganisationType.Donor => "The fund",
            OrganisationType.Media => "The newsroom",
            _ => "The organisation",
        };
        var services = Distinct(Words.Services, 3);
        var groups = Distinct(Words.Groups, 2);
        var partners = Distinct(Words.Partners, 2);
        var activities = Distinct(Words.Activities, 2);
        var text = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"{subject} provides {services[0]}, {services[1]} and {services[2]} ")
            .Append(CultureInfo.InvariantCulture, $"to {groups[0]} and {groups[1]} in {Zipf(Words.Places)}. ")
            .Append(CultureInfo.InvariantCulture, $"It works with {partners[0]} and {partners[1]} on {activities[0]} and {activities[1]}.");
        if (random.Next(2) == 0)
        {
            var offices = random.Next(1, 12);
            text.Append(CultureInfo.InvariantCulture, $" Founded in {random.Next(1992, 2025)}, it runs {offices} local office{(offices == 1 ? "" : "s")}.");
        }

        return text.ToString();
    }

    private Person NewPerson(Organisation organisation, OrganisationType type, bool russian, int index)
    {
        var given = russian ? random.Pick(Words.RussianGivenNames) : random.Pick(Words.GivenNames);
        var family = russian ? random.Pick(Words.RussianFamilyNames) : random.Pick(Words.FamilyNames);
        var role = index == 0 && type == OrganisationType.NationalCoordinatorOffice ? FocalPointRole.NationalCoordinator
            : index == 0 && random.Next(3) == 0 ? FocalPointRole.HeadOfOffice
            : random.Next(4) == 0 ? FocalPointRole.AntiTraffickingFocalPoint
            : FocalPointRole.Contact;
        var restricted = random.NextDouble() < 0.3;
        return new Person
        {
            Id = NextGuid(),
            OrganisationId = organisation.Id,
            GivenName = given,
            FamilyName = family,
            JobTitle = random.Pick(Words.JobTitles),
            Role = role,
            PublicEmail = $"contact{index + 1}@{organisation.Slug}.example.org",
            PublicPhone = NextPhone(),
            DirectPhone = restricted ? NextPhone() : null,
            PersonalEmail = restricted ? $"person{index + 1}.{organisation.Slug}@example.net" : null,
            RetiredAt = organisation.RetiredAt,
        };
    }

    private List<string> CountriesActive(Country headquarters)
    {
        var extra = random.Next(0, 4);
        var result = new List<string>();
        for (var i = 0; i < extra; i++)
        {
            var code = Weighted([.. countries], countryWeights).Code;
            if (code != headquarters.Code && !result.Contains(code))
            {
                result.Add(code);
            }
        }

        return result;
    }

    private static string? Acronym(string name)
    {
        var letters = name.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(w => w.Trim('"', '«', '»', '(', ')', ',', '\''))
            .Where(w => w.Length > 0 && !Words.SmallWords.Contains(w) && char.IsLetter(w[0]))
            .Select(w => char.ToUpperInvariant(w[0]))
            .Take(8)
            .ToArray();
        return letters.Length >= 2 ? new string(letters) : null;
    }

    private string UniqueSlug(string baseSlug)
    {
        var slug = baseSlug;
        while (!slugs.Add(slug))
        {
            var n = slugCounts[baseSlug] = slugCounts.GetValueOrDefault(baseSlug, 1) + 1;
            slug = string.Create(CultureInfo.InvariantCulture, $"{baseSlug}-{n}");
        }

        return slug;
    }

    private string NextPhone() => string.Create(CultureInfo.InvariantCulture, $"+999 555 0{phone++ % 1000:000}");

    private Guid NextGuid()
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40); // version 4 (in .NET's little-endian layout of the first fields)
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80); // RFC 4122 variant
        return new Guid(bytes);
    }

    // Different words from one list, each drawn with the list's Zipf weights.
    private List<string> Distinct(string[] values, int count)
    {
        var picked = new List<string>(count);
        while (picked.Count < count)
        {
            var word = Zipf(values);
            if (!picked.Contains(word))
            {
                picked.Add(word);
            }
        }

        return picked;
    }

    private string Zipf(string[] values)
    {
        if (!zipfs.TryGetValue(values, out var zipf))
        {
            zipfs[values] = zipf = new ZipfTable(values.Length);
        }

        return values[zipf.Sample(random)];
    }

    private T Weighted<T>(T[] values, double[] weights)
    {
        var roll = random.NextDouble() * weights.Sum();
        for (var i = 0; i < values.Length; i++)
        {
            roll -= weights[i];
            if (roll < 0)
            {
                return values[i];
            }
        }

        return values[^1];
    }

    /// <summary>Index i is picked with weight 1/(i+1): the first words are common, the last ones rare.</summary>
    private sealed class ZipfTable(int count)
    {
        private readonly double[] cumulative = Cumulative(count);

        public int Sample(Random random)
        {
            var roll = random.NextDouble() * cumulative[^1];
            var index = Array.BinarySearch(cumulative, roll);
            return Math.Min(index < 0 ? ~index : index, cumulative.Length - 1);
        }

        private static double[] Cumulative(int count)
        {
            var result = new double[count];
            var sum = 0.0;
            for (var i = 0; i < count; i++)
            {
                sum += 1.0 / (i + 1);
                result[i] = sum;
            }

            return result;
        }
    }
}
