using System.Data;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using MiniExcelLibs;

namespace Clearinghouse.Directory;

/// <summary>The two file formats of the directory's import and export.</summary>
internal enum DirectoryFileFormat
{
    Csv,
    Xlsx,
}

/// <summary>
/// The columns of a directory file (one row per organisation, the same in CSV and XLSX). Lists are code names
/// separated by <see cref="ListSeparator"/>.
/// </summary>
internal static class DirectoryColumns
{
    public const char ListSeparator = ';';

    public const string Slug = "slug";
    public const string Name = "name";
    public const string Acronym = "acronym";
    public const string Type = "type";
    public const string Country = "country";
    public const string CountriesActive = "countries_active";
    public const string ThematicAreas = "thematic_areas";
    public const string TargetGroups = "target_groups";
    public const string Description = "description";
    public const string Website = "website";
    public const string PublicEmail = "public_email";
    public const string PublicPhone = "public_phone";
    public const string Address = "address";
    public const string NameRu = "name_ru";
    public const string DescriptionRu = "description_ru";

    public static readonly IReadOnlyList<string> All =
        [Slug, Name, Acronym, Type, Country, CountriesActive, ThematicAreas, TargetGroups, Description, Website, PublicEmail, PublicPhone, Address, NameRu, DescriptionRu];

    /// <summary>Columns an import file must have. A row without a slug adds an organisation; with one, it updates it.</summary>
    public static readonly IReadOnlyList<string> Required = [Name, Type];

    /// <summary>The file column of a field of <see cref="OrganisationInput"/> (the keys its validator uses).</summary>
    public static string ForField(string field) => field switch
    {
        nameof(OrganisationInput.Name) => Name,
        nameof(OrganisationInput.Acronym) => Acronym,
        nameof(OrganisationInput.Type) => Type,
        nameof(OrganisationInput.Country) => Country,
        nameof(OrganisationInput.CountriesActive) => CountriesActive,
        nameof(OrganisationInput.ThematicAreas) => ThematicAreas,
        nameof(OrganisationInput.TargetGroups) => TargetGroups,
        nameof(OrganisationInput.Description) => Description,
        nameof(OrganisationInput.Website) => Website,
        nameof(OrganisationInput.PublicEmail) => PublicEmail,
        nameof(OrganisationInput.PublicPhone) => PublicPhone,
        nameof(OrganisationInput.Address) => Address,
        nameof(OrganisationInput.NameRu) => NameRu,
        nameof(OrganisationInput.DescriptionRu) => DescriptionRu,
        _ => field,
    };

    /// <summary>One organisation as a file row, in the order of <see cref="All"/>.</summary>
    public static string?[] Row(Organisation o)
    {
        var ru = o.Translations.FirstOrDefault(t => t.Language == "ru");
        return
        [
            o.Slug,
            o.Name,
            o.Acronym,
            o.Type.ToString(),
            o.CountryCode,
            string.Join(ListSeparator, o.CountriesActive),
            string.Join(ListSeparator, o.ThematicAreas),
            string.Join(ListSeparator, o.TargetGroups),
            o.Description,
            o.Website,
            o.PublicEmail,
            o.PublicPhone,
            o.Address,
            ru?.Name,
            ru?.Description,
        ];
    }
}

/// <summary>One non-empty row of a file, numbered as a spreadsheet program shows it (the header is usually row 1).</summary>
internal sealed record SheetRow(int Number, IReadOnlyList<string?> Cells);

/// <summary>The rows of a file, or the problems that stopped it being read.</summary>
internal sealed record SheetTable(IReadOnlyList<SheetRow> Rows, IReadOnlyList<ImportError> Errors);

/// <summary>
/// Reading and writing directory files: recognising the format by content (never by the name alone), CSV as
/// RFC 4180 UTF-8 with a byte-order mark (so Excel shows every script correctly), XLSX through MiniExcel.
/// </summary>
internal static class DirectoryFiles
{
    public const string CsvContentType = "text/csv";

    private const char FormulaEscape = '\'';

    private static readonly char[] FormulaStarts = ['=', '+', '-', '@', '\t', '\r'];
    public const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public const string OrganisationsSheet = "Organisations";
    public const string PeopleSheet = "People";

    private static readonly UTF8Encoding Utf8WithBom = new(encoderShouldEmitUTF8Identifier: true);

    public static string Extension(this DirectoryFileFormat format) => format == DirectoryFileFormat.Xlsx ? "xlsx" : "csv";

    public static string ContentType(this DirectoryFileFormat format) => format == DirectoryFileFormat.Xlsx ? XlsxContentType : CsvContentType;

    /// <summary>"csv" or "xlsx" (any case) as a format; null for anything else.</summary>
    public static DirectoryFileFormat? ParseFormat(string? value) => value?.Trim().ToUpperInvariant() switch
    {
        "CSV" => DirectoryFileFormat.Csv,
        "XLSX" => DirectoryFileFormat.Xlsx,
        _ => null,
    };

