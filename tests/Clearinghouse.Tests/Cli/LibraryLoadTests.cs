using System.Text;
using Clearinghouse.Cli;
using Clearinghouse.Library;
using Clearinghouse.Tests.Infrastructure;
using Clearinghouse.Tests.Library;
using Microsoft.EntityFrameworkCore;

namespace Clearinghouse.Tests.Cli;

/// <summary>`library load`: a folder of files and a metadata CSV, loaded through the CLI against both databases.</summary>
public sealed class LibraryLoadTests(CliTests.SeededDatabases databases) : IClassFixture<CliTests.SeededDatabases>
{
    private const string Header = "file,work,title,language,type,themes,countries,audiences,publisher,publication_year,access_level,summary";

    [Theory]
    [MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task Load_adds_documents_and_translations_with_progress_and_a_summary_and_a_second_run_adds_nothing(Provider provider)
    {
        var database = await databases.For(provider);
        var tag = Tag();
        var folder = Folder(database, tag);
        await File.WriteAllBytesAsync(Path.Combine(folder, "guide-en.pdf"), TestDocuments.Pdf($"Guide for labour inspectors {tag}", "Questions to ask seasonal workers."));
        await File.WriteAllBytesAsync(Path.Combine(folder, "guide-ru.docx"), TestDocuments.Docx($"Руководство для трудовых инспекторов {tag}", "Вопросы сезонным работникам."));
        System.IO.Directory.CreateDirectory(Path.Combine(folder, "reports"));
        await File.WriteAllBytesAsync(Path.Combine(folder, "reports", "hotline.html"), TestDocuments.Html("Hotline", $"Calls to the hotline in {tag}."));
        var csv = Csv(
            folder,
            $"guide-en.pdf,guide,Guide for labour inspectors {tag},en,TrainingMaterial,TrainingAndCapacityBuilding,MD;RO,LabourInspectors,la-strada-moldova,2024,Public,A guide.",
            $"guide-ru.docx,guide,Руководство для трудовых инспекторов {tag},ru,TrainingMaterial,,,,,2024,Public,",
            $"reports/hotline.html,,Hotline calls {tag},en,ResearchReport,,MD,,,2023,Partners,");

        var first = await database.RunAsync("library", "load", folder, "--metadata", csv);
        var works = await WorksAsync(database, tag);
        var second = await database.RunAsync("library", "load", folder, "--metadata", csv);
        var worksAfterSecondRun = await WorksAsync(database, tag);

        Assert.Equal(ExitCodes.Ok, first.ExitCode);
        Assert.Contains("Loading files: 3 of 3 (100%)", first.Error, StringComparison.Ordinal);
        Assert.Contains("2 document(s) added, 1 language version(s) added, 0 file(s) already in the library, 0 problem(s)", first.Out, StringComparison.Ordinal);
        Assert.Equal(2, works.Count);
        var guide = Assert.Single(works, w => w.Type == DocumentType.TrainingMaterial);
        Assert.Equal(["en", "ru"], guide.Editions.Select(e => e.Language).Order(StringComparer.Ordinal));
        Assert.Equal(["MD", "RO"], guide.Countries);
        Assert.NotNull(guide.PublisherId);
        Assert.All(guide.Editions, e => Assert.Equal(ExtractionStatus.Extracted, Assert.Single(e.Files).ExtractionStatus));
        Assert.Contains(tag, guide.Editions.Single(e => e.Language == "ru").Files[0].ExtractedText, StringComparison.Ordinal);
        Assert.Equal(AccessLevel.Partners, works.Single(w => w.Type == DocumentType.ResearchReport).AccessLevel);

        Assert.Equal(ExitCodes.Ok, second.ExitCode);
        Assert.Contains("0 document(s) added, 0 language version(s) added, 3 file(s) already in the library, 0 problem(s)", second.Out, StringComparison.Ordinal);
        Assert.Equal(
            works.SelectMany(w => w.Editions).SelectMany(e => e.Files).Select(f => f.Id).Order(),
            worksAfterSecondRun.SelectMany(w => w.Editions).SelectMany(e => e.Files).Select(f => f.Id).Order());

        // A row added to the CSV later: only the new file is loaded, as a new language version of the same work.
        await File.WriteAllBytesAsync(Path.Combine(folder, "guide-ro.html"), TestDocuments.Html("Ghid", $"Ghid pentru inspectori {tag}."));
        await File.AppendAllTextAsync(csv, $"guide-ro.html,guide,Ghid pentru inspectorii muncii {tag},ro,TrainingMaterial,,,,,2024,Public,\r\n");
        var third = await database.RunAsync("library", "load", folder, "--metadata", csv);
        var worksAfterThirdRun = await WorksAsync(database, tag);

        Assert.Equal(ExitCodes.Ok, third.ExitCode);
        Assert.Contains("0 document(s) added, 1 language version(s) added, 3 file(s) already in the library", third.Out, StringComparison.Ordinal);
        Assert.Equal(["en", "ro", "ru"], worksAfterThirdRun.Single(w => w.Id == guide.Id).Editions.Select(e => e.Language).Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task Load_with_bad_rows_lists_every_problem_by_row_and_column_and_loads_nothing(Provider provider)
    {
        var database = await databases.For(provider);
        var tag = Tag();
        var folder = Folder(database, tag);
        await File.WriteAllBytesAsync(Path.Combine(folder, "good.pdf"), TestDocuments.Pdf($"A good report {tag}"));
        await File.WriteAllBytesAsync(Path.Combine(folder, "picture.pdf"), TestDocuments.Png);
        await File.WriteAllBytesAsync(Path.Combine(Path.GetDirectoryName(folder)!, $"outside-{tag}.pdf"), TestDocuments.Pdf($"Outside {tag}"));
        var csv = Csv(
            folder,
            $"good.pdf,,A good report {tag},en,ResearchReport,,MD,,,2024,Public,",
            $"picture.pdf,,A picture {tag},en,Spaceship,,QQ,,,2024,Public,",
            $"../outside-{tag}.pdf,,Outside {tag},english,ResearchReport,,,,no-such-organisation,2024,Public,",
            $"missing.pdf,,,en,ResearchReport,,,,,twenty,Public,");

        var run = await database.RunAsync("library", "load", folder, "--metadata", csv);

        Assert.Equal(ExitCodes.Invalid, run.ExitCode);
        Assert.Matches(@"(?m)^ROW\s+COLUMN\s+PROBLEM$", run.Out);
        Assert.Matches(@"(?m)^2\s+file\s+The file is not a PDF", run.Out);
        Assert.Matches(@"(?m)^2\s+type\s+'Spaceship' is not one of", run.Out);
        Assert.Matches(@"(?m)^2\s+countries\s+'QQ' is not a known country code", run.Out);
        Assert.Matches(@"(?m)^3\s+file\s+The file must lie inside the folder", run.Out);
        Assert.Matches(@"(?m)^3\s+language\s+Enter the language as a two-letter code", run.Out);
        Assert.Matches(@"(?m)^3\s+publisher\s+No organisation in the directory has the key 'no-such-organisation'", run.Out);
        Assert.Matches(@"(?m)^4\s+file\s+There is no such file in the folder", run.Out);
        Assert.Matches(@"(?m)^4\s+title\s+Enter the document's title", run.Out);
        Assert.Matches(@"(?m)^4\s+publication_year\s+Not a whole number", run.Out);
        Assert.Contains("Nothing was loaded", run.Error, StringComparison.Ordinal);
        Assert.Empty(await WorksAsync(database, tag));
    }

    [Theory]
    [MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task Load_links_authors_activities_and_meetings_by_id_or_key_and_an_unknown_one_loads_nothing(Provider provider)
    {
        var database = await databases.For(provider);
        var tag = Tag();
        var folder = Folder(database, tag);
        var person = await database.QueryAsync(db => db.People.Where(p => p.RetiredAt == null && p.Organisation!.RetiredAt == null).Select(p => p.Id).FirstAsync());
        var activity = await database.QueryAsync(db => db.Activities.Where(a => a.RetiredAt == null && a.MergedIntoId == null).Select(a => new { a.Id, a.Slug }).FirstAsync());
        var meeting = await database.QueryAsync(db => db.Meetings.Where(m => m.RetiredAt == null).Select(m => new { m.Id, m.Slug }).FirstAsync());
        await File.WriteAllBytesAsync(Path.Combine(folder, "linked.pdf"), TestDocuments.Pdf($"A linked report {tag}"));
        await File.WriteAllBytesAsync(Path.Combine(folder, "other.pdf"), TestDocuments.Pdf($"Another report {tag}"));
        const string header = "file,title,language,type,linked_authors,related_activities,related_meetings";

        var bad = CsvWith(
            folder,
            header,
            $"linked.pdf,A linked report {tag},en,ResearchReport,{person},{activity.Slug},{meeting.Slug}",
            $"other.pdf,Another report {tag},en,ResearchReport,{Guid.NewGuid()},no-such-activity-{tag},no-such-meeting");
        var refused = await database.RunAsync("library", "load", folder, "--metadata", bad);

        Assert.Equal(ExitCodes.Invalid, refused.ExitCode);
        Assert.Matches(@"(?m)^2\s+linked_authors\s+'[0-9a-f-]{36}' is not a current contact person", refused.Out);
        Assert.Matches($@"(?m)^2\s+related_activities\s+'no-such-activity-{tag}' is not a current activity", refused.Out);
        Assert.Matches(@"(?m)^2\s+related_meetings\s+'no-such-meeting' is not a current meeting", refused.Out);
        Assert.Empty(await WorksAsync(database, tag));

        var good = CsvWith(folder, header, $"linked.pdf,A linked report {tag},en,ResearchReport,{person},{activity.Slug};{activity.Id},{meeting.Id}");
        var loaded = await database.RunAsync("library", "load", folder, "--metadata", good);

        Assert.Equal(ExitCodes.Ok, loaded.ExitCode);
        var work = Assert.Single(await WorksAsync(database, tag));
        Assert.Equal([person], work.AuthorPersonIds);
        Assert.Equal([activity.Id.ToString()], work.RelatedActivityIds);
        Assert.Equal([meeting.Id], work.RelatedMeetingIds);
    }

    private static string Tag() => "t" + Guid.NewGuid().ToString("N")[..10];

    private static string Folder(CliTests.CliDatabase database, string tag) =>
        System.IO.Directory.CreateDirectory(Path.Combine(database.Folder, "load-" + tag, "files")).FullName;

    private static string Csv(string folder, params string[] rows) => CsvWith(folder, Header, rows);

    private static string CsvWith(string folder, string header, params string[] rows)
    {
        var path = Path.Combine(Path.GetDirectoryName(folder)!, "metadata.csv");
        File.WriteAllText(path, string.Join("\r\n", [header, .. rows]) + "\r\n", new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        return path;
    }

    private static Task<List<LibraryWork>> WorksAsync(CliTests.CliDatabase database, string tag) =>
        database.QueryAsync(db => db.LibraryWorks.AsNoTracking()
            .Include(w => w.Editions).ThenInclude(e => e.Files)
            .Where(w => w.Editions.Any(e => e.Title.Contains(tag)))
            .ToListAsync());
}
