using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Clearinghouse.Countries;

namespace Clearinghouse.Services;

/// <summary>
/// The public service directory as Open Referral HSDS 3.0 service records (the "service" schema with its organization,
/// phones, schedules, service_areas, languages and service_at_locations nested). Only public services of active
/// providers, read through the same public projection the anonymous search uses: a shelter has no phone and no location
/// in the export. Sub-records get stable ids derived from the service's id.
/// </summary>
internal sealed class HsdsExport(ServiceDirectory directory, CountryCatalog countries)
{
    public const string TaxonomyId = "clearinghouse-service-kind";

    /// <summary>The HSDS taxonomy record of the service kinds (HSDS 3.0 "taxonomy": id, name, description, uri, version).</summary>
    public static JsonObject Taxonomy() => new()
    {
        ["id"] = SubId(Guid.Empty, "taxonomy-" + TaxonomyId),
        ["name"] = TaxonomyId,
        ["description"] = "Kinds of assistance for trafficked persons in the Clearinghouse service directory",
        ["uri"] = null,
        ["version"] = "1",
    };

    /// <summary>The taxonomy term of one service kind, linked to <see cref="Taxonomy"/> by taxonomy_id.</summary>
    public static JsonObject KindTerm(ServiceKind kind) => new()
    {
        ["id"] = SubId(Guid.Empty, "kind-" + kind),
        ["code"] = kind.ToString(),
        ["name"] = kind.ToString(),
        ["description"] = "Kind of assistance (Clearinghouse service kinds)",
        ["taxonomy"] = TaxonomyId,
        ["language"] = "en",
        ["taxonomy_id"] = SubId(Guid.Empty, "taxonomy-" + TaxonomyId),
    };

    public async Task<JsonObject> PageAsync(int? page, int? pageSize, CancellationToken cancellationToken)
    {
        var all = await directory.PublicAsync(cancellationToken);
        var (number, size) = Common.Paging.Normalize(page, pageSize);
        var total = all.Count;
        var pages = Math.Max(1, (int)Math.Ceiling(total / (double)size));
        var contents = new JsonArray([.. all.Skip((number - 1) * size).Take(size).Select(s => (JsonNode)ToHsds(s))]);
        return new JsonObject
        {
            ["total_items"] = total,
            ["total_pages"] = pages,
            ["page_number"] = number,
            ["size"] = contents.Count,
            ["first_page"] = number == 1,
            ["last_page"] = number >= pages,
            ["empty"] = contents.Count == 0,
            ["contents"] = contents,
        };
    }

    public JsonObject ToHsds(Service s)
    {
        var o = s.Organisation!;
        var id = s.Id.ToString();
        var service = new JsonObject
        {
            ["id"] = id,
            ["name"] = s.Name,
            ["description"] = s.Description,
            ["url"] = s.Website,
            ["email"] = s.Email,
            ["status"] = s.RetiredAt is null ? "active" : "inactive",
            ["interpretation_services"] = s.Languages.Count > 1 ? "Works in: " + string.Join(", ", s.Languages.Select(LanguageCodes.NameOf)) : null,
            ["eligibility_description"] = EligibilityDescription(s),
            ["minimum_age"] = s.MinimumAge,
            ["maximum_age"] = s.MaximumAge,
            ["alert"] = null,
            ["organization"] = new JsonObject
            {
                ["id"] = o.Id.ToString(),
                ["name"] = o.Name,
                ["alternate_name"] = o.Acronym,
                ["description"] = o.Description ?? o.Name,
                ["email"] = o.PublicEmail,
                ["website"] = o.Website,
            },
            ["phones"] = s.Phone is null ? new JsonArray() : new JsonArray(new JsonObject
            {
                ["id"] = SubId(s.Id, "phone"),
                ["number"] = s.Phone,
                ["type"] = "voice",
                ["languages"] = Languages(s, "phone"),
            }),
            ["schedules"] = s.Hours is null ? new JsonArray() : new JsonArray(new JsonObject
            {
                ["id"] = SubId(s.Id, "schedule"),
                ["description"] = s.Hours,
            }),
            ["service_areas"] = new JsonArray([.. s.CountriesServed.Select(code => (JsonNode)new JsonObject
            {
                ["id"] = SubId(s.Id, "area-" + code),
                ["name"] = countries.Find(code)?.NameEn ?? code,
                ["description"] = s.RegionsServed,
                ["extent"] = code,
                ["extent_type"] = "iso3166",
            })]),
            ["languages"] = Languages(s, "service"),
            ["service_at_locations"] = Location(s),
            ["attributes"] = new JsonArray(new JsonObject
            {
                ["id"] = SubId(s.Id, "kind"),
                ["link_id"] = id,
                ["link_type"] = "service",
                ["link_entity"] = "service",
                ["taxonomy_term"] = KindTerm(s.Kind),
            }),
        };
        return service;
    }

    /// <summary>The address as a physical location; never for a shelter (the public projection has already blanked it).</summary>
    private static JsonArray Location(Service s)
    {
        if (s.Kind == ServiceKind.Shelter || (s.Address is null && s.City is null))
        {
            return [];
        }

        var locationId = SubId(s.Id, "location");
        return new JsonArray(new JsonObject
        {
            ["id"] = SubId(s.Id, "service-at-location"),
            ["location"] = new JsonObject
            {
                ["id"] = locationId,
                ["location_type"] = "physical",
                ["name"] = s.Name,
                ["addresses"] = new JsonArray(new JsonObject
                {
                    ["id"] = SubId(s.Id, "address"),
                    ["address_1"] = s.Address ?? string.Empty,
                    ["city"] = s.City ?? string.Empty,
                    ["state_province"] = string.Empty,
                    ["postal_code"] = string.Empty,
                    ["country"] = s.CountryCode ?? string.Empty,
                    ["address_type"] = "physical",
                }),
            },
        });
    }

    private static JsonArray Languages(Service s, string part) =>
        [.. s.Languages.Select(code => (JsonNode)new JsonObject
        {
            ["id"] = SubId(s.Id, $"{part}-language-{code}"),
            ["name"] = LanguageCodes.NameOf(code),
            ["code"] = code,
        })];

    private string? EligibilityDescription(Service s)
    {
        var parts = new List<string>();
        if (s.Sexes.Count > 0)
        {
            parts.Add("Sex: " + string.Join(", ", s.Sexes.Select(x => x.ToString().ToLowerInvariant())));
        }

        if (s.Nationalities.Count > 0)
        {
            parts.Add("Citizens of: " + string.Join(", ", s.Nationalities.Select(c => countries.Find(c)?.NameEn ?? c)));
        }

        if (s.FormsOfExploitation.Count > 0)
        {
            parts.Add("Forms of exploitation: " + string.Join(", ", s.FormsOfExploitation));
        }

        if (s.EligibilityNote is not null)
        {
            parts.Add(s.EligibilityNote);
        }

        return parts.Count == 0 ? null : string.Join(". ", parts);
    }

    /// <summary>A stable id for a sub-record (the first 16 bytes of a SHA-256 of the parent id and the part).</summary>
    private static string SubId(Guid parent, string part)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(parent.ToString("N", CultureInfo.InvariantCulture) + ":" + part));
        return new Guid(hash.AsSpan(0, 16)).ToString();
    }
}
