using System.Globalization;
using System.Text.Json.Nodes;
using Clearinghouse.Accounts;
using Clearinghouse.Countries;
using Clearinghouse.Data;
using Clearinghouse.Directory;
using Clearinghouse.Web.Accounts;
using Clearinghouse.Web.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Clearinghouse.Web.Directory;

/// <summary>
/// The change history of an organisation, person or body for signed-in partners: who changed what, when, from what to
/// what. The record must be visible to the reader (retired ones: editors only).
/// </summary>
[Authorize(Policy = Policies.Partner)]
internal sealed class HistoryModel(DirectoryHistory history, AppDbContext db, CurrentUser user, CountryCatalog countries, IStringLocalizer<SharedResource> t) : PageModel
{
    /// <summary>Stored property names → the English label (a localization key) readers see.</summary>
    private static readonly Dictionary<string, string> FieldLabels = new(StringComparer.Ordinal)
    {
        ["Name"] = "Name",
        ["Slug"] = "Web address",
        ["Acronym"] = "Acronym",
        ["OriginalLanguage"] = "Original language",
        ["Type"] = "Type",
        ["CountryCode"] = "Country",
        ["CountriesActive"] = "Works in",
        ["ThematicAreas"] = "Thematic areas",
        ["TargetGroups"] = "Target groups",
        ["Description"] = "Description",
        ["Website"] = "Website",
        ["PublicEmail"] = "Public e-mail",
        ["PublicPhone"] = "Public telephone",
        ["Address"] = "Address",
        ["Translations"] = "Translations",
        ["RetiredAt"] = "Retired",
        ["GivenName"] = "Given name",
        ["FamilyName"] = "Family name",
        ["OrganisationId"] = "Organisation",
        ["JobTitle"] = "Job title",
        ["Role"] = "Role",
        ["DirectPhone"] = "Direct telephone",
        ["PersonalEmail"] = "Personal e-mail",
        ["Kind"] = "Kind of body",
        ["ConvenorId"] = "Convened by",
        ["Established"] = "Established",
    };

    private Dictionary<Guid, string> organisationNames = [];

    public RecordHistory? Record { get; private set; }

    public string BackLink { get; private set; } = "/directory";

    public async Task<IActionResult> OnGetAsync(string kind, Guid id, CancellationToken cancellationToken)
    {
        HistoryKind? parsed = kind switch
        {
            "organisation" => HistoryKind.Organisation,
            "person" => HistoryKind.Person,
            "body" => HistoryKind.Body,
            _ => null,
        };
        if (parsed is null)
        {
            return NotFound();
        }

        Record = await history.ReadAsync(parsed.Value, id, cancellationToken);
        if (Record is null)
        {
            return NotFound();
        }

        BackLink = Record.Kind == HistoryKind.Body ? $"/bodies/{Record.Slug}" : $"/directory/{Record.Slug}";
        var referenced = Record.Entries.SelectMany(e => e.Changes)
            .SelectMany(c => c.MemberOrganisationId is { } member ? [member] : OrganisationIds(c))
            .Distinct().ToList();
        var editor = user.IsEditor;
        organisationNames = await db.Organisations.AsNoTracking()
            .Where(o => referenced.Contains(o.Id) && (editor || o.RetiredAt == null))
            .ToDictionaryAsync(o => o.Id, o => o.Name, cancellationToken);
        return Page();
    }

    public string Heading => Record!.Kind switch
    {
        HistoryKind.Organisation => t["History of changes: {0}", Record.Name].Value,
        HistoryKind.Person => t["History of changes: {0} (contact person)", Record.Name].Value,
        _ => t["History of changes: {0} (co-ordination body)", Record.Name].Value,
    };

    /// <summary>Empty values are left out of a record's creation (they say nothing).</summary>
    public static bool IsEmpty(JsonNode? value) => value is null or JsonArray { Count: 0 };

    public static string When(DateTimeOffset at) => at.UtcDateTime.ToString("d MMM yyyy, HH:mm 'UTC'", CultureInfo.CurrentCulture);

    public string Label(FieldChange change) => change.MemberOrganisationId is { } member
        ? t["Member: {0}", OrganisationName(member)].Value
        : FieldLabels.TryGetValue(change.Field, out var label) ? t[label].Value : change.Field;

    /// <summary>A stored JSON value as a reader would write it: code lists as labels, countries and organisations by name.</summary>
    public string Show(FieldChange change, JsonNode? value)
    {
        var field = change.MemberOrganisationId is null ? change.Field : DirectoryHistory.MemberField;
        return value switch
        {
            null => t["(empty)"].Value,
            JsonArray { Count: 0 } => t["(empty)"].Value,
            JsonArray array when field == "Translations" => string.Join("; ", array.OfType<JsonObject>().Select(Translation)),
            JsonArray array => string.Join(", ", array.Select(item => Show(change, item))),
            JsonValue scalar when scalar.TryGetValue<string>(out var text) => Text(field, text),
            _ => value.ToJsonString(),
        };
    }

    private string Text(string field, string text) => field switch
    {
        "Type" when Enum.TryParse<OrganisationType>(text, out var type) => t[Labels.Of(type)].Value,
        "ThematicAreas" when Enum.TryParse<ThematicArea>(text, out var area) => t[Labels.Of(area)].Value,
        "TargetGroups" when Enum.TryParse<TargetGroup>(text, out var group) => t[Labels.Of(group)].Value,
        "Role" when Enum.TryParse<FocalPointRole>(text, out var role) => t[Labels.Of(role)].Value,
        "Kind" when Enum.TryParse<CoordinationBodyKind>(text, out var kind) => t[Labels.Of(kind)].Value,
        DirectoryHistory.MemberField when Enum.TryParse<MembershipRole>(text, out var seat) => t[Labels.Of(seat)].Value,
        "CountryCode" or "CountriesActive" => countries.Find(text)?.Name(Labels.Language) ?? text,
        "OrganisationId" or "ConvenorId" when Guid.TryParse(text, out var id) => OrganisationName(id),
        "RetiredAt" when DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at) => When(at),
        _ => text,
    };

    private static string Translation(JsonObject translation)
    {
        var language = translation["language"]?.GetValue<string>();
        var name = translation["name"]?.GetValue<string>();
        var description = translation["description"]?.GetValue<string>();
        return $"{language}: {name}" + (description is null ? "" : $" – {description}");
    }

    private string OrganisationName(Guid id) => organisationNames.TryGetValue(id, out var name) ? name : t["an organisation not listed"].Value;

    private static IEnumerable<Guid> OrganisationIds(FieldChange change) =>
        change.Field is "OrganisationId" or "ConvenorId"
            ? new[] { change.Before, change.After }.OfType<JsonValue>()
                .Select(v => v.TryGetValue<string>(out var s) && Guid.TryParse(s, out var id) ? id : Guid.Empty)
                .Where(id => id != Guid.Empty)
            : [];
}
