using System.Text;
using System.Xml.Linq;
using Clearinghouse.Activities;
using Clearinghouse.Activities.Iati;
using Clearinghouse.Common;
using Clearinghouse.Directory;

namespace Clearinghouse.Tests.Activities;

/// <summary>
/// The IATI writer and reader without a database. The schema itself cannot ship with the repository, so the structural
/// rules of the IATI 2.03 activity schema that the export could break are checked here: the element order of the
/// iati-activity sequence, required elements and attributes, and code values.
/// </summary>
public sealed class IatiFileTests
{
    /// <summary>The iati-activity children in the order the 2.03 schema's sequence requires.</summary>
    private static readonly string[] SchemaOrder =
    [
        "iati-identifier", "reporting-org", "title", "description", "participating-org", "other-identifier", "activity-status",
        "activity-date", "contact-info", "activity-scope", "recipient-country", "recipient-region", "location", "sector", "tag",
        "country-budget-items", "humanitarian-scope", "policy-marker", "collaboration-type", "default-flow-type",
        "default-finance-type", "default-aid-type", "default-tied-status", "budget", "planned-disbursement", "capital-spend",
        "transaction", "document-link", "related-activity", "legacy-data", "conditions", "result", "crs-add", "fss",
    ];

    private static readonly IatiOptions Options = new();
    private static readonly string[] Roles = ["1", "2", "3", "4"];
    private static readonly string[] Statuses = ["1", "2", "3", "4", "5", "6"];
    private static readonly string[] DateTypes = ["1", "2", "3", "4"];

    [Fact]
    public async Task Export_follows_the_iati_203_element_order_with_required_elements_and_attributes()
    {
        var document = await ExportAsync(FullActivity(), BareActivity());

        var root = document.Root!;
        Assert.Equal("iati-activities", root.Name.LocalName);
        Assert.Equal("2.03", (string?)root.Attribute("version"));
        Assert.NotNull((string?)root.Attribute("generated-datetime"));
        foreach (var activity in root.Elements("iati-activity"))
        {
            var names = activity.Elements().Where(e => e.Name.Namespace == XNamespace.None).Select(e => e.Name.LocalName).ToList();
            var positions = names.Select(n => Array.IndexOf(SchemaOrder, n)).ToList();
            Assert.DoesNotContain(-1, positions);
            Assert.Equal(positions.Order(), positions);
            foreach (var required in new[] { "iati-identifier", "reporting-org", "title", "description", "participating-org", "activity-status", "activity-date" })
            {
                Assert.Contains(required, names);
            }

            Assert.Single(activity.Elements("title"));
            Assert.NotEmpty(activity.Element("title")!.Elements("narrative"));
            Assert.All(activity.Elements("description"), d => Assert.NotEmpty(d.Elements("narrative")));
            Assert.NotNull((string?)activity.Element("reporting-org")!.Attribute("ref"));
            Assert.NotNull((string?)activity.Element("reporting-org")!.Attribute("type"));
            Assert.All(activity.Elements("participating-org"), p => Assert.Contains((string?)p.Attribute("role"), Roles));
            Assert.Contains((string?)activity.Element("activity-status")!.Attribute("code"), Statuses);
            Assert.All(activity.Elements("activity-date"), d =>
            {
                Assert.Contains((string?)d.Attribute("type"), DateTypes);
                Assert.Matches(@"^\d{4}-\d{2}-\d{2}$", (string?)d.Attribute("iso-date"));
            });
            Assert.All(activity.Descendants("value"), v => Assert.NotNull((string?)v.Attribute("value-date")));
            Assert.All(activity.Elements("budget"), b => Assert.Equal(["period-start", "period-end", "value"], b.Elements().Select(e => e.Name.LocalName)));
            Assert.All(activity.Elements("transaction"), t => Assert.Equal(["transaction-type", "transaction-date", "value", "provider-org"], t.Elements().Select(e => e.Name.LocalName)));
            Assert.All(activity.Elements("document-link"), d =>
            {
                Assert.NotNull((string?)d.Attribute("format"));
                Assert.Equal(["title", "category"], d.Elements().Select(e => e.Name.LocalName));
            });
            Assert.All(activity.Elements("tag"), t => Assert.Equal("99", (string?)t.Attribute("vocabulary")));
            foreach (var vocabulary in activity.Elements("sector").GroupBy(s => (string?)s.Attribute("vocabulary")))
            {
                Assert.Equal(100m, vocabulary.Sum(s => decimal.Parse((string)s.Attribute("percentage")!, System.Globalization.CultureInfo.InvariantCulture)));
            }
        }
    }

