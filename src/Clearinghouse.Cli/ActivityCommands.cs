using System.CommandLine;
using System.Globalization;
using Clearinghouse.Activities;
using Clearinghouse.Activities.Files;
using Clearinghouse.Countries;
using Clearinghouse.Directory;
using Microsoft.Extensions.DependencyInjection;

namespace Clearinghouse.Cli;

/// <summary>activities import and export: CSV, XLSX, IATI activity XML 2.03 and the HXL 3W table.</summary>
internal static class ActivityCommands
{
    public static Command Activities(CliContext context) => new("activities", "Import and export the activities inventory.")
    {
        Import(context),
        Export(context),
    };

    private static Command Import(CliContext context)
    {
        var file = new Argument<string>("file") { Description = "The CSV (UTF-8), XLSX or IATI activity XML file to import." };
        var format = new Option<string?>("--format") { Description = "csv, xlsx or iati (default: recognised from the content)." };
        format.AcceptOnlyFromAmong("csv", "xlsx", "iati");
        var command = new Command(
            "import",
            "Add and update activities. CSV/XLSX: the columns of the export; rows with a slug update that activity. IATI: a known iati-identifier " +
            "updates its activity; another publisher's report of the same activity joins it. Every activity is checked first: if any has a " +
            "problem, the problems are listed on standard output, nothing is written and the exit code is 1.")
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

            var importer = services.GetRequiredService<ActivityImporter>();
            if (new FileInfo(path).Length > importer.Options.MaxFileBytes)
            {
                await context.Error.WriteLineAsync(importer.TooLargeMessage + " (The limit is the setting Import__MaxFileBytes.)");
                return ExitCodes.Invalid;
            }

            var content = await File.ReadAllBytesAsync(path, cancellationToken);
            var result = await importer.ImportAsync(content, path, ParseFormat(parse.GetValue(format)), progress: null, cancellationToken);
            if (!result.Succeeded)
            {
                await Table.WriteAsync(
                    context.Out,
                    ["ROW", "COLUMN", "PROBLEM"],
                    result.Errors.Select(e => new[] { e.Row?.ToString(CultureInfo.InvariantCulture) ?? "file", e.Column, e.Problem }));
                await context.Error.WriteLineAsync($"Nothing was imported: the file has {result.Errors.Count} problem(s). Correct them all and import it again.");
                return ExitCodes.Invalid;
            }

            await context.Out.WriteLineAsync($"Imported {Path.GetFileName(path)}: {result.Created} activity(ies) added, {result.Updated} updated, {result.Unchanged} unchanged.");
            return ExitCodes.Ok;
        }, cancellationToken));
        return command;
    }

    private static Command Export(CliContext context)
    {
        var file = new Argument<string>("file") { Description = "The file to write, or - for standard output." };
        var format = new Option<string?>("--format") { Description = "csv, xlsx, iati or hxl (default: from the file name: .xlsx, .xml, .hxl.csv; else csv)." };
        format.AcceptOnlyFromAmong("csv", "xlsx", "iati", "hxl");
        var country = new Option<string?>("--country") { Description = "Only activities in this country (ISO code, e.g. MD; XK for Kosovo)." };
        var area = new Option<ThematicArea?>("--area") { Description = "Only activities in this thematic area." };
        var status = new Option<ActivityStatus?>("--status") { Description = "Only activities with this status." };
        var command = new Command("export", "Write the activities (retired and merged ones left out), ordered by title.")
        {
            file, format, country, area, status,
        };
        command.SetAction((parse, cancellationToken) => context.RunAsync(parse, async services =>
        {
            var target = parse.GetValue(file)!;
            var path = target == "-" ? null : Path.GetFullPath(target, context.Console.WorkingDirectory);
            var chosen = ParseFormat(parse.GetValue(format)) ?? path switch
            {
                not null when path.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase) => ActivityFileFormat.Xlsx,
                not null when path.EndsWith(".xml", StringComparison.OrdinalIgnoreCase) => ActivityFileFormat.Iati,
                not null when path.EndsWith(".hxl.csv", StringComparison.OrdinalIgnoreCase) => ActivityFileFormat.Hxl,
                _ => ActivityFileFormat.Csv,
            };
            var countryCode = parse.GetValue(country);
            if (countryCode is not null && !services.GetRequiredService<CountryCatalog>().Exists(countryCode.ToUpperInvariant()))
            {
                await context.Error.WriteLineAsync($"'{countryCode}' is not a known country code (use ISO 3166 alpha-2, e.g. MD, or XK for Kosovo).");
                return ExitCodes.Usage;
            }

            var filter = new ActivityExportFilter(countryCode, parse.GetValue(area), parse.GetValue(status));
            var exporter = services.GetRequiredService<ActivityExporter>();
            if (path is null)
            {
                await using var stream = context.Console.OpenStandardOutput();
                await exporter.ExportAsync(stream, chosen, filter, cancellationToken);
                return ExitCodes.Ok;
            }

            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await using (var stream = File.Create(path))
            {
                await exporter.ExportAsync(stream, chosen, filter, cancellationToken);
            }

            await context.Out.WriteLineAsync($"Exported the activities to {path} ({DatabaseCommands.Size(new FileInfo(path).Length)}).");
            return ExitCodes.Ok;
        }, cancellationToken));
        return command;
    }

    private static ActivityFileFormat? ParseFormat(string? value) => value?.Trim().ToUpperInvariant() switch
    {
        "CSV" => ActivityFileFormat.Csv,
        "XLSX" => ActivityFileFormat.Xlsx,
        "IATI" => ActivityFileFormat.Iati,
        "HXL" => ActivityFileFormat.Hxl,
        _ => null,
    };
}
