using System.CommandLine;
using Clearinghouse.Countries;
using Clearinghouse.Directory;
using Microsoft.Extensions.DependencyInjection;

namespace Clearinghouse.Cli;

/// <summary>import and export of the directory (CSV or XLSX, the columns of the web page's downloads).</summary>
internal static class DirectoryCommands
{
    public static Command Import(CliContext context)
    {
        var file = new Argument<string>("file") { Description = "The CSV (UTF-8) or XLSX file to import." };
        var format = FormatOption("The file's format (default: recognised from its content).");
        var command = new Command(
            "import",
            "Add and update organisations from a file with the directory's columns (as exported). Rows with a slug update that organisation; " +
            "rows without one add a new one. Every row is checked first: if any row has a problem, the problems are listed on standard " +
            "output, nothing is written and the exit code is 1. Otherwise all rows are written in one transaction.")
        {
            file, format,
        };
        command.SetAction((parse, cancellationToken) => context.RunAsync(parse, async services =>
        {
            var path = Path.GetFullPath(parse.GetValue(file)!, context.Console.WorkingDirectory);
            if (!File.Exists(path))
            {
                await context.Error.WriteLineAsync($"There is no file {path}.");
                return ExitCodes.NotFound;
            }

            var importer = services.GetRequiredService<DirectoryImporter>();
            if (new FileInfo(path).Length > importer.Options.MaxFileBytes)
            {
                await context.Error.WriteLineAsync(importer.TooLargeMessage + " (The limit is the setting Import__MaxFileBytes.)");
                return ExitCodes.Invalid;
            }

            var content = await File.ReadAllBytesAsync(path, cancellationToken);
            var progress = new ProgressWriter(context.Console);
            var result = await importer.ImportAsync(content, path, DirectoryFiles.ParseFormat(parse.GetValue(format)), progress, cancellationToken);
            progress.Done();
            if (!result.Succeeded)
            {
                await Table.WriteAsync(
                    context.Out,
                    ["ROW", "COLUMN", "PROBLEM"],
                    result.Errors.Select(e => new[] { e.Row?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "file", e.Column, e.Problem }));
                await context.Error.WriteLineAsync($"Nothing was imported: the file has {result.Errors.Count} problem(s). Correct them all and import it again.");
                return ExitCodes.Invalid;
            }

            await context.Out.WriteLineAsync($"Imported {Path.GetFileName(path)}: {result.Created} organisation(s) added, {result.Updated} updated, {result.Unchanged} unchanged.");
            return ExitCodes.Ok;
        }, cancellationToken));
        return command;
    }

    public static Command Export(CliContext context)
    {
        var file = new Argument<string>("file") { Description = "The file to write, or - for standard output." };
        var format = FormatOption("csv or xlsx (default: from the file name; csv for standard output).");
        var country = new Option<string?>("--country") { Description = "Only organisations based or active in this country (ISO code, e.g. MD; XK for Kosovo)." };
        var type = new Option<OrganisationType?>("--type") { Description = "Only organisations of this type." };
        var query = new Option<string?>("--q") { Description = "Only organisations whose name, acronym, translations or description contain these words." };
        var retired = new Option<bool>("--include-retired") { Description = "Include retired organisations." };
        var command = new Command(
            "export",
            "Write the directory (as the operator sees it, with restricted contact fields in the XLSX People sheet) as CSV or XLSX, ordered by name.")
        {
            file, format, country, type, query, retired,
        };
        command.SetAction((parse, cancellationToken) => context.RunAsync(parse, async services =>
        {
            var target = parse.GetValue(file)!;
            var toStandardOutput = target == "-";
            var path = toStandardOutput ? null : Path.GetFullPath(target, context.Console.WorkingDirectory);
            var chosen = DirectoryFiles.ParseFormat(parse.GetValue(format))
                ?? (path is not null && path.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase) ? DirectoryFileFormat.Xlsx : DirectoryFileFormat.Csv);
            var countryCode = parse.GetValue(country);
            if (countryCode is not null && !services.GetRequiredService<CountryCatalog>().Exists(countryCode))
            {
                await context.Error.WriteLineAsync($"'{countryCode}' is not a known country code (use ISO 3166 alpha-2, e.g. MD, or XK for Kosovo).");
                return ExitCodes.Usage;
            }

            var filter = new DirectoryFilter { Country = countryCode, Type = parse.GetValue(type), Q = parse.GetValue(query), IncludeRetired = parse.GetValue(retired) };
            var exporter = services.GetRequiredService<DirectoryExporter>();
            int count;
            if (path is null)
            {
                await using var stream = context.Console.OpenStandardOutput();
                count = await exporter.ExportAsync(stream, chosen, filter, cancellationToken);
                await context.Error.WriteLineAsync($"Exported {count} organisation(s).");
                return ExitCodes.Ok;
            }

            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await using (var stream = File.Create(path))
            {
                count = await exporter.ExportAsync(stream, chosen, filter, cancellationToken);
            }

            await context.Out.WriteLineAsync($"Exported {count} organisation(s) to {path} ({DatabaseCommands.Size(new FileInfo(path).Length)}).");
            return ExitCodes.Ok;
        }, cancellationToken));
        return command;
    }

    private static Option<string?> FormatOption(string description)
    {
        var format = new Option<string?>("--format") { Description = description };
        format.AcceptOnlyFromAmong("csv", "xlsx");
        return format;
    }

    /// <summary>Import progress on standard error: redrawn on one line in a terminal, one line per stage otherwise.</summary>
    private sealed class ProgressWriter(CliConsole console) : IProgress<ImportProgress>
    {
        private ImportStage? lastStage;
        private bool lineOpen;

        public void Report(ImportProgress value)
        {
            var label = value.Stage switch
            {
                ImportStage.Reading => "Reading the file",
                ImportStage.Checking => "Checking rows",
                ImportStage.Saving => "Saving",
                _ => "Finished",
            };
            var percent = value.RowsTotal == 0 ? 0 : 100 * value.RowsDone / value.RowsTotal;
            var text = value.RowsTotal == 0 ? label + "..." : $"{label}: {value.RowsDone} of {value.RowsTotal} rows ({percent}%)";
            if (console.ErrorIsTerminal)
            {
                console.Error.Write("\r" + text.PadRight(60));
                lineOpen = true;
            }
            else if (value.Stage != lastStage || value.RowsDone == value.RowsTotal)
            {
                console.Error.WriteLine(text);
            }

            lastStage = value.Stage;
        }

        public void Done()
        {
            if (lineOpen)
            {
                console.Error.WriteLine();
            }
        }
    }
}

/// <summary>Plain text tables with aligned columns (the last column is not padded).</summary>
internal static class Table
{
    public static async Task WriteAsync(TextWriter output, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string?>> rows)
    {
        var all = rows.Prepend(header).Select(r => r.Select(c => (c ?? string.Empty).ReplaceLineEndings(" ")).ToArray()).ToList();
        var widths = Enumerable.Range(0, header.Count).Select(i => all.Max(r => r[i].Length)).ToArray();
        foreach (var row in all)
        {
            await output.WriteLineAsync(string.Join("  ", row.Select((cell, i) => i == row.Length - 1 ? cell : cell.PadRight(widths[i]))).TrimEnd());
        }
    }
}
