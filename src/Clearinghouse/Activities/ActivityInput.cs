using System.Text.Json.Serialization;
using Clearinghouse.Common;
using Clearinghouse.Countries;
using Clearinghouse.Directory;

namespace Clearinghouse.Activities;

/// <summary>
/// What a user may set on an activity, from a form, the API or an import row. The one validator for an activity:
/// it returns every problem at once, keyed by field name ("Participants[1].Currency" for a participant's field).
/// The review state is not part of the input: it changes only through submit and publish.
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
internal sealed record ActivityInput
{
    public string? Title { get; init; }

    public string? Summary { get; init; }

    public ActivityStatus? Status { get; init; }

    public DateOnly? StartDate { get; init; }

    public DateOnly? EndDate { get; init; }

    /// <summary>ISO 3166 alpha-2 codes (XK for Kosovo) of the countries where the activity takes place.</summary>
    public IReadOnlyList<string> Countries { get; init; } = [];

    /// <summary>Region-wide work (may be combined with named countries).</summary>
    public bool IsRegional { get; init; }

    public bool AddressesInternalTrafficking { get; init; }

    public IReadOnlyList<ThematicArea> ThematicAreas { get; init; } = [];

    public IReadOnlyList<TargetGroup> TargetGroups { get; init; } = [];

    public IReadOnlyList<FormOfExploitation> FormsOfExploitation { get; init; } = [];

    public decimal? Budget { get; init; }

    /// <summary>ISO 4217 code of <see cref="Budget"/>.</summary>
    public string? BudgetCurrency { get; init; }

    public IReadOnlyList<ActivityLinkInput> Links { get; init; } = [];

    /// <summary>The contact focal point (a person in the directory).</summary>
    public Guid? ContactPersonId { get; init; }

    public IReadOnlyList<ParticipantInput> Participants { get; init; } = [];

    public string? TitleRu { get; init; }

    public string? SummaryRu { get; init; }

    /// <summary>The version the caller last saw (for updates); a different stored version means someone else changed it.</summary>
    public int? Version { get; init; }

