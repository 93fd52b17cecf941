using System.Globalization;
using System.Text;
using System.Xml;
using Clearinghouse.Directory;

namespace Clearinghouse.Activities.Iati;

/// <summary>
/// Writes activities as an IATI activity file, version 2.03, in the element order the schema's sequence requires.
/// The clearinghouse is the reporting organisation; an activity another publisher reported keeps that publisher's
/// identifier (and the file marks the clearinghouse as a secondary reporter), and its further identifiers are written
/// as related activities of type 5 (third-party report), so a re-import joins them again. Fields IATI has no element
/// for (thematic areas, target groups, forms of exploitation) are sectors and tags in the clearinghouse's own
/// vocabulary (99); the areas are also written as OECD DAC purpose codes. See docs/decisions (IATI mapping).
/// Participants need their <see cref="ActivityParticipant.Organisation"/> loaded.
/// </summary>
internal static class IatiWriter
{
    public const string ContentType = "application/xml";
    public const string PartnerRole = "partner";

    private const string XmlNamespace = "http://www.w3.org/XML/1998/namespace";

    public static async Task WriteAsync(Stream output, IAsyncEnumerable<Activity> activities, IatiOptions options, DateTimeOffset generatedAt, CancellationToken cancellationToken)
    {
        var settings = new XmlWriterSettings { Async = true, Indent = true, Encoding = new UTF8Encoding(false) };
        await using var xml = XmlWriter.Create(output, settings);
        await xml.WriteStartDocumentAsync();
        xml.WriteStartElement("iati-activities");
        xml.WriteAttributeString("version", IatiCodes.Version);
        xml.WriteAttributeString("generated-datetime", IsoDateTime(generatedAt));
        xml.WriteAttributeString("xmlns", "ch", null, IatiCodes.ExtensionNamespace);
        await foreach (var activity in activities.WithCancellation(cancellationToken))
        {
            WriteActivity(xml, activity, options);
            await xml.FlushAsync();
        }

        xml.WriteEndElement();
        await xml.WriteEndDocumentAsync();
        await xml.FlushAsync();
    }

    /// <summary>The identifier an activity is published under: the implementer's own, else the first another publisher gave, else one under the clearinghouse's prefix.</summary>
    public static string PrimaryIdentifier(Activity activity, IatiOptions options)
    {
        var implementerRefs = activity.Participants.Where(p => p.Role == ParticipantRole.Implementer && p.IatiRef is not null).Select(p => p.IatiRef!).ToHashSet(StringComparer.Ordinal);
        var identifiers = activity.IatiIdentifiers.OrderBy(i => i.Identifier, StringComparer.Ordinal).ToList();
        return identifiers.FirstOrDefault(i => i.ReportingOrgRef is not null && implementerRefs.Contains(i.ReportingOrgRef))?.Identifier
            ?? identifiers.FirstOrDefault()?.Identifier
            ?? OwnIdentifier(activity.Slug, options);
    }

    /// <summary>The identifier of an activity the clearinghouse itself reports: its reporting-org ref, a hyphen and the slug.</summary>
    public static string OwnIdentifier(string slug, IatiOptions options) => options.ReportingOrgRef + "-" + slug;