    /// <summary>
    /// Decides the format from the content: an XLSX workbook is a ZIP archive holding xl/workbook.xml, a CSV file is
    /// UTF-8 text. A name ending in .xlsx, or a format the caller insists on, must agree with the content.
    /// </summary>
    public static (DirectoryFileFormat? Format, string? Problem) Identify(byte[] content, string? fileName = null, DirectoryFileFormat? declared = null)
    {
        if (content.Length == 0)
        {
            return (null, "The file is empty.");
        }

        var zip = content.AsSpan().StartsWith("PK\u0003\u0004"u8);
        DirectoryFileFormat? detected = zip && HasWorkbook(content) ? DirectoryFileFormat.Xlsx
            : !zip && IsUtf8Text(content) ? DirectoryFileFormat.Csv
            : null;
        var named = Path.GetExtension(fileName ?? string.Empty).Equals(".xlsx", StringComparison.OrdinalIgnoreCase) ? DirectoryFileFormat.Xlsx : (DirectoryFileFormat?)null;
        var expected = declared ?? named;
        if (detected is null)
        {
            return (null, zip
                ? "The file is a ZIP archive but not an Excel workbook (.xlsx)."
                : expected == DirectoryFileFormat.Xlsx
                    ? "The file is not an Excel workbook (.xlsx). In Excel, use Save As and choose 'Excel Workbook (.xlsx)'."
                    : "The file is neither an Excel workbook (.xlsx) nor CSV text in UTF-8. In Excel, use Save As and choose 'Excel Workbook (.xlsx)' or 'CSV UTF-8 (Comma delimited)'.");
        }

        if (expected is { } wanted && wanted != detected)
        {
            return (null, wanted == DirectoryFileFormat.Xlsx
                ? "The file is not an Excel workbook (.xlsx): it contains text. Save it from Excel as 'Excel Workbook (.xlsx)', or upload it as a .csv file."
                : "The file is an Excel workbook (.xlsx), not CSV text.");
        }

        return (detected, null);
    }

    /// <summary>Reads every non-empty row, stopping with an error when the file holds more than <paramref name="maxRows"/> rows below the header.</summary>
    public static SheetTable Read(byte[] content, DirectoryFileFormat format, int maxRows) =>
        format == DirectoryFileFormat.Xlsx ? ReadXlsx(content, maxRows) : ReadCsv(content, maxRows);

    /// <summary>
    /// Writes a header and rows as CSV (RFC 4180, UTF-8 with a byte-order mark, CRLF line ends). A cell that a
    /// spreadsheet would run as a formula (starting with =, +, -, @, tab or carriage return) is prefixed with an
    /// apostrophe; <see cref="Read"/> removes that prefix again, so exported files import unchanged.
    /// </summary>
    public static async Task WriteCsvAsync(Stream output, IReadOnlyList<string> header, IAsyncEnumerable<string?[]> rows, CancellationToken cancellationToken)
    {
        await using var writer = new StreamWriter(output, Utf8WithBom, bufferSize: 16 * 1024, leaveOpen: true);
        await using var csv = new CsvWriter(writer, new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            NewLine = "\r\n",
            InjectionOptions = InjectionOptions.Escape,
            InjectionCharacters = FormulaStarts,
            InjectionEscapeCharacter = FormulaEscape,
        });
        foreach (var column in header)
        {
            csv.WriteField(column);
        }

        await csv.NextRecordAsync();
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            foreach (var cell in row)
            {
                csv.WriteField(cell ?? string.Empty);
            }

