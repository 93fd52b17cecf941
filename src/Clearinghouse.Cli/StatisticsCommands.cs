using System.CommandLine;
using System.Globalization;
using Clearinghouse.Directory;
using Clearinghouse.Statistics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Clearinghouse.Cli;

/// <summary>statistics import, datasets, table and export-htcds.</summary>
internal static class StatisticsCommands
{
    public static Command Statistics(CliContext context) =>
        new("statistics", "Import record-level data sets, list them, print a (suppressed) table, export anonymised HTCDS files.")
        {
            Import(context), Datasets(context), TableCommand(context), ExportHtcds(context),
        };

    private static Command Import(CliContext context)
    {
        var file = new Argument<string>("file") { Description = "A CTDC-style or HTCDS record-level CSV file (one row per person)." };
        var source = new Option<string>("--source") { Description = "Who collected the data, e.g. \"CTDC global synthetic dataset\".", Required = true };
        var fictitious = new Option<bool>("--fictitious") { Description = "Mark the data set as invented (demo or test data); the pages say so." };
        var command = new Command(
            "import",
            "Import a record-level data set. Every row is checked; if any has a problem, the problems are listed, nothing is written and the exit " +
            "code is 1. The same file is never imported twice; a new file from the same source for the same years replaces the older one.")
        {
            file, source, fictitious,
        };
        command.SetAction((parse, cancellationToken) => context.RunAsync(parse, async services =>
        {
            var path = Path.GetFullPath(parse.GetValue(file)!, context.Console.WorkingDirectory);
            if (!File.Exists(path))
            {
                await context.Error.WriteLineAsync($"There is no file {path}.");
                return ExitCodes.NotFound;
            }

            await using var stream = File.OpenRead(path);
            var progress = new Progress(context.Console);
            var result = await services.GetRequiredService<DatasetImporter>().ImportAsync(stream, path, parse.GetValue(source)!, parse.GetValue(fictitious), progress, cancellationToken);
            if (result.Dataset is null)
            {
                await Table.WriteAsync(context.Out, ["ROW", "COLUMN", "PROBLEM"], result.Problems.Select(p => new[] { p.Row?.ToString(CultureInfo.InvariantCulture) ?? "file", p.Column, p.Problem }));
                await context.Error.WriteLineAsync($"Nothing was imported: {result.Problems.Count} problem(s).");
                return ExitCodes.Invalid;
            }

            var d = result.Dataset;
            await context.Out.WriteLineAsync($"Imported {d.RecordCount} record(s) from {Path.GetFileName(path)} as \"{d.Source}\", {d.FirstYear}–{d.LastYear}."
                + (result.Replaced is { } old ? $" It replaces the data set imported on {old.ImportedAt:yyyy-MM-dd} for the same years." : string.Empty));
            return ExitCodes.Ok;
        }, cancellationToken));
        return command;
    }

    private static Command Datasets(CliContext context)
    {
        var command = new Command("datasets", "List the imported data sets.");
        command.SetAction((parse, cancellationToken) => context.RunAsync(parse, async services =>
        {
            var db = services.GetRequiredService<Data.AppDbContext>();
            var list = await db.StatisticsDatasets.OrderBy(d => d.Source).ThenBy(d => d.FirstYear).ToListAsync(cancellationToken);
            await Table.WriteAsync(context.Out, ["SOURCE", "YEARS", "RECORDS", "SHA-256", "STATUS"], list.Select(d => new[]
            {
                d.Source, $"{d.FirstYear}–{d.LastYear}", d.RecordCount.ToString(CultureInfo.InvariantCulture), d.Sha256[..Math.Min(12, d.Sha256.Length)],
                d.SupersededAt is null ? "counted" : "replaced",
            }));
            return ExitCodes.Ok;
        }, cancellationToken));
        return command;
    }

