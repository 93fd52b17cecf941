using System.Globalization;
using System.Text;
using System.Xml.Linq;
using Clearinghouse.Data;
using Clearinghouse.Library;
using Microsoft.EntityFrameworkCore;

namespace Clearinghouse.Web.Library;

/// <summary>
/// Harvesting the public catalogue: an OAI-PMH 2.0 repository at /oai (Dublin Core, resumption tokens) and an Atom feed
/// of new public documents at /library/feed.atom. Both show public documents only, whoever asks.
/// </summary>
internal static class LibraryHarvest
{
    private static readonly XNamespace Oai = "http://www.openarchives.org/OAI/2.0/";
    private static readonly XNamespace OaiDc = "http://www.openarchives.org/OAI/2.0/oai_dc/";
    private static readonly XNamespace Dc = "http://purl.org/dc/elements/1.1/";
    private static readonly XNamespace Xsi = "http://www.w3.org/2001/XMLSchema-instance";
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";
    private static readonly string[] Verbs = ["Identify", "ListMetadataFormats", "ListSets", "ListIdentifiers", "ListRecords", "GetRecord"];

    public static IEndpointRouteBuilder MapLibraryHarvest(this IEndpointRouteBuilder app)
    {
        app.MapGet("/oai", (HttpContext http, AppDbContext db, TimeProvider time, CancellationToken ct) =>
                OaiAsync(http, http.Request.Query.ToDictionary(q => q.Key, q => q.Value), db, time, ct))
            .WithTags("Library").WithName("OaiPmh").WithSummary("OAI-PMH 2.0 repository of the public library catalogue (oai_dc)");
        app.MapPost("/oai", async (HttpContext http, AppDbContext db, TimeProvider time, CancellationToken ct) =>
            {
                var form = http.Request.HasFormContentType ? await http.Request.ReadFormAsync(ct) : null;
                return await OaiAsync(http, form?.ToDictionary(f => f.Key, f => f.Value) ?? [], db, time, ct);
            })
            .DisableAntiforgery().ExcludeFromDescription();
        app.MapGet("/library/feed.atom", FeedAsync).WithTags("Library").WithName("LibraryFeed").WithSummary("Atom feed of new public documents");
        return app;
    }

    private static IQueryable<LibraryWork> PublicWorks(AppDbContext db) =>
        db.LibraryWorks.AsNoTracking().Where(w => w.RetiredAt == null && w.AccessLevel == AccessLevel.Public);

