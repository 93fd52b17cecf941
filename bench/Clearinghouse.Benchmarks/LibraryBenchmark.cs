using System.Diagnostics;
using System.Globalization;
using System.Text;
using Clearinghouse.Accounts;
using Clearinghouse.Data;
using Clearinghouse.Directory;
using Clearinghouse.Library;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

namespace Clearinghouse.Benchmarks;

internal sealed record LibraryBenchSettings(
    DatabaseProvider Provider, string Connection, string Folder, int Documents, int Pages, int Queries, int Pdfs, int PdfPages, int Seed, string? Markdown, bool Mixed = false)
{
    public static LibraryBenchSettings From(CommandLine options) => new(
        GeneratorSettings.From(options).Provider,
        options.RequiredText("connection"),
        options.RequiredText("folder"),
        options.Number("documents", 20_000, 0, 10_000_000),
        options.Number("pages", 20, 1, 1000),
        options.Number("queries", 500, 1, 1_000_000),
        options.Number("pdfs", 0, 0, 100_000),
        options.Number("pdf-pages", 5, 1, 1000),
        options.Number("seed", 42, 0, int.MaxValue),
        options.Text("markdown"),
        options.Text("formats") == "mixed");
}

/// <summary>
/// The library benchmark, in process against a real database: (1) generates invented documents (English and Russian
/// text of about 300 words a page) and indexes each through <see cref="LibraryIndex"/>, as an upload does; (2) times
/// <see cref="LibrarySearch.SearchAsync"/> as an anonymous visitor — count, facets, page of results and snippets — over
/// a mix of queries; (3) optionally generates PDFs and times <c>library load</c>'s loader on them (hash, sniff,
/// extract, store, index) with the process's peak memory.
/// </summary>
internal static class LibraryBenchmark
{
    private const int WordsPerPage = 300;

    // Queries of the mix: frequent words, a rare word, two words, a phrase, a prefix, Russian, with and without a facet.
    private static readonly (string Name, LibrarySearchRequest Request)[] Mix =
    [
        ("common word", new() { Query = "trafficking" }),
        ("rare word", new() { Query = "zephyr" }),
        ("two words", new() { Query = "labour inspection" }),
        ("phrase", new() { Query = "\"seasonal workers\"" }),
        ("prefix", new() { Query = "reintegr*" }),
        ("Russian, stemmed", new() { Query = "помощь пострадавшим" }),
        ("word + country facet", new() { Query = "shelter", Country = "MD" }),
        ("word + type facet, newest", new() { Query = "referral", Type = DocumentType.ResearchReport, Sort = LibrarySort.Newest }),
        ("no query, newest", new() { Sort = LibrarySort.Newest }),
    ];

    public static async Task<int> RunAsync(LibraryBenchSettings settings)
    {
        System.IO.Directory.CreateDirectory(settings.Folder);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = settings.Provider.ToString(),
            ["ConnectionStrings:Clearinghouse"] = settings.Connection,
            ["Library:StoragePath"] = Path.Combine(settings.Folder, "files"),
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging(b => b.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning)
            .AddFilter("Microsoft.EntityFrameworkCore.Database.Connection", LogLevel.None));
        services.AddClearinghouseData(configuration, settings.Folder);
        services.AddDirectory();
        services.AddLibrary();
        await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
        var report = new StringBuilder();
        void Say(string line)
        {
            Console.WriteLine(line);
            report.AppendLine(line);
        }

        await using (var scope = provider.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().MigrateAsync();
        }

        Say(settings.Documents > 0
            ? $"### Library, {settings.Provider}: {settings.Documents:N0} generated documents of {settings.Pages} pages, {settings.Queries:N0} searches, {settings.Pdfs:N0} PDFs"
            : $"### Library, {settings.Provider}: the existing database ({await ExistingAsync(provider)}), {settings.Queries:N0} searches, {settings.Pdfs:N0} PDFs");
        Say(string.Empty);
        Say($"Load average at the start: {LoadAverage()}");
        Say(string.Empty);
        if (settings.Documents > 0)
        {
            await GenerateAsync(provider, settings, Say);
        }

