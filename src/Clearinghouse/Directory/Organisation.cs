using Clearinghouse.Common;

namespace Clearinghouse.Directory;

/// <summary>An actor in the directory: a government body, NGO, international organisation, OSCE body, donor, ...</summary>
internal sealed class Organisation : IHasHistory
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    /// <summary>Stable, readable key used in addresses (e.g. "osce-odihr").</summary>
    public required string Slug { get; set; }

    public required string Name { get; set; }

    public string? Acronym { get; set; }

    /// <summary>ISO 639-1 code of the language <see cref="Name"/> and <see cref="Description"/> are written in.</summary>
    public string OriginalLanguage { get; set; } = "en";

    public OrganisationType Type { get; set; }

    /// <summary>Country of the headquarters (ISO 3166 alpha-2, or XK); null for regional bodies without a seat.</summary>
    public string? CountryCode { get; set; }

    public List<string> CountriesActive { get; set; } = [];

    public List<ThematicArea> ThematicAreas { get; set; } = [];

    public List<TargetGroup> TargetGroups { get; set; } = [];

    public string? Description { get; set; }

    public string? Website { get; set; }

    public string? PublicEmail { get; set; }

    public string? PublicPhone { get; set; }

    public string? Address { get; set; }

    public List<Translation> Translations { get; set; } = [];

    public List<Person> People { get; set; } = [];

    public List<BodyMembership> Memberships { get; set; } = [];

    /// <summary>Lower-cased name, acronym, translations and description, for free-text search on any provider.</summary>
    public string SearchText { get; set; } = string.Empty;

    public DateTimeOffset? RetiredAt { get; set; }

    public int Version { get; set; }

    public LocalizedText Localize(string language) =>
        Translations.Localize(language, Name, Description, OriginalLanguage);

    public void RefreshSearchText() =>
        SearchText = SearchTextBuilder.Build([Name, Acronym, Description, .. Translations.SelectMany(t => new[] { t.Name, t.Description })]);
}

/// <summary>A contact person. Direct phone and personal e-mail are restricted: only signed-in partners see them.</summary>
internal sealed class Person : IHasHistory
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public required string GivenName { get; set; }

    public required string FamilyName { get; set; }

    public Guid OrganisationId { get; set; }

    public Organisation? Organisation { get; set; }

    public string? JobTitle { get; set; }

    public FocalPointRole Role { get; set; } = FocalPointRole.Contact;

    public string? PublicEmail { get; set; }

    public string? PublicPhone { get; set; }

    /// <summary>Restricted: partners only.</summary>
    public string? DirectPhone { get; set; }

    /// <summary>Restricted: partners only.</summary>
    public string? PersonalEmail { get; set; }

    public DateTimeOffset? RetiredAt { get; set; }

    public int Version { get; set; }

    public string FullName => $"{GivenName} {FamilyName}";
}

/// <summary>A national co-ordination body, working group, task force, expert team or alliance.</summary>
internal sealed class CoordinationBody : IHasHistory
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public required string Slug { get; set; }

    public required string Name { get; set; }

    public string OriginalLanguage { get; set; } = "en";

    public CoordinationBodyKind Kind { get; set; }

    /// <summary>Null for a regional body.</summary>
    public string? CountryCode { get; set; }

    public Guid? ConvenorId { get; set; }

    public Organisation? Convenor { get; set; }

    public string? Description { get; set; }

    public string? Established { get; set; }

    public string? Website { get; set; }

    public List<Translation> Translations { get; set; } = [];

    public List<BodyMembership> Members { get; set; } = [];

    public DateTimeOffset? RetiredAt { get; set; }

    public int Version { get; set; }

    public LocalizedText Localize(string language) =>
        Translations.Localize(language, Name, Description, OriginalLanguage);
}

/// <summary>An organisation's seat in a co-ordination body.</summary>
internal sealed class BodyMembership
{
    public Guid BodyId { get; set; }

    public CoordinationBody? Body { get; set; }

    public Guid OrganisationId { get; set; }

    public Organisation? Organisation { get; set; }

    public MembershipRole Role { get; set; } = MembershipRole.Member;
}

/// <summary>A meeting of the region's bodies (task force meetings, ministerial forums, conferences).</summary>
internal sealed class Meeting : IHasHistory
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public required string Slug { get; set; }

    public required string Title { get; set; }

    public DateOnly StartDate { get; set; }

    public DateOnly? EndDate { get; set; }

    public string? City { get; set; }

    public string? CountryCode { get; set; }

    public Guid? OrganiserId { get; set; }

    public Organisation? Organiser { get; set; }

    public Guid? BodyId { get; set; }

    public CoordinationBody? Body { get; set; }

    public string? Summary { get; set; }

    public DateTimeOffset? RetiredAt { get; set; }

    public int Version { get; set; }
}