    private static async Task<IResult> OaiAsync(HttpContext http, Dictionary<string, Microsoft.Extensions.Primitives.StringValues> args, AppDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var baseUrl = $"{http.Request.Scheme}://{http.Request.Host}/oai";
        var request = new XElement(Oai + "request", baseUrl);
        XElement body;
        if (args.Values.Any(v => v.Count > 1))
        {
            body = Error("badArgument", "An argument is repeated.");
        }
        else
        {
            var a = args.ToDictionary(p => p.Key, p => p.Value.ToString(), StringComparer.Ordinal);
            var verb = a.GetValueOrDefault("verb");
            if (verb is null || !Verbs.Contains(verb, StringComparer.Ordinal))
            {
                body = Error("badVerb", verb is null ? "The verb argument is missing." : "Illegal verb.");
            }
            else
            {
                request.SetAttributeValue("verb", verb);
                foreach (var (key, value) in a.Where(p => p.Key != "verb"))
                {
                    request.SetAttributeValue(key, value);
                }

                body = await (verb switch
                {
                    "Identify" => Allowed(a, [], [], () => Identify(baseUrl, db, cancellationToken)),
                    "ListMetadataFormats" => Allowed(a, [], ["identifier"], () => MetadataFormats(a, db, cancellationToken)),
                    "ListSets" => Allowed(a, [], ["resumptionToken"], () => Task.FromResult(Error("noSetHierarchy", "This repository does not support sets."))),
                    "GetRecord" => Allowed(a, ["identifier", "metadataPrefix"], [], () => GetRecord(a, http, db, cancellationToken)),
                    _ => a.ContainsKey("resumptionToken")
                        ? Allowed(a, ["resumptionToken"], [], () => List(verb, a, http, db, cancellationToken))
                        : Allowed(a, ["metadataPrefix"], ["from", "until", "set"], () => List(verb, a, http, db, cancellationToken)),
                });
            }
        }

        // After badVerb or badArgument the request element carries no attributes (OAI-PMH 2.0, section 3.2).
        if (body.Name == Oai + "error" && (string?)body.Attribute("code") is "badVerb" or "badArgument")
        {
            request.Attributes().Remove();
        }

        var document = new XDocument(
            new XDeclaration("1.0", "UTF-8", null),
            new XElement(Oai + "OAI-PMH",
                new XAttribute(XNamespace.Xmlns + "xsi", Xsi),
                new XAttribute(Xsi + "schemaLocation", "http://www.openarchives.org/OAI/2.0/ http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd"),
                new XElement(Oai + "responseDate", time.GetUtcNow().ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)),
                request,
                body.Name == Oai + "errors" ? body.Elements() : [body]));
        return Results.Text(ToUtf8(document), "text/xml; charset=utf-8", Encoding.UTF8);
    }

    private static string ToUtf8(XDocument document)
    {
        using var writer = new Utf8StringWriter();
        document.Save(writer, SaveOptions.None);
        return writer.ToString();
    }

    private static Task<XElement> Allowed(Dictionary<string, string> args, string[] required, string[] optional, Func<Task<XElement>> run)
    {
        var given = args.Keys.Where(k => k != "verb").ToList();
        if (required.Any(r => !args.ContainsKey(r)) || given.Any(g => !required.Contains(g) && !optional.Contains(g)))
        {
            return Task.FromResult(Error("badArgument", "Missing or illegal arguments for this verb."));
        }

        return run();
    }

    private static XElement Error(string code, string message) => new(Oai + "error", new XAttribute("code", code), message);

    private static async Task<XElement> Identify(string baseUrl, AppDbContext db, CancellationToken cancellationToken)
    {
        var earliest = await PublicWorks(db).OrderBy(w => w.CreatedAt).Select(w => (DateTimeOffset?)w.CreatedAt).FirstOrDefaultAsync(cancellationToken);
        return new XElement(Oai + "Identify",
            new XElement(Oai + "repositoryName", "Clearinghouse library"),
            new XElement(Oai + "baseURL", baseUrl),
            new XElement(Oai + "protocolVersion", "2.0"),
            new XElement(Oai + "adminEmail", "library@example.org"),
            new XElement(Oai + "earliestDatestamp", Stamp(earliest ?? DateTimeOffset.UnixEpoch)),
            new XElement(Oai + "deletedRecord", "no"),
            new XElement(Oai + "granularity", "YYYY-MM-DDThh:mm:ssZ"));
    }

    private static async Task<XElement> MetadataFormats(Dictionary<string, string> args, AppDbContext db, CancellationToken cancellationToken)
    {
        if (args.TryGetValue("identifier", out var identifier) && await FindAsync(identifier, db, cancellationToken) is null)
        {
            return Error("idDoesNotExist", "No public record has this identifier.");
        }

        return new XElement(Oai + "ListMetadataFormats",
            new XElement(Oai + "metadataFormat",
                new XElement(Oai + "metadataPrefix", "oai_dc"),
                new XElement(Oai + "schema", "http://www.openarchives.org/OAI/2.0/oai_dc.xsd"),
                new XElement(Oai + "metadataNamespace", OaiDc.NamespaceName)));
    }

    private static async Task<XElement> GetRecord(Dictionary<string, string> args, HttpContext http, AppDbContext db, CancellationToken cancellationToken)
    {
        var work = await FindAsync(args["identifier"], db, cancellationToken);
        if (work is null)
        {
            return Error("idDoesNotExist", "No public record has this identifier.");
        }

        if (args["metadataPrefix"] != "oai_dc")
        {
            return Error("cannotDisseminateFormat", "Only oai_dc is offered.");
        }

        return new XElement(Oai + "GetRecord", Record(work, http));
    }

    private static async Task<XElement> List(string verb, Dictionary<string, string> args, HttpContext http, AppDbContext db, CancellationToken cancellationToken)
    {
        int offset;
        string prefix;
        DateTimeOffset? from, until;
        if (args.TryGetValue("resumptionToken", out var token))
        {
            var parsed = ParseToken(token);
            if (parsed is null)
            {
                return Error("badResumptionToken", "The resumption token is invalid or expired.");
            }

            (offset, prefix, from, until) = parsed.Value;
        }
        else
        {
            offset = 0;
            prefix = args["metadataPrefix"];
            if (args.ContainsKey("set"))
            {
                return Error("noSetHierarchy", "This repository does not support sets.");
            }

            if (!TryDate(args.GetValueOrDefault("from"), false, out from) || !TryDate(args.GetValueOrDefault("until"), true, out until)
                || (args.TryGetValue("from", out var f) && args.TryGetValue("until", out var u) && f.Length != u.Length))
            {
                return Error("badArgument", "from and until must be dates (YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ) of the same granularity.");
            }

            if (from > until)
            {
                return Error("badArgument", "from is after until.");
            }
        }

        if (prefix != "oai_dc")
        {
            return Error("cannotDisseminateFormat", "Only oai_dc is offered.");
        }

        var works = PublicWorks(db);
        if (from is { } fromValue)
        {
            works = works.Where(w => w.CreatedAt >= fromValue);
        }

        if (until is { } untilValue)
        {
            works = works.Where(w => w.CreatedAt <= untilValue);
        }

        var total = await works.CountAsync(cancellationToken);
        if (total == 0)
        {
            return Error("noRecordsMatch", "No records match.");
        }

        if (offset >= total)
        {
            return Error("badResumptionToken", "The resumption token is invalid or expired.");
        }

        var page = await works.Include(w => w.Publisher).Include(w => w.Editions.Where(e => e.RetiredAt == null))
            .OrderBy(w => w.CreatedAt).ThenBy(w => w.Id).Skip(offset).Take(PageSize(http)).AsSplitQuery().ToListAsync(cancellationToken);
        var list = new XElement(Oai + verb, page.Select(w => verb == "ListIdentifiers" ? Header(w) : Record(w, http)));
        var next = offset + page.Count;
        if (next < total || offset > 0)
        {
            list.Add(new XElement(Oai + "resumptionToken",
                new XAttribute("completeListSize", total),
                new XAttribute("cursor", offset),
                next < total ? MakeToken(next, prefix, from, until) : string.Empty));
        }

        return list;
    }

    private static int PageSize(HttpContext http) =>
        http.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<LibraryOptions>>().Value.OaiPageSize;

    private static Task<LibraryWork?> FindAsync(string identifier, AppDbContext db, CancellationToken cancellationToken)
    {
        const string prefix = "oai:clearinghouse:library/";
        if (!identifier.StartsWith(prefix, StringComparison.Ordinal))
        {
            return Task.FromResult<LibraryWork?>(null);
        }

        var slug = identifier[prefix.Length..];
        return PublicWorks(db).Include(w => w.Publisher).Include(w => w.Editions.Where(e => e.RetiredAt == null)).AsSplitQuery()
            .SingleOrDefaultAsync(w => w.Slug == slug, cancellationToken);
    }

    private static XElement Header(LibraryWork work) => new(Oai + "header",
        new XElement(Oai + "identifier", $"oai:clearinghouse:library/{work.Slug}"),
        new XElement(Oai + "datestamp", Stamp(work.CreatedAt)));

    private static XElement Record(LibraryWork work, HttpContext http)
    {
        var url = $"{http.Request.Scheme}://{http.Request.Host}/library/{work.Slug}";
        var dc = new XElement(OaiDc + "dc",
            new XAttribute(XNamespace.Xmlns + "oai_dc", OaiDc),
            new XAttribute(XNamespace.Xmlns + "dc", Dc),
            new XAttribute(Xsi + "schemaLocation", "http://www.openarchives.org/OAI/2.0/oai_dc/ http://www.openarchives.org/OAI/2.0/oai_dc.xsd"));
        foreach (var e in work.Editions.OrderByDescending(e => e.IsOriginal))
        {
            dc.Add(new XElement(Dc + "title", new XAttribute(XNamespace.Xml + "lang", e.Language), e.Title));
        }

        foreach (var author in (work.Authors ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            dc.Add(new XElement(Dc + "creator", author));
        }

        foreach (var theme in work.Themes)
        {
            dc.Add(new XElement(Dc + "subject", theme.ToString()));
        }

        foreach (var e in work.Editions.Where(e => e.Summary is not null))
        {
            dc.Add(new XElement(Dc + "description", new XAttribute(XNamespace.Xml + "lang", e.Language), e.Summary));
        }

        if ((work.Publisher?.Name ?? work.PublisherName) is { } publisher)
        {
            dc.Add(new XElement(Dc + "publisher", publisher));
        }

        if (work.PublicationDate is { } date)
        {
            dc.Add(new XElement(Dc + "date", date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
        }
        else if (work.PublicationYear is { } year)
        {
            dc.Add(new XElement(Dc + "date", year.ToString(CultureInfo.InvariantCulture)));
        }

        dc.Add(new XElement(Dc + "type", work.Type.ToString()));
        dc.Add(new XElement(Dc + "identifier", url));
        foreach (var e in work.Editions.Where(e => e.ExternalUrl is not null))
        {
            dc.Add(new XElement(Dc + "relation", e.ExternalUrl));
        }

        foreach (var language in work.Editions.Select(e => e.Language).Distinct(StringComparer.Ordinal))
        {
            dc.Add(new XElement(Dc + "language", language));
        }

        foreach (var country in work.Countries)
        {
            dc.Add(new XElement(Dc + "coverage", country));
        }

        return new XElement(Oai + "record", Header(work), new XElement(Oai + "metadata", dc));
    }

    private static string Stamp(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    private static bool TryDate(string? text, bool endOfDay, out DateTimeOffset? value)
    {
        value = null;
        if (text is null)
        {
            return true;
        }

        if (DateTimeOffset.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var day))
        {
            value = endOfDay ? day.AddDays(1).AddTicks(-1) : day;
            return true;
        }

        if (DateTimeOffset.TryParseExact(text, "yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var moment))
        {
            value = endOfDay ? moment.AddSeconds(1).AddTicks(-1) : moment;
            return true;
        }

        return false;
    }

    private static string MakeToken(int offset, string prefix, DateTimeOffset? from, DateTimeOffset? until) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(string.Join('|', offset.ToString(CultureInfo.InvariantCulture), prefix,
            from?.UtcTicks.ToString(CultureInfo.InvariantCulture) ?? string.Empty, until?.UtcTicks.ToString(CultureInfo.InvariantCulture) ?? string.Empty)))
            .Replace('+', '-').Replace('/', '_').TrimEnd('=');

    private static (int Offset, string Prefix, DateTimeOffset? From, DateTimeOffset? Until)? ParseToken(string token)
    {
        try
        {
            var padded = token.Replace('-', '+').Replace('_', '/');
            padded += new string('=', (4 - (padded.Length % 4)) % 4);
            var parts = Encoding.UTF8.GetString(Convert.FromBase64String(padded)).Split('|');
            if (parts.Length != 4 || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var offset) || offset <= 0)
            {
                return null;
            }

            static DateTimeOffset? Ticks(string s) => s.Length == 0 ? null : new DateTimeOffset(long.Parse(s, NumberStyles.None, CultureInfo.InvariantCulture), TimeSpan.Zero);
            return (offset, parts[1], Ticks(parts[2]), Ticks(parts[3]));
        }
        catch (FormatException)
        {
            return null;
        }
        catch (ArgumentOutOfRangeException)
        {
            return null;
        }
        catch (OverflowException)
        {
            return null;
        }
    }

    private static async Task<IResult> FeedAsync(HttpContext http, AppDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var works = await PublicWorks(db).Include(w => w.Publisher).Include(w => w.Editions.Where(e => e.RetiredAt == null))
            .OrderByDescending(w => w.CreatedAt).ThenByDescending(w => w.Id).Take(50).AsSplitQuery().ToListAsync(cancellationToken);
        var site = $"{http.Request.Scheme}://{http.Request.Host}";
        var feed = new XElement(Atom + "feed",
            new XElement(Atom + "title", "Clearinghouse library: new documents"),
            new XElement(Atom + "id", $"{site}/library/feed.atom"),
            new XElement(Atom + "link", new XAttribute("rel", "self"), new XAttribute("href", $"{site}/library/feed.atom")),
            new XElement(Atom + "link", new XAttribute("rel", "alternate"), new XAttribute("href", $"{site}/library")),
            new XElement(Atom + "updated", Stamp(works.Count > 0 ? works[0].CreatedAt : time.GetUtcNow())));
        foreach (var work in works)
        {
            var edition = work.Editions.OrderByDescending(e => e.IsOriginal).FirstOrDefault();
            if (edition is null)
            {
                continue;
            }

            var entry = new XElement(Atom + "entry",
                new XElement(Atom + "title", edition.Title),
                new XElement(Atom + "id", $"{site}/library/{work.Slug}"),
                new XElement(Atom + "link", new XAttribute("href", $"{site}/library/{work.Slug}")),
                new XElement(Atom + "updated", Stamp(work.CreatedAt)),
                new XElement(Atom + "author", new XElement(Atom + "name", work.Publisher?.Name ?? work.PublisherName ?? work.Authors ?? "Clearinghouse")));
            if (edition.Summary is not null)
            {
                entry.Add(new XElement(Atom + "summary", edition.Summary));
            }

            feed.Add(entry);
        }

        return Results.Text(ToUtf8(new XDocument(new XDeclaration("1.0", "UTF-8", null), feed)), "application/atom+xml; charset=utf-8", Encoding.UTF8);
    }

    private sealed class Utf8StringWriter : StringWriter
    {
        public Utf8StringWriter()
            : base(CultureInfo.InvariantCulture)
        {
        }

        public override Encoding Encoding => Encoding.UTF8;
    }
}