            await csv.NextRecordAsync();
        }

        await csv.FlushAsync();
    }

    /// <summary>Writes sheets (name, header, rows) as one XLSX workbook; every cell is text, so codes and phone numbers stay as written.</summary>
    public static async Task WriteXlsxAsync(Stream output, IEnumerable<(string Name, IReadOnlyList<string> Header, IEnumerable<string?[]> Rows)> sheets, CancellationToken cancellationToken)
    {
        var tables = new List<DataTable>();
        try
        {
            var workbook = new Dictionary<string, object>(StringComparer.Ordinal);
            foreach (var (name, header, rows) in sheets)
            {
                var table = new DataTable(name) { Locale = CultureInfo.InvariantCulture };
                tables.Add(table);
                foreach (var column in header)
                {
                    table.Columns.Add(column, typeof(string));
                }

                foreach (var row in rows)
                {
                    table.Rows.Add(row.Cast<object?>().ToArray());
                }

                workbook[name] = table;
            }

            // MiniExcel writes a ZIP archive synchronously; build it in memory and copy it out asynchronously.
            using var buffer = new MemoryStream();
            MiniExcel.SaveAs(buffer, workbook, excelType: ExcelType.XLSX);
            buffer.Position = 0;
            await buffer.CopyToAsync(output, cancellationToken);
        }
        finally
        {
            foreach (var table in tables)
            {
                table.Dispose();
            }
        }
    }

    private static bool HasWorkbook(byte[] content)
    {
        try
        {
            using var archive = new ZipArchive(new MemoryStream(content, writable: false), ZipArchiveMode.Read);
            return archive.GetEntry("xl/workbook.xml") is not null;
        }
        catch (InvalidDataException)
        {
            return false;
        }
    }

    private static bool IsUtf8Text(byte[] content) =>
        System.Text.Unicode.Utf8.IsValid(content) && !content.AsSpan().Contains((byte)0);

    private static SheetTable ReadCsv(byte[] content, int maxRows)
    {
        var text = Encoding.UTF8.GetString(content);
        if (text.Length > 0 && text[0] == '\uFEFF')
        {
            text = text[1..];
        }

        var errors = new List<ImportError>();
        var rows = new List<SheetRow>();
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            Delimiter = GuessDelimiter(text),
            BadDataFound = args => errors.Add(new ImportError(
                args.Context.Parser?.Row,
                string.Empty,
                "A quote mark (\") is out of place or not closed. Put a field that holds commas, quotes or line breaks in double quotes, and write a quote inside it as two quotes (\"\").")),
        };
        try
        {
            using var parser = new CsvParser(new StringReader(text), config);
            while (parser.Read())
            {
                var cells = parser.Record ?? [];
                if (cells.All(string.IsNullOrWhiteSpace))
                {
                    continue;
                }

                if (rows.Count > maxRows)
                {
                    return new SheetTable([], [TooManyRows(maxRows)]);
                }

                rows.Add(new SheetRow(parser.Row, Array.ConvertAll(cells, UnescapeFormula)));
            }
        }
        catch (CsvHelperException e)
        {
            errors.Add(new ImportError(e.Context?.Parser?.Row, string.Empty, "The file cannot be read as CSV: " + e.Message.Split('\n')[0]));
        }

        return errors.Count > 0 ? new SheetTable([], errors) : new SheetTable(rows, []);
    }

    /// <summary>Removes the apostrophe <see cref="WriteCsvAsync"/> puts before a cell that would otherwise run as a formula.</summary>
    internal static string UnescapeFormula(string cell) =>
        cell.Length > 1 && cell[0] == FormulaEscape && Array.IndexOf(FormulaStarts, cell[1]) >= 0 ? cell[1..] : cell;

    /// <summary>Excel saves CSV with semicolons in some languages; the header line (which never needs quotes) tells which one this is.</summary>
    private static string GuessDelimiter(string text)
    {
        var end = text.IndexOfAny(['\r', '\n']);
        var header = end < 0 ? text : text[..end];
        return header.Contains(',', StringComparison.Ordinal) ? ","
            : header.Contains(';', StringComparison.Ordinal) ? ";"
            : header.Contains('\t', StringComparison.Ordinal) ? "\t"
            : ",";
    }

    private static SheetTable ReadXlsx(byte[] content, int maxRows)
    {
        var rows = new List<SheetRow>();
        try
        {
            using var stream = new MemoryStream(content, writable: false);
            var sheet = MiniExcel.GetSheetNames(stream).FirstOrDefault(n => n.Equals(OrganisationsSheet, StringComparison.OrdinalIgnoreCase));
            stream.Position = 0;
            var number = 0;
            foreach (IDictionary<string, object?> row in MiniExcel.Query(stream, useHeaderRow: false, sheetName: sheet, excelType: ExcelType.XLSX))
            {
                // MiniExcel yields every row from row 1, empty ones included, so the count is the row number.
                number++;
                var cells = row.OrderBy(c => ColumnIndex(c.Key)).Select(c => CellText(c.Value)).ToList();
                if (cells.All(string.IsNullOrWhiteSpace))
                {
                    continue;
                }

                if (rows.Count > maxRows)
                {
                    return new SheetTable([], [TooManyRows(maxRows)]);
                }

                rows.Add(new SheetRow(number, cells));
            }
        }
        catch (Exception e) when (e is InvalidDataException or System.Xml.XmlException or InvalidOperationException or FormatException or KeyNotFoundException or IndexOutOfRangeException)
        {
            return new SheetTable([], [new ImportError(null, string.Empty, "The workbook cannot be read; it may be damaged. Open it in Excel and save it again as 'Excel Workbook (.xlsx)'.")]);
        }

        return new SheetTable(rows, []);
    }

    private static ImportError TooManyRows(int maxRows) =>
        new(null, string.Empty, $"The file has more than {maxRows.ToString("N0", CultureInfo.InvariantCulture)} rows. Split it into smaller files.");

    private static int ColumnIndex(string letters)
    {
        var index = 0;
        foreach (var ch in letters)
        {
            index = (index * 26) + (char.ToUpperInvariant(ch) - 'A' + 1);
        }

        return index;
    }

    private static string? CellText(object? value) => value switch
    {
        null => null,
        string s => s,
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        DateTime t => t.TimeOfDay == TimeSpan.Zero ? t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : t.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
        bool b => b ? "TRUE" : "FALSE",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}