        await SearchAsync(provider, settings, Say);
        if (settings.Pdfs > 0)
        {
            await LoadPdfsAsync(provider, settings, Say);
        }

        if (settings.Markdown is not null)
        {
            await File.AppendAllTextAsync(settings.Markdown, report.ToString() + Environment.NewLine);
        }

        return 0;
    }

    private static readonly string[] Countries = ["MD", "RO", "UA", "AL", "RS", "BA", "XK", "MK", "BG", "HR", "ME", "GE", "AM", "AZ", "KZ", "KG", "TJ", "UZ"];

    /// <summary>
    /// Generates the documents and writes them straight into the tables the application uses (works, editions, files,
    /// and the full-text index with the same SQL as <see cref="LibraryIndex"/>), in batches: binary COPY on
    /// PostgreSQL, EF plus one FTS5 insert per document in a transaction on SQLite. The upload path is measured by --pdfs.
    /// </summary>
    private static async Task GenerateAsync(ServiceProvider provider, LibraryBenchSettings settings, Action<string> say)
    {
        var watch = Stopwatch.StartNew();
        const int batch = 500;
        var batches = (settings.Documents + batch - 1) / batch;
        var done = 0;
        async Task Progress(int size)
        {
            var now = Interlocked.Add(ref done, size);
            if (now % 5000 < size || now == settings.Documents)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {now,9:N0} documents  {watch.Elapsed.TotalSeconds,7:F1} s  load {LoadAverage()}"));
            }

            await Task.CompletedTask;
        }

        if (settings.Provider == DatabaseProvider.Postgres)
        {
            await using (var scope = provider.CreateAsyncScope())
            {
                // The GIN indexes are built once at the end, much faster than row by row.
                await scope.ServiceProvider.GetRequiredService<AppDbContext>().Database.ExecuteSqlRawAsync(
                    "DROP INDEX IF EXISTS library_search_document; DROP INDEX IF EXISTS library_search_head;");
            }

            await Parallel.ForEachAsync(Enumerable.Range(0, batches), new ParallelOptions { MaxDegreeOfParallelism = 2 }, async (b, ct) =>
            {
                var first = b * batch;
                var size = Math.Min(batch, settings.Documents - first);
                await CopyPostgresAsync(settings, Enumerable.Range(first, size).Select(n => MakeDocument(settings, n)).ToList(), ct);
                await Progress(size);
            });
            await using (var scope = provider.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
                db.Database.SetCommandTimeout(TimeSpan.FromHours(2));
                await db.Database.ExecuteSqlRawAsync(
                    "CREATE INDEX IF NOT EXISTS library_search_document ON library_search USING GIN (document); CREATE INDEX IF NOT EXISTS library_search_head ON library_search USING GIN (head);");
            }
        }
        else
        {
            for (var b = 0; b < batches; b++)
            {
                var first = b * batch;
                var size = Math.Min(batch, settings.Documents - first);
                await using var scope = provider.CreateAsyncScope();
                scope.ServiceProvider.GetRequiredService<CurrentUser>().SetOperator("bench");
                var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
                await using var transaction = await db.Database.BeginTransactionAsync();
                var documents = Enumerable.Range(first, size).Select(n => MakeDocument(settings, n)).ToList();
                db.LibraryWorks.AddRange(documents.Select(d => d.Work));
                await db.SaveChangesAsync();
                foreach (var d in documents)
                {
                    var edition = d.Work.Editions[0];
                    var key = edition.Id.ToString().ToUpperInvariant();
#pragma warning disable EF1002 // LibraryIndex's SQL; the values are parameters.
                    await db.Database.ExecuteSqlRawAsync(LibraryIndex.SqliteInsertSql("{0}", "{1}", "{2}", "{3}"), key, edition.Title, d.Meta, d.Body);
#pragma warning restore EF1002
                }

                await transaction.CommitAsync();
                await Progress(size);
            }
        }

        await using (var scope = provider.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            db.Database.SetCommandTimeout(TimeSpan.FromHours(1));
            if (settings.Provider == DatabaseProvider.Postgres)
            {
                await db.Database.ExecuteSqlRawAsync("VACUUM ANALYZE");
            }
            else
            {
                await db.Database.ExecuteSqlRawAsync("INSERT INTO library_fts(library_fts) VALUES ('optimize'); INSERT INTO library_fts_head(library_fts_head) VALUES ('optimize'); ANALYZE;");
            }

            var size = settings.Provider == DatabaseProvider.Postgres
                ? await db.Database.SqlQueryRaw<long>("SELECT pg_database_size(current_database()) AS \"Value\"").SingleAsync()
                : await db.Database.SqlQueryRaw<long>("SELECT page_count * page_size AS Value FROM pragma_page_count(), pragma_page_size()").SingleAsync();
            say($"Generated and indexed {settings.Documents:N0} documents in {watch.Elapsed.TotalSeconds:F0} s; database size {size / (1024.0 * 1024.0):F0} MiB.");
            say(string.Empty);
        }
    }

    private sealed record GeneratedDocument(LibraryWork Work, string Meta, string Body);

    /// <summary>Document number n, the same for the same seed whatever the batch or the order of generation.</summary>
    private static GeneratedDocument MakeDocument(LibraryBenchSettings settings, int n)
    {
        var random = new Random(unchecked((settings.Seed * 1_000_003) + n));
        var text = new TextMaker(random);
        var types = Enum.GetValues<DocumentType>();
        var themes = Enum.GetValues<ThematicArea>();
        var audiences = Enum.GetValues<Audience>();
        var russian = random.Next(5) == 0;
        var year = 2000 + random.Next(26);
        var work = new LibraryWork
        {
            Slug = $"bench-{n}",
            Type = types[random.Next(types.Length)],
            Themes = [.. new[] { themes[random.Next(themes.Length)], themes[random.Next(themes.Length)] }.Distinct()],
            Countries = [Countries[random.Next(Countries.Length)]],
            Audiences = [audiences[random.Next(audiences.Length)]],
            PublisherName = "Invented Publisher " + random.Next(200),
            PublicationYear = year,
            AccessLevel = random.Next(10) switch { 0 => AccessLevel.Partners, 1 => AccessLevel.Restricted, _ => AccessLevel.Public },
            CreatedAt = new DateTimeOffset(year, 1 + random.Next(12), 1, 0, 0, 0, TimeSpan.Zero),
        };
        var body = text.Document(russian, settings.Pages * WordsPerPage);
        var edition = new LibraryEdition
        {
            WorkId = work.Id,
            Language = russian ? "ru" : "en",
            Title = text.Title(russian, n),
            Summary = text.Document(russian, 40),
            IsOriginal = true,
            CreatedAt = work.CreatedAt,
        };
        edition.RefreshTitleKey();
        edition.Files.Add(new LibraryFile
        {
            EditionId = edition.Id,
            VersionNumber = 1,
            Sha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(body))),
            Kind = FileKind.PlainText,
            ContentType = "text/plain",
            Size = Encoding.UTF8.GetByteCount(body),
            OriginalFileName = $"bench-{n}.txt",
            ExtractionStatus = ExtractionStatus.Extracted,
            ExtractedText = body,
            PageCount = settings.Pages,
            UploadedAt = work.CreatedAt,
            UploadedBy = "bench",
        });
        work.Editions.Add(edition);

        // The metadata text LibraryIndex.UpdateAsync indexes (summary, authors, publisher).
        return new GeneratedDocument(work, string.Join(" \n", new[] { edition.Summary, work.PublisherName }), body);
    }

    private static async Task CopyPostgresAsync(LibraryBenchSettings settings, List<GeneratedDocument> documents, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(settings.Connection);
        await connection.OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await using (var works = await connection.BeginBinaryImportAsync(
            "COPY \"LibraryWorks\" (\"Id\", \"Slug\", \"Type\", \"Themes\", \"Countries\", \"Audiences\", \"PublisherName\", \"AuthorPersonIds\", " +
            "\"PublicationYear\", \"AccessLevel\", \"RelatedMeetingIds\", \"RelatedActivityIds\", \"VerificationStatus\", \"CreatedAt\", \"Version\") FROM STDIN (FORMAT BINARY)", ct))
        {
            foreach (var w in documents.Select(d => d.Work))
            {
                await works.StartRowAsync(ct);
                await works.WriteAsync(w.Id, NpgsqlDbType.Uuid, ct);
                await works.WriteAsync(w.Slug, NpgsqlDbType.Varchar, ct);
                await works.WriteAsync(w.Type.ToString(), NpgsqlDbType.Varchar, ct);
                await works.WriteAsync(w.Themes.Select(t => t.ToString()).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text, ct);
                await works.WriteAsync(w.Countries.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text, ct);
                await works.WriteAsync(w.Audiences.Select(a => a.ToString()).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text, ct);
                await works.WriteAsync(w.PublisherName!, NpgsqlDbType.Varchar, ct);
                await works.WriteAsync(Array.Empty<Guid>(), NpgsqlDbType.Array | NpgsqlDbType.Uuid, ct);
                await works.WriteAsync(w.PublicationYear!.Value, NpgsqlDbType.Integer, ct);
                await works.WriteAsync(w.AccessLevel.ToString(), NpgsqlDbType.Varchar, ct);
                await works.WriteAsync(Array.Empty<Guid>(), NpgsqlDbType.Array | NpgsqlDbType.Uuid, ct);
                await works.WriteAsync(Array.Empty<string>(), NpgsqlDbType.Array | NpgsqlDbType.Text, ct);
                await works.WriteAsync(w.VerificationStatus.ToString(), NpgsqlDbType.Varchar, ct);
                await works.WriteAsync(w.CreatedAt, NpgsqlDbType.TimestampTz, ct);
                await works.WriteAsync(0, NpgsqlDbType.Integer, ct);
            }

            await works.CompleteAsync(ct);
        }

        await using (var editions = await connection.BeginBinaryImportAsync(
            "COPY \"LibraryEditions\" (\"Id\", \"WorkId\", \"Language\", \"Title\", \"TitleKey\", \"Summary\", \"IsOriginal\", \"IsOfficialTranslation\", \"CreatedAt\", \"Version\") FROM STDIN (FORMAT BINARY)", ct))
        {
            foreach (var e in documents.Select(d => d.Work.Editions[0]))
            {
                await editions.StartRowAsync(ct);
                await editions.WriteAsync(e.Id, NpgsqlDbType.Uuid, ct);
                await editions.WriteAsync(e.WorkId, NpgsqlDbType.Uuid, ct);
                await editions.WriteAsync(e.Language, NpgsqlDbType.Varchar, ct);
                await editions.WriteAsync(e.Title, NpgsqlDbType.Varchar, ct);
                await editions.WriteAsync(e.TitleKey, NpgsqlDbType.Varchar, ct);
                await editions.WriteAsync(e.Summary!, NpgsqlDbType.Varchar, ct);
                await editions.WriteAsync(true, NpgsqlDbType.Boolean, ct);
                await editions.WriteAsync(false, NpgsqlDbType.Boolean, ct);
                await editions.WriteAsync(e.CreatedAt.ToUniversalTime(), NpgsqlDbType.TimestampTz, ct);
                await editions.WriteAsync(0, NpgsqlDbType.Integer, ct);
            }

            await editions.CompleteAsync(ct);
        }

        await using (var files = await connection.BeginBinaryImportAsync(
            "COPY \"LibraryFiles\" (\"Id\", \"EditionId\", \"VersionNumber\", \"Sha256\", \"Kind\", \"ContentType\", \"Size\", \"OriginalFileName\", \"ExtractionStatus\", \"ExtractedText\", \"PageCount\", \"UploadedAt\", \"UploadedBy\") FROM STDIN (FORMAT BINARY)", ct))
        {
            foreach (var f in documents.Select(d => d.Work.Editions[0].Files[0]))
            {
                await files.StartRowAsync(ct);
                await files.WriteAsync(f.Id, NpgsqlDbType.Uuid, ct);
                await files.WriteAsync(f.EditionId, NpgsqlDbType.Uuid, ct);
                await files.WriteAsync(f.VersionNumber, NpgsqlDbType.Integer, ct);
                await files.WriteAsync(f.Sha256, NpgsqlDbType.Varchar, ct);
                await files.WriteAsync(f.Kind.ToString(), NpgsqlDbType.Varchar, ct);
                await files.WriteAsync(f.ContentType, NpgsqlDbType.Varchar, ct);
                await files.WriteAsync(f.Size, NpgsqlDbType.Bigint, ct);
                await files.WriteAsync(f.OriginalFileName, NpgsqlDbType.Varchar, ct);
                await files.WriteAsync(f.ExtractionStatus.ToString(), NpgsqlDbType.Varchar, ct);
                await files.WriteAsync(f.ExtractedText!, NpgsqlDbType.Text, ct);
                await files.WriteAsync(f.PageCount!.Value, NpgsqlDbType.Integer, ct);
                await files.WriteAsync(f.UploadedAt.ToUniversalTime(), NpgsqlDbType.TimestampTz, ct);
                await files.WriteAsync(f.UploadedBy, NpgsqlDbType.Text, ct);
            }

            await files.CompleteAsync(ct);
        }

        // The index rows: the text goes to a temporary table, and PostgreSQL builds the vectors with LibraryIndex's SQL.
        await using (var create = new NpgsqlCommand("CREATE TEMP TABLE bench_stage (edition_id uuid, config text, title text, meta text, body text) ON COMMIT DROP", connection, transaction))
        {
            await create.ExecuteNonQueryAsync(ct);
        }

        await using (var stage = await connection.BeginBinaryImportAsync("COPY bench_stage (edition_id, config, title, meta, body) FROM STDIN (FORMAT BINARY)", ct))
        {
            foreach (var d in documents)
            {
                var e = d.Work.Editions[0];
                await stage.StartRowAsync(ct);
                await stage.WriteAsync(e.Id, NpgsqlDbType.Uuid, ct);
                await stage.WriteAsync(LibraryIndex.Config(e.Language), NpgsqlDbType.Text, ct);
                await stage.WriteAsync(e.Title, NpgsqlDbType.Text, ct);
                await stage.WriteAsync(d.Meta, NpgsqlDbType.Text, ct);
                await stage.WriteAsync(d.Body.Length > LibraryIndex.MaxIndexedCharacters ? d.Body[..LibraryIndex.MaxIndexedCharacters] : d.Body, NpgsqlDbType.Text, ct);
            }

            await stage.CompleteAsync(ct);
        }

        // The index rows with LibraryIndex's SQL: both vectors and the search row.
        await using (var insert = new NpgsqlCommand(
            LibraryIndex.PostgresUpsertSql("(SELECT edition_id, config::regconfig AS config, title, meta, body FROM bench_stage) x"), connection, transaction))
        {
            insert.CommandTimeout = 3600;
            await insert.ExecuteNonQueryAsync(ct);
        }

        await transaction.CommitAsync(ct);
    }

    private static async Task<string> ExistingAsync(ServiceProvider provider)
    {
        await using var scope = provider.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var documents = await db.LibraryEditions.CountAsync();
        var pages = await db.LibraryFiles.SumAsync(f => (long)(f.PageCount ?? 0));
        var characters = await db.LibraryFiles.SumAsync(f => (long)f.Size);
        return string.Create(CultureInfo.InvariantCulture, $"{documents:N0} documents, {pages / (double)Math.Max(1, documents):F1} pages and {characters / (double)Math.Max(1, documents) / 1024:F0} KiB of text each on average");
    }

    private static async Task SearchAsync(ServiceProvider provider, LibraryBenchSettings settings, Action<string> say)
    {
        var timings = Mix.ToDictionary(m => m.Name, _ => new List<double>());
        var all = new List<double>();
        var results = new Dictionary<string, int>(StringComparer.Ordinal);

        // Warm-up: each query once (connection pool, plans, caches).
        foreach (var (name, request) in Mix)
        {
            results[name] = await SearchOnceAsync(provider, request);
        }

        say($"Load average before the searches: {LoadAverage()}");
        say(string.Empty);
        for (var i = 0; i < settings.Queries; i++)
        {
            var (name, request) = Mix[i % Mix.Length];
            var watch = Stopwatch.StartNew();
            await SearchOnceAsync(provider, request);
            var ms = watch.Elapsed.TotalMilliseconds;
            timings[name].Add(ms);
            all.Add(ms);
        }

        // Where the time goes: the database commands of the timed searches, by the query's first line (EF Core's own
        // diagnostic events, reader open to reader disposed), in milliseconds per search.
        using (var statements = new StatementTimes())
        {
            for (var i = 0; i < Mix.Length; i++)
            {
                var (name, request) = Mix[i];
                statements.Label = name;
                for (var r = 0; r < 5; r++)
                {
                    var watch = Stopwatch.StartNew();
                    await SearchOnceAsync(provider, request);
                    statements.Add(name, "(the whole search)", watch.Elapsed.TotalMilliseconds);
                }
            }

            statements.Label = null;
            say("Database commands per search (mean of 5 searches of each kind, ms from the command's start to its reader's disposal):");
            say(string.Empty);
            say("| Query | Command | ms |");
            say("|---|---|---:|");
            foreach (var line in statements.Lines(5))
            {
                say(line);
            }

            say(string.Empty);
        }

        say("| Query (anonymous; count, facets, page of 20, snippets) | Results | p50 ms | p95 ms | max ms |");
        say("|---|---:|---:|---:|---:|");
        foreach (var (name, _) in Mix)
        {
            var t = timings[name];
            say(string.Create(CultureInfo.InvariantCulture, $"| {name} | {results[name]:N0} | {Percentile(t, 50):F1} | {Percentile(t, 95):F1} | {t.Max():F1} |"));
        }

        say(string.Create(CultureInfo.InvariantCulture, $"| **all {all.Count:N0} searches, one client** | | **{Percentile(all, 50):F1}** | **{Percentile(all, 95):F1}** | {all.Max():F1} |"));
        say(string.Empty);
        say($"Load average after the searches: {LoadAverage()}");
        say(string.Empty);
    }

    private static async Task<int> SearchOnceAsync(ServiceProvider provider, LibrarySearchRequest request)
    {
        // A new scope per search, as per web request; the CurrentUser stays anonymous (public documents only).
        await using var scope = provider.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<LibrarySearch>().SearchAsync(request, CancellationToken.None);
        return result.Results.TotalCount;
    }

    private static async Task LoadPdfsAsync(ServiceProvider provider, LibraryBenchSettings settings, Action<string> say)
    {
        var folder = Path.Combine(settings.Folder, "pdfs-" + Guid.NewGuid().ToString("N")[..8]);
        System.IO.Directory.CreateDirectory(folder);
        var text = new TextMaker(new Random(settings.Seed + 1));
        var csv = new StringBuilder("file,title,language,type\n");
        long bytes = 0;
        for (var i = 0; i < settings.Pdfs; i++)
        {
            // --formats mixed: a third each of PDF (English: the standard PDF fonts have no Cyrillic), DOCX and HTML, these
            // two in English and Russian in turn, so that the loader extracts every format and both languages.
            if (settings.Mixed && i % 3 != 0)
            {
                var inRussian = i % 2 == 1;
                var paragraphs = Enumerable.Range(0, settings.PdfPages).Select(_ => text.Document(inRussian, WordsPerPage)).ToList();
                var (file, document) = i % 3 == 1 ? ($"report-{i:D5}.docx", Docx(paragraphs)) : ($"report-{i:D5}.html", Html(i, paragraphs));
                bytes += document.Length;
                await File.WriteAllBytesAsync(Path.Combine(folder, file), document);
                csv.Append(CultureInfo.InvariantCulture, $"{file},Generated report {i},{(inRussian ? "ru" : "en")},ResearchReport\n");
                continue;
            }

            var russian = false;
            var builder = new PdfDocumentBuilder();
            var font = builder.AddStandard14Font(Standard14Font.Helvetica);
            for (var p = 0; p < settings.PdfPages; p++)
            {
                var page = builder.AddPage(UglyToad.PdfPig.Content.PageSize.A4);
                var words = text.Document(russian, WordsPerPage).Split(' ');
                var y = 800.0;
                for (var line = 0; line * 12 < words.Length; line++)
                {
                    page.AddText(string.Join(' ', words.Skip(line * 12).Take(12)), 10, new PdfPoint(40, y), font);
                    y -= 14;
                }
            }

            var name = $"report-{i:D5}.pdf";
            var content = builder.Build();
            bytes += content.Length;
            await File.WriteAllBytesAsync(Path.Combine(folder, name), content);
            csv.Append(CultureInfo.InvariantCulture, $"{name},Generated PDF report {i},en,ResearchReport\n");
        }

        var metadata = Path.Combine(folder, "metadata.csv");
        await File.WriteAllTextAsync(metadata, csv.ToString());
        GC.Collect();
        say($"Load average before loading the PDFs: {LoadAverage()}");
        say(string.Empty);
        var before = Process.GetCurrentProcess().PeakWorkingSet64;
        var watch = Stopwatch.StartNew();
        await using var scope = provider.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().SetOperator("bench");
        var result = await scope.ServiceProvider.GetRequiredService<LibraryBulkLoader>().LoadAsync(folder, metadata, null, CancellationToken.None);
        watch.Stop();
        var peak = Process.GetCurrentProcess().PeakWorkingSet64;
        say(string.Create(CultureInfo.InvariantCulture,
            $"Loaded {result.Added:N0} {(settings.Mixed ? "files (PDF, DOCX and HTML; DOCX and HTML in English and Russian)" : "PDFs")} of {settings.PdfPages} pages ({bytes / (1024.0 * 1024.0):F0} MiB; {result.Problems.Count} problems) with the `library load` loader " +
            $"(hash, check by content, extract text, store, index) in **{watch.Elapsed.TotalSeconds:F0} s** ({watch.Elapsed.TotalMilliseconds / Math.Max(1, settings.Pdfs):F0} ms a file); " +
            $"peak working set of the process {peak / (1024.0 * 1024.0):F0} MiB (before the load {before / (1024.0 * 1024.0):F0} MiB)."));
        say(string.Empty);
        say($"Load average after: {LoadAverage()}");
        say(string.Empty);
    }

    private static byte[] Docx(IEnumerable<string> paragraphs)
    {
        using var stream = new MemoryStream();
        using (var document = DocumentFormat.OpenXml.Packaging.WordprocessingDocument.Create(stream, DocumentFormat.OpenXml.WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            main.Document = new DocumentFormat.OpenXml.Wordprocessing.Document(new DocumentFormat.OpenXml.Wordprocessing.Body(
                paragraphs.Select(p => new DocumentFormat.OpenXml.Wordprocessing.Paragraph(new DocumentFormat.OpenXml.Wordprocessing.Run(new DocumentFormat.OpenXml.Wordprocessing.Text(p))))));
            main.Document.Save();
        }

        return stream.ToArray();
    }

    private static byte[] Html(int number, IEnumerable<string> paragraphs) => Encoding.UTF8.GetBytes(
        $"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Generated report {number}</title></head><body>" +
        string.Concat(paragraphs.Select(p => "<p>" + System.Net.WebUtility.HtmlEncode(p) + "</p>")) + "</body></html>");

    private static double Percentile(List<double> values, int percentile)
    {
        var sorted = values.Order().ToList();
        var rank = (int)Math.Ceiling(percentile / 100.0 * sorted.Count) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Count - 1)];
    }

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    /// <summary>Invented text: words drawn with a skewed distribution from the subject's vocabulary, some rare ones.</summary>
    private sealed class TextMaker(Random random)
    {
        private static readonly string[] English =
        [
            "the", "of", "and", "to", "in", "for", "on", "with", "by", "is", "are", "was", "that", "as", "from", "this",
            "trafficking", "victims", "persons", "human", "national", "referral", "mechanism", "assistance", "protection",
            "shelter", "police", "prosecution", "labour", "exploitation", "children", "women", "workers", "seasonal",
            "migrant", "inspection", "identification", "support", "services", "social", "legal", "rights", "government",
            "ministry", "report", "training", "cooperation", "countries", "border", "recruitment", "agencies", "debt",
            "bondage", "forced", "sexual", "domestic", "work", "return", "reintegration", "reintegrated", "compensation", "court",
            "judges", "prosecutors", "hotline", "awareness", "campaign", "prevention", "risk", "groups", "data", "statistics",
            "survey", "interviews", "recommendations", "coordinator", "action", "plan", "strategy", "funding", "donors",
            "monitoring", "evaluation", "standards", "guidelines", "procedures", "cases", "investigations", "convictions",
            "zephyr", "juniper", "lantern", "quince", "marigold",
        ];

        private static readonly string[] Russian =
        [
            "и", "в", "на", "по", "для", "с", "о", "что", "как", "от", "торговля", "людьми", "жертвы", "пострадавшим",
            "помощь", "защита", "убежище", "полиция", "трудовая", "эксплуатация", "дети", "женщины", "работники", "мигранты",
            "социальные", "правовая", "права", "государство", "министерство", "доклад", "обучение", "сотрудничество",
            "граница", "вербовка", "долговая", "принудительный", "труд", "возвращение", "реинтеграция", "компенсация",
            "суд", "прокуроры", "горячая", "линия", "профилактика", "риск", "данные", "статистика", "рекомендации",
            "национальный", "механизм", "перенаправления", "координатор", "план", "стратегия", "мониторинг", "оценка",
            "помощи", "пострадавших", "торговли",
        ];

        public string Document(bool russian, int words)
        {
            var vocabulary = russian ? Russian : English;
            var builder = new StringBuilder(words * 9);
            for (var i = 0; i < words; i++)
            {
                // Squaring a uniform number favours the start of the list: function words and the subject's common terms.
                var u = random.NextDouble();
                var word = vocabulary[(int)(u * u * u * vocabulary.Length)];
                builder.Append(word).Append(i % 15 == 14 ? ". " : " ");
            }

            return builder.ToString().TrimEnd();
        }

        public string Title(bool russian, int n) => russian
            ? $"Доклад о {Russian[10 + random.Next(Russian.Length - 10)]} и {Russian[10 + random.Next(Russian.Length - 10)]} № {n}"
            : $"Report on {English[16 + random.Next(English.Length - 16)]} and {English[16 + random.Next(English.Length - 16)]} no. {n}";
    }
}
