using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Nodes;
using Clearinghouse.Directory;

namespace Clearinghouse.Services;

/// <summary>
/// The public service directory as Open Referral HSDS 3.0 tabular data: a ZIP of CSV files (one per HSDS table, with
/// the standard's column names) and a datapackage.json describing them. The rows are cut from the same HSDS service
/// records the JSON export serves (<see cref="HsdsExport.ToHsds"/>), so both carry the same services, ids and fields and
/// the same visibility: public services only, no shelter phone or location. Cells go through the project's CSV writer,
/// which escapes formula-like text.
/// </summary>
internal sealed class HsdsTabularExport(ServiceDirectory directory, HsdsExport hsds)
{
    /// <summary>The tables written, in HSDS order, with the standard's columns; columns Clearinghouse has no data for stay empty.</summary>
    public static readonly IReadOnlyList<(string Name, string[] Columns)> Tables =
    [
        ("organizations", ["id", "name", "alternate_name", "description", "email", "website", "tax_status", "tax_id", "year_incorporated", "legal_status", "logo", "uri", "parent_organization_id"]),
        ("services", ["id", "organization_id", "program_id", "name", "alternate_name", "description", "url", "email", "status", "interpretation_services", "application_process", "fees_description", "wait_time", "fees", "accreditations", "eligibility_description", "minimum_age", "maximum_age", "assured_date", "assurer_email", "licenses", "alert", "last_modified"]),
        ("locations", ["id", "location_type", "url", "organization_id", "name", "alternate_name", "description", "transportation", "latitude", "longitude", "external_identifier", "external_identifier_type"]),
        ("addresses", ["id", "location_id", "attention", "address_1", "address_2", "city", "region", "state_province", "postal_code", "country", "address_type"]),
        ("service_at_location", ["id", "service_id", "location_id", "description"]),
        ("phones", ["id", "location_id", "service_id", "organization_id", "contact_id", "service_at_location_id", "number", "extension", "type", "description"]),
        ("languages", ["id", "service_id", "location_id", "phone_id", "name", "code", "note"]),
        ("schedules", ["id", "service_id", "location_id", "service_at_location_id", "valid_from", "valid_to", "dtstart", "timezone", "until", "count", "wkst", "freq", "interval", "byday", "byweekno", "bymonthday", "byyearday", "description", "opens_at", "closes_at", "schedule_link", "attending_type", "notes"]),
        ("service_areas", ["id", "service_id", "name", "description", "extent", "extent_type", "uri"]),
        ("attributes", ["id", "link_id", "taxonomy_term_id", "link_type", "link_entity", "value"]),
        ("taxonomy_terms", ["id", "code", "name", "description", "parent_id", "taxonomy", "language", "taxonomy_id", "term_uri"]),
        ("taxonomies", ["id", "name", "description", "uri", "version"]),
    ];

    /// <summary>
    /// Columns whose HSDS 3.0 tabular type is not a plain string (the standard's schema/compiled/tabular.json: "type" number,
    /// "datapackage_type" date, datetime or time, "format" email or uri). Identifier columns are strings in uuid format.
    /// </summary>
    private static readonly Dictionary<string, (string Type, string? Format)> FieldTypes = new(StringComparer.Ordinal)
    {
        ["year_incorporated"] = ("number", null),
        ["minimum_age"] = ("number", null),
        ["maximum_age"] = ("number", null),
        ["latitude"] = ("number", null),
        ["longitude"] = ("number", null),
        ["extension"] = ("number", null),
        ["timezone"] = ("number", null),
        ["count"] = ("number", null),
        ["interval"] = ("number", null),
        ["assured_date"] = ("date", null),
        ["valid_from"] = ("date", null),
        ["valid_to"] = ("date", null),
        ["dtstart"] = ("date", null),
        ["until"] = ("date", null),
        ["last_modified"] = ("datetime", null),
        ["opens_at"] = ("time", null),
        ["closes_at"] = ("time", null),
        ["email"] = ("string", "email"),
        ["assurer_email"] = ("string", "email"),
        ["website"] = ("string", "uri"),
        ["url"] = ("string", "uri"),
        ["schedule_link"] = ("string", "uri"),
        ["term_uri"] = ("string", "uri"),
        ["tax_id"] = ("string", null),
    };

    /// <summary>Writes the ZIP (datapackage.json first, then one CSV per table, header only when a table has no rows).</summary>
    public async Task WriteZipAsync(Stream output, CancellationToken cancellationToken)
    {
        var tables = Tables.ToDictionary(t => t.Name, t => new Table(t.Columns), StringComparer.Ordinal);
        foreach (var service in await directory.PublicAsync(cancellationToken))
        {
            Flatten(hsds.ToHsds(service), tables);
        }

        // The whole vocabulary of service kinds and its taxonomy, not only the kinds some public service has.
        foreach (var kind in Enum.GetValues<ServiceKind>())
        {
            tables["taxonomy_terms"].Add(HsdsExport.KindTerm(kind));
        }

        tables["taxonomies"].Add(HsdsExport.Taxonomy());

        await using var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
        await using (var entry = await zip.CreateEntry("datapackage.json").OpenAsync(cancellationToken))
        {
            await JsonSerializer.SerializeAsync(entry, DataPackage(), cancellationToken: cancellationToken);
        }

        foreach (var (name, columns) in Tables)
        {
            await using var entry = await zip.CreateEntry(name + ".csv").OpenAsync(cancellationToken);
            await DirectoryFiles.WriteCsvAsync(entry, columns, tables[name].Rows.ToAsyncEnumerable(), cancellationToken);
        }
    }

