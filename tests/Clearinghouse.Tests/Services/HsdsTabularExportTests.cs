using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Text.Json;
using Clearinghouse.Accounts;
using Clearinghouse.Services;
using Clearinghouse.Tests.Infrastructure;
using CsvHelper;

namespace Clearinghouse.Tests.Services;

/// <summary>The HSDS tabular export (ZIP of CSV files): the standard's tables and columns, the same visibility as the JSON export.</summary>
public sealed class HsdsTabularExportTests(Apps apps) : IClassFixture<Apps>
{
    [Theory]
    [MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task The_zip_holds_hsds_tables_linked_by_id_without_restricted_services_or_shelter_addresses(Provider provider)
    {
        var app = await apps.For(provider);
        var organisation = await app.CreateOrganisationAsync("Open Door Legal " + Unique());
        var legal = await app.CreateServiceAsync(organisation.Id, s =>
        {
            s.Kind = ServiceKind.LegalAid;
            s.Name = "=HYPERLINK(\"http://example.org\") advice " + Unique();
            s.Beds = null;
            s.Occupancy = null;
            s.Address = "1 Open Street " + Unique();
            s.Phone = "+999 555 1234";
            s.Hours = "Mondays 09:00-12:00";
        });
        var shelter = await app.CreateServiceAsync(organisation.Id);
        var restricted = await app.CreateServiceAsync(organisation.Id, s =>
        {
            s.Kind = ServiceKind.PsychologicalSupport;
            s.Name = "Quiet Counselling " + Unique();
            s.Visibility = ServiceVisibility.Restricted;
            s.Beds = null;
            s.Occupancy = null;
        });

        var response = await app.CreateBrowser().GetAsync("/api/v1/services/hsds.zip");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/zip", response.Content.Headers.ContentType?.MediaType);
        var files = await Unzip(await response.Content.ReadAsByteArrayAsync());

        string[] names = ["datapackage.json", .. HsdsTabularExport.Tables.Select(t => t.Name + ".csv")];
        Assert.Equal(names, files.Keys.ToArray());
        var package = JsonDocument.Parse(files["datapackage.json"]).RootElement;
        Assert.Equal(HsdsTabularExport.Tables.Select(t => t.Name + ".csv"), package.GetProperty("resources").EnumerateArray().Select(r => r.GetProperty("path").GetString()));

        var services = Table(files["services.csv"]);
        Assert.Equal(["id", "organization_id", "program_id", "name", "alternate_name", "description", "url", "email", "status", "interpretation_services", "application_process", "fees_description", "wait_time", "fees", "accreditations", "eligibility_description", "minimum_age", "maximum_age", "assured_date", "assurer_email", "licenses", "alert", "last_modified"], services.Header);
        var legalRow = Assert.Single(services.Rows, r => r["id"] == legal.Id.ToString());
        Assert.Equal(organisation.Id.ToString(), legalRow["organization_id"]);
        Assert.Equal("'" + legal.Name, legalRow["name"]);
        Assert.Contains(services.Rows, r => r["id"] == shelter.Id.ToString());
        Assert.Contains(Table(files["organizations.csv"]).Rows, r => r["id"] == organisation.Id.ToString() && r["name"] == organisation.Name);

        var at = Assert.Single(Table(files["service_at_location.csv"]).Rows, r => r["service_id"] == legal.Id.ToString());
        Assert.Contains(Table(files["locations.csv"]).Rows, r => r["id"] == at["location_id"] && r["organization_id"] == organisation.Id.ToString());
        Assert.Contains(Table(files["addresses.csv"]).Rows, r => r["location_id"] == at["location_id"] && r["address_1"] == legal.Address);
        Assert.DoesNotContain(Table(files["service_at_location.csv"]).Rows, r => r["service_id"] == shelter.Id.ToString());
        Assert.DoesNotContain(Table(files["phones.csv"]).Rows, r => r["service_id"] == shelter.Id.ToString());
        Assert.Contains(Table(files["schedules.csv"]).Rows, r => r["service_id"] == legal.Id.ToString() && r["description"] == legal.Hours);

        var everything = string.Concat(files.Values);
        foreach (var secret in new[] { shelter.Address!, shelter.Phone!, restricted.Name, restricted.Id.ToString() })
        {
            Assert.DoesNotContain(secret, everything, StringComparison.Ordinal);
        }

        // A signed-in partner gets the same public export, as with the JSON: restricted services stay out of it.
        var partner = await app.SignInAsync(Roles.Reader);
        Assert.DoesNotContain(restricted.Name, await partner.GetStringAsync("/api/v1/services/hsds?pageSize=100"), StringComparison.Ordinal);
        var partnerFiles = await Unzip(await partner.GetByteArrayAsync("/api/v1/services/hsds.zip"));
        Assert.DoesNotContain(restricted.Name, string.Concat(partnerFiles.Values), StringComparison.Ordinal);
        Assert.Contains(legal.Id.ToString(), partnerFiles["services.csv"], StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task The_data_package_gives_hsds_types_and_the_taxonomy_of_service_kinds(Provider provider)
    {
        var app = await apps.For(provider);
        var organisation = await app.CreateOrganisationAsync("Typed Aid " + Unique());
        var legal = await app.CreateServiceAsync(organisation.Id, s =>
        {
            s.Kind = ServiceKind.LegalAid;
            s.Name = "Typed legal aid " + Unique();
            s.Beds = null;
            s.Occupancy = null;
            s.MinimumAge = 16;
        });

        var files = await Unzip(await app.CreateBrowser().GetByteArrayAsync("/api/v1/services/hsds.zip"));
        var package = JsonDocument.Parse(files["datapackage.json"]).RootElement;
        var fields = package.GetProperty("resources").EnumerateArray().ToDictionary(
            r => r.GetProperty("name").GetString()!,
            r => r.GetProperty("schema").GetProperty("fields").EnumerateArray().ToDictionary(
                f => f.GetProperty("name").GetString()!,
                f => (Type: f.GetProperty("type").GetString(), Format: f.TryGetProperty("format", out var format) ? format.GetString() : null)));

        // The standard's types (HSDS 3.0 tabular): numbers, dates and times, and uuid, e-mail and URI strings.
        Assert.Equal(("number", null), fields["services"]["minimum_age"]);
        Assert.Equal(("datetime", null), fields["services"]["last_modified"]);
        Assert.Equal(("date", null), fields["services"]["assured_date"]);
        Assert.Equal(("string", "uuid"), fields["services"]["id"]);
        Assert.Equal(("string", "uuid"), fields["services"]["organization_id"]);
        Assert.Equal(("string", "email"), fields["services"]["email"]);
        Assert.Equal(("string", "uri"), fields["organizations"]["website"]);
        Assert.Equal(("string", null), fields["organizations"]["tax_id"]);
        Assert.Equal(("number", null), fields["locations"]["latitude"]);
        Assert.Equal(("time", null), fields["schedules"]["opens_at"]);
        Assert.Equal(("string", null), fields["services"]["name"]);
        var legalRow = Assert.Single(Table(files["services.csv"]).Rows, r => r["id"] == legal.Id.ToString());
        Assert.Equal(16, double.Parse(legalRow["minimum_age"], CultureInfo.InvariantCulture));
        Assert.All(Table(files["services.csv"]).Rows, r => Assert.True(Guid.TryParse(r["id"], out _), "every id is a uuid"));

        // One taxonomy, every service kind a term of it (not only the kinds a public service has), and the service's attribute points at its term.
        var taxonomy = Assert.Single(Table(files["taxonomies.csv"]).Rows);
        Assert.Equal(HsdsExport.TaxonomyId, taxonomy["name"]);
        Assert.False(string.IsNullOrEmpty(taxonomy["description"]));
        var terms = Table(files["taxonomy_terms.csv"]).Rows;
        Assert.Equal(Enum.GetNames<ServiceKind>().Order(StringComparer.Ordinal), terms.Select(t => t["code"]).Order(StringComparer.Ordinal));
        Assert.All(terms, t => Assert.Equal(taxonomy["id"], t["taxonomy_id"]));
        var attribute = Assert.Single(Table(files["attributes.csv"]).Rows, r => r["link_id"] == legal.Id.ToString());
        Assert.Equal(nameof(ServiceKind.LegalAid), Assert.Single(terms, t => t["id"] == attribute["taxonomy_term_id"])["code"]);
    }

    private static async Task<Dictionary<string, string>> Unzip(byte[] content)
    {
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        await using var zip = new ZipArchive(new MemoryStream(content), ZipArchiveMode.Read);
        foreach (var entry in zip.Entries)
        {
            using var reader = new StreamReader(await entry.OpenAsync());
            files[entry.FullName] = await reader.ReadToEndAsync();
        }

        return files;
    }

    private static (string[] Header, List<Dictionary<string, string>> Rows) Table(string csvText)
    {
        using var csv = new CsvReader(new StringReader(csvText), CultureInfo.InvariantCulture);
        csv.Read();
        csv.ReadHeader();
        var header = csv.HeaderRecord!;
        var rows = new List<Dictionary<string, string>>();
        while (csv.Read())
        {
            rows.Add(header.Select((name, i) => (name, value: csv.GetField(i) ?? string.Empty)).ToDictionary(x => x.name, x => x.value, StringComparer.Ordinal));
        }

        return (header, rows);
    }

    private static string Unique() => Guid.NewGuid().ToString("N")[..8];
}
