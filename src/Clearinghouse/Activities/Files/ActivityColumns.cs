using System.Globalization;
using System.Text.RegularExpressions;
using Clearinghouse.Common;
using Clearinghouse.Directory;

namespace Clearinghouse.Activities.Files;

/// <summary>The formats of the activities' import and export.</summary>
internal enum ActivityFileFormat
{
    Csv,
    Xlsx,
    Iati,
    Hxl,
}

/// <summary>
/// The columns of an activities file (one row per activity, the same in CSV and XLSX). Lists are separated by
/// <see cref="ListSeparator"/>. Organisations are written as their directory slug when linked, else as the name;
/// a donor's amount follows in brackets: "Example Ministry (250000 EUR)". Links are "Title &lt;https://...&gt;".
/// </summary>
internal static partial class ActivityColumns
{
    public const char ListSeparator = ';';
    public const string Sheet = "Activities";

    public const string Slug = "slug";
    public const string Title = "title";
    public const string Summary = "summary";
    public const string Status = "status";
    public const string StartDate = "start_date";
    public const string EndDate = "end_date";
    public const string Countries = "countries";
    public const string Regional = "regional";
    public const string InternalTrafficking = "internal_trafficking";
    public const string ThematicAreas = "thematic_areas";
    public const string TargetGroups = "target_groups";
    public const string FormsOfExploitation = "forms_of_exploitation";
    public const string Budget = "budget";
    public const string BudgetCurrency = "budget_currency";
    public const string Implementers = "implementers";
    public const string Partners = "partners";
    public const string Donors = "donors";
    public const string Links = "links";
    public const string IatiIdentifiers = "iati_identifiers";
    public const string TitleRu = "title_ru";
    public const string SummaryRu = "summary_ru";

    public static readonly IReadOnlyList<string> All =
    [
        Slug, Title, Summary, Status, StartDate, EndDate, Countries, Regional, InternalTrafficking, ThematicAreas, TargetGroups,
        FormsOfExploitation, Budget, BudgetCurrency, Implementers, Partners, Donors, Links, IatiIdentifiers, TitleRu, SummaryRu,
    ];

    /// <summary>Columns an import file must have. A row without a slug adds an activity; with one, it updates it.</summary>
    public static readonly IReadOnlyList<string> Required = [Title, Status];

    /// <summary>The file column of a field of <see cref="ActivityInput"/> (the keys its validator uses).</summary>
    public static string ForField(string field)
    {
        if (field.StartsWith(nameof(ActivityInput.Participants), StringComparison.Ordinal))
        {
            return Implementers + "/" + Partners + "/" + Donors;
        }

        if (field.StartsWith(nameof(ActivityInput.Links), StringComparison.Ordinal))
        {
            return Links;
        }

        return field switch
        {
            nameof(ActivityInput.Title) => Title,
            nameof(ActivityInput.Summary) => Summary,
            nameof(ActivityInput.Status) => Status,
            nameof(ActivityInput.StartDate) => StartDate,
            nameof(ActivityInput.EndDate) => EndDate,
            nameof(ActivityInput.Countries) => Countries,
            nameof(ActivityInput.IsRegional) => Regional,
            nameof(ActivityInput.AddressesInternalTrafficking) => InternalTrafficking,
            nameof(ActivityInput.ThematicAreas) => ThematicAreas,
            nameof(ActivityInput.TargetGroups) => TargetGroups,
            nameof(ActivityInput.FormsOfExploitation) => FormsOfExploitation,
            nameof(ActivityInput.Budget) => Budget,
            nameof(ActivityInput.BudgetCurrency) => BudgetCurrency,
            nameof(ActivityInput.TitleRu) => TitleRu,
            nameof(ActivityInput.SummaryRu) => SummaryRu,
            _ => field,
        };
    }