    [Fact]
    public async Task Export_writes_iati_codes_for_status_roles_countries_and_dac_sectors()
    {
        var activity = (await ExportAsync(FullActivity())).Root!.Element("iati-activity")!;

        Assert.Equal("XM-DAC-41122-TEST-1", activity.Element("iati-identifier")!.Value);
        Assert.Equal("1", (string?)activity.Element("reporting-org")!.Attribute("secondary-reporter"));
        Assert.Equal("2", (string?)activity.Element("activity-status")!.Attribute("code"));
        Assert.Equal(["1", "4", "4"], activity.Elements("participating-org").Select(p => (string)p.Attribute("role")!));
        Assert.Equal(["MD", "UA"], activity.Elements("recipient-country").Select(c => (string)c.Attribute("code")!));
        Assert.Equal("3", (string?)activity.Element("activity-scope")!.Attribute("code"));
        Assert.Equal(["15130", "15180"], activity.Elements("sector").Where(s => (string?)s.Attribute("vocabulary") == "1").Select(s => (string)s.Attribute("code")!));
        Assert.Equal("11", (string?)activity.Element("transaction")!.Element("transaction-type")!.Attribute("code"));
        Assert.Equal(["XM-DAC-7-TEST-9"], activity.Elements("related-activity").Select(r => (string)r.Attribute("ref")!));
        Assert.Equal("Проект", activity.Element("title")!.Elements("narrative").Single(n => (string?)n.Attribute(XNamespace.Xml + "lang") == "ru").Value);
    }

    [Fact]
    public async Task Reading_an_export_gives_back_the_same_activity()
    {
        var original = FullActivity();
        var bytes = await ExportBytesAsync(original);

        var (records, problems) = IatiReader.Read(bytes, 100);

        Assert.Empty(problems);
        var r = Assert.Single(records);
        Assert.Equal("XM-DAC-41122-TEST-1", r.Identifier);
        Assert.Equal(original.Title, r.Title);
        Assert.Equal(original.Summary, r.Summary);
        Assert.Equal("Проект", r.TitleRu);
        Assert.Equal(original.Status, r.Status);
        Assert.Equal(original.StartDate, r.StartDate);
        Assert.Equal(original.EndDate, r.EndDate);
        Assert.Equal(original.Countries, r.Countries);
        Assert.False(r.IsRegional);
        Assert.True(r.AddressesInternalTrafficking);
        Assert.Equal(original.ThematicAreas.Order(), r.ThematicAreas.Order());
        Assert.Equal(original.TargetGroups.Order(), r.TargetGroups.Order());
        Assert.Equal(original.FormsOfExploitation.Order(), r.FormsOfExploitation.Order());
        Assert.Equal(original.Budget, r.Budget);
        Assert.Equal("EUR", r.BudgetCurrency);
        Assert.Equal(
            ["Donor|XM-DAC-7|Test Donor Ministry|250000|EUR", "Implementer|XM-DAC-41122|Test Implementing Agency||", "Partner||Test Partner NGO||"],
            r.Participants.Select(p => $"{p.Role}|{p.Ref}|{p.Name}|{p.Amount:0.##}|{p.Currency}").Order(StringComparer.Ordinal));
        Assert.Equal([("Project page", "https://example.org/project")], r.Links);
        Assert.Equal(["XM-DAC-7-TEST-9"], r.SameActivityIdentifiers);
    }