    private static void WriteActivity(XmlWriter xml, Activity a, IatiOptions options)
    {
        var identifier = PrimaryIdentifier(a, options);
        var start = a.StartDate;
        var valueDate = start ?? DateOnly.FromDateTime(a.CreatedAt.UtcDateTime);

        xml.WriteStartElement("iati-activity");
        xml.WriteAttributeString("xml", "lang", XmlNamespace, a.OriginalLanguage);
        if (a.BudgetCurrency is not null)
        {
            xml.WriteAttributeString("default-currency", a.BudgetCurrency);
        }

        xml.WriteElementString("iati-identifier", identifier);

        xml.WriteStartElement("reporting-org");
        xml.WriteAttributeString("ref", options.ReportingOrgRef);
        xml.WriteAttributeString("type", options.ReportingOrgType);
        if (!identifier.StartsWith(options.ReportingOrgRef + "-", StringComparison.Ordinal))
        {
            xml.WriteAttributeString("secondary-reporter", "1");
        }

        Narrative(xml, options.ReportingOrgName);
        xml.WriteEndElement();

        xml.WriteStartElement("title");
        Narrative(xml, a.Title);
        foreach (var t in a.Translations)
        {
            Narrative(xml, t.Name, t.Language);
        }

        xml.WriteEndElement();

        // IATI 2.03 requires a description; an activity without a summary repeats its title (read back as no summary).
        xml.WriteStartElement("description");
        xml.WriteAttributeString("type", "1");
        Narrative(xml, a.Summary ?? a.Title);
        foreach (var t in a.Translations.Where(t => t.Description is not null))
        {
            Narrative(xml, t.Description!, t.Language);
        }

        xml.WriteEndElement();

        var participants = a.Participants.OrderBy(p => p.Role == ParticipantRole.Donor ? 0 : 1).ThenBy(p => p.Role).ThenBy(p => NameOf(p), StringComparer.Ordinal).ToList();
        foreach (var p in participants)
        {
            xml.WriteStartElement("participating-org");
            if (p.IatiRef is not null)
            {
                xml.WriteAttributeString("ref", p.IatiRef);
            }

            xml.WriteAttributeString("role", IatiCodes.RoleCode(p.Role));
            if (p.Role == ParticipantRole.Partner)
            {
                xml.WriteAttributeString("ch", "role", IatiCodes.ExtensionNamespace, PartnerRole);
            }

            Narrative(xml, NameOf(p));
            xml.WriteEndElement();
        }

        if (participants.Count == 0)
        {
            // The schema needs at least one participating organisation: the clearinghouse is then the accountable one.
            xml.WriteStartElement("participating-org");
            xml.WriteAttributeString("ref", options.ReportingOrgRef);
            xml.WriteAttributeString("role", IatiCodes.RoleCode(ParticipantRole.Accountable));
            xml.WriteAttributeString("ch", "placeholder", IatiCodes.ExtensionNamespace, "true");
            Narrative(xml, options.ReportingOrgName);
            xml.WriteEndElement();
        }

        Element(xml, "activity-status", "code", IatiCodes.StatusCode(a.Status));

        var started = a.Status is ActivityStatus.Ongoing or ActivityStatus.Completed;
        if (start is not null)
        {
            ActivityDate(xml, started ? IatiCodes.ActualStart : IatiCodes.PlannedStart, start.Value);
        }

        if (a.EndDate is { } end)
        {
            ActivityDate(xml, a.Status == ActivityStatus.Completed ? IatiCodes.ActualEnd : IatiCodes.PlannedEnd, end);
        }

        if (start is null && a.EndDate is null)
        {
            // The schema needs at least one date; with none known, the date the activity was recorded stands in, marked as such.
            xml.WriteStartElement("activity-date");
            xml.WriteAttributeString("type", IatiCodes.PlannedStart);
            xml.WriteAttributeString("iso-date", IsoDate(valueDate));
            xml.WriteAttributeString("ch", "recorded", IatiCodes.ExtensionNamespace, "true");
            Narrative(xml, "Date the activity was recorded in the clearinghouse; its start date is not known.");
            xml.WriteEndElement();
        }

        var scope = a.IsRegional ? IatiCodes.ScopeRegional
            : a.Countries.Count > 1 ? IatiCodes.ScopeMultinational
            : a.Countries.Count == 1 ? IatiCodes.ScopeNational
            : null;
        if (scope is not null)
        {
            Element(xml, "activity-scope", "code", scope);
        }

        var countries = a.Countries.Order(StringComparer.Ordinal).ToList();
        var countryShares = Percentages(countries.Count);
        for (var i = 0; i < countries.Count; i++)
        {
            xml.WriteStartElement("recipient-country");
            xml.WriteAttributeString("code", countries[i]);
            if (countries.Count > 1)
            {
                xml.WriteAttributeString("percentage", countryShares[i]);
            }

            xml.WriteEndElement();
        }

        var areas = a.ThematicAreas.Distinct().Order().ToList();
        var dacCodes = areas.Select(area => IatiCodes.DacCodeOfArea.GetValueOrDefault(area)).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        Sectors(xml, IatiCodes.DacVocabulary, null, dacCodes);
        Sectors(xml, IatiCodes.OwnVocabulary, IatiCodes.ThematicAreaVocabulary, [.. areas.Select(x => x.ToString())]);

        foreach (var group in a.TargetGroups.Distinct().Order())
        {
            Tag(xml, IatiCodes.TargetGroupVocabulary, group.ToString());
        }

        foreach (var form in a.FormsOfExploitation.Distinct().Order())
        {
            Tag(xml, IatiCodes.ExploitationVocabulary, form.ToString());
        }

        if (a.AddressesInternalTrafficking)
        {
            Tag(xml, IatiCodes.ScopeVocabulary, IatiCodes.InternalTraffickingTag);
        }

        if (a.Budget is { } budget && a.BudgetCurrency is { } currency)
        {
            xml.WriteStartElement("budget");
            xml.WriteAttributeString("type", IatiCodes.BudgetOriginal);
            xml.WriteAttributeString("status", IatiCodes.BudgetIndicative);
            Element(xml, "period-start", "iso-date", IsoDate(valueDate));
            Element(xml, "period-end", "iso-date", IsoDate(a.EndDate is { } e && e >= valueDate ? e : valueDate));
            Value(xml, budget, currency, valueDate);
            xml.WriteEndElement();
        }

        foreach (var donor in participants.Where(p => p.Role == ParticipantRole.Donor && p.Amount is not null && p.Currency is not null))
        {
            xml.WriteStartElement("transaction");
            Element(xml, "transaction-type", "code", IatiCodes.IncomingCommitment);
            Element(xml, "transaction-date", "iso-date", IsoDate(valueDate));
            Value(xml, donor.Amount!.Value, donor.Currency!, valueDate);
            xml.WriteStartElement("provider-org");
            if (donor.IatiRef is not null)
            {
                xml.WriteAttributeString("ref", donor.IatiRef);
            }

            Narrative(xml, NameOf(donor));
            xml.WriteEndElement();
            xml.WriteEndElement();
        }

        foreach (var link in a.Links)
        {
            xml.WriteStartElement("document-link");
            xml.WriteAttributeString("url", link.Url);
            xml.WriteAttributeString("format", FileFormat(link.Url));
            xml.WriteStartElement("title");
            Narrative(xml, link.Title);
            xml.WriteEndElement();
            Element(xml, "category", "code", IatiCodes.ActivityWebPage);
            xml.WriteEndElement();
        }

        foreach (var other in a.IatiIdentifiers.Select(i => i.Identifier).Where(i => i != identifier).Order(StringComparer.Ordinal))
        {
            xml.WriteStartElement("related-activity");
            xml.WriteAttributeString("ref", other);
            xml.WriteAttributeString("type", IatiCodes.ThirdPartyReport);
            xml.WriteEndElement();
        }

        xml.WriteEndElement();
    }

