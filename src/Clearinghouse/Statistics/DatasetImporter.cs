using System.Globalization;
using System.Security.Cryptography;
using Clearinghouse.Accounts;
using Clearinghouse.Common;
using Clearinghouse.Countries;
using Clearinghouse.Data;
using CsvHelper;
using CsvHelper.Configuration;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace Clearinghouse.Statistics;

/// <summary>A problem with one row (or the whole file when Row is null) of an imported data set.</summary>
internal sealed record DatasetProblem(long? Row, string Column, string Problem);

/// <summary>The outcome of an import: the data set written, or every problem (and nothing written).</summary>
internal sealed record DatasetImportResult(StatisticsDataset? Dataset, IReadOnlyList<DatasetProblem> Problems, long RowsRead, StatisticsDataset? Replaced);

/// <summary>
/// Imports a record-level CSV file in the CTDC global dataset's layout (yearOfRegistration, gender, ageBroad,
/// majorityStatus, citizenship, CountryOfExploitation, isSexualExploit, isForcedLabour, ...) or in the HTCDS
/// columns this Clearinghouse exports (prs_Gender, prs_Citizenship, vic_TypeOfExploitation, ...). Streams the file
/// in one transaction, in batches, so memory stays flat; any bad row rolls everything back and every problem is
/// reported. The same file (SHA-256) is refused; a new file from the same source for the same years replaces the old.
/// </summary>
internal sealed class DatasetImporter(AppDbContext db, CountryCatalog countries, CurrentUser user, TimeProvider clock)
{
    private const int BatchSize = 5000;
    private const int MaxProblems = 500;
    private static readonly string[] YearColumns = ["yearOfRegistration", "clh_YearIdentified"];
    private static readonly string[] MissingValues = ["", "-99", "NA", "N/A", "-", "Unknown", "NonSpecifiedUnknown"];

