using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using Clearinghouse.Directory;

namespace Clearinghouse.Activities.Iati;

/// <summary>An organisation named in an IATI activity, with what it committed when the file says so.</summary>
internal sealed record IatiParticipant(ParticipantRole Role, string? Ref, string? Name, decimal? Amount = null, string? Currency = null);

/// <summary>One iati-activity element as the clearinghouse reads it (not yet checked against the directory or the activity validator).</summary>
internal sealed record IatiRecord
{
    /// <summary>Line of the iati-activity element in the file.</summary>
    public int Line { get; init; }

    public required string Identifier { get; init; }

    /// <summary>The publisher of this record (null when the clearinghouse itself re-published it as a secondary reporter).</summary>
    public string? ReportingOrgRef { get; init; }

    public bool SecondaryReporter { get; init; }

    public string Language { get; init; } = "en";

    public string? Title { get; init; }

    public string? Summary { get; init; }

    public string? TitleRu { get; init; }

    public string? SummaryRu { get; init; }

    public ActivityStatus? Status { get; init; }

    public DateOnly? StartDate { get; init; }

    public DateOnly? EndDate { get; init; }

    public List<string> Countries { get; init; } = [];

    public bool IsRegional { get; init; }

    public bool AddressesInternalTrafficking { get; init; }

    public List<ThematicArea> ThematicAreas { get; init; } = [];

    public List<TargetGroup> TargetGroups { get; init; } = [];

    public List<Common.FormOfExploitation> FormsOfExploitation { get; init; } = [];

    public decimal? Budget { get; init; }

    public string? BudgetCurrency { get; init; }

    public List<IatiParticipant> Participants { get; init; } = [];

    public List<(string Title, string Url)> Links { get; init; } = [];

    /// <summary>Other publishers' identifiers of the same activity (participating-org/@activity-id, related-activity of type 5).</summary>
    public List<string> SameActivityIdentifiers { get; init; } = [];
}

/// <summary>A problem in an IATI file: the line and identifier of the activity (null for the file as a whole) and the element or attribute.</summary>
internal sealed record IatiProblem(int? Line, string? Identifier, string Field, string Problem);

/// <summary>
/// Reads an IATI activity file (version 2.xx). It reads what the clearinghouse keeps, maps codes as in
/// <see cref="IatiCodes"/>, and reports every problem it finds with the activity and the element, without stopping
/// at the first. It does not resolve external entities or DTDs.
/// </summary>
internal static class IatiReader
{
    private static readonly XNamespace Xml = XNamespace.Xml;
    private static readonly XNamespace Extension = IatiCodes.ExtensionNamespace;

    /// <summary>True when the content looks like an IATI activity file (its root element is iati-activities).</summary>
    public static bool LooksLikeIati(byte[] content)
    {
        var head = System.Text.Encoding.UTF8.GetString(content, 0, Math.Min(content.Length, 4096));
        return head.Contains("<iati-activities", StringComparison.Ordinal);
    }

    public static (List<IatiRecord> Records, List<IatiProblem> Problems) Read(byte[] content, int maxActivities)
    {
        var problems = new List<IatiProblem>();
        XDocument document;
        try
        {
            var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, IgnoreComments = true };
            using var reader = XmlReader.Create(new MemoryStream(content, writable: false), settings);
            document = XDocument.Load(reader, LoadOptions.SetLineInfo);
        }
        catch (XmlException e)
        {
            return ([], [new IatiProblem(e.LineNumber > 0 ? e.LineNumber : null, null, string.Empty, "The file is not well-formed XML: " + e.Message)]);
        }

        var root = document.Root;
        if (root is null || root.Name != "iati-activities")
        {
            return ([], [new IatiProblem(null, null, string.Empty, "The file is not an IATI activity file: its top element must be <iati-activities>.")]);
        }

        var version = (string?)root.Attribute("version");
        if (version is null || !version.StartsWith("2.", StringComparison.Ordinal))
        {
            problems.Add(new IatiProblem(Line(root), null, "iati-activities/@version", $"Only IATI version 2 files can be read (this one says '{version ?? "no version"}')."));
            return ([], problems);
        }

        var elements = root.Elements("iati-activity").ToList();
        if (elements.Count == 0)
        {
            return ([], [new IatiProblem(Line(root), null, string.Empty, "The file holds no <iati-activity>.")]);
        }

        if (elements.Count > maxActivities)
        {
            return ([], [new IatiProblem(null, null, string.Empty, $"The file holds {elements.Count.ToString("N0", CultureInfo.InvariantCulture)} activities; at most {maxActivities.ToString("N0", CultureInfo.InvariantCulture)} can be imported at once. Split it into smaller files.")]);
        }

