using Clearinghouse.Activities;
using Clearinghouse.Common;
using Clearinghouse.Directory;

namespace Clearinghouse.Benchmarks;

/// <summary>An organisation an invented activity can name: implementers from the whole directory, donors from its donors.</summary>
internal sealed record OrganisationRef(Guid Id);

/// <summary>
/// Invents activities from one seeded <see cref="Random"/> (same seed, same organisations: same records, ids
/// included): several countries each (a tenth regional), thematic areas, target groups and forms of exploitation,
/// periods spread over 2000–2026 with the status that period implies, budgets and donor amounts in several currencies,
/// implementers, partners and donors from the directory, and one to three revisions as <see cref="ActivityEditor"/>
/// writes them (the earlier ones closed when the next was opened).
/// </summary>
internal sealed class ActivityFactory
{
    private static readonly string[] Verbs =
    [
        "Strengthening", "Supporting", "Improving", "Building", "Preventing", "Protecting", "Combating", "Developing",
        "Enhancing", "Promoting", "Establishing", "Reinforcing",
    ];

    private static readonly string[] Objects =
    [
        "victim assistance", "national referral mechanisms", "shelter services", "labour inspection", "border management",
        "awareness among young people", "child protection systems", "legal aid for victims", "prosecution of traffickers",
        "reintegration of returnees", "safe migration", "cooperation between police and NGOs", "data collection",
        "training of judges and prosecutors", "hotline services", "support to seasonal workers", "outreach to Roma communities",
        "identification of victims", "compensation for victims", "supply chain transparency",
    ];

    private static readonly string[] Places = ["in", "across", "for", "throughout"];

    private static readonly string[] Phrases =
    [
        "The project trains front-line staff and funds local partners.",
        "Activities include workshops, study visits and small grants.",
        "It builds on an earlier phase and an assessment of needs.",
        "Survivors are consulted on every component.",
        "A hotline and a case management system are set up.",
        "The programme works with ministries, NGOs and international organisations.",
        "Campaigns reach schools, universities and job centres.",
        "Standard operating procedures are drafted and tested.",
        "Legal reform is supported with expert reviews.",
        "Research on new forms of exploitation informs the work.",
    ];

    // Where the money is stated in: mostly euros and dollars, some in the donors' own currencies, a few in older ones.
    private static readonly (string Code, double Weight)[] CurrencyWeights =
    [
        ("EUR", 50), ("USD", 30), ("GBP", 5), ("CHF", 5), ("SEK", 4), ("NOK", 3), ("DEM", 1.5), ("RUB", 1.5),
    ];

    private static readonly HashSet<string> FocusCountries = new(StringComparer.Ordinal)
    {
        "AL", "AM", "AZ", "BA", "BG", "BY", "GE", "KG", "KZ", "MD", "ME", "MK", "RO", "RS", "RU", "TJ", "TR", "UA", "UZ", "XK",
    };

    private readonly Random random;
    private readonly string[] countries;
    private readonly double[] countryWeights;
    private readonly OrganisationRef[] organisations;
    private readonly OrganisationRef[] donors;
    private readonly DateOnly today;
    private readonly DateTimeOffset generatedAt;
    private int number;

    public ActivityFactory(int seed, IReadOnlyList<string> countries, IReadOnlyList<OrganisationRef> organisations, IReadOnlyList<OrganisationRef> donors, DateTimeOffset generatedAt)
    {
        random = new Random(seed);
        this.countries = [.. countries];
        countryWeights = [.. this.countries.Select(c => FocusCountries.Contains(c) ? 3.0 : 1.0)];
        this.organisations = [.. organisations];
        this.donors = donors.Count > 0 ? [.. donors] : [.. organisations];
        this.generatedAt = generatedAt;
        today = DateOnly.FromDateTime(generatedAt.UtcDateTime);
    }

    /// <summary>The slugs are "bench-N": unique, and easy to find again.</summary>
    public static string SlugOf(int n) => $"bench-{n}";

