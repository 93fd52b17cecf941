using System.Globalization;
using Clearinghouse.Accounts;
using Clearinghouse.Activities.Duplicates;
using Clearinghouse.Activities.Iati;
using Clearinghouse.Common;
using Clearinghouse.Countries;
using Clearinghouse.Data;
using Clearinghouse.Directory;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Clearinghouse.Activities.Files;

/// <summary>
/// Imports activities from CSV, XLSX (the columns of <see cref="ActivityColumns"/>) or IATI activity XML. Every
/// activity is turned into an <see cref="ActivityInput"/> and checked by its validator first, and every problem is
/// reported with its row (or IATI activity) and column (or element). If there is any problem nothing is written;
/// otherwise everything is written in one transaction through <see cref="ActivityEditor"/>, so history and revisions
/// are kept as for any edit. New activities are published (only editors import).
/// IATI: an identifier already known updates its activity, never adds a second one; a record that names another
/// publisher's identifier of the same activity (participating-org/@activity-id, related-activity type 5) joins that
/// activity, which then carries both identifiers. See docs/decisions (IATI mapping).
/// </summary>
internal sealed class ActivityImporter(
    AppDbContext db,
    ActivityEditor editor,
    DuplicateFinder duplicates,
    CurrentUser user,
    CountryCatalog countries,
    IOptions<ImportOptions> options,
    IOptions<IatiOptions> iati,
    TimeProvider clock)
{
    private const int LookupChunk = 500;
    private const int ProgressEvery = 100;

    /// <summary>New activities written per save (EF Core batches their rows into few commands).</summary>
    private const int CreateBatch = 250;

    /// <summary>The most new activities of one import checked for likely duplicates (the duplicates page covers the rest).</summary>
    public const int DuplicateCheckLimit = 200;

    public ImportOptions Options => options.Value;

    public string TooLargeMessage => $"The file is larger than {Options.MaxFileSizeText}. Split it into smaller files.";

    /// <summary>Decides the format from the content: IATI XML (root element iati-activities), else CSV or XLSX as the directory does.</summary>
    public static (ActivityFileFormat? Format, string? Problem) Identify(byte[] content, string? fileName = null, ActivityFileFormat? declared = null)
    {
        var xmlName = Path.GetExtension(fileName ?? string.Empty).Equals(".xml", StringComparison.OrdinalIgnoreCase);
        if (content.Length > 0 && IatiReader.LooksLikeIati(content))
        {
            return declared is null or ActivityFileFormat.Iati ? (ActivityFileFormat.Iati, null) : (null, "The file is IATI XML, not a spreadsheet.");
        }

        if (declared == ActivityFileFormat.Iati || xmlName)
        {
            return (null, "The file is not an IATI activity file: its top element must be <iati-activities>.");
        }

        var (table, problem) = DirectoryFiles.Identify(content, fileName, declared switch
        {
            ActivityFileFormat.Csv => DirectoryFileFormat.Csv,
            ActivityFileFormat.Xlsx => DirectoryFileFormat.Xlsx,
            _ => null,
        });
        return table is null ? (null, problem) : (table == DirectoryFileFormat.Xlsx ? ActivityFileFormat.Xlsx : ActivityFileFormat.Csv, null);
    }

    public async Task<byte[]?> ReadLimitedAsync(Stream stream, CancellationToken cancellationToken = default)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > Options.MaxFileBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    public async Task<ImportResult> ImportAsync(
        byte[] content,
        string? fileName = null,
        ActivityFileFormat? format = null,
        IProgress<ImportProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        if (!user.IsEditor)
        {
            return ImportResult.Failed([FileError("Only editors can import activities.")]);
        }

        if (content.LongLength > Options.MaxFileBytes)
        {
            return ImportResult.Failed([FileError(TooLargeMessage)]);
        }

        var (detected, problem) = Identify(content, fileName, format);
        if (detected is null)
        {
            return ImportResult.Failed([FileError(problem!)]);
        }

        progress?.Report(new ImportProgress(0, 0, ImportStage.Reading));
        var lookups = await LoadLookupsAsync(cancellationToken);
        var (planned, errors) = detected == ActivityFileFormat.Iati
            ? await PlanIatiAsync(content, lookups, progress, cancellationToken)
            : await PlanTableAsync(content, detected.Value, lookups, progress, cancellationToken);
        if (errors.Count > 0)
        {
            return ImportResult.Failed(errors);
        }

        var (result, createdIds) = await WriteAsync(planned, progress, cancellationToken);
        progress?.Report(new ImportProgress(0, Math.Min(createdIds.Count, DuplicateCheckLimit), ImportStage.LookingForDuplicates));
        result = result with { PossibleDuplicates = await DuplicatesOfAsync(planned, createdIds, cancellationToken) };
        progress?.Report(new ImportProgress(planned.Count, planned.Count, ImportStage.Finished));
        return result;
    }

    private static ImportError FileError(string problem) => new(null, string.Empty, problem);

    // ---- reading IATI ----

    private async Task<(List<Planned>, List<ImportError>)> PlanIatiAsync(byte[] content, Lookups lookups, IProgress<ImportProgress>? progress, CancellationToken cancellationToken)
    {
        var (records, problems) = IatiReader.Read(content, iati.Value.MaxActivities);
        var errors = problems.Select(p => new ImportError(p.Line, IatiColumn(p.Identifier, p.Field), p.Problem)).ToList();
        if (records.Count == 0)
        {
            return ([], errors);
        }

        progress?.Report(new ImportProgress(0, records.Count, ImportStage.Checking));
        var mentioned = records.SelectMany(r => r.SameActivityIdentifiers.Append(r.Identifier)).Distinct(StringComparer.Ordinal).ToList();
        var known = new Dictionary<string, Guid>(StringComparer.Ordinal);
        foreach (var chunk in mentioned.Chunk(LookupChunk))
        {
            foreach (var i in await db.ActivityIatiIdentifiers.AsNoTracking().Where(i => chunk.Contains(i.Identifier)).Select(i => new { i.Identifier, i.ActivityId }).ToListAsync(cancellationToken))
            {
                known[i.Identifier] = i.ActivityId;
            }
        }

        var ownPrefix = iati.Value.ReportingOrgRef + "-";
        var ownSlugs = records.Select(r => r.Identifier).Where(i => i.StartsWith(ownPrefix, StringComparison.Ordinal)).Select(i => i[ownPrefix.Length..]).ToList();
        var bySlug = new Dictionary<string, Guid>(StringComparer.Ordinal);
        foreach (var chunk in ownSlugs.Chunk(LookupChunk))
        {
            foreach (var a in await db.Activities.AsNoTracking().Where(a => chunk.Contains(a.Slug)).Select(a => new { a.Slug, a.Id }).ToListAsync(cancellationToken))
            {
                bySlug[a.Slug] = a.Id;
            }
        }

        var targets = known.Values.Concat(bySlug.Values).Distinct().ToList();
        var existing = await LoadActivitiesAsync(targets, cancellationToken);

        var planned = new List<Planned>();
        var byIdentifier = new Dictionary<string, Planned>(StringComparer.Ordinal);
        var byActivity = new Dictionary<Guid, Planned>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var index = 0; index < records.Count; index++)
        {
            var r = records[index];
            if (seen.TryGetValue(r.Identifier, out var firstLine))
            {
                errors.Add(new ImportError(r.Line, IatiColumn(r.Identifier, "iati-identifier"), $"The identifier is also on line {firstLine}: each activity can appear only once in a file."));
                continue;
            }

            seen[r.Identifier] = r.Line;
            var incoming = ToInput(r, lookups);
            var primary = IsPrimary(r);
            var identifiers = new List<(string, string?)> { (r.Identifier, r.ReportingOrgRef) };

            // Which activity is this? Its own identifier, the clearinghouse's own identifier, or another publisher's identifier of the same activity.
            Guid? activityId = known.TryGetValue(r.Identifier, out var id) ? id
                : r.Identifier.StartsWith(ownPrefix, StringComparison.Ordinal) && bySlug.TryGetValue(r.Identifier[ownPrefix.Length..], out var own) ? own
                : r.SameActivityIdentifiers.Where(known.ContainsKey).Select(s => (Guid?)known[s]).FirstOrDefault();
            // ... or a record earlier in this file that named this one, or that this one names, as the same activity.
            var inFile = activityId is not null ? null
                : byIdentifier.GetValueOrDefault(r.Identifier) ?? r.SameActivityIdentifiers.Where(byIdentifier.ContainsKey).Select(s => byIdentifier[s]).FirstOrDefault();
            if (activityId is { } found && byActivity.TryGetValue(found, out var again))
            {
                inFile = again;
            }

            Planned target;
            if (inFile is not null)
            {
                target = inFile;
                target.Input = Merge(target.Input, incoming, primary);
                target.Identifiers.AddRange(identifiers);
            }
            else if (activityId is { } existingId && existing.TryGetValue(existingId, out var activity))
            {
                var current = ActivityInput.From(activity);
                var onlyPublisher = activity.IatiIdentifiers.All(i => i.Identifier == r.Identifier);
                target = new Planned(r.Line, IatiColumn(r.Identifier, null), activity.Id, Merge(current, incoming, primary || onlyPublisher) with { Version = activity.Version }, identifiers);
                planned.Add(target);
                byActivity[activity.Id] = target;
            }
            else
            {
                target = new Planned(r.Line, IatiColumn(r.Identifier, null), null, incoming, identifiers);
                planned.Add(target);
            }

            byIdentifier[r.Identifier] = target;
            foreach (var same in r.SameActivityIdentifiers)
            {
                byIdentifier.TryAdd(same, target);
            }

            if ((index + 1) % ProgressEvery == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                progress?.Report(new ImportProgress(index + 1, records.Count, ImportStage.Checking));
            }
        }

        foreach (var p in planned)
        {
            foreach (var (field, messages) in p.Input.Validate(countries, lookups.OrganisationIds))
            {
                errors.AddRange(messages.Select(m => new ImportError(p.Row, p.Label + ": " + IatiField(field), m)));
            }
        }

        return (planned, errors);
    }

    /// <summary>The record of the activity's implementer (its publisher is an implementer in it) describes the activity; a funder's record adds its funding.</summary>
    private static bool IsPrimary(IatiRecord r) =>
        r.SecondaryReporter || (r.ReportingOrgRef is { } publisher && r.Participants.Any(p => p.Role == ParticipantRole.Implementer && p.Ref == publisher));

    private static ActivityInput ToInput(IatiRecord r, Lookups lookups) => new()
    {
        Title = r.Title,
        Summary = r.Summary,
        Status = r.Status,
        StartDate = r.StartDate,
        EndDate = r.EndDate,
        Countries = r.Countries,
        IsRegional = r.IsRegional,
        AddressesInternalTrafficking = r.AddressesInternalTrafficking,
        ThematicAreas = r.ThematicAreas,
        TargetGroups = r.TargetGroups,
        FormsOfExploitation = r.FormsOfExploitation,
        Budget = r.Budget,
        BudgetCurrency = r.BudgetCurrency,
        Links = [.. r.Links.Select(l => new ActivityLinkInput(l.Title, l.Url))],
        Participants = [.. r.Participants.Select(p =>
        {
            var organisation = lookups.Resolve(p.Ref, p.Name);
            return new ParticipantInput(p.Role, organisation, organisation is null ? p.Name ?? p.Ref : null, p.Amount, p.Currency, p.Ref);
        })],
        TitleRu = r.TitleRu,
        SummaryRu = r.SummaryRu,
    };

    /// <summary>
    /// Joins another report of the same activity: participants are the union (the same organisation in the same role
    /// once, with the amount the newer report gives); the descriptive fields come from <paramref name="incoming"/> only
    /// when it describes the activity (<paramref name="describes"/>), and the contact person is always kept.
    /// </summary>
    private static ActivityInput Merge(ActivityInput current, ActivityInput incoming, bool describes)
    {
        var participants = current.Participants.ToList();
        foreach (var p in incoming.Participants)
        {
            var i = participants.FindIndex(x => SameParticipant(x, p));
            if (i < 0)
            {
                participants.Add(p);
            }
            else
            {
                var x = participants[i];
                participants[i] = x with
                {
                    Amount = p.Amount is null || p.Amount == x.Amount ? x.Amount : p.Amount, // an equal amount keeps its stored form (scale), so it is no change
                    Currency = p.Amount is null ? x.Currency : p.Currency,
                    IatiRef = x.IatiRef ?? p.IatiRef,
                };
            }
        }

        var merged = describes
            ? incoming with { ContactPersonId = current.ContactPersonId, Version = current.Version, Budget = incoming.Budget == current.Budget ? current.Budget : incoming.Budget }
            : current;
        return merged with { Participants = participants };
    }

    private static bool SameParticipant(ParticipantInput a, ParticipantInput b) =>
        a.Role == b.Role
        && (a.OrganisationId is not null && a.OrganisationId == b.OrganisationId
            || a.IatiRef is not null && a.IatiRef == b.IatiRef
            || a.OrganisationId is null && b.OrganisationId is null && a.Name is not null && SearchTextBuilder.Normalize(a.Name) == SearchTextBuilder.Normalize(b.Name ?? string.Empty));

    private static string IatiColumn(string? identifier, string? field) =>
        identifier is null ? field ?? string.Empty : field is null ? identifier : $"{identifier}: {field}";

    /// <summary>The IATI element of a validator field.</summary>
    private static string IatiField(string field) => field switch
    {
        nameof(ActivityInput.Title) => "title",
        nameof(ActivityInput.Summary) => "description",
        nameof(ActivityInput.Status) => "activity-status",
        nameof(ActivityInput.StartDate) or nameof(ActivityInput.EndDate) => "activity-date",
        nameof(ActivityInput.Countries) or nameof(ActivityInput.IsRegional) => "recipient-country",
        nameof(ActivityInput.Budget) or nameof(ActivityInput.BudgetCurrency) => "budget/value",
        _ when field.StartsWith(nameof(ActivityInput.Participants), StringComparison.Ordinal) => "participating-org",
        _ when field.StartsWith(nameof(ActivityInput.Links), StringComparison.Ordinal) => "document-link",
        _ => field,
    };

    // ---- reading CSV and XLSX ----

    private async Task<(List<Planned>, List<ImportError>)> PlanTableAsync(byte[] content, ActivityFileFormat format, Lookups lookups, IProgress<ImportProgress>? progress, CancellationToken cancellationToken)
    {
        var table = DirectoryFiles.Read(content, format == ActivityFileFormat.Xlsx ? DirectoryFileFormat.Xlsx : DirectoryFileFormat.Csv, Options.MaxRows);
        if (table.Errors.Count > 0)
        {
            return ([], [.. table.Errors]);
        }

        if (table.Rows.Count < 2)
        {
            return ([], [FileError("The file needs a header row with the column names, then one row per activity.")]);
        }

        var (columns, headerErrors) = ReadHeader(table.Rows[0]);
        if (headerErrors.Count > 0)
        {
            return ([], headerErrors);
        }

        var rows = table.Rows.Skip(1).ToList();
        progress?.Report(new ImportProgress(0, rows.Count, ImportStage.Checking));
        var errors = new List<ImportError>();

        var slugs = rows.Select(r => Cell(r, columns, ActivityColumns.Slug)?.ToLowerInvariant()).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        var slugIds = new Dictionary<string, Guid>(StringComparer.Ordinal);
        foreach (var chunk in slugs.Chunk(LookupChunk))
        {
            foreach (var a in await db.Activities.AsNoTracking().Where(a => chunk.Contains(a.Slug)).Select(a => new { a.Slug, a.Id }).ToListAsync(cancellationToken))
            {
                slugIds[a.Slug] = a.Id;
            }
        }

        var existing = await LoadActivitiesAsync([.. slugIds.Values], cancellationToken);
        var identifierCells = rows.SelectMany(r => Split(Cell(r, columns, ActivityColumns.IatiIdentifiers))).Distinct(StringComparer.Ordinal).ToList();
        var identifierOwners = new Dictionary<string, Guid>(StringComparer.Ordinal);
        foreach (var chunk in identifierCells.Chunk(LookupChunk))
        {
            foreach (var i in await db.ActivityIatiIdentifiers.AsNoTracking().Where(i => chunk.Contains(i.Identifier)).Select(i => new { i.Identifier, i.ActivityId }).ToListAsync(cancellationToken))
            {
                identifierOwners[i.Identifier] = i.ActivityId;
            }
        }

        var planned = new List<Planned>();
        var slugRows = new Dictionary<string, int>(StringComparer.Ordinal);
        var identifierRows = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var index = 0; index < rows.Count; index++)
        {
            var row = rows[index];
            var rowErrors = new List<ImportError>();
            void Error(string column, string problem) => rowErrors.Add(new ImportError(row.Number, column, problem));
            string? Text(string column) => Cell(row, columns, column);

            var slug = Text(ActivityColumns.Slug)?.ToLowerInvariant();
            Activity? current = null;
            if (slug is not null)
            {
                if (!slugIds.TryGetValue(slug, out var id))
                {
                    Error(ActivityColumns.Slug, $"No activity has the slug '{slug}'. Leave the slug empty to add a new activity.");
                }
                else
                {
                    current = existing[id];
                }

                if (!slugRows.TryAdd(slug, row.Number))
                {
                    Error(ActivityColumns.Slug, $"The slug '{slug}' is also on row {slugRows[slug]}: each activity can appear only once.");
                }
            }

            var input = current is null ? new ActivityInput() : ActivityInput.From(current);
            string? Value(string column, string? unchanged) => columns.ContainsKey(column) ? Text(column) : unchanged;
            IReadOnlyList<string> List(string column, IReadOnlyList<string> unchanged) => columns.ContainsKey(column) ? Split(Text(column)) : unchanged;

            var statusText = Value(ActivityColumns.Status, input.Status?.ToString());
            var status = statusText is null ? null : ParseEnums<ActivityStatus>([statusText], ActivityColumns.Status, "status", Error).Cast<ActivityStatus?>().FirstOrDefault();
            var areas = ParseEnums<ThematicArea>(List(ActivityColumns.ThematicAreas, [.. input.ThematicAreas.Select(x => x.ToString())]), ActivityColumns.ThematicAreas, "thematic area", Error);
            var groups = ParseEnums<TargetGroup>(List(ActivityColumns.TargetGroups, [.. input.TargetGroups.Select(x => x.ToString())]), ActivityColumns.TargetGroups, "target group", Error);
            var forms = ParseEnums<FormOfExploitation>(List(ActivityColumns.FormsOfExploitation, [.. input.FormsOfExploitation.Select(x => x.ToString())]), ActivityColumns.FormsOfExploitation, "form of exploitation", Error);
            var start = columns.ContainsKey(ActivityColumns.StartDate) ? ParseDate(Text(ActivityColumns.StartDate), ActivityColumns.StartDate, Error) : input.StartDate;
            var end = columns.ContainsKey(ActivityColumns.EndDate) ? ParseDate(Text(ActivityColumns.EndDate), ActivityColumns.EndDate, Error) : input.EndDate;
            var regional = columns.ContainsKey(ActivityColumns.Regional) ? ParseFlag(Text(ActivityColumns.Regional), ActivityColumns.Regional, Error) : input.IsRegional;
            var internalTrafficking = columns.ContainsKey(ActivityColumns.InternalTrafficking) ? ParseFlag(Text(ActivityColumns.InternalTrafficking), ActivityColumns.InternalTrafficking, Error) : input.AddressesInternalTrafficking;
            var budget = columns.ContainsKey(ActivityColumns.Budget) ? ParseAmount(Text(ActivityColumns.Budget), ActivityColumns.Budget, Error) : input.Budget;

            var participants = input.Participants.ToList();
            foreach (var (column, role) in new[] { (ActivityColumns.Implementers, ParticipantRole.Implementer), (ActivityColumns.Partners, ParticipantRole.Partner), (ActivityColumns.Donors, ParticipantRole.Donor) })
            {
                if (!columns.ContainsKey(column))
                {
                    continue;
                }

                var previous = participants.Where(p => p.Role == role).ToList();
                participants.RemoveAll(p => p.Role == role);
                foreach (var item in Split(Text(column)))
                {
                    if (ActivityColumns.ParseOrganisation(item) is not { } parsed)
                    {
                        Error(column, $"'{item}' cannot be read: write an organisation's slug or name, and for a donor the amount and currency in brackets, e.g. 'Example Ministry (250000 EUR)'.");
                        continue;
                    }

                    var organisation = lookups.Resolve(null, parsed.Name);
                    var before = previous.FirstOrDefault(p => organisation is not null ? p.OrganisationId == organisation : p.Name == parsed.Name);
                    participants.Add(new ParticipantInput(role, organisation, organisation is null ? parsed.Name : null, parsed.Amount, parsed.Currency, before?.IatiRef));
                }
            }

            var links = columns.ContainsKey(ActivityColumns.Links)
                ? [.. Split(Text(ActivityColumns.Links)).Select(ActivityColumns.ParseLink).Select(l => new ActivityLinkInput(l.Title, l.Url))]
                : input.Links;

            input = input with
            {
                Title = Value(ActivityColumns.Title, input.Title),
                Summary = Value(ActivityColumns.Summary, input.Summary),
                Status = status,
                StartDate = start,
                EndDate = end,
                Countries = [.. List(ActivityColumns.Countries, input.Countries).Select(c => c.ToUpperInvariant())],
                IsRegional = regional,
                AddressesInternalTrafficking = internalTrafficking,
                ThematicAreas = areas,
                TargetGroups = groups,
                FormsOfExploitation = forms,
                Budget = budget,
                BudgetCurrency = Value(ActivityColumns.BudgetCurrency, input.BudgetCurrency),
                Participants = participants,
                Links = links,
                TitleRu = Value(ActivityColumns.TitleRu, input.TitleRu),
                SummaryRu = Value(ActivityColumns.SummaryRu, input.SummaryRu),
            };

            foreach (var (field, messages) in input.Validate(countries, lookups.OrganisationIds))
            {
                if (field == nameof(ActivityInput.Status) && statusText is not null && status is null)
                {
                    continue; // already reported as an unknown status
                }

                rowErrors.AddRange(messages.Select(m => new ImportError(row.Number, ActivityColumns.ForField(field), m)));
            }

            var identifiers = new List<(string, string?)>();
            foreach (var identifier in Split(Text(ActivityColumns.IatiIdentifiers)))
            {
                if (identifierOwners.TryGetValue(identifier, out var owner) && owner != current?.Id)
                {
                    Error(ActivityColumns.IatiIdentifiers, $"The IATI identifier '{identifier}' already belongs to another activity.");
                }
                else if (!identifierRows.TryAdd(identifier, row.Number))
                {
                    Error(ActivityColumns.IatiIdentifiers, $"The IATI identifier '{identifier}' is also on row {identifierRows[identifier]}.");
                }
                else
                {
                    identifiers.Add((identifier, participants.Select(p => p.IatiRef).FirstOrDefault(r => r is not null && identifier.StartsWith(r + "-", StringComparison.Ordinal))));
                }
            }

            errors.AddRange(rowErrors);
            if (rowErrors.Count == 0)
            {
                planned.Add(new Planned(row.Number, string.Empty, current?.Id, input, identifiers));
            }

            if ((index + 1) % ProgressEvery == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                progress?.Report(new ImportProgress(index + 1, rows.Count, ImportStage.Checking));
            }
        }

        return (planned, errors);
    }

    private static (Dictionary<string, int>, List<ImportError>) ReadHeader(SheetRow header)
    {
        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        var errors = new List<ImportError>();
        for (var i = 0; i < header.Cells.Count; i++)
        {
            var raw = header.Cells[i]?.Trim();
            if (string.IsNullOrEmpty(raw))
            {
                continue;
            }

            var name = raw.ToLowerInvariant().Replace(' ', '_').Replace('-', '_');
            if (!ActivityColumns.All.Contains(name))
            {
                errors.Add(new ImportError(header.Number, raw, $"'{raw}' is not a column of the activities file. The columns are: {string.Join(", ", ActivityColumns.All)}."));
            }
            else if (!columns.TryAdd(name, i))
            {
                errors.Add(new ImportError(header.Number, name, $"The column '{name}' appears more than once."));
            }
        }

        var missing = ActivityColumns.Required.Where(c => !columns.ContainsKey(c)).ToList();
        if (missing.Count > 0 && !columns.ContainsKey(ActivityColumns.Slug))
        {
            errors.Insert(0, new ImportError(header.Number, string.Join(", ", missing), $"The header row has no {string.Join(" or ", missing.Select(m => $"'{m}'"))} column. Required columns: {string.Join(", ", ActivityColumns.Required)}. Start from a download of the activities to get every column."));
        }

        return (columns, errors);
    }

    private static string? Cell(SheetRow row, Dictionary<string, int> columns, string column) =>
        columns.TryGetValue(column, out var index) && index < row.Cells.Count ? ValidationErrors.Clean(row.Cells[index]) : null;

    private static List<string> Split(string? cell) =>
        cell is null ? [] : [.. cell.Split(ActivityColumns.ListSeparator, StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)];

    private static List<T> ParseEnums<T>(IReadOnlyList<string> names, string column, string what, Action<string, string> error)
        where T : struct, Enum
    {
        var values = new List<T>();
        foreach (var name in names)
        {
            var match = Enum.GetNames<T>().FirstOrDefault(n => n.Equals(name, StringComparison.OrdinalIgnoreCase));
            if (match is null)
            {
                error(column, $"'{name}' is not a known {what}. Use one of: {string.Join(", ", Enum.GetNames<T>())}.");
            }
            else
            {
                values.Add(Enum.Parse<T>(match));
            }
        }

        return values;
    }

    private static DateOnly? ParseDate(string? text, string column, Action<string, string> error)
    {
        if (text is null)
        {
            return null;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        error(column, $"'{text}' is not a date. Write it as YYYY-MM-DD, e.g. 2024-03-01.");
        return null;
    }

    private static bool ParseFlag(string? text, string column, Action<string, string> error)
    {
        var value = ActivityColumns.ParseFlag(text, out var valid);
        if (!valid)
        {
            error(column, $"'{text}' is not yes or no.");
        }

        return value ?? false;
    }

    private static decimal? ParseAmount(string? text, string column, Action<string, string> error)
    {
        if (text is null)
        {
            return null;
        }

        if (decimal.TryParse(text.Replace(" ", string.Empty, StringComparison.Ordinal), NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var amount))
        {
            return amount;
        }

        error(column, $"'{text}' is not an amount. Write digits with a point for decimals, e.g. 125000.50.");
        return null;
    }

    // ---- shared ----

    private async Task<Dictionary<Guid, Activity>> LoadActivitiesAsync(List<Guid> ids, CancellationToken cancellationToken)
    {
        var result = new Dictionary<Guid, Activity>();
        foreach (var chunk in ids.Chunk(LookupChunk))
        {
            foreach (var a in await db.Activities.AsNoTracking().Include(a => a.Participants).Include(a => a.IatiIdentifiers).AsSplitQuery()
                .Where(a => chunk.Contains(a.Id)).ToListAsync(cancellationToken))
            {
                result[a.Id] = a;
            }
        }

        return result;
    }

    private async Task<Lookups> LoadLookupsAsync(CancellationToken cancellationToken)
    {
        var organisations = await db.Organisations.AsNoTracking().Where(o => o.RetiredAt == null)
            .Select(o => new { o.Id, o.Slug, o.Name, o.Acronym }).ToListAsync(cancellationToken);
        var refs = await db.ActivityParticipants.AsNoTracking().Where(p => p.IatiRef != null && p.OrganisationId != null)
            .Select(p => new { p.IatiRef, p.OrganisationId }).Distinct().ToListAsync(cancellationToken);
        static Dictionary<string, Guid> Unique(IEnumerable<(string? Key, Guid Id)> pairs) =>
            pairs.Where(p => !string.IsNullOrWhiteSpace(p.Key)).GroupBy(p => SearchTextBuilder.Normalize(p.Key!), StringComparer.Ordinal)
                .Where(g => g.Select(x => x.Id).Distinct().Count() == 1).ToDictionary(g => g.Key, g => g.First().Id, StringComparer.Ordinal);
        return new Lookups(
            organisations.Select(o => o.Id).ToHashSet(),
            organisations.ToDictionary(o => o.Slug, o => o.Id, StringComparer.Ordinal),
            Unique(organisations.Select(o => ((string?)o.Name, o.Id))),
            Unique(organisations.Select(o => (o.Acronym, o.Id))),
            Unique(refs.Select(r => (r.IatiRef, r.OrganisationId!.Value))));
    }

    /// <summary>
    /// The likely duplicates of the activities the import added (up to <see cref="DuplicateCheckLimit"/>), among everything
    /// now in the inventory — other rows of the same file included. Updated activities were checked when they were added.
    /// </summary>
    private async Task<IReadOnlyList<ImportedDuplicates>> DuplicatesOfAsync(List<Planned> planned, Dictionary<Planned, Guid> created, CancellationToken cancellationToken)
    {
        var checkedRows = planned.Where(created.ContainsKey).Take(DuplicateCheckLimit).ToList();
        var probes = checkedRows.Select(p => DuplicateProbe.Of(p.Input, created[p], [.. p.Identifiers.Select(i => i.Identifier)])).ToList();
        var candidates = await duplicates.CandidatesAsync(probes, 5, cancellationToken);
        var found = new List<ImportedDuplicates>();
        for (var i = 0; i < checkedRows.Count; i++)
        {
            if (candidates[i].Count > 0)
            {
                found.Add(new ImportedDuplicates(checkedRows[i].Row, checkedRows[i].Input.Title ?? checkedRows[i].Label, candidates[i]));
            }
        }

        return found;
    }

    private async Task<(ImportResult, Dictionary<Planned, Guid>)> WriteAsync(List<Planned> planned, IProgress<ImportProgress>? progress, CancellationToken cancellationToken)
    {
        progress?.Report(new ImportProgress(0, planned.Count, ImportStage.Saving));
        var createdIds = new Dictionary<Planned, Guid>();
        int updated = 0, unchanged = 0, done = 0;
        var now = clock.GetUtcNow();
        void Saved(int count)
        {
            var before = done / ProgressEvery;
            done += count;
            if (done / ProgressEvery != before)
            {
                progress?.Report(new ImportProgress(done, planned.Count, ImportStage.Saving));
            }
        }

        // One transaction for the whole file: the editor's saves join it, so a failure or cancellation leaves nothing written.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        foreach (var p in planned.Where(p => p.ExistingId is not null))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var id = p.ExistingId!.Value;
            var result = await editor.UpdateAsync(id, p.Input, cancellationToken);
            var changed = Require(result, p).Version != p.Input.Version;
            updated += changed ? 1 : 0;
            unchanged += changed ? 0 : 1;

            // The editor saved what changed; anything else it still tracks (an unchanged activity) must not be saved again with the identifiers.
            db.ChangeTracker.Clear();
            var identifiers = p.Identifiers.Select(i => i.Identifier).Distinct(StringComparer.Ordinal).ToList();
            var stored = await db.ActivityIatiIdentifiers.Where(i => identifiers.Contains(i.Identifier)).ToListAsync(cancellationToken);
            foreach (var (identifier, reportingOrg) in p.Identifiers.DistinctBy(i => i.Identifier))
            {
                var row = stored.FirstOrDefault(i => i.Identifier == identifier);
                if (row is null)
                {
                    db.ActivityIatiIdentifiers.Add(new ActivityIatiIdentifier { Identifier = identifier, ActivityId = id, ReportingOrgRef = reportingOrg, LastImportedAt = now });
                }
                else
                {
                    row.LastImportedAt = now;
                }
            }

            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
            Saved(1);
        }

        // New activities are added published, a batch per save. Their identifiers are new (a known one would have
        // matched an existing activity, and the plan checked them), so they are written with them, in the same save.
        // Their contributions to the gap matrix summary are added once, after the last batch (ADR 0025).
        using var deferred = db.DeferGapSummaryOfNewActivities();
        foreach (var batch in planned.Where(p => p.ExistingId is null).Chunk(CreateBatch))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (activities, errors) = await editor.CreatePublishedAsync([.. batch.Select(p => p.Input)], added =>
            {
                for (var i = 0; i < batch.Length; i++)
                {
                    foreach (var (identifier, reportingOrg) in batch[i].Identifiers.DistinctBy(x => x.Identifier))
                    {
                        db.ActivityIatiIdentifiers.Add(new ActivityIatiIdentifier { Identifier = identifier, ActivityId = added[i].Id, ReportingOrgRef = reportingOrg, LastImportedAt = now });
                    }
                }
            }, cancellationToken);
            if (errors.Count > 0)
            {
                var (index, fields) = errors.First();
                throw new InvalidOperationException($"The activity of row {batch[index].Row} could not be saved ({string.Join("; ", fields.SelectMany(e => e.Value))}); nothing was imported.");
            }

            for (var i = 0; i < batch.Length; i++)
            {
                createdIds[batch[i]] = activities[i].Id;
            }

            db.ChangeTracker.Clear();
            Saved(batch.Length);
        }

        await db.ApplyDeferredGapSummaryAsync(cancellationToken);
        cancellationToken.ThrowIfCancellationRequested();
        await transaction.CommitAsync(cancellationToken);
        return (new ImportResult(createdIds.Count, updated, unchanged, []), createdIds);
    }

    /// <summary>The editor refuses a checked activity only when something changed underneath the import (e.g. a concurrent edit): stop, and roll back.</summary>
    private static Activity Require(EditResult<Activity> result, Planned p) =>
        result.Outcome == EditOutcome.Saved && result.Record is not null
            ? result.Record
            : throw new InvalidOperationException($"The activity of row {p.Row} could not be saved ({result.Outcome}: {string.Join("; ", result.Errors.SelectMany(e => e.Value))}); nothing was imported.");

    private sealed class Planned(int row, string label, Guid? existingId, ActivityInput input, List<(string Identifier, string? ReportingOrgRef)> identifiers)
    {
        public int Row { get; } = row;

        public string Label { get; } = label;

        public Guid? ExistingId { get; } = existingId;

        public ActivityInput Input { get; set; } = input;

        public List<(string Identifier, string? ReportingOrgRef)> Identifiers { get; } = identifiers;
    }

    /// <summary>The directory's organisations by slug, name, acronym and known IATI ref, for linking participants.</summary>
    private sealed record Lookups(
        HashSet<Guid> OrganisationIds,
        Dictionary<string, Guid> BySlug,
        Dictionary<string, Guid> ByName,
        Dictionary<string, Guid> ByAcronym,
        Dictionary<string, Guid> ByIatiRef)
    {
        public Guid? Resolve(string? iatiRef, string? name)
        {
            if (iatiRef is not null && ByIatiRef.TryGetValue(SearchTextBuilder.Normalize(iatiRef), out var byRef))
            {
                return byRef;
            }

            if (name is null)
            {
                return null;
            }

            return BySlug.TryGetValue(name.Trim().ToLowerInvariant(), out var bySlug) ? bySlug
                : ByName.TryGetValue(SearchTextBuilder.Normalize(name), out var byName) ? byName
                : ByAcronym.TryGetValue(SearchTextBuilder.Normalize(name), out var byAcronym) ? byAcronym
                : null;
        }
    }
}
