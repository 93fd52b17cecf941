using System.CommandLine;
using System.Globalization;
using Clearinghouse.Library;
using Microsoft.Extensions.DependencyInjection;

namespace Clearinghouse.Cli;

/// <summary>library load: bulk-load a folder of files with a metadata CSV.</summary>
internal static class LibraryCommands
{
    public static Command Library(CliContext context)
    {
        var folder = new Argument<string>("folder") { Description = "The folder that holds the files." };
        var metadata = new Option<string>("--metadata") { Description = "The metadata CSV (UTF-8), one row per file.", Required = true };
        var load = new Command(
            "load",
            "Add the files of a folder to the library with the metadata of a CSV file. Columns: " + string.Join(", ", LibraryBulkLoader.Columns) +
            " (file, title, language and type are required; lists separated by ';'; rows with the same 'work' key are language versions of one document). " +
            "Every row is checked first: if any has a problem, the problems are listed, nothing is loaded and the exit code is 1. " +
            "Files already in the library (same SHA-256) are skipped, so running the command again adds nothing twice.")
        {
            folder, metadata,
        };
        load.SetAction((parse, cancellationToken) => context.RunAsync(parse, async services =>
        {
            var root = Path.GetFullPath(parse.GetValue(folder)!, context.Console.WorkingDirectory);
            var csv = Path.GetFullPath(parse.GetValue(metadata)!, context.Console.WorkingDirectory);
            if (!System.IO.Directory.Exists(root))
            {
                await context.Error.WriteLineAsync($"There is no folder {root}.");
                return ExitCodes.NotFound;
            }

            if (!File.Exists(csv))
            {
                await context.Error.WriteLineAsync($"There is no file {csv}.");
                return ExitCodes.NotFound;
            }

            var progress = new Progress(context.Console);
            var result = await services.GetRequiredService<LibraryBulkLoader>().LoadAsync(root, csv, progress, cancellationToken);
            progress.Done();
            if (result.Problems.Count > 0)
            {
                await Table.WriteAsync(
                    context.Out,
                    ["ROW", "COLUMN", "PROBLEM"],
                    result.Problems.Select(p => new[] { p.Row == 0 ? "header" : p.Row.ToString(CultureInfo.InvariantCulture), p.Column, p.Problem }));
            }

            if (result.Added + result.Translations + result.AlreadyThere == 0 && result.Problems.Count > 0)
            {
                await context.Error.WriteLineAsync($"Nothing was loaded: the metadata has {result.Problems.Count} problem(s). Correct them all and run the command again.");
                return ExitCodes.Invalid;
            }

            await context.Out.WriteLineAsync(
                $"Loaded {Path.GetFileName(csv)}: {result.Added} document(s) added, {result.Translations} language version(s) added, " +
                $"{result.AlreadyThere} file(s) already in the library, {result.Problems.Count} problem(s).");
            return result.Problems.Count == 0 ? ExitCodes.Ok : ExitCodes.Invalid;
        }, cancellationToken));

        return new Command("library", "The resource library.") { load };
    }

    private sealed class Progress(CliConsole console) : IProgress<(int Done, int Total)>
    {
        private bool lineOpen;

        public void Report((int Done, int Total) value)
        {
            var text = $"Loading files: {value.Done} of {value.Total} ({100 * value.Done / Math.Max(1, value.Total)}%)";
            if (console.ErrorIsTerminal)
            {
                console.Error.Write("\r" + text.PadRight(60));
                lineOpen = true;
            }
            else if (value.Done == value.Total || value.Done % 100 == 0)
            {
                console.Error.WriteLine(text);
            }
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