        var records = new List<IatiRecord>(elements.Count);
        foreach (var element in elements)
        {
            var record = ReadActivity(element, problems);
            if (record is not null)
            {
                records.Add(record);
            }
        }

        return (records, problems);
    }

    private static IatiRecord? ReadActivity(XElement a, List<IatiProblem> problems)
    {
        var line = Line(a);
        var identifier = Clean(a.Element("iati-identifier")?.Value);
        void Problem(string field, string problem) => problems.Add(new IatiProblem(line, identifier, field, problem));

        if (identifier is null)
        {
            Problem("iati-identifier", "The activity has no iati-identifier.");
            return null;
        }

        var language = Clean((string?)a.Attribute(Xml + "lang"))?.ToLowerInvariant()
            ?? Clean((string?)a.Parent?.Attribute(Xml + "lang"))?.ToLowerInvariant()
            ?? "en";
        var reporting = a.Element("reporting-org");
        var secondary = IsTrue((string?)reporting?.Attribute("secondary-reporter"));

        var (title, titleLanguage, titleRu) = Narratives(a.Element("title"), language);
        if (title is null)
        {
            Problem("title", "The activity has no title.");
        }

        // The general description (type 1, or untyped); a description that only repeats the title is no summary.
        var description = a.Elements("description").FirstOrDefault(d => (string?)d.Attribute("type") is null or "1");
        var (summary, _, summaryRu) = Narratives(description, titleLanguage ?? language);
        summary = summary == title ? null : summary;
        summaryRu = summaryRu == titleRu ? null : summaryRu;

        var statusCode = (string?)a.Element("activity-status")?.Attribute("code");
        var status = IatiCodes.Status(statusCode);
        if (status is null)
        {
            Problem("activity-status/@code", statusCode is null
                ? "The activity has no activity-status."
                : $"'{statusCode}' is not an IATI activity status (1 to 6).");
        }

        DateOnly? start = null, end = null, plannedStart = null, plannedEnd = null;
        foreach (var d in a.Elements("activity-date"))
        {
            if (d.Attribute(Extension + "recorded") is not null)
            {
                continue; // the clearinghouse's stand-in for an unknown date
            }

            var type = (string?)d.Attribute("type");
            var text = (string?)d.Attribute("iso-date");
            if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                Problem("activity-date/@iso-date", $"'{text}' is not a date (write it as YYYY-MM-DD).");
                continue;
            }

            switch (type)
            {
                case IatiCodes.PlannedStart: plannedStart = date; break;
                case IatiCodes.ActualStart: start = date; break;
                case IatiCodes.PlannedEnd: plannedEnd = date; break;
                case IatiCodes.ActualEnd: end = date; break;
                default: Problem("activity-date/@type", $"'{type}' is not an IATI activity date type (1 to 4)."); break;
            }
        }

        var scope = (string?)a.Element("activity-scope")?.Attribute("code");
        var countries = a.Elements("recipient-country").Select(c => Clean((string?)c.Attribute("code"))?.ToUpperInvariant()).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        var regional = scope is "1" or IatiCodes.ScopeRegional || (countries.Count == 0 && a.Elements("recipient-region").Any());

        var areas = new List<ThematicArea>();
        var ownAreas = a.Elements("sector").Where(s => IsOwn(s, IatiCodes.ThematicAreaVocabulary)).ToList();
        if (ownAreas.Count > 0)
        {
            areas.AddRange(Codes<ThematicArea>(ownAreas, "sector/@code", "thematic area", Problem));
        }
        else
        {
            foreach (var sector in a.Elements("sector").Where(s => (string?)s.Attribute("vocabulary") is null or IatiCodes.DacVocabulary))
            {
                if (IatiCodes.AreaOfDacCode((string?)sector.Attribute("code") ?? string.Empty) is { } area)
                {
                    areas.Add(area);
                }
            }
        }

        var tags = a.Elements("tag").ToList();
        var groups = Codes<TargetGroup>([.. tags.Where(t => IsOwn(t, IatiCodes.TargetGroupVocabulary))], "tag/@code", "target group", Problem);
        var forms = Codes<Common.FormOfExploitation>([.. tags.Where(t => IsOwn(t, IatiCodes.ExploitationVocabulary))], "tag/@code", "form of exploitation", Problem);
        var internalTrafficking = tags.Any(t => IsOwn(t, IatiCodes.ScopeVocabulary) && (string?)t.Attribute("code") == IatiCodes.InternalTraffickingTag);

        var defaultCurrency = Clean((string?)a.Attribute("default-currency"))?.ToUpperInvariant();
        decimal? budget = null;
        string? budgetCurrency = null;
        foreach (var b in a.Elements("budget").Where(b => (string?)b.Attribute("type") is null or IatiCodes.BudgetOriginal))
        {
            var (amount, currency) = Money(b.Element("value"), defaultCurrency, "budget/value", Problem);
            if (amount is null)
            {
                continue;
            }

            if (budgetCurrency is not null && currency != budgetCurrency)
            {
                Problem("budget/value/@currency", "The budget is given in several currencies; the clearinghouse keeps one total per activity. Give the budget in one currency.");
                break;
            }

            budget = (budget ?? 0) + amount;
            budgetCurrency = currency;
        }

        var participants = new List<IatiParticipant>();
        var sameActivity = new List<string>();
        foreach (var p in a.Elements("participating-org"))
        {
            if (p.Attribute(Extension + "placeholder") is not null)
            {
                continue;
            }

            var roleCode = (string?)p.Attribute("role");
            var role = IatiCodes.Role(roleCode);
            if (role is null)
            {
                Problem("participating-org/@role", $"'{roleCode}' is not an IATI organisation role (1 Funding, 2 Accountable, 3 Extending, 4 Implementing).");
                continue;
            }

            if ((string?)p.Attribute(Extension + "role") == IatiWriter.PartnerRole)
            {
                role = ParticipantRole.Partner;
            }

            var reference = Clean((string?)p.Attribute("ref"));
            var name = Narratives(p, language).Text;
            if (reference is null && name is null)
            {
                Problem("participating-org", "A participating organisation has neither a ref nor a name.");
                continue;
            }

            if (Clean((string?)p.Attribute("activity-id")) is { } linked && linked != identifier)
            {
                sameActivity.Add(linked);
            }

            if (!participants.Any(x => x.Role == role && x.Ref == reference && x.Name == name))
            {
                participants.Add(new IatiParticipant(role.Value, reference, name));
            }
        }

        sameActivity.AddRange(a.Elements("related-activity")
            .Where(r => (string?)r.Attribute("type") == IatiCodes.ThirdPartyReport)
            .Select(r => Clean((string?)r.Attribute("ref")))
            .OfType<string>());

        var reportingRef = Clean((string?)reporting?.Attribute("ref"));
        ReadCommitments(a, reportingRef, defaultCurrency, participants, Problem);

        var links = new List<(string, string)>();
        foreach (var d in a.Elements("document-link"))
        {
            var url = Clean((string?)d.Attribute("url"));
            if (url is null)
            {
                continue;
            }

            links.Add((Narratives(d.Element("title"), language).Text ?? url, url));
        }

        return new IatiRecord
        {
            Line = line,
            Identifier = identifier,
            ReportingOrgRef = secondary ? participants.Select(p => p.Ref).FirstOrDefault(r => r is not null && identifier.StartsWith(r + "-", StringComparison.Ordinal)) : reportingRef,
            SecondaryReporter = secondary,
            Language = titleLanguage ?? language,
            Title = title,
            Summary = summary,
            TitleRu = titleRu,
            SummaryRu = summaryRu,
            Status = status,
            StartDate = start ?? plannedStart,
            EndDate = end ?? plannedEnd,
            Countries = countries,
            IsRegional = regional,
            AddressesInternalTrafficking = internalTrafficking,
            ThematicAreas = [.. areas.Distinct()],
            TargetGroups = [.. groups.Distinct()],
            FormsOfExploitation = [.. forms.Distinct()],
            Budget = budget,
            BudgetCurrency = budgetCurrency,
            Participants = participants,
            Links = links,
            SameActivityIdentifiers = [.. sameActivity.Distinct(StringComparer.Ordinal)],
        };
    }

    /// <summary>
    /// Donors' amounts: incoming commitments (type 11) by provider; without any, incoming funds (type 1). When the
    /// publisher is itself a funder, its outgoing commitments (type 2) are its amount.
    /// </summary>
    private static void ReadCommitments(XElement a, string? reportingRef, string? defaultCurrency, List<IatiParticipant> participants, Action<string, string> problem)
    {
        var transactions = a.Elements("transaction").Select(t => (Type: (string?)t.Element("transaction-type")?.Attribute("code"), Element: t)).ToList();
        var incoming = transactions.Where(t => t.Type == IatiCodes.IncomingCommitment).ToList();
        if (incoming.Count == 0)
        {
            incoming = [.. transactions.Where(t => t.Type == IatiCodes.IncomingFunds)];
        }

        var amounts = new List<(string? Ref, string? Name, decimal Amount, string Currency)>();
        foreach (var (_, t) in incoming)
        {
            var provider = t.Element("provider-org");
            var (amount, currency) = Money(t.Element("value"), defaultCurrency, "transaction/value", problem);
            if (amount is not null && currency is not null)
            {
                amounts.Add((Clean((string?)provider?.Attribute("ref")), Narratives(provider, "en").Text, amount.Value, currency));
            }
        }

        foreach (var (_, t) in transactions.Where(t => t.Type == IatiCodes.OutgoingCommitment))
        {
            var (amount, currency) = Money(t.Element("value"), defaultCurrency, "transaction/value", problem);
            if (amount is not null && currency is not null && reportingRef is not null
                && participants.Any(p => p.Role == ParticipantRole.Donor && p.Ref == reportingRef))
            {
                amounts.Add((reportingRef, null, amount.Value, currency));
            }
        }

        foreach (var group in amounts.GroupBy(x => (x.Ref, x.Ref is null ? x.Name : null, x.Currency)))
        {
            var (reference, name, currency) = group.Key;
            var total = group.Sum(x => x.Amount);
            var index = participants.FindIndex(p => p.Role == ParticipantRole.Donor && p.Amount is null
                && (reference is not null ? p.Ref == reference : p.Name == name));
            if (index >= 0)
            {
                participants[index] = participants[index] with { Amount = total, Currency = currency };
            }
            else if (reference is not null || name is not null)
            {
                participants.Add(new IatiParticipant(ParticipantRole.Donor, reference, group.First().Name, total, currency));
            }
        }
    }

    private static (decimal? Amount, string? Currency) Money(XElement? value, string? defaultCurrency, string field, Action<string, string> problem)
    {
        if (value is null)
        {
            return (null, null);
        }

        if (!decimal.TryParse(value.Value.Trim(), NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var amount))
        {
            problem(field, $"'{value.Value.Trim()}' is not an amount (write it like 12500.50).");
            return (null, null);
        }

        var currency = Clean((string?)value.Attribute("currency"))?.ToUpperInvariant() ?? defaultCurrency;
        if (currency is null)
        {
            problem(field + "/@currency", "The amount has no currency, and the activity no default-currency.");
            return (null, null);
        }

        return (amount, currency);
    }

    /// <summary>The text in the activity's language (or the first), its language, and the Russian text if there is a separate one.</summary>
    private static (string? Text, string? Language, string? Russian) Narratives(XElement? parent, string defaultLanguage)
    {
        if (parent is null)
        {
            return (null, null, null);
        }

        var narratives = parent.Elements("narrative")
            .Select(n => (Language: Clean((string?)n.Attribute(Xml + "lang"))?.ToLowerInvariant() ?? defaultLanguage, Text: Clean(n.Value)))
            .Where(n => n.Text is not null)
            .ToList();
        if (narratives.Count == 0)
        {
            return (null, null, null);
        }

        var main = narratives.FirstOrDefault(n => n.Language == defaultLanguage);
        if (main.Text is null)
        {
            main = narratives.FirstOrDefault(n => n.Language == "en");
        }

        if (main.Text is null)
        {
            main = narratives[0];
        }

        var russian = main.Language == "ru" ? null : narratives.FirstOrDefault(n => n.Language == "ru").Text;
        return (main.Text, main.Language, russian);
    }

    private static List<T> Codes<T>(List<XElement> elements, string field, string what, Action<string, string> problem)
        where T : struct, Enum
    {
        var values = new List<T>();
        foreach (var code in elements.Select(e => (string?)e.Attribute("code") ?? string.Empty))
        {
            if (Enum.TryParse<T>(code, ignoreCase: true, out var value) && Enum.IsDefined(value) && !int.TryParse(code, CultureInfo.InvariantCulture, out _))
            {
                values.Add(value);
            }
            else
            {
                problem(field, $"'{code}' is not a known {what}. Use one of: {string.Join(", ", Enum.GetNames<T>())}.");
            }
        }

        return values;
    }

    private static bool IsOwn(XElement element, string vocabularyUri) =>
        (string?)element.Attribute("vocabulary") == IatiCodes.OwnVocabulary && (string?)element.Attribute("vocabulary-uri") == vocabularyUri;

    private static bool IsTrue(string? value) => value is "1" or "true";

    private static int Line(XObject node) => node is IXmlLineInfo info && info.HasLineInfo() ? info.LineNumber : 0;

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