    private static void Flatten(JsonObject service, Dictionary<string, Table> tables)
    {
        var serviceId = Text(service["id"]);
        var organization = service["organization"]!.AsObject();
        var organizationId = Text(organization["id"]);
        tables["organizations"].Add(organization);
        tables["services"].Add(service, ("organization_id", organizationId));
        foreach (var phone in Objects(service["phones"]))
        {
            tables["phones"].Add(phone, ("service_id", serviceId));
            foreach (var language in Objects(phone["languages"]))
            {
                tables["languages"].Add(language, ("phone_id", Text(phone["id"])));
            }
        }

        foreach (var language in Objects(service["languages"]))
        {
            tables["languages"].Add(language, ("service_id", serviceId));
        }

        foreach (var schedule in Objects(service["schedules"]))
        {
            tables["schedules"].Add(schedule, ("service_id", serviceId));
        }

        foreach (var area in Objects(service["service_areas"]))
        {
            tables["service_areas"].Add(area, ("service_id", serviceId));
        }

        foreach (var at in Objects(service["service_at_locations"]))
        {
            var location = at["location"]!.AsObject();
            var locationId = Text(location["id"]);
            tables["service_at_location"].Add(at, ("service_id", serviceId), ("location_id", locationId));
            tables["locations"].Add(location, ("organization_id", organizationId));
            foreach (var address in Objects(location["addresses"]))
            {
                tables["addresses"].Add(address, ("location_id", locationId));
            }
        }

        foreach (var attribute in Objects(service["attributes"]))
        {
            var term = attribute["taxonomy_term"]!.AsObject();
            tables["attributes"].Add(attribute, ("taxonomy_term_id", Text(term["id"])));
            tables["taxonomy_terms"].Add(term);
        }
    }

    /// <summary>A Frictionless tabular data package naming each CSV and its columns with their HSDS types.</summary>
    private static JsonObject DataPackage() => new()
    {
        ["name"] = "clearinghouse-hsds",
        ["title"] = "Clearinghouse service directory (Open Referral HSDS 3.0, tabular)",
        ["profile"] = "tabular-data-package",
        ["resources"] = new JsonArray([.. Tables.Select(t => (JsonNode)new JsonObject
        {
            ["name"] = t.Name,
            ["path"] = t.Name + ".csv",
            ["profile"] = "tabular-data-resource",
            ["format"] = "csv",
            ["mediatype"] = "text/csv",
            ["encoding"] = "utf-8",
            ["schema"] = new JsonObject
            {
                ["fields"] = new JsonArray([.. t.Columns.Select(Field)]),
                ["primaryKey"] = "id",
            },
        })]),
    };

    /// <summary>The Table Schema field of a column: its type, a format for uuid, e-mail and URI strings, and "unique" for the id.</summary>
    internal static (string Type, string? Format) TypeOf(string column) =>
        FieldTypes.TryGetValue(column, out var type) ? type
        : column == "id" || column.EndsWith("_id", StringComparison.Ordinal) ? ("string", "uuid")
        : ("string", null);

    private static JsonNode Field(string column)
    {
        var (type, format) = TypeOf(column);
        var field = new JsonObject { ["name"] = column, ["type"] = type };
        if (format is not null)
        {
            field["format"] = format;
        }

        if (column == "id")
        {
            field["constraints"] = new JsonObject { ["required"] = true, ["unique"] = true };
        }

        return field;
    }

    private static IEnumerable<JsonObject> Objects(JsonNode? array) =>
        array is JsonArray items ? items.OfType<JsonObject>() : [];

    private static string? Text(JsonNode? node) => node switch
    {
        null => null,
        JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
        JsonValue value when value.GetValueKind() is JsonValueKind.True or JsonValueKind.False => value.GetValue<bool>() ? "true" : "false",
        JsonValue value => value.ToJsonString(),
        _ => null,
    };

    /// <summary>One table's rows, each record once (an organisation or a taxonomy term shared by several services).</summary>
    private sealed class Table(string[] columns)
    {
        private readonly HashSet<string> ids = new(StringComparer.Ordinal);

        public List<string?[]> Rows { get; } = [];

        public void Add(JsonObject record, params (string Column, string? Value)[] links)
        {
            if (!ids.Add(Text(record["id"]) ?? string.Empty))
            {
                return;
            }

            Rows.Add([.. columns.Select(c => Array.Find(links, l => l.Column == c) is { Column: not null } link ? link.Value : Text(record[c]))]);
        }
    }
}