    public async Task<DatasetImportResult> ImportAsync(Stream file, string fileName, string source, bool fictitious, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        var problems = new List<DatasetProblem>();
        if (SourceProblem(source) is { } noSource)
        {
            return new(null, [new(null, "source", noSource)], 0, null);
        }

        if (await NotCsvTextAsync(file, cancellationToken) is { } notText)
        {
            return new(null, [new(null, "file", notText)], 0, null);
        }

        var sha = Convert.ToHexStringLower(await SHA256.HashDataAsync(file, cancellationToken));
        file.Position = 0;
        if (await db.StatisticsDatasets.AnyAsync(d => d.Sha256 == sha, cancellationToken))
        {
            return new(null, [new(null, "file", "This file was imported before; importing it again would count its persons twice.")], 0, null);
        }

        var dataset = new StatisticsDataset
        {
            Source = source.Trim(),
            FileName = Path.GetFileName(fileName),
            Sha256 = sha,
            ImportedAt = clock.GetUtcNow(),
            ImportedBy = user.Name,
            IsFictitious = fictitious,
            FirstYear = int.MaxValue,
            LastYear = int.MinValue,
        };

        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            db.StatisticsDatasets.Add(dataset);
            await db.SaveChangesAsync(cancellationToken);

            using var reader = new StreamReader(file, leaveOpen: true);
            using var csv = new CsvReader(reader, new CsvConfiguration(CultureInfo.InvariantCulture) { DetectDelimiter = true, BadDataFound = null, MissingFieldFound = null });
            if (!await csv.ReadAsync() || !csv.ReadHeader() || csv.HeaderRecord is null)
            {
                return new DatasetImportResult(null, [new(null, "file", "The file is empty: it needs a header row and one row per person.")], 0, null);
            }

            var columns = csv.HeaderRecord.Select((h, i) => (h.Trim(), i)).ToDictionary(x => x.Item1, x => x.i, StringComparer.OrdinalIgnoreCase);
            var yearColumn = YearColumns.FirstOrDefault(columns.ContainsKey);
            if (yearColumn is null)
            {
                return new DatasetImportResult(null, [new(null, "file", "The file has no year column: CTDC files have 'yearOfRegistration', HTCDS files from this Clearinghouse 'clh_YearIdentified'.")], 0, null);
            }

            var batch = new List<StatisticsRecord>(BatchSize);
            long row = 1;
            while (await csv.ReadAsync())
            {
                cancellationToken.ThrowIfCancellationRequested();
                row++;
                var record = Parse(csv, columns, yearColumn, row, problems);
                if (record is null || problems.Count > 0)
                {
                    if (problems.Count >= MaxProblems)
                    {
                        problems.Add(new(null, "file", $"More than {MaxProblems} problems: fix these first."));
                        break;
                    }

                    continue; // keep checking to report every problem, but write nothing more
                }

                record.DatasetId = dataset.Id;
                dataset.FirstYear = Math.Min(dataset.FirstYear, record.Year);
                dataset.LastYear = Math.Max(dataset.LastYear, record.Year);
                dataset.RecordCount++;
                batch.Add(record);
                if (batch.Count == BatchSize)
                {
                    await FlushAsync(batch, cancellationToken);
                    progress?.Report(row - 1);
                }
            }

            if (problems.Count == 0 && dataset.RecordCount == 0)
            {
                problems.Add(new(null, "file", "The file has a header but no rows."));
            }

            if (problems.Count > 0)
            {
                await transaction.RollbackAsync(cancellationToken);
                db.ChangeTracker.Clear();
                return new DatasetImportResult(null, problems, row - 1, null);
            }

            await FlushAsync(batch, cancellationToken);
            var replaced = await db.StatisticsDatasets
                .Where(d => d.Id != dataset.Id && d.SupersededAt == null && d.Source == dataset.Source && d.FirstYear == dataset.FirstYear && d.LastYear == dataset.LastYear)
                .FirstOrDefaultAsync(cancellationToken);
            if (replaced is not null)
            {
                replaced.SupersededAt = clock.GetUtcNow();
            }

            db.StatisticsDatasets.Update(dataset);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            progress?.Report(row - 1);
            return new DatasetImportResult(dataset, [], row - 1, replaced);
        });
    }

    /// <summary>
    /// Why the file is not CSV text, judged by its first 64 KiB (a workbook, a PDF, an archive or other binary data, or
    /// text in another encoding than UTF-8), or null when it looks like CSV text. Leaves the stream at its start.
    /// </summary>
    /// <summary>Why a data set's source cannot be taken, or null: every data set names who collected it.</summary>
    public static string? SourceProblem(string? source) =>
        string.IsNullOrWhiteSpace(source) || source.Length > 200 ? "Name the source of the data (up to 200 characters)." : null;

    internal static async Task<string?> NotCsvTextAsync(Stream file, CancellationToken cancellationToken)
    {
        var head = new byte[64 * 1024];
        var length = await file.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, cancellationToken);
        file.Position = 0;
        var bytes = head.AsSpan(0, length);
        if (bytes.StartsWith("PK\u0003\u0004"u8))
        {
            return "The file is a workbook or a ZIP archive, not CSV text. In Excel, use Save As and choose 'CSV UTF-8 (Comma delimited)'.";
        }

        // A multi-byte character may be cut at the end of the sample: drop up to three trailing bytes of it.
        var maxCut = length == head.Length ? 3 : 0;
        var cut = 0;
        while (cut < maxCut && !System.Text.Unicode.Utf8.IsValid(bytes[..^cut]))
        {
            cut++;
        }

        return bytes.Contains((byte)0) || !System.Text.Unicode.Utf8.IsValid(bytes[..^cut])
            ? "The file is not CSV text in UTF-8. Save it as 'CSV UTF-8 (Comma delimited)'."
            : null;
    }

    private async Task FlushAsync(List<StatisticsRecord> batch, CancellationToken cancellationToken)
    {
        if (db.Database.GetDbConnection() is NpgsqlConnection connection)
        {
            // PostgreSQL: binary COPY on the import's connection, so inside its transaction (a rollback removes the rows).
            await using var writer = await connection.BeginBinaryImportAsync(
                "COPY \"StatisticsRecords\" (\"DatasetId\", \"Year\", \"Assisted\", \"Sex\", \"AgeGroup\", \"ChildOrAdult\", \"FormOfExploitation\", \"Sector\", \"Citizenship\", \"CountryOfExploitation\", \"Scope\") FROM STDIN (FORMAT BINARY)",
                cancellationToken);
            foreach (var r in batch)
            {
                await writer.StartRowAsync(cancellationToken);
                await writer.WriteAsync(r.DatasetId, NpgsqlDbType.Uuid, cancellationToken);
                await writer.WriteAsync(r.Year, NpgsqlDbType.Integer, cancellationToken);
                await writer.WriteAsync(r.Assisted, NpgsqlDbType.Boolean, cancellationToken);
                foreach (var text in (string?[])[r.Sex, r.AgeGroup, r.ChildOrAdult, r.FormOfExploitation, r.Sector, r.Citizenship, r.CountryOfExploitation, r.Scope])
                {
                    await (text is null ? writer.WriteNullAsync(cancellationToken) : writer.WriteAsync(text, NpgsqlDbType.Varchar, cancellationToken));
                }
            }

            await writer.CompleteAsync(cancellationToken);
            batch.Clear();
            return;
        }

        db.StatisticsRecords.AddRange(batch);
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
        batch.Clear();
    }

    private StatisticsRecord? Parse(CsvReader csv, Dictionary<string, int> columns, string yearColumn, long row, List<DatasetProblem> problems)
    {
        string? Field(params string[] names)
        {
            foreach (var name in names)
            {
                if (columns.TryGetValue(name, out var index) && csv.TryGetField<string>(index, out var value))
                {
                    value = value?.Trim();
                    return value is null || MissingValues.Contains(value, StringComparer.OrdinalIgnoreCase) ? null : value;
                }
            }

            return null;
        }

        var before = problems.Count;
        void Problem(string column, string text) => problems.Add(new(row, column, text));

        var yearText = Field(yearColumn);
        if (!int.TryParse(yearText, NumberStyles.None, CultureInfo.InvariantCulture, out var year) || year is < 1990 or > 2100)
        {
            Problem(yearColumn, $"'{yearText}' is not a year between 1990 and 2100.");
        }

        var sex = ParseSex(Field("gender", "prs_Gender"));
        if (sex == "?")
        {
            Problem("gender", "Use Female, Male, Transgender/NonConforming or an HTCDS prs_Gender code.");
        }

        var (ageGroup, childOrAdult, ageProblem) = ParseAge(Field("clh_AgeGroup"), Field("vic_AgeWhenTrafficked"), Field("ageBroad"), Field("majorityStatus"));
        if (ageProblem is not null)
        {
            Problem("age", ageProblem);
        }

        string? Country(string column, string? value)
        {
            if (value is null)
            {
                return null;
            }

            var code = value.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).FirstOrDefault()?.ToUpperInvariant();
            if (code is null || countries.Find(code) is null)
            {
                Problem(column, $"'{value}' is not an ISO 3166 alpha-2 country code (or XK).");
                return null;
            }

            return code;
        }

        var citizenship = Country("citizenship", Field("citizenship", "prs_Citizenship"));
        var country = Country("CountryOfExploitation", Field("CountryOfExploitation", "clh_CountryOfExploitation"));
        var form = ParseForms(Field("vic_TypeOfExploitation"), columns, csv, Problem);
        var sectorText = Field("vic_ForcedLabourIndustry");
        string? sector = null;
        if (sectorText is not null)
        {
            sector = Enum.GetValues<LabourSector>().Where(s => s.HtcdsCode().Equals(sectorText, StringComparison.OrdinalIgnoreCase) || s.ToString().Equals(sectorText, StringComparison.OrdinalIgnoreCase)).Select(s => s.ToString()).FirstOrDefault();
            if (sector is null)
            {
                Problem("vic_ForcedLabourIndustry", $"'{sectorText}' is not an HTCDS labour industry code (e.g. F_Construction).");
            }
        }

        var assistedText = Field("clh_Assisted", "isAssisted");
        var assisted = assistedText is "1" or "true" or "True" or "TRUE";
        if (problems.Count > before)
        {
            return null;
        }

        return new StatisticsRecord
        {
            Year = year,
            Assisted = assisted,
            Sex = sex,
            AgeGroup = ageGroup,
            ChildOrAdult = childOrAdult,
            FormOfExploitation = form,
            Sector = sector,
            Citizenship = citizenship,
            CountryOfExploitation = country,
            Scope = citizenship is null || country is null ? null : citizenship == country ? "Internal" : "CrossBorder",
        };
    }

    /// <summary>CTDC "Female"/"Male"/"Transgender/NonConforming" or an HTCDS prs_Gender code; "?" when unreadable.</summary>
    internal static string? ParseSex(string? value) => value?.ToUpperInvariant() switch
    {
        null => null,
        "FEMALE" or "FEMININE" or "F" => "Feminine",
        "MALE" or "MASCULINE" or "M" => "Masculine",
        "TRANSGENDER/NONCONFORMING" or "NONCONFORMING" => "NonConforming",
        "TRANSGENDERFEMININE" => "TransgenderFeminine",
        "TRANSGENDERMASCULINE" => "TransgenderMasculine",
        _ => "?",
    };

    /// <summary>
    /// Age group and child/adult from, in order: the Clearinghouse's own age group, an age in years (HTCDS), the CTDC
    /// ageBroad band (mapped to an age group only where the band lies inside one) and majorityStatus.
    /// </summary>
    internal static (string? AgeGroup, string? ChildOrAdult, string? Problem) ParseAge(string? ownGroup, string? years, string? ageBroad, string? majority)
    {
        if (ownGroup is not null)
        {
            return Enum.TryParse<Cases.AgeGroup>(ownGroup, out var g) && g != Cases.AgeGroup.Unknown
                ? (g.ToString(), Cases.AgeGroups.IsChildGroup(g) ? "Child" : "Adult", null)
                : (null, null, $"'{ownGroup}' is not an age group of this Clearinghouse.");
        }

        if (years is not null)
        {
            return int.TryParse(years, NumberStyles.None, CultureInfo.InvariantCulture, out var age) && age < 120
                ? (Cases.AgeGroups.For(age).ToString(), age < 18 ? "Child" : "Adult", null)
                : (null, null, $"'{years}' is not an age in years.");
        }

        string? child = majority?.ToUpperInvariant() switch
        {
            null => null,
            "MINOR" or "CHILD" => "Child",
            "ADULT" => "Adult",
            _ => "?",
        };
        if (child == "?")
        {
            return (null, null, $"majorityStatus '{majority}' is neither Minor nor Adult.");
        }

        if (ageBroad is null)
        {
            return (null, child, null);
        }

        var band = ageBroad.Replace("--", "-", StringComparison.Ordinal);
        (string? Group, string Child)? mapped = band switch
        {
            "0-8" => ("Age0To11", "Child"),
            "9-17" => (null, "Child"),
            "18-20" or "21-23" => ("Age18To24", "Adult"),
            "24-26" => (null, "Adult"),
            "27-29" => ("Age25To34", "Adult"),
            "30-38" => (null, "Adult"),
            "39-47" => ("Age35To49", "Adult"),
            "48+" => (null, "Adult"),
            _ => null,
        };
        return mapped is { } m ? (m.Group, m.Child, null) : (null, null, $"ageBroad '{ageBroad}' is not a CTDC age band (0--8, 9--17, 18--20, …, 48+).");
    }

    private static readonly (string Column, FormOfExploitation Form)[] CtdcFlags =
    [
        ("isSexualExploit", FormOfExploitation.SexualExploitation),
        ("isForcedLabour", FormOfExploitation.ForcedLabour),
        ("isForcedMarriage", FormOfExploitation.ForcedMarriage),
        ("isForcedMilitary", FormOfExploitation.ForcedMilitaryByNonStateActors),
        ("isOrganRemoval", FormOfExploitation.OrganRemoval),
        ("isSlaveryAndPractices", FormOfExploitation.SlaveryAndSimilarPractices),
        ("isOtherExploit", FormOfExploitation.Other),
    ];

    private static string? ParseForms(string? htcds, Dictionary<string, int> columns, CsvReader csv, Action<string, string> problem)
    {
        var forms = new HashSet<FormOfExploitation>();
        if (htcds is not null)
        {
            foreach (var code in htcds.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                if (Enum.TryParse<FormOfExploitation>(code, ignoreCase: true, out var form) && !int.TryParse(code, out _))
                {
                    forms.Add(form);
                }
                else
                {
                    problem("vic_TypeOfExploitation", $"'{code}' is not an HTCDS type of exploitation.");
                }
            }
        }

        foreach (var (column, form) in CtdcFlags)
        {
            if (columns.TryGetValue(column, out var index) && csv.TryGetField<string>(index, out var value))
            {
                switch (value?.Trim())
                {
                    case "1" or "true" or "True":
                        forms.Add(form);
                        break;
                    case "0" or "false" or "False" or "" or "-99" or null:
                        break;
                    default:
                        problem(column, $"'{value}' is not 0 or 1.");
                        break;
                }
            }
        }

        return forms.Count switch
        {
            0 => null,
            1 => forms.Single().ToString(),
            _ => StatisticsCodes.Multiple,
        };
    }
}
