using System.Globalization;
using Clearinghouse.Common;
using Clearinghouse.Countries;
using Clearinghouse.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Clearinghouse.Directory;

internal enum ImportStage
{
    Reading,
    Checking,
    Saving,

    /// <summary>Activities only: the new activities are compared with the inventory for likely duplicates.</summary>
    LookingForDuplicates,
    Finished,
}

/// <summary>How far an import has got: rows done of the rows in the file, in the current stage.</summary>
internal sealed record ImportProgress(int RowsDone, int RowsTotal, ImportStage Stage);

/// <summary>One problem in an import file. <see cref="Row"/> is the row as a spreadsheet shows it; null for the file as a whole.</summary>
internal sealed record ImportError(int? Row, string Column, string Problem);

internal sealed record ImportResult(int Created, int Updated, int Unchanged, IReadOnlyList<ImportError> Errors)
{
    public bool Succeeded => Errors.Count == 0;

    /// <summary>Activities imports only: new activities that look like ones already in the inventory (a warning; they were imported).</summary>
    public IReadOnlyList<Activities.Duplicates.ImportedDuplicates> PossibleDuplicates { get; init; } = [];

    public static ImportResult Failed(IReadOnlyList<ImportError> errors) => new(0, 0, 0, errors);
}

/// <summary>
/// Imports organisations from a CSV or XLSX file (the columns of <see cref="DirectoryColumns"/>). Every row is checked
/// first, with the same validator as the forms and the API, and every problem is reported. If there is any problem
/// nothing is written; otherwise all rows are written in one transaction: rows with a slug update that organisation,
/// rows without one add a new organisation. Changes go through the history like any other edit.
/// </summary>
internal sealed class DirectoryImporter(AppDbContext db, CountryCatalog countries, IOptions<ImportOptions> options)
{
    private const int LookupChunk = 500;
    private const int ProgressEvery = 250;

    public ImportOptions Options => options.Value;

    /// <summary>Reads a whole upload into memory, or returns null as soon as it is larger than the size limit.</summary>
    public async Task<byte[]?> ReadLimitedAsync(Stream stream, CancellationToken cancellationToken = default)
    {
        var limit = Options.MaxFileBytes;
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    public string TooLargeMessage => $"The file is larger than {Options.MaxFileSizeText}. Split it into smaller files.";

    public async Task<ImportResult> ImportAsync(
        byte[] content,
        string? fileName = null,
        DirectoryFileFormat? format = null,
        IProgress<ImportProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        if (content.LongLength > Options.MaxFileBytes)
        {
            return ImportResult.Failed([FileError(TooLargeMessage)]);
        }

        var (detected, problem) = DirectoryFiles.Identify(content, fileName, format);
        if (detected is null)
        {
            return ImportResult.Failed([FileError(problem!)]);
        }

        progress?.Report(new ImportProgress(0, 0, ImportStage.Reading));
        var table = DirectoryFiles.Read(content, detected.Value, Options.MaxRows);
        if (table.Errors.Count > 0)
        {
            return ImportResult.Failed(table.Errors);
        }

        if (table.Rows.Count == 0)
        {
            return ImportResult.Failed([FileError("The file is empty: it needs a header row with the column names, then one row per organisation.")]);
        }

        var header = table.Rows[0];
        var (columns, headerErrors) = ReadHeader(header);
        if (headerErrors.Count > 0)
        {
            return ImportResult.Failed(headerErrors);
        }

        var rows = table.Rows.Skip(1).ToList();
        if (rows.Count == 0)
        {
            return ImportResult.Failed([FileError("The file has a header row but no organisations below it.")]);
        }

        var (planned, errors) = await CheckAsync(rows, columns, progress, cancellationToken);
        if (errors.Count > 0)
        {
            return ImportResult.Failed(errors);
        }

        var result = await WriteAsync(planned, progress, cancellationToken);
        progress?.Report(new ImportProgress(rows.Count, rows.Count, ImportStage.Finished));
        return result;
    }

    private static ImportError FileError(string problem) => new(null, string.Empty, problem);

    private static (Dictionary<string, int> Columns, List<ImportError> Errors) ReadHeader(SheetRow header)
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
            if (!DirectoryColumns.All.Contains(name))
            {
                errors.Add(new ImportError(header.Number, raw, $"'{raw}' is not a column of the directory. The columns are: {string.Join(", ", DirectoryColumns.All)}."));
            }
            else if (!columns.TryAdd(name, i))
            {
                errors.Add(new ImportError(header.Number, name, $"The column '{name}' appears more than once."));
            }
        }

