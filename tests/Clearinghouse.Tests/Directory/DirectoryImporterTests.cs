using System.Text;
using Clearinghouse.Common;
using Clearinghouse.Data;
using Clearinghouse.Directory;
using Clearinghouse.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Clearinghouse.Tests.Directory;

public sealed class DirectoryImporterTests(DirectoryServicesFixture fixture) : IClassFixture<DirectoryServicesFixture>
{
    private const string Header = "slug,name,acronym,type,country,countries_active,thematic_areas,target_groups,description,website,public_email,public_phone,address,name_ru,description_ru";

    [Fact]
    public async Task Every_problem_is_reported_with_its_row_and_column_and_nothing_is_written()
    {
        var tag = Tag();
        var existing = await AddOrganisationAsync($"Existing Shelter {tag}", "MD");
        var file = Csv(
            Header,
            $",Valid New {tag},,Ngo,MD,,,,,,,,,,",                                          // row 2: fine on its own
            $",Bad Type {tag},,Charity,MD,,,,,,,,,,",                                       // row 3: unknown type
            $",Bad Codes {tag},,Ngo,QQ,MD;ZZ,Prevention;Cooking,Women;Aliens,,,,,,,",       // row 4: country, countries_active, area, group
            $",Bad Contacts {tag},,Ngo,MD,,,,,www.example.org,not-an-email,,,,",            // row 5: website, e-mail
            ",,,Ngo,MD,,,,,,,,,,",                                                           // row 6: no name
            $"no-such-slug-{tag},Ghost {tag},,Ngo,MD,,,,,,,,,,",                             // row 7: unknown slug
            $",Valid New {tag},,Ngo,md,,,,,,,,,,",                                           // row 8: same name and country as row 2
            $",Existing Shelter {tag},,Ngo,MD,,,,,,,,,,",                                    // row 9: duplicate of an existing organisation
            $"{existing.Slug},Renamed {tag},,Ngo,MD,,,,,,,,,,",                              // row 10: fine
            $"{existing.Slug},Renamed Again {tag},,Ngo,MD,,,,,,,,,,",                        // row 11: same slug as row 10
            $",Orphan Translation {tag},,Ngo,MD,,,,,,,,,,Описание без названия");           // row 12: description_ru without name_ru

        var (result, _) = await ImportAsync(file, "directory.csv");

        Assert.False(result.Succeeded);
        var found = result.Errors.Select(e => (e.Row, e.Column)).ToHashSet();
        (int?, string)[] expected =
        [
            (3, "type"), (4, "country"), (4, "countries_active"), (4, "thematic_areas"), (4, "target_groups"), (5, "website"), (5, "public_email"),
            (6, "name"), (7, "slug"), (8, "name"), (9, "name"), (11, "slug"), (12, "name_ru"),
        ];
        Assert.Equal(expected.ToHashSet(), found);
        Assert.Contains(result.Errors, e => e.Row == 3 && e.Problem.Contains("'Charity' is not a known type", StringComparison.Ordinal));
        Assert.Contains(result.Errors, e => e.Row == 4 && e.Problem.Contains("'QQ' is not a known country code", StringComparison.Ordinal));
        Assert.Contains(result.Errors, e => e.Row == 4 && e.Problem.Contains("'ZZ'", StringComparison.Ordinal));
        Assert.Contains(result.Errors, e => e.Row == 4 && e.Problem.Contains("'Cooking'", StringComparison.Ordinal));
        Assert.Contains(result.Errors, e => e.Row == 4 && e.Problem.Contains("'Aliens'", StringComparison.Ordinal));
        Assert.Contains(result.Errors, e => e.Row == 8 && e.Problem.Contains("row 2", StringComparison.Ordinal));
        Assert.Contains(result.Errors, e => e.Row == 9 && e.Problem.StartsWith($"Duplicate of {existing.Slug}", StringComparison.Ordinal));
        Assert.Contains(result.Errors, e => e.Row == 11 && e.Problem.Contains("row 10", StringComparison.Ordinal));
        Assert.Equal(1, await CountAsync(tag)); // only the organisation that was there before
        Assert.Equal(existing.Name, await QueryAsync(db => db.Organisations.Where(o => o.Id == existing.Id).Select(o => o.Name).SingleAsync()));
    }