    [Fact]
    public async Task An_activity_without_summary_or_dates_reads_back_without_them()
    {
        var bytes = await ExportBytesAsync(BareActivity());

        var (records, problems) = IatiReader.Read(bytes, 100);

        Assert.Empty(problems);
        var r = Assert.Single(records);
        Assert.Null(r.Summary);
        Assert.Null(r.StartDate);
        Assert.Null(r.EndDate);
        Assert.True(r.IsRegional);
        Assert.Empty(r.Participants);
        Assert.Equal("XI-CLEARINGHOUSE-bare-regional-activity", r.Identifier);
    }

    [Fact]
    public void Publishers_dac_sectors_and_status_codes_map_to_areas_and_statuses()
    {
        const string xml = """
            <iati-activities version="2.03">
              <iati-activity default-currency="USD">
                <iati-identifier>XM-EXAMPLE-1</iati-identifier>
                <reporting-org ref="XM-EXAMPLE" type="40"><narrative>Example agency</narrative></reporting-org>
                <title><narrative>Shelter support</narrative></title>
                <description><narrative>Support to a shelter.</narrative></description>
                <participating-org role="1" ref="XM-DONOR"><narrative>Example donor</narrative></participating-org>
                <participating-org role="4" ref="XM-EXAMPLE" activity-id="XM-DONOR-77"><narrative>Example agency</narrative></participating-org>
                <activity-status code="3"/>
                <activity-date type="1" iso-date="2020-01-01"/>
                <activity-date type="2" iso-date="2020-02-01"/>
                <recipient-country code="md"/>
                <sector vocabulary="1" code="15180" percentage="60"/>
                <sector vocabulary="1" code="15130" percentage="40"/>
                <transaction><transaction-type code="1"/><transaction-date iso-date="2020-02-01"/><value value-date="2020-02-01">1000</value><provider-org ref="XM-DONOR"/></transaction>
                <transaction><transaction-type code="1"/><transaction-date iso-date="2020-06-01"/><value value-date="2020-06-01">500</value><provider-org ref="XM-DONOR"/></transaction>
              </iati-activity>
            </iati-activities>
            """;

        var (records, problems) = IatiReader.Read(Encoding.UTF8.GetBytes(xml), 100);

        Assert.Empty(problems);
        var r = Assert.Single(records);
        Assert.Equal(ActivityStatus.Completed, r.Status);
        Assert.Equal(new DateOnly(2020, 2, 1), r.StartDate);
        Assert.Equal(["MD"], r.Countries);
        Assert.Equal([ThematicArea.ProtectionAndAssistance, ThematicArea.LegislativeReform], r.ThematicAreas);
        Assert.Equal(["XM-DONOR-77"], r.SameActivityIdentifiers);
        var donor = Assert.Single(r.Participants, p => p.Role == ParticipantRole.Donor);
        Assert.Equal(1500m, donor.Amount);
        Assert.Equal("USD", donor.Currency);
    }

