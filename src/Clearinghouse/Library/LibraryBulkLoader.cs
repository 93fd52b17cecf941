using System.Globalization;
using Clearinghouse.Countries;
using Clearinghouse.Data;
using Clearinghouse.Directory;
using CsvHelper;
using CsvHelper.Configuration;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Clearinghouse.Library;

/// <summary>One problem of a bulk load: the CSV row (1 = first data row), the column, and what is wrong.</summary>
internal sealed record BulkLoadProblem(int Row, string Column, string Problem);

internal sealed record BulkLoadResult(IReadOnlyList<BulkLoadProblem> Problems, int Added, int Translations, int AlreadyThere)
{
    public bool Succeeded => Problems.Count == 0;
}

/// <summary>
/// Loads a folder of files described by a metadata CSV (columns: file, work, title, language, type, themes, countries,
/// audiences, publisher, publisher_name, authors, linked_authors, related_activities, related_meetings, publication_date,
/// publication_year, access_level, provenance, verification_status, in_force_as_of, official_translation, summary,
/// external_url; lists separated by ';'). The three link columns take ids or keys and are checked as the forms and the
/// API check them (<see cref="LibraryLinks"/>).
/// Every row is checked first (metadata, file inside the folder, size, kind by content); one problem and nothing is loaded.
/// Files already in the library (same SHA-256) are skipped, so running it again adds nothing twice. Rows sharing a
/// 'work' key are language versions of one document.
/// </summary>
internal sealed class LibraryBulkLoader(AppDbContext db, LibraryCatalogue catalogue, LibraryLinks links, CountryCatalog countries, IOptions<LibraryOptions> options)
{
    private static readonly string[] RequiredColumns = ["file", "title", "language", "type"];

    public static readonly string[] Columns =
    [
        "file", "work", "title", "language", "type", "themes", "countries", "audiences", "publisher", "publisher_name", "authors",
        "linked_authors", "related_activities", "related_meetings", "publication_date", "publication_year", "access_level", "provenance", "verification_status", "in_force_as_of",
        "official_translation", "summary", "external_url",
    ];

    public async Task<BulkLoadResult> LoadAsync(string folder, string csvPath, IProgress<(int Done, int Total)>? progress, CancellationToken cancellationToken)
    {
        var root = Path.GetFullPath(folder);
        var problems = new List<BulkLoadProblem>();
        var rows = await ReadRowsAsync(root, csvPath, problems, cancellationToken);
        if (problems.Count > 0)
        {
            return new BulkLoadResult(problems, 0, 0, 0);
        }

        int added = 0, translations = 0, already = 0, done = 0;
        var works = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var sha = await Sha256Async(row.Path, cancellationToken);
            var existing = await catalogue.FindBySha256Async(sha, cancellationToken);
            if (existing is not null)
            {
                already++;
                if (row.Work is not null)
                {
                    works.TryAdd(row.Work, existing);
                }
            }
            else
            {
                await using var stream = File.OpenRead(row.Path);
                var upload = new UploadedFile(stream, Path.GetFileName(row.Path));
                var isTranslation = row.Work is not null && works.ContainsKey(row.Work);
                var result = isTranslation
                    ? await catalogue.AddTranslationAsync(works[row.Work!], row.Input, upload, cancellationToken)
                    : await catalogue.AddDocumentAsync(row.Input, upload, cancellationToken);
                if (result.Outcome != LibraryWriteOutcome.Done)
                {
                    problems.AddRange((result.Errors ?? new Dictionary<string, string[]> { ["file"] = [result.Outcome.ToString()] })
                        .SelectMany(e => e.Value.Select(m => new BulkLoadProblem(row.Number, Column(e.Key), m))));
                }
                else if (isTranslation)
                {
                    translations++;
                }
                else
                {
                    added++;
                    if (row.Work is not null)
                    {
                        works[row.Work] = result.Slug!;
                    }
                }
            }

            db.ChangeTracker.Clear();
            progress?.Report((++done, rows.Count));
        }

