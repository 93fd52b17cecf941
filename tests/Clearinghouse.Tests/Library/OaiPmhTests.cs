using System.Net;
using System.Xml.Linq;
using Clearinghouse.Accounts;
using Clearinghouse.Tests.Directory;
using Clearinghouse.Tests.Infrastructure;

namespace Clearinghouse.Tests.Library;

/// <summary>
/// The OAI-PMH 2.0 endpoint and the Atom feed, on their own application with small OAI pages (3 records) so that
/// resumption tokens are exercised by the demo catalogue. Only public documents are ever harvested.
/// </summary>
public sealed class OaiPmhTests
{
    private static readonly XNamespace Oai = "http://www.openarchives.org/OAI/2.0/";
    private static readonly XNamespace Dc = "http://purl.org/dc/elements/1.1/";

    [Theory]
    [MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task Harvesters_page_through_public_records_and_get_the_protocol_errors(Provider provider)
    {
        await using var app = await TestApp.StartAsync(provider, new Dictionary<string, string?> { ["Library:OaiPageSize"] = "3" });
        var api = await app.CreateApiClientAsync(Roles.Editor);
        var word = LibraryTests.Word();
        var hidden = await LibraryTests.Created(TestDocuments.UploadAsync(api, LibraryTests.Meta($"Partners only {word}", access: "Partners"), TestDocuments.Pdf(word)));
        var hiddenSlug = (await hidden.JsonAsync()).GetProperty("slug").GetString();
        var harvester = app.CreateBrowser();

        var identify = await OaiAsync(harvester, "verb=Identify");
        Assert.Equal("2.0", identify.Descendants(Oai + "protocolVersion").Single().Value);
        Assert.Equal("Identify", identify.Descendants(Oai + "request").Single().Attribute("verb")!.Value);

        var formats = await OaiAsync(harvester, "verb=ListMetadataFormats");
        Assert.Equal("oai_dc", formats.Descendants(Oai + "metadataPrefix").Single().Value);

        // Follow the resumption tokens to the end.
        var identifiers = new List<string>();
        var page = await OaiAsync(harvester, "verb=ListIdentifiers&metadataPrefix=oai_dc");
        var total = int.Parse(page.Descendants(Oai + "resumptionToken").Single().Attribute("completeListSize")!.Value, System.Globalization.CultureInfo.InvariantCulture);
        while (true)
        {
            identifiers.AddRange(page.Descendants(Oai + "identifier").Select(i => i.Value));
            var token = page.Descendants(Oai + "resumptionToken").SingleOrDefault()?.Value;
            if (string.IsNullOrEmpty(token))
            {
                break;
            }

            page = await OaiAsync(harvester, $"verb=ListIdentifiers&resumptionToken={Uri.EscapeDataString(token)}");
        }

        Assert.True(total > 3);
        Assert.Equal(total, identifiers.Distinct().Count());
        Assert.Contains("oai:clearinghouse:library/nrm-handbook-2004", identifiers);
        Assert.DoesNotContain($"oai:clearinghouse:library/{hiddenSlug}", identifiers);

        var records = await OaiAsync(harvester, "verb=ListRecords&metadataPrefix=oai_dc");
        Assert.Equal(3, records.Descendants(Oai + "record").Count());

        var record = await OaiAsync(harvester, "verb=GetRecord&metadataPrefix=oai_dc&identifier=oai:clearinghouse:library/nrm-handbook-2004");
        Assert.Contains(record.Descendants(Dc + "title"), t => t.Value.StartsWith("National Referral Mechanisms", StringComparison.Ordinal));
        Assert.Contains(record.Descendants(Dc + "language"), l => l.Value == "ru");

        Assert.Equal("badVerb", await ErrorAsync(harvester, "verb=Harvest"));
        Assert.Equal("badVerb", await ErrorAsync(harvester, string.Empty));
        Assert.Equal("badArgument", await ErrorAsync(harvester, "verb=ListRecords"));
        Assert.Equal("badArgument", await ErrorAsync(harvester, "verb=Identify&extra=1"));
        Assert.Equal("badArgument", await ErrorAsync(harvester, "verb=ListRecords&metadataPrefix=oai_dc&from=yesterday"));
        Assert.Equal("badResumptionToken", await ErrorAsync(harvester, "verb=ListRecords&resumptionToken=not-a-token"));
        Assert.Equal("idDoesNotExist", await ErrorAsync(harvester, "verb=GetRecord&metadataPrefix=oai_dc&identifier=oai:clearinghouse:library/no-such-thing"));
        Assert.Equal("idDoesNotExist", await ErrorAsync(harvester, $"verb=GetRecord&metadataPrefix=oai_dc&identifier=oai:clearinghouse:library/{hiddenSlug}"));
        Assert.Equal("cannotDisseminateFormat", await ErrorAsync(harvester, "verb=GetRecord&metadataPrefix=marc21&identifier=oai:clearinghouse:library/nrm-handbook-2004"));
        Assert.Equal("noRecordsMatch", await ErrorAsync(harvester, "verb=ListRecords&metadataPrefix=oai_dc&from=2999-01-01"));
        Assert.Equal("noSetHierarchy", await ErrorAsync(harvester, "verb=ListSets"));

        var feed = XDocument.Parse(await harvester.GetStringAsync("/library/feed.atom"));
        XNamespace atom = "http://www.w3.org/2005/Atom";
        Assert.Contains(feed.Descendants(atom + "title"), t => t.Value.StartsWith("National Referral Mechanisms", StringComparison.Ordinal));
        Assert.DoesNotContain(feed.Descendants(atom + "title"), t => t.Value.Contains(word, StringComparison.Ordinal));
    }

    private static async Task<XDocument> OaiAsync(HttpClient client, string query)
    {
        var response = await client.GetAsync("/oai?" + query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/xml", response.Content.Headers.ContentType!.MediaType);
        var document = XDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(Oai + "OAI-PMH", document.Root!.Name);
        return document;
    }

    private static async Task<string?> ErrorAsync(HttpClient client, string query)
    {
        var document = await OaiAsync(client, query);
        var error = document.Descendants(Oai + "error").SingleOrDefault();
        Assert.NotNull(error);
        var code = error.Attribute("code")?.Value;
        if (code is "badVerb" or "badArgument")
        {
            Assert.Empty(document.Descendants(Oai + "request").Single().Attributes());
        }

        return code;
    }
}