    [Fact]
    public void Every_problem_in_a_file_is_reported_with_its_activity_and_field()
    {
        const string xml = """
            <iati-activities version="2.03">
              <iati-activity>
                <iati-identifier>XM-EXAMPLE-1</iati-identifier>
                <title><narrative>One</narrative></title>
                <participating-org role="7"><narrative>Someone</narrative></participating-org>
                <activity-status code="9"/>
                <activity-date type="1" iso-date="01/02/2020"/>
              </iati-activity>
              <iati-activity>
                <title><narrative>No identifier</narrative></title>
              </iati-activity>
            </iati-activities>
            """;

        var (_, problems) = IatiReader.Read(Encoding.UTF8.GetBytes(xml), 100);

        Assert.Equal(
            ["2|XM-EXAMPLE-1|activity-date/@iso-date", "2|XM-EXAMPLE-1|activity-status/@code", "2|XM-EXAMPLE-1|participating-org/@role", "9||iati-identifier"],
            problems.Select(p => $"{p.Line}|{p.Identifier}|{p.Field}").Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("not xml at all", "not well-formed XML")]
    [InlineData("<iati-organisations version=\"2.03\"/>", "not an IATI activity file")]
    [InlineData("<iati-activities version=\"1.05\"><iati-activity/></iati-activities>", "Only IATI version 2")]
    [InlineData("<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><iati-activities version=\"2.03\">&e;</iati-activities>", "not well-formed XML")]
    public void Files_that_are_not_iati_2_activity_files_are_refused(string content, string problem)
    {
        var (records, problems) = IatiReader.Read(Encoding.UTF8.GetBytes(content), 100);

        Assert.Empty(records);
        Assert.Contains(problem, Assert.Single(problems).Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Percentages_split_evenly_and_add_up_to_exactly_100()
    {
        Assert.Equal(["33.34", "33.33", "33.33"], IatiWriter.Percentages(3));
        Assert.Equal(["100"], IatiWriter.Percentages(1));
    }

    private static Activity FullActivity()
    {
        var activity = new Activity
        {
            Slug = "test-project",
            Title = "Test project against trafficking",
            Summary = "Shelter and legal aid for trafficked persons.",
            Translations = [new Translation { Language = "ru", Name = "Проект", Description = "Приют и правовая помощь." }],
            Status = ActivityStatus.Ongoing,
            StartDate = new DateOnly(2024, 3, 1),
            EndDate = new DateOnly(2026, 2, 28),
            Countries = ["MD", "UA"],
            AddressesInternalTrafficking = true,
            ThematicAreas = [ThematicArea.ProtectionAndAssistance, ThematicArea.Prosecution],
            TargetGroups = [TargetGroup.Women, TargetGroup.Children],
            FormsOfExploitation = [FormOfExploitation.SexualExploitation, FormOfExploitation.ForcedLabour],
            Budget = 300000m,
            BudgetCurrency = "EUR",
            Links = [new ActivityLink { Title = "Project page", Url = "https://example.org/project" }],
            CreatedAt = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero),
        };
        activity.Participants =
        [
            new ActivityParticipant { Role = ParticipantRole.Implementer, Name = "Test Implementing Agency", IatiRef = "XM-DAC-41122" },
            new ActivityParticipant { Role = ParticipantRole.Partner, Name = "Test Partner NGO" },
            new ActivityParticipant { Role = ParticipantRole.Donor, Name = "Test Donor Ministry", IatiRef = "XM-DAC-7", Amount = 250000m, Currency = "EUR" },
        ];
        activity.IatiIdentifiers =
        [
            new ActivityIatiIdentifier { Identifier = "XM-DAC-7-TEST-9", ReportingOrgRef = "XM-DAC-7" },
            new ActivityIatiIdentifier { Identifier = "XM-DAC-41122-TEST-1", ReportingOrgRef = "XM-DAC-41122" },
        ];
        return activity;
    }

    private static Activity BareActivity() => new()
    {
        Slug = "bare-regional-activity",
        Title = "Bare regional activity",
        Status = ActivityStatus.Planned,
        IsRegional = true,
        CreatedAt = new DateTimeOffset(2025, 5, 5, 0, 0, 0, TimeSpan.Zero),
    };

    private static async Task<byte[]> ExportBytesAsync(params Activity[] activities)
    {
        using var stream = new MemoryStream();
        await IatiWriter.WriteAsync(stream, activities.ToAsyncEnumerable(), Options, new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), CancellationToken.None);
        return stream.ToArray();
    }

    private static async Task<XDocument> ExportAsync(params Activity[] activities) =>
        XDocument.Load(new MemoryStream(await ExportBytesAsync(activities)));
}