    private static Command TableCommand(CliContext context)
    {
        var period = new Option<string>("--period") { Description = "2025, 2025-Q2, 2020..2025 or 2025-01-01..2025-06-30.", Required = true };
        var rows = new Option<Dimension>("--rows") { Description = "The dimension of the rows.", DefaultValueFactory = _ => Dimension.FormOfExploitation };
        var columns = new Option<Dimension?>("--columns") { Description = "The dimension of the columns (optional)." };
        var measure = new Option<Measure>("--measure") { Description = "Identified or Assisted.", DefaultValueFactory = _ => Measure.Identified };
        var command = new Command("table", "Print a table as the public sees it (suppressed and rounded as configured).") { period, rows, columns, measure };
        command.SetAction((parse, cancellationToken) => context.RunAsync(parse, async services =>
        {
            if (StatisticsPeriod.TryParse(parse.GetValue(period)) is not { } p)
            {
                await context.Error.WriteLineAsync("Give the period as 2025, 2025-Q2, 2020..2025 or 2025-01-01..2025-06-30.");
                return ExitCodes.Usage;
            }

            var counts = await services.GetRequiredService<Crosstabs>().CountAsync(p, parse.GetValue(measure), parse.GetValue(rows), parse.GetValue(columns), null, cancellationToken);
            var options = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<StatisticsOptions>>().Value;
            var t = StatisticsPublisher.Publish(counts, new SuppressionRule(options.Threshold, options.RoundTo));
            var header = new List<string> { $"{t.Rows} ({t.Period})" };
            header.AddRange(t.Columns is null ? [] : t.ColumnCategories);
            header.Add("Total");
            var lines = t.RowCategories.Select((c, i) => (IReadOnlyList<string?>)[c, .. t.Columns is null ? [] : t.Cells[i].Select(x => x.Display), t.RowTotals[i].Display]).ToList();
            lines.Add(["Total", .. t.Columns is null ? [] : t.ColumnTotals.Select(x => x.Display), t.Total.Display]);
            await Table.WriteAsync(context.Out, header, lines);
            return ExitCodes.Ok;
        }, cancellationToken));
        return command;
    }

    private static Command ExportHtcds(CliContext context)
    {
        var file = new Argument<string>("file") { Description = "The CSV file to write, or - for standard output." };
        var period = new Option<string>("--period") { Description = "The years of identification, e.g. 2025 or 2020..2025.", Required = true };
        var k = new Option<int>("--k") { Description = "Each released combination of sex, age group, citizenship and country of exploitation describes at least k persons (default: the setting Statistics__RecordFileThreshold, 11)." };
        var command = new Command("export-htcds", "Write the cases of a period as an anonymised HTCDS record-level CSV (no identifiers, years only, rare combinations generalised or withheld).") { file, period, k };
        command.SetAction((parse, cancellationToken) => context.RunAsync(parse, async services =>
        {
            if (StatisticsPeriod.TryParse(parse.GetValue(period)) is not { } p)
            {
                await context.Error.WriteLineAsync("Give the period as 2025 or 2020..2025.");
                return ExitCodes.Usage;
            }

            var threshold = parse.GetValue(k) is > 1 and var given ? given : services.GetRequiredService<Microsoft.Extensions.Options.IOptions<StatisticsOptions>>().Value.RecordFileThreshold;
            var (rows, summary) = await services.GetRequiredService<HtcdsExporter>().ExportAsync(p, threshold, cancellationToken);
            var target = parse.GetValue(file)!;
            await using Stream output = target == "-" ? new MemoryStream() : File.Create(Path.GetFullPath(target, context.Console.WorkingDirectory));
            await DirectoryFiles.WriteCsvAsync(output, rows[0], rows.Skip(1).Select(r => (string?[])r).ToAsyncEnumerable(), cancellationToken);
            if (output is MemoryStream memory)
            {
                await context.Out.WriteAsync(System.Text.Encoding.UTF8.GetString(memory.ToArray()).TrimStart('\uFEFF'));
            }

            await context.Error.WriteLineAsync($"{summary.Released} record(s) released (k = {threshold}); {summary.Generalised} had citizenship and country generalised; {summary.Withheld} withheld.");
            return ExitCodes.Ok;
        }, cancellationToken));
        return command;
    }

    private sealed class Progress(CliConsole console) : IProgress<long>
    {
        public void Report(long value) => console.Error.WriteLine($"{value:N0} rows read");
    }
}