    /// <summary>
    /// Checks the input on its own. <paramref name="knownOrganisations"/>, when given, are the directory's organisation
    /// ids that participants may link to (an id outside it is "unknown organisation"); <paramref name="knownPeople"/>
    /// likewise for the contact person. The editor passes both; an import may pass sets it loaded once.
    /// </summary>
    public Dictionary<string, string[]> Validate(
        CountryCatalog countries,
        IReadOnlySet<Guid>? knownOrganisations = null,
        IReadOnlySet<Guid>? knownPeople = null)
    {
        var errors = new ValidationErrors();
        errors.Required(nameof(Title), Title, "Enter the activity's title.", 500);
        errors.MaxLength(nameof(Summary), Summary, 8000);
        if (Status is null)
        {
            errors.Add(nameof(Status), "Choose the activity's status.");
        }
        else if (!Enum.IsDefined(Status.Value))
        {
            errors.Add(nameof(Status), $"Use one of: {string.Join(", ", Enum.GetNames<ActivityStatus>())}.");
        }

        if (StartDate is { } start && EndDate is { } end && end < start)
        {
            errors.Add(nameof(EndDate), "The end date must be on or after the start date.");
        }

        foreach (var code in Countries.Where(c => string.IsNullOrWhiteSpace(c) || !countries.Exists(c.Trim())))
        {
            errors.Add(nameof(Countries), $"'{code}' is not a known country code (use ISO 3166 alpha-2, e.g. MD, or XK for Kosovo).");
        }

        if (Countries.Count == 0 && !IsRegional)
        {
            errors.Add(nameof(Countries), "Name at least one country, or mark the activity as regional.");
        }

        if (AddressesInternalTrafficking && Countries.Count == 0)
        {
            errors.Add(nameof(AddressesInternalTrafficking), "Internal trafficking happens within a country: name the country.");
        }

        RequireDefined(errors, nameof(ThematicAreas), ThematicAreas);
        RequireDefined(errors, nameof(TargetGroups), TargetGroups);
        RequireDefined(errors, nameof(FormsOfExploitation), FormsOfExploitation);
        CheckAmount(errors, nameof(Budget), nameof(BudgetCurrency), Budget, BudgetCurrency);

        for (var i = 0; i < Links.Count; i++)
        {
            var link = Links[i];
            errors.Required($"{nameof(Links)}[{i}].{nameof(ActivityLinkInput.Title)}", link.Title, "Give the link a title.", 300);
            if (string.IsNullOrWhiteSpace(link.Url))
            {
                errors.Add($"{nameof(Links)}[{i}].{nameof(ActivityLinkInput.Url)}", "Enter the link's address.");
            }
            else
            {
                errors.Url($"{nameof(Links)}[{i}].{nameof(ActivityLinkInput.Url)}", link.Url);
                errors.MaxLength($"{nameof(Links)}[{i}].{nameof(ActivityLinkInput.Url)}", link.Url, 500);
            }
        }

        if (ContactPersonId is { } person && knownPeople is not null && !knownPeople.Contains(person))
        {
            errors.Add(nameof(ContactPersonId), "There is no such person in the directory.");
        }

        for (var i = 0; i < Participants.Count; i++)
        {
            var p = Participants[i];
            var prefix = $"{nameof(Participants)}[{i}].";
            if (p.Role is null || !Enum.IsDefined(p.Role.Value))
            {
                errors.Add(prefix + nameof(ParticipantInput.Role), $"Use one of: {string.Join(", ", Enum.GetNames<ParticipantRole>())}.");
            }

            if (p.OrganisationId is null && string.IsNullOrWhiteSpace(p.Name))
            {
                errors.Add(prefix + nameof(ParticipantInput.OrganisationId), "Choose an organisation from the directory or enter its name.");
            }
            else if (p.OrganisationId is { } id && knownOrganisations is not null && !knownOrganisations.Contains(id))
            {
                errors.Add(prefix + nameof(ParticipantInput.OrganisationId), "There is no such organisation in the directory.");
            }

            errors.MaxLength(prefix + nameof(ParticipantInput.Name), p.Name, 300);
            errors.MaxLength(prefix + nameof(ParticipantInput.IatiRef), p.IatiRef, 100);
            CheckAmount(errors, prefix + nameof(ParticipantInput.Amount), prefix + nameof(ParticipantInput.Currency), p.Amount, p.Currency);
        }

        var duplicates = Participants
            .Where(p => p.OrganisationId is not null && p.Role is not null)
            .GroupBy(p => (p.OrganisationId, p.Role))
            .Where(g => g.Count() > 1);
        if (duplicates.Any())
        {
            errors.Add(nameof(Participants), "An organisation is listed twice in the same role.");
        }

        errors.MaxLength(nameof(TitleRu), TitleRu, 500);
        errors.MaxLength(nameof(SummaryRu), SummaryRu, 8000);
        return errors.ToDictionary();
    }

    public static ActivityInput From(Activity a)
    {
        var ru = a.Translations.FirstOrDefault(t => t.Language == "ru");
        return new ActivityInput
        {
            Title = a.Title,
            Summary = a.Summary,
            Status = a.Status,
            StartDate = a.StartDate,
            EndDate = a.EndDate,
            Countries = a.Countries,
            IsRegional = a.IsRegional,
            AddressesInternalTrafficking = a.AddressesInternalTrafficking,
            ThematicAreas = a.ThematicAreas,
            TargetGroups = a.TargetGroups,
            FormsOfExploitation = a.FormsOfExploitation,
            Budget = a.Budget,
            BudgetCurrency = a.BudgetCurrency,
            Links = [.. a.Links.Select(l => new ActivityLinkInput(l.Title, l.Url))],
            ContactPersonId = a.ContactPersonId,
            Participants = [.. a.Participants.OrderBy(p => p.Role).ThenBy(p => p.Id)
                .Select(p => new ParticipantInput(p.Role, p.OrganisationId, p.Name, p.Amount, p.Currency, p.IatiRef))],
            TitleRu = ru?.Name,
            SummaryRu = ru?.Description,
            Version = a.Version,
        };
    }