    private static string NameOf(ActivityParticipant p) => p.Organisation?.Name ?? p.Name ?? p.IatiRef ?? "Unnamed organisation";

    private static void Narrative(XmlWriter xml, string text, string? language = null)
    {
        xml.WriteStartElement("narrative");
        if (language is not null)
        {
            xml.WriteAttributeString("xml", "lang", XmlNamespace, language);
        }

        xml.WriteString(text);
        xml.WriteEndElement();
    }

    private static void Element(XmlWriter xml, string name, string attribute, string value)
    {
        xml.WriteStartElement(name);
        xml.WriteAttributeString(attribute, value);
        xml.WriteEndElement();
    }

    private static void ActivityDate(XmlWriter xml, string type, DateOnly date)
    {
        xml.WriteStartElement("activity-date");
        xml.WriteAttributeString("type", type);
        xml.WriteAttributeString("iso-date", IsoDate(date));
        xml.WriteEndElement();
    }

    private static void Sectors(XmlWriter xml, string vocabulary, string? uri, List<string> codes)
    {
        var shares = Percentages(codes.Count);
        for (var i = 0; i < codes.Count; i++)
        {
            xml.WriteStartElement("sector");
            xml.WriteAttributeString("vocabulary", vocabulary);
            if (uri is not null)
            {
                xml.WriteAttributeString("vocabulary-uri", uri);
            }

            xml.WriteAttributeString("code", codes[i]);
            xml.WriteAttributeString("percentage", shares[i]);
            xml.WriteEndElement();
        }
    }

    private static void Tag(XmlWriter xml, string uri, string code)
    {
        xml.WriteStartElement("tag");
        xml.WriteAttributeString("vocabulary", IatiCodes.OwnVocabulary);
        xml.WriteAttributeString("vocabulary-uri", uri);
        xml.WriteAttributeString("code", code);
        xml.WriteEndElement();
    }

    private static void Value(XmlWriter xml, decimal amount, string currency, DateOnly valueDate)
    {
        xml.WriteStartElement("value");
        xml.WriteAttributeString("currency", currency);
        xml.WriteAttributeString("value-date", IsoDate(valueDate));
        xml.WriteString(amount.ToString("0.##", CultureInfo.InvariantCulture));
        xml.WriteEndElement();
    }

    /// <summary>Equal shares of 100 with two decimals that add up to exactly 100 (the first share takes the rounding).</summary>
    public static IReadOnlyList<string> Percentages(int count)
    {
        if (count == 0)
        {
            return [];
        }

        var share = Math.Floor(10000m / count) / 100m;
        var first = 100m - (share * (count - 1));
        return [.. Enumerable.Range(0, count).Select(i => (i == 0 ? first : share).ToString("0.##", CultureInfo.InvariantCulture))];
    }

    private static string FileFormat(string url) =>
        Path.GetExtension(new Uri(url, UriKind.RelativeOrAbsolute).IsAbsoluteUri ? new Uri(url).AbsolutePath : url).ToUpperInvariant() switch
        {
            ".PDF" => "application/pdf",
            ".DOCX" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            ".DOC" => "application/msword",
            _ => "text/html",
        };

    private static string IsoDate(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string IsoDateTime(DateTimeOffset value) => value.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