    [Fact]
    public async Task A_valid_file_adds_and_updates_organisations_and_the_history_names_the_operator()
    {
        var tag = Tag();
        var existing = await AddOrganisationAsync($"Update Me {tag}", "AL");
        var file = Csv(
            Header,
            $"{existing.Slug},Update Me {tag},UM,GovernmentBody,AL,AL;XK,Prevention;ResearchAndData,Women;Children,Now with a description,https://example.org,office@example.org,+999 555 0101,\"Rruga 1, Tirana\",Обнови меня,Описание",
            $",\"New Centre {tag}, \"\"North\"\"\",,Ngo,RS,,,,,,,,,,");

        var (result, _) = await ImportAsync(file, "directory.csv", "import-operator");

        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        Assert.Equal(1, result.Created);
        Assert.Equal(1, result.Updated);
        var updated = await QueryAsync(db => db.Organisations.SingleAsync(o => o.Id == existing.Id));
        Assert.Equal(OrganisationType.GovernmentBody, updated.Type);
        Assert.Equal(["AL", "XK"], updated.CountriesActive);
        Assert.Equal([ThematicArea.Prevention, ThematicArea.ResearchAndData], updated.ThematicAreas);
        Assert.Equal("Rruga 1, Tirana", updated.Address);
        Assert.Equal("Обнови меня", updated.Translations.Single(t => t.Language == "ru").Name);
        var created = await QueryAsync(db => db.Organisations.SingleAsync(o => o.Name == $"New Centre {tag}, \"North\""));
        Assert.Equal(Slugs.From(created.Name), created.Slug);
        var history = await QueryAsync(db => db.ChangeRecords.Where(c => c.EntityId == existing.Id || c.EntityId == created.Id).ToListAsync());
        Assert.Contains(history, c => c.EntityId == existing.Id && c.Action == ChangeActions.Updated && c.ChangedBy == "import-operator");
        Assert.Contains(history, c => c.EntityId == created.Id && c.Action == ChangeActions.Created && c.ChangedBy == "import-operator");
    }

    [Fact]
    public async Task Columns_left_out_of_the_file_keep_their_stored_values()
    {
        var tag = Tag();
        var existing = await AddOrganisationAsync($"Keep Me {tag}", "MD", o => o.Website = "https://keep.example.org");

        var (result, _) = await ImportAsync(Csv("slug,name,type", $"{existing.Slug},Keep Me Renamed {tag},Ngo"), "names.csv");

        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        var stored = await QueryAsync(db => db.Organisations.SingleAsync(o => o.Id == existing.Id));
        Assert.Equal($"Keep Me Renamed {tag}", stored.Name);
        Assert.Equal("https://keep.example.org", stored.Website);
        Assert.Equal("MD", stored.CountryCode);
    }

    [Fact]
    public async Task Missing_required_columns_and_unknown_columns_are_reported_on_the_header_row()
    {
        var (result, _) = await ImportAsync(Csv("slug,nmae,contry", "x,y,z"), "bad-header.csv");

        Assert.Contains(result.Errors, e => e.Row == 1 && e.Problem.Contains("no 'name' or 'type' column", StringComparison.Ordinal));
        Assert.Contains(result.Errors, e => e.Row == 1 && e.Column == "nmae" && e.Problem.Contains("not a column", StringComparison.Ordinal));
        Assert.Contains(result.Errors, e => e.Row == 1 && e.Column == "contry");
    }