        var missing = DirectoryColumns.Required.Where(c => !columns.ContainsKey(c)).ToList();
        if (missing.Count > 0)
        {
            errors.Insert(0, new ImportError(
                header.Number,
                string.Join(", ", missing),
                $"The header row (row {header.Number}) has no {string.Join(" or ", missing.Select(m => $"'{m}'"))} column. Required columns: {string.Join(", ", DirectoryColumns.Required)}. Start from a download of the directory to get every column."));
        }

        return (columns, errors);
    }

    private async Task<(List<PlannedRow> Planned, List<ImportError> Errors)> CheckAsync(
        List<SheetRow> rows, Dictionary<string, int> columns, IProgress<ImportProgress>? progress, CancellationToken cancellationToken)
    {
        progress?.Report(new ImportProgress(0, rows.Count, ImportStage.Checking));
        var errors = new List<ImportError>();

        // Every organisation, retired ones too, by name and country: a new row must not repeat one of them.
        var known = await db.Organisations.AsNoTracking()
            .Select(o => new { o.Slug, o.Name, o.CountryCode })
            .ToListAsync(cancellationToken);
        var byKey = known.GroupBy(o => DuplicateKey(o.Name, o.CountryCode)).ToDictionary(g => g.Key, g => g.Select(o => o.Slug).Order(StringComparer.Ordinal).First(), StringComparer.Ordinal);

        var wantedSlugs = rows.Select(r => Cell(r, columns, DirectoryColumns.Slug)?.ToLowerInvariant()).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        var existing = new Dictionary<string, Organisation>(StringComparer.Ordinal);
        foreach (var chunk in wantedSlugs.Chunk(LookupChunk))
        {
            foreach (var o in await db.Organisations.AsNoTracking().Where(o => chunk.Contains(o.Slug)).ToListAsync(cancellationToken))
            {
                existing[o.Slug] = o;
            }
        }

        var planned = new List<PlannedRow>(rows.Count);
        var slugRows = new Dictionary<string, int>(StringComparer.Ordinal);
        var keyRows = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            var rowErrors = new List<ImportError>();
            void Error(string column, string problem) => rowErrors.Add(new ImportError(row.Number, column, problem));

            var slug = Cell(row, columns, DirectoryColumns.Slug)?.ToLowerInvariant();
            Organisation? current = null;
            if (slug is not null)
            {
                if (!existing.TryGetValue(slug, out current))
                {
                    Error(DirectoryColumns.Slug, $"No organisation has the slug '{slug}'. Leave the slug empty to add a new organisation.");
                }

                if (slugRows.TryGetValue(slug, out var first))
                {
                    Error(DirectoryColumns.Slug, $"The slug '{slug}' is also on row {first}: each organisation can appear only once.");
                }
                else
                {
                    slugRows[slug] = row.Number;
                }
            }

            var input = current is null ? new OrganisationInput() : OrganisationInput.From(current);
            string? Text(string column, string? unchanged) => columns.ContainsKey(column) ? Cell(row, columns, column) : unchanged;
            IReadOnlyList<string> List(string column, IReadOnlyList<string> unchanged) => columns.ContainsKey(column) ? Split(Cell(row, columns, column)) : unchanged;

            var typeText = Text(DirectoryColumns.Type, input.Type?.ToString());
            var type = ParseEnums<OrganisationType>(typeText is null ? [] : [typeText], DirectoryColumns.Type, "type", Error);
            var areas = ParseEnums<ThematicArea>(List(DirectoryColumns.ThematicAreas, [.. input.ThematicAreas.Select(a => a.ToString())]), DirectoryColumns.ThematicAreas, "thematic area", Error);
            var groups = ParseEnums<TargetGroup>(List(DirectoryColumns.TargetGroups, [.. input.TargetGroups.Select(g => g.ToString())]), DirectoryColumns.TargetGroups, "target group", Error);
            var typeUnknown = typeText is not null && type.Count == 0;

            input = input with
            {
                Name = Text(DirectoryColumns.Name, input.Name),
                Acronym = Text(DirectoryColumns.Acronym, input.Acronym),
                Type = type.Count > 0 ? type[0] : null,
                Country = Text(DirectoryColumns.Country, input.Country),
                CountriesActive = List(DirectoryColumns.CountriesActive, input.CountriesActive),
                ThematicAreas = areas,
                TargetGroups = groups,
                Description = Text(DirectoryColumns.Description, input.Description),
                Website = Text(DirectoryColumns.Website, input.Website),
                PublicEmail = Text(DirectoryColumns.PublicEmail, input.PublicEmail),
                PublicPhone = Text(DirectoryColumns.PublicPhone, input.PublicPhone),
                Address = Text(DirectoryColumns.Address, input.Address),
                NameRu = Text(DirectoryColumns.NameRu, input.NameRu),
                DescriptionRu = Text(DirectoryColumns.DescriptionRu, input.DescriptionRu),
            };

            foreach (var (field, messages) in input.Validate(countries))
            {
                if (field == nameof(OrganisationInput.Type) && typeUnknown)
                {
                    continue; // already reported as an unknown type
                }

                foreach (var message in messages)
                {
                    Error(DirectoryColumns.ForField(field), message);
                }
            }

            // Limits of the database that the shared validator leaves to the forms' own markup.
            if (input.Website?.Trim().Length > 500)
            {
                Error(DirectoryColumns.Website, "Must be 500 characters or fewer.");
            }

            if (string.IsNullOrWhiteSpace(input.NameRu) && !string.IsNullOrWhiteSpace(input.DescriptionRu))
            {
                Error(DirectoryColumns.NameRu, "Give the Russian name too, or leave description_ru empty: a translation needs a name.");
            }

            if (!string.IsNullOrWhiteSpace(input.Name))
            {
                var key = DuplicateKey(input.Name, input.Country);
                if (keyRows.TryGetValue(key, out var first))
                {
                    Error(DirectoryColumns.Name, $"Same name and country as row {first}: each organisation can appear only once.");
                }
                else
                {
                    keyRows[key] = row.Number;
                }

                // A new row must not repeat an organisation; an update must not rename one into another (an
                // unchanged name and country is fine even if the directory already holds a duplicate).
                var renamed = current is not null && key != DuplicateKey(current.Name, current.CountryCode);
                if ((slug is null || renamed) && byKey.TryGetValue(key, out var same))
                {
                    Error(DirectoryColumns.Name, slug is null
                        ? $"Duplicate of {same}: an organisation with this name and country is already in the directory. To change it, put {same} in the slug column."
                        : $"Duplicate of {same}: another organisation already has this name and country.");
                }
            }

            errors.AddRange(rowErrors);
            if (rowErrors.Count == 0)
            {
                planned.Add(new PlannedRow(row.Number, current?.Slug, input));
            }

            if ((i + 1) % ProgressEvery == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                progress?.Report(new ImportProgress(i + 1, rows.Count, ImportStage.Checking));
            }
        }

        progress?.Report(new ImportProgress(rows.Count, rows.Count, ImportStage.Checking));
        return (planned, errors);
    }

    private async Task<ImportResult> WriteAsync(List<PlannedRow> planned, IProgress<ImportProgress>? progress, CancellationToken cancellationToken)
    {
        progress?.Report(new ImportProgress(0, planned.Count, ImportStage.Saving));
        int created = 0, updated = 0, unchanged = 0, done = 0;

        // One transaction for the whole file: if anything fails or the import is cancelled, nothing stays written.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var taken = (await db.Organisations.Select(o => o.Slug).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        foreach (var batch in planned.Chunk(Options.WriteBatchSize))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var slugs = batch.Select(p => p.Slug).OfType<string>().ToList();
            var tracked = slugs.Count == 0
                ? []
                : await db.Organisations.Where(o => slugs.Contains(o.Slug)).ToDictionaryAsync(o => o.Slug, StringComparer.Ordinal, cancellationToken);
            foreach (var row in batch)
            {
                if (row.Slug is null)
                {
                    var slug = Slugs.Unique(Slugs.From(row.Input.Name!), taken.Contains);
                    taken.Add(slug);
                    var organisation = new Organisation { Slug = slug, Name = row.Input.Name!.Trim() };
                    row.Input.ApplyTo(organisation);
                    db.Organisations.Add(organisation);
                    created++;
                }
                else
                {
                    var organisation = tracked[row.Slug];
                    var (countriesActive, areas, groups) = (organisation.CountriesActive, organisation.ThematicAreas, organisation.TargetGroups);
                    row.Input.ApplyTo(organisation);

                    // ApplyTo sorts the lists; the same items in a different order are not a change worth a history entry.
                    organisation.CountriesActive = SameItems(countriesActive, organisation.CountriesActive);
                    organisation.ThematicAreas = SameItems(areas, organisation.ThematicAreas);
                    organisation.TargetGroups = SameItems(groups, organisation.TargetGroups);
                }
            }

            db.ChangeTracker.DetectChanges();
            var modified = tracked.Values.Count(o => db.Entry(o).State == EntityState.Modified);
            updated += modified;
            unchanged += tracked.Count - modified;
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
            done += batch.Length;
            progress?.Report(new ImportProgress(done, planned.Count, ImportStage.Saving));
        }

        cancellationToken.ThrowIfCancellationRequested();
        await transaction.CommitAsync(cancellationToken);
        return new ImportResult(created, updated, unchanged, []);
    }

    private static List<T> SameItems<T>(List<T> before, List<T> after) =>
        before.Count == after.Count && before.ToHashSet().SetEquals(after) ? before : after;

    private static string? Cell(SheetRow row, Dictionary<string, int> columns, string column) =>
        columns.TryGetValue(column, out var index) && index < row.Cells.Count ? ValidationErrors.Clean(row.Cells[index]) : null;

    private static List<string> Split(string? cell) =>
        cell is null ? [] : [.. cell.Split(DirectoryColumns.ListSeparator, StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)];

    /// <summary>Code names (any case) to values; every unknown name is reported with the names that are allowed.</summary>
    private static List<T> ParseEnums<T>(IReadOnlyList<string> names, string column, string what, Action<string, string> error)
        where T : struct, Enum
    {
        var values = new List<T>();
        foreach (var name in names)
        {
            var match = Enum.GetNames<T>().FirstOrDefault(n => n.Equals(name, StringComparison.OrdinalIgnoreCase));
            if (match is null)
            {
                error(column, $"'{name}' is not a known {what}. Use one of: {string.Join(", ", Enum.GetNames<T>())}{(names.Count > 1 || typeof(T) != typeof(OrganisationType) ? $" (separate several with '{DirectoryColumns.ListSeparator}')" : string.Empty)}.");
            }
            else
            {
                values.Add(Enum.Parse<T>(match));
            }
        }

        return values;
    }

    private static string DuplicateKey(string name, string? country) =>
        SearchTextBuilder.Normalize(name) + "|" + (country?.Trim().ToUpperInvariant() ?? string.Empty);

    private sealed record PlannedRow(int Row, string? Slug, OrganisationInput Input);
}