    /// <summary>One activity as a file row, in the order of <see cref="All"/>. Participants need their organisation loaded.</summary>
    public static string?[] Row(Activity a)
    {
        var ru = a.Translations.FirstOrDefault(t => t.Language == "ru");
        return
        [
            a.Slug,
            a.Title,
            a.Summary,
            a.Status.ToString(),
            Date(a.StartDate),
            Date(a.EndDate),
            string.Join(ListSeparator, a.Countries),
            Flag(a.IsRegional),
            Flag(a.AddressesInternalTrafficking),
            string.Join(ListSeparator, a.ThematicAreas),
            string.Join(ListSeparator, a.TargetGroups),
            string.Join(ListSeparator, a.FormsOfExploitation),
            a.Budget?.ToString("0.##", CultureInfo.InvariantCulture),
            a.BudgetCurrency,
            Organisations(a, ParticipantRole.Implementer),
            Organisations(a, ParticipantRole.Partner),
            Organisations(a, ParticipantRole.Donor),
            string.Join(ListSeparator + " ", a.Links.Select(l => $"{l.Title} <{l.Url}>")),
            string.Join(ListSeparator, a.IatiIdentifiers.Select(i => i.Identifier).Order(StringComparer.Ordinal)),
            ru?.Name,
            ru?.Description,
        ];
    }

    public static string? Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Flag(bool value) => value ? "yes" : "no";

    /// <summary>"yes"/"no" (also true/false, 1/0, да/нет); null for an empty cell; false with a problem for anything else.</summary>
    public static bool? ParseFlag(string? text, out bool valid)
    {
        valid = true;
        switch (text?.Trim().ToLowerInvariant())
        {
            case null or "":
                return null;
            case "yes" or "y" or "true" or "1" or "да":
                return true;
            case "no" or "n" or "false" or "0" or "нет":
                return false;
            default:
                valid = false;
                return null;
        }
    }

    /// <summary>An organisation cell item: "name-or-slug" or "name-or-slug (amount CUR)".</summary>
    public static (string Name, decimal? Amount, string? Currency)? ParseOrganisation(string item)
    {
        var match = AmountPattern().Match(item);
        if (!match.Success)
        {
            return item.Length == 0 ? null : (item, null, null);
        }

        return decimal.TryParse(match.Groups["amount"].Value.Replace(" ", string.Empty, StringComparison.Ordinal), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount)
            ? (match.Groups["name"].Value.Trim(), amount, match.Groups["currency"].Value.ToUpperInvariant())
            : null;
    }

    /// <summary>A link cell item: "Title &lt;https://...&gt;" or a bare address (then the address is the title).</summary>
    public static (string Title, string Url) ParseLink(string item)
    {
        var match = LinkPattern().Match(item);
        return match.Success ? (match.Groups["title"].Value.Trim(), match.Groups["url"].Value.Trim()) : (item, item);
    }

    private static string Organisations(Activity a, ParticipantRole role) =>
        string.Join(ListSeparator + " ", a.Participants.Where(p => p.Role == role).OrderBy(p => p.Id).Select(p =>
        {
            var name = p.Organisation?.Slug ?? p.Name ?? p.IatiRef ?? string.Empty;
            return p.Amount is { } amount ? $"{name} ({amount.ToString("0.##", CultureInfo.InvariantCulture)} {p.Currency})" : name;
        }));

    [GeneratedRegex(@"^(?<name>.+?)\s*\(\s*(?<amount>\d[\d .]*)\s+(?<currency>[A-Za-z]{3})\s*\)$")]
    private static partial Regex AmountPattern();

    [GeneratedRegex(@"^(?<title>.*?)\s*<(?<url>[^<>]+)>$")]
    private static partial Regex LinkPattern();
}

/// <summary>The HXL hashtags of the "3W" (who does what where) export: one row per activity and country.</summary>
internal static class HxlColumns
{
    public static readonly IReadOnlyList<(string Header, string Tag)> All =
    [
        ("Activity", "#activity+name"),
        ("Activity code", "#activity+code"),
        ("IATI identifier", "#activity+id+v_iati"),
        ("Implementing organisations", "#org+impl+name+list"),
        ("Partner organisations", "#org+partner+name+list"),
        ("Funding organisations", "#org+funder+name+list"),
        ("Thematic areas", "#sector+name+list"),
        ("DAC sectors", "#sector+code+v_dac+list"),
        ("Country", "#country+name"),
        ("Country code", "#country+code+v_iso2"),
        ("Regional", "#meta+regional"),
        ("Target groups", "#targeted+name+list"),
        ("Forms of exploitation", "#indicator+exploitation+list"),
        ("Start date", "#date+start"),
        ("End date", "#date+end"),
        ("Status", "#status"),
        ("Budget", "#value+budget"),
        ("Budget currency", "#currency+budget"),
    ];
}