        return new BulkLoadResult(problems, added, translations, already);
    }

    private sealed record Row(int Number, string Path, string? Work, LibraryInput Input);

    private async Task<List<Row>> ReadRowsAsync(string root, string csvPath, List<BulkLoadProblem> problems, CancellationToken cancellationToken)
    {
        var rows = new List<Row>();
        var publishers = await db.Organisations.Select(o => new { o.Slug, o.Id }).ToDictionaryAsync(o => o.Slug, o => o.Id, StringComparer.Ordinal, cancellationToken);
        using var reader = new StreamReader(csvPath, detectEncodingFromByteOrderMarks: true);
        using var csv = new CsvReader(reader, new CsvConfiguration(CultureInfo.InvariantCulture) { TrimOptions = TrimOptions.Trim, MissingFieldFound = null });
        if (!await csv.ReadAsync() || !csv.ReadHeader())
        {
            problems.Add(new BulkLoadProblem(0, "file", "The metadata file is empty."));
            return rows;
        }

        var header = csv.HeaderRecord!.Select(h => h.Trim().ToLowerInvariant()).ToList();
        foreach (var unknown in header.Where(h => !Columns.Contains(h)))
        {
            problems.Add(new BulkLoadProblem(0, unknown, $"Unknown column; the columns are: {string.Join(", ", Columns)}."));
        }

        foreach (var required in RequiredColumns.Where(r => !header.Contains(r)))
        {
            problems.Add(new BulkLoadProblem(0, required, "This column is missing."));
        }

        if (problems.Count > 0)
        {
            return rows;
        }

        var number = 0;
        var seenFiles = new HashSet<string>(StringComparer.Ordinal);
        while (await csv.ReadAsync())
        {
            number++;
            string? Field(string name) => header.Contains(name) ? ValidationText(csv.GetField(header.IndexOf(name))) : null;
            var rowProblems = new List<BulkLoadProblem>();
            void Problem(string column, string message) => rowProblems.Add(new BulkLoadProblem(number, column, message));

            var file = Field("file");
            var path = file is null ? null : Path.GetFullPath(Path.Combine(root, file));
            if (path is null)
            {
                Problem("file", "Give the file's name, relative to the folder.");
            }
            else if (!path.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            {
                Problem("file", "The file must lie inside the folder.");
            }
            else if (!File.Exists(path))
            {
                Problem("file", "There is no such file in the folder.");
            }
            else if (!seenFiles.Add(path))
            {
                Problem("file", "The same file is listed twice.");
            }
            else if (new FileInfo(path).Length > options.Value.MaxFileBytes)
            {
                Problem("file", $"The file is larger than the limit of {options.Value.MaxFileBytes / (1024 * 1024)} MB.");
            }
            else if (new FileInfo(path).Length == 0 || FileSniffer.Detect(path, path) is null)
            {
                Problem("file", "The file is not a PDF, Word (DOCX), HTML, Markdown or plain-text file (checked by its content).");
            }

            var input = new LibraryInput
            {
                Title = Field("title"),
                Language = Field("language")?.ToLowerInvariant(),
                Type = Enum<DocumentType>(Field("type"), "type", Problem),
                Themes = List(Field("themes")).Select(t => Enum<ThematicArea>(t, "themes", Problem)).OfType<ThematicArea>().ToList(),
                Countries = List(Field("countries")).Select(c => c.ToUpperInvariant()).ToList(),
                Audiences = List(Field("audiences")).Select(a => Enum<Audience>(a, "audiences", Problem)).OfType<Audience>().ToList(),
                PublisherId = Field("publisher") is { } slug ? (publishers.TryGetValue(slug, out var id) ? id : Missing(slug, Problem)) : null,
                PublisherName = Field("publisher_name"),
                Authors = Field("authors"),
                AuthorPersonIds = List(Field("linked_authors")),
                RelatedActivityIds = List(Field("related_activities")),
                RelatedMeetingIds = List(Field("related_meetings")),
                PublicationDate = Date(Field("publication_date"), "publication_date", Problem),
                PublicationYear = Field("publication_year") is { } y ? (int.TryParse(y, NumberStyles.None, CultureInfo.InvariantCulture, out var year) ? year : Invalid<int>("publication_year", Problem)) : null,
                AccessLevel = Enum<AccessLevel>(Field("access_level"), "access_level", Problem),
                Provenance = Field("provenance"),
                VerificationStatus = Enum<VerificationStatus>(Field("verification_status"), "verification_status", Problem),
                InForceAsOf = Date(Field("in_force_as_of"), "in_force_as_of", Problem),
                IsOfficialTranslation = Field("official_translation") is "yes" or "true" or "1",
                Summary = Field("summary"),
                ExternalUrl = Field("external_url"),
            };
            var errors = input.Validate(countries);
            await links.ResolveAsync(input, null, errors, cancellationToken);
            foreach (var (column, messages) in errors)
            {
                rowProblems.AddRange(messages.Select(m => new BulkLoadProblem(number, Column(column), m)));
            }

            problems.AddRange(rowProblems);
            if (rowProblems.Count == 0)
            {
                rows.Add(new Row(number, path!, Field("work"), input));
            }
        }

        return rows;
    }

    private static string Column(string property) => property switch
    {
        nameof(LibraryInput.PublisherId) => "publisher",
        nameof(LibraryInput.PublisherName) => "publisher_name",
        nameof(LibraryInput.PublicationYear) => "publication_year",
        nameof(LibraryInput.InForceAsOf) => "in_force_as_of",
        nameof(LibraryInput.ExternalUrl) => "external_url",
        nameof(LibraryInput.AuthorPersonIds) => "linked_authors",
        nameof(LibraryInput.RelatedActivityIds) => "related_activities",
        nameof(LibraryInput.RelatedMeetingIds) => "related_meetings",
        _ => property.ToLowerInvariant(),
    };

    private static string? ValidationText(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static string[] List(string? value) =>
        (value ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static T? Enum<T>(string? value, string column, Action<string, string> problem)
        where T : struct, System.Enum
    {
        if (value is null)
        {
            return null;
        }

        if (System.Enum.TryParse<T>(value, ignoreCase: true, out var parsed) && System.Enum.IsDefined(parsed))
        {
            return parsed;
        }

        problem(column, $"'{value}' is not one of: {string.Join(", ", System.Enum.GetNames<T>())}.");
        return null;
    }

    private static DateOnly? Date(string? value, string column, Action<string, string> problem)
    {
        if (value is null)
        {
            return null;
        }

        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        problem(column, "Write the date as YYYY-MM-DD.");
        return null;
    }

    private static T? Invalid<T>(string column, Action<string, string> problem)
        where T : struct
    {
        problem(column, "Not a whole number.");
        return null;
    }

    private static Guid? Missing(string slug, Action<string, string> problem)
    {
        problem("publisher", $"No organisation in the directory has the key '{slug}'.");
        return null;
    }

    private static async Task<string> Sha256Async(string path, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(await System.Security.Cryptography.SHA256.HashDataAsync(stream, cancellationToken));
    }
}