    public (Activity Activity, List<ActivityRevision> Revisions) Next()
    {
        var n = number++;
        var regional = random.NextDouble() < 0.1;
        var activityCountries = new List<string>();
        var countryCount = regional ? random.Next(0, 5) : 1 + (random.NextDouble() < 0.35 ? random.Next(1, 3) : 0);
        while (activityCountries.Count < countryCount)
        {
            var c = Weighted(countries, countryWeights);
            if (!activityCountries.Contains(c))
            {
                activityCountries.Add(c);
            }
        }

        var start = new DateOnly(2000, 1, 1).AddDays(random.Next(27 * 365));
        var months = 6 + random.Next(55);
        DateOnly? end = random.NextDouble() < 0.08 ? null : start.AddMonths(months).AddDays(-1);
        var status = start > today ? ActivityStatus.Planned
            : end is { } e && e < today ? ActivityStatus.Completed
            : ActivityStatus.Ongoing;
        if (random.NextDouble() < 0.04)
        {
            status = ActivityStatus.Cancelled;
        }

        var created = new DateTimeOffset(start.AddDays(-random.Next(200)).ToDateTime(new TimeOnly(9, 0)), TimeSpan.Zero);
        if (created > generatedAt)
        {
            created = generatedAt.AddDays(-random.Next(1, 100));
        }

        var review = random.NextDouble() switch { < 0.05 => ReviewState.Draft, < 0.08 => ReviewState.Submitted, _ => ReviewState.Published };
        var verb = Verbs[random.Next(Verbs.Length)];
        var what = Objects[random.Next(Objects.Length)];
        var title = $"{verb} {what} {Places[random.Next(Places.Length)]} {(activityCountries.Count == 0 ? "the region" : string.Join(" and ", activityCountries))} ({start.Year}–{(end ?? start.AddYears(3)).Year})";
        var activity = new Activity
        {
            Id = NextGuid(),
            Slug = SlugOf(n),
            Title = title,
            Summary = $"{char.ToUpperInvariant(what[0])}{what[1..]}: {Phrases[random.Next(Phrases.Length)]} {Phrases[random.Next(Phrases.Length)]}",
            Status = status,
            ReviewState = review,
            StartDate = random.NextDouble() < 0.03 ? null : start,
            EndDate = end,
            Countries = activityCountries,
            IsRegional = regional,
            // Internal trafficking needs a named country (the editor's rule); the draw is made either way so that the
            // generated data stays the same as before this rule was kept.
            AddressesInternalTrafficking = random.NextDouble() < 0.15 && activityCountries.Count > 0,
            ThematicAreas = random.Some(Enum.GetValues<ThematicArea>(), 1, 3),
            TargetGroups = random.Some(Enum.GetValues<TargetGroup>(), 0, 3),
            FormsOfExploitation = random.Some(Enum.GetValues<FormOfExploitation>(), 0, 2),
            CreatedAt = created,
            PublishedAt = review == ReviewState.Published ? created.AddDays(random.Next(1, 30)) : null,
            RetiredAt = random.NextDouble() < 0.02 ? generatedAt.AddDays(-random.Next(1, 400)) : null,
        };
        var currency = Weighted(CurrencyWeights.Select(c => c.Code).ToArray(), CurrencyWeights.Select(c => c.Weight).ToArray());
        if (random.NextDouble() < 0.8)
        {
            activity.Budget = Math.Round((decimal)(20_000 + (random.NextDouble() * random.NextDouble() * 5_000_000)), 2);
            activity.BudgetCurrency = currency;
        }

        var implementers = 1 + (random.NextDouble() < 0.3 ? 1 : 0);
        for (var i = 0; i < implementers; i++)
        {
            activity.Participants.Add(new ActivityParticipant { ActivityId = activity.Id, Role = ParticipantRole.Implementer, OrganisationId = random.Pick(organisations).Id });
        }

        for (var i = random.Next(3); i > 0; i--)
        {
            activity.Participants.Add(new ActivityParticipant { ActivityId = activity.Id, Role = ParticipantRole.Partner, OrganisationId = random.Pick(organisations).Id });
        }

        var donorCount = random.NextDouble() < 0.15 ? 0 : 1 + (random.NextDouble() < 0.3 ? 1 : 0);
        for (var i = 0; i < donorCount; i++)
        {
            var share = activity.Budget is { } b ? Math.Round(b / donorCount, 2) : (decimal?)null;
            activity.Participants.Add(random.NextDouble() < 0.1
                ? new ActivityParticipant { ActivityId = activity.Id, Role = ParticipantRole.Donor, Name = $"Invented Fund {random.Next(300)}", Amount = share, Currency = share is null ? null : currency }
                : new ActivityParticipant { ActivityId = activity.Id, Role = ParticipantRole.Donor, OrganisationId = random.Pick(donors).Id, Amount = share, Currency = share is null ? null : currency });
        }

        if (random.NextDouble() < 0.1)
        {
            activity.IatiIdentifiers.Add(new ActivityIatiIdentifier { Identifier = $"XM-BENCH-{n}", ActivityId = activity.Id, ReportingOrgRef = "XM-BENCH" });
        }

        activity.RefreshFacets();
        activity.RefreshSearchText();

        // History as the editor writes it: the first version as entered (a draft, planned), then changes (submitted,
        // published, status brought up to date), each revision closed when the next one opens.
        var revisions = new List<ActivityRevision>();
        var versions = review == ReviewState.Published ? 1 + random.Next(3) : 1;
        var finalStatus = activity.Status;
        var finalReview = activity.ReviewState;
        var finalPublished = activity.PublishedAt;
        var moments = new List<DateTimeOffset> { created };
        for (var v = 2; v <= versions; v++)
        {
            var next = moments[^1].AddDays(random.Next(1, 60));
            moments.Add(next > generatedAt ? generatedAt : next);
        }

        for (var v = 1; v <= versions; v++)
        {
            var last = v == versions;
            activity.ReviewState = last ? finalReview : v == 1 ? ReviewState.Draft : ReviewState.Submitted;
            activity.Status = last ? finalStatus : ActivityStatus.Planned;
            activity.PublishedAt = last ? finalPublished : null;
            revisions.Add(new ActivityRevision
            {
                ActivityId = activity.Id,
                ValidFrom = moments[v - 1],
                ValidTo = last ? null : moments[v],
                Snapshot = ActivitySnapshot.Of(activity, v).ToJson(),
            });
        }

        activity.Version = versions;
        return (activity, revisions);
    }

    private Guid NextGuid()
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes);
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
}