    [Theory]
    [InlineData("slug,name,type\r\n,\"Unclosed quote,Ngo\r\n,Another,Ngo\r\n", "data.csv", "quote mark")]
    [InlineData("", "empty.csv", "empty")]
    [InlineData("slug,name,type\r\n", "header-only.csv", "no organisations")]
    [InlineData("plain text, not a workbook", "directory.xlsx", "not an Excel workbook")]
    public async Task Unreadable_files_get_a_clear_file_level_error(string content, string fileName, string expected)
    {
        var (result, _) = await ImportAsync(Encoding.UTF8.GetBytes(content), fileName);

        var error = Assert.Single(result.Errors);
        Assert.Contains(expected, error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Csv_that_is_not_utf8_is_rejected_with_advice()
    {
        var latin1 = Encoding.Latin1.GetBytes("slug,name,type\r\n,Caf\u00e9 Solidarit\u00e9,Ngo\r\n");

        var (result, _) = await ImportAsync(latin1, "export-from-excel.csv");

        Assert.Contains("CSV UTF-8", Assert.Single(result.Errors).Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Files_over_the_size_or_row_limit_are_refused()
    {
        var rows = Enumerable.Range(0, DirectoryServicesFixture.MaxRows + 1).Select(i => $",Too Many {i},Ngo");
        var (tooMany, _) = await ImportAsync(Csv(["slug,name,type", .. rows]), "many.csv");
        var (tooBig, _) = await ImportAsync(new byte[DirectoryServicesFixture.MaxFileBytes + 1], "big.csv");

        Assert.Contains("more than 1,000 rows", Assert.Single(tooMany.Errors).Problem, StringComparison.Ordinal);
        Assert.Contains("larger than 1 MB", Assert.Single(tooBig.Errors).Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Semicolon_separated_csv_from_excel_is_read()
    {
        var tag = Tag();
        var (result, _) = await ImportAsync(Csv("\uFEFFslug;name;type;countries_active", $";Semicolon Group {tag};Ngo;\"MD;RO\""), "excel-ru.csv");

        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        Assert.Equal(["MD", "RO"], await QueryAsync(db => db.Organisations.Where(o => o.Name == $"Semicolon Group {tag}").Select(o => o.CountriesActive).SingleAsync()));
    }

    [Fact]
    public async Task Xlsx_errors_name_the_rows_as_the_spreadsheet_shows_them()
    {
        var tag = Tag();
        using var file = new MemoryStream();
        await DirectoryFiles.WriteXlsxAsync(
            file,
            [("Organisations", ["slug", "name", "type", "country"], [["", $"Sheet Org {tag}", "Ngo", "MD"], ["", "", "", ""], ["", $"Sheet Bad {tag}", "Ngo", "QQ"]])],
            CancellationToken.None);

        var (result, _) = await ImportAsync(file.ToArray(), "upload.bin");

        var error = Assert.Single(result.Errors);
        Assert.Equal((4, "country"), (error.Row, error.Column));
    }

    [Theory]
    [MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task Exported_files_import_again_without_changes(Provider provider)
    {
        foreach (var format in new[] { DirectoryFileFormat.Csv, DirectoryFileFormat.Xlsx })
        {
            using var file = new MemoryStream();
            int exported;
            await using (var scope = await fixture.ScopeAsync(provider))
            {
                exported = await scope.ServiceProvider.GetRequiredService<DirectoryExporter>().ExportAsync(file, format, new DirectoryFilter());
            }

            var (result, _) = await ImportAsync(file.ToArray(), "directory." + format.Extension(), provider: provider);

            Assert.True(result.Succeeded, string.Join("; ", result.Errors));
            Assert.True(exported > 10, $"only {exported} organisations exported");
            Assert.Equal((0, 0, exported), (result.Created, result.Updated, result.Unchanged));
        }
    }

    [Theory]
    [MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task An_import_stopped_while_saving_leaves_the_data_as_it_was(Provider provider)
    {
        var tag = Tag();
        var existing = await AddOrganisationAsync($"Before Crash {tag}", "MD", provider: provider);
        var rows = Enumerable.Range(1, 7).Select(i => $",Crash Test {i} {tag},Ngo,MD").Prepend($"{existing.Slug},After Crash {tag},Ngo,MD");
        using var cancel = new CancellationTokenSource();
        var progress = new InlineProgress(p =>
        {
            // Stop once the first batch is saved inside the transaction: the rest must never be written.
            if (p.Stage == ImportStage.Saving && p.RowsDone >= DirectoryServicesFixture.WriteBatchSize)
            {
                cancel.Cancel();
            }
        });
        var changesBefore = await QueryAsync(db => db.ChangeRecords.CountAsync(), provider);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            ImportAsync(Csv(["slug,name,type,country", .. rows]), "crash.csv", progress: progress, provider: provider, cancellationToken: cancel.Token));

        Assert.True(progress.Reports.Exists(p => p.Stage == ImportStage.Saving && p.RowsDone > 0), "no batch was saved before the stop");
        Assert.Equal(0, await CountAsync(tag, provider, "Crash Test"));
        Assert.Equal($"Before Crash {tag}", await QueryAsync(db => db.Organisations.Where(o => o.Id == existing.Id).Select(o => o.Name).SingleAsync(), provider));
        Assert.Equal(changesBefore, await QueryAsync(db => db.ChangeRecords.CountAsync(), provider));
    }

    private static string Tag() => Guid.NewGuid().ToString("N")[..8];

    private static byte[] Csv(params string[] lines) => Encoding.UTF8.GetBytes(string.Join("\r\n", lines) + "\r\n");

    private async Task<(ImportResult Result, List<ImportProgress> Progress)> ImportAsync(
        byte[] content,
        string fileName,
        string operatorName = "tests",
        InlineProgress? progress = null,
        Provider provider = Provider.Sqlite,
        CancellationToken cancellationToken = default)
    {
        progress ??= new InlineProgress(_ => { });
        await using var scope = await fixture.ScopeAsync(provider, operatorName);
        var result = await scope.ServiceProvider.GetRequiredService<DirectoryImporter>().ImportAsync(content, fileName, null, progress, cancellationToken);
        return (result, progress.Reports);
    }

    private async Task<Organisation> AddOrganisationAsync(string name, string country, Action<Organisation>? configure = null, Provider provider = Provider.Sqlite)
    {
        await using var scope = await fixture.ScopeAsync(provider);
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var organisation = new Organisation { Slug = Slugs.From(name), Name = name, Type = OrganisationType.Ngo, CountryCode = country };
        configure?.Invoke(organisation);
        db.Organisations.Add(organisation);
        await db.SaveChangesAsync();
        return organisation;
    }

    private Task<int> CountAsync(string tag, Provider provider = Provider.Sqlite, string? prefix = null) =>
        QueryAsync(db => db.Organisations.Where(o => o.Name.Contains(tag) && (prefix == null || o.Name.StartsWith(prefix))).CountAsync(), provider);

    private async Task<T> QueryAsync<T>(Func<AppDbContext, Task<T>> query, Provider provider = Provider.Sqlite)
    {
        await using var scope = await fixture.ScopeAsync(provider);
        return await query(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    /// <summary>Reports progress synchronously (unlike <see cref="Progress{T}"/>), so a test can act at an exact point.</summary>
    internal sealed class InlineProgress(Action<ImportProgress> onReport) : IProgress<ImportProgress>
    {
        public List<ImportProgress> Reports { get; } = [];

        public void Report(ImportProgress value)
        {
            Reports.Add(value);
            onReport(value);
        }
    }
}