    /// <summary>Copies validated input onto an entity (never binds the entity itself to a form). Participants are matched by role and organisation.</summary>
    public void ApplyTo(Activity a)
    {
        a.Title = Title!.Trim();
        a.Summary = ValidationErrors.Clean(Summary);
        a.Status = Status!.Value;
        a.StartDate = StartDate;
        a.EndDate = EndDate;
        a.Countries = [.. Countries.Select(c => c.Trim().ToUpperInvariant()).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
        a.IsRegional = IsRegional;
        a.AddressesInternalTrafficking = AddressesInternalTrafficking;
        a.ThematicAreas = [.. ThematicAreas.Distinct().Order()];
        a.TargetGroups = [.. TargetGroups.Distinct().Order()];
        a.FormsOfExploitation = [.. FormsOfExploitation.Distinct().Order()];
        a.Budget = Budget;
        a.BudgetCurrency = Budget is null ? null : ValidationErrors.Clean(BudgetCurrency)?.ToUpperInvariant();
        a.Links = [.. Links.Select(l => new ActivityLink { Title = l.Title!.Trim(), Url = l.Url!.Trim() })];
        a.ContactPersonId = ContactPersonId;

        var unmatched = a.Participants.ToList();
        var kept = new List<ActivityParticipant>();
        foreach (var p in Participants)
        {
            var existing = unmatched.FirstOrDefault(e => e.Role == p.Role && e.OrganisationId == p.OrganisationId
                && (p.OrganisationId is not null || string.Equals(e.Name, p.Name?.Trim(), StringComparison.Ordinal)));
            if (existing is not null)
            {
                unmatched.Remove(existing);
            }

            var participant = existing ?? new ActivityParticipant { ActivityId = a.Id };
            participant.Role = p.Role!.Value;
            participant.OrganisationId = p.OrganisationId;
            participant.Name = ValidationErrors.Clean(p.Name);
            participant.IatiRef = ValidationErrors.Clean(p.IatiRef);
            participant.Amount = p.Amount;
            participant.Currency = p.Amount is null ? null : ValidationErrors.Clean(p.Currency)?.ToUpperInvariant();
            kept.Add(participant);
        }

        a.Participants.RemoveAll(unmatched.Contains);
        a.Participants.AddRange(kept.Where(k => !a.Participants.Contains(k)));

        var others = a.Translations.Where(t => t.Language != "ru").ToList();
        if (!string.IsNullOrWhiteSpace(TitleRu))
        {
            others.Add(new Translation { Language = "ru", Name = TitleRu.Trim(), Description = ValidationErrors.Clean(SummaryRu) });
        }

        a.Translations = others;
    }

    /// <summary>An amount needs its currency, and the currency must be an ISO 4217 code.</summary>
    private static void CheckAmount(ValidationErrors errors, string amountField, string currencyField, decimal? amount, string? currency)
    {
        if (amount is < 0)
        {
            errors.Add(amountField, "The amount cannot be negative.");
        }
        else if (amount > 9_999_999_999_999_999m)
        {
            errors.Add(amountField, "The amount is too large.");
        }

        if (amount is not null && string.IsNullOrWhiteSpace(currency))
        {
            errors.Add(currencyField, "Give the currency of the amount (ISO 4217 code, e.g. EUR).");
        }
        else if (!string.IsNullOrWhiteSpace(currency) && !Currencies.Exists(currency))
        {
            errors.Add(currencyField, $"'{currency}' is not an ISO 4217 currency code (e.g. EUR, USD, CHF).");
        }
    }

    private static void RequireDefined<TEnum>(ValidationErrors errors, string field, IEnumerable<TEnum> values)
        where TEnum : struct, Enum
    {
        if (values.Any(v => !Enum.IsDefined(v)))
        {
            errors.Add(field, $"Use one of: {string.Join(", ", Enum.GetNames<TEnum>())}.");
        }
    }
}

/// <summary>A titled link on an activity.</summary>
internal sealed record ActivityLinkInput(string? Title, string? Url);

/// <summary>
/// An organisation's part in an activity: linked to the directory by <see cref="OrganisationId"/>, or named when the
/// directory does not have it. Donors give the amount they committed, with its currency.
/// </summary>
internal sealed record ParticipantInput(
    ParticipantRole? Role,
    Guid? OrganisationId,
    string? Name = null,
    decimal? Amount = null,
    string? Currency = null,
    string? IatiRef = null);
