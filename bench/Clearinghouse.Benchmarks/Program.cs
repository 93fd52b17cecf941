using Clearinghouse.Benchmarks;

// The directory benchmark: "generate" fills a database with invented organisations, "run" loads a running server.
// The library benchmark: "library" generates and indexes documents, times searches and loads PDFs, in process.
// The activities benchmark: "activities-generate" fills a database with invented activities, "activities-measure" times
// the inventory's list, gap matrix, donor inventory, as-of view, duplicate finder and IATI import against it (bench/activities.sh).
// The case benchmark: "cases-generate" fills PostgreSQL with cases, audit log and workers; "cases-run" measures case
// pages, dashboards and registrations as signed-in workers (bench/cases.sh drives both).
// bench/run.sh drives the directory's end to end for SQLite and PostgreSQL; BENCHMARKS.md holds the figures.
const string Usage = """
    Usage:
      Clearinghouse.Benchmarks generate --organisations 100000 --database sqlite|postgres --connection "<connection string>" [--seed 42] [--batch 5000]
      Clearinghouse.Benchmarks library --database sqlite|postgres --connection "<connection string>" --folder DIR [--documents 20000] [--pages 20] [--queries 500] [--pdfs 0] [--pdf-pages 5] [--seed 42] [--markdown FILE]
      Clearinghouse.Benchmarks activities-generate --database sqlite|postgres --connection "<connection string>" [--activities 1000000] [--organisations 20000] [--countries 60] [--seed 42] [--batch 20000]
      Clearinghouse.Benchmarks activities-measure --database sqlite|postgres --connection "<connection string>" --url http://127.0.0.1:PORT [--pid SERVER_PID] [--db-pid POSTMASTER_PID] [--requests 3000] [--concurrency 2] [--runs 7] [--probes 100] [--iati 10000] [--folder DIR] [--label NAME] [--markdown FILE]
      Clearinghouse.Benchmarks cases-generate --connection "<PostgreSQL connection string>" --folder DIR [--cases 1000000] [--audit 5000000] [--organisations 400] [--case-organisations 200] [--workers 5] [--bench-users 4] [--seed 42] [--chunk 10000]
      Clearinghouse.Benchmarks cases-run --url http://127.0.0.1:PORT --folder DIR [--connection "<PostgreSQL connection string>"] [--requests 1500] [--concurrency 1] [--warmup 100] [--duplicate-checks 400] [--pid SERVER_PID] [--db-pid POSTMASTER_PID] [--label NAME] [--markdown FILE]
      Clearinghouse.Benchmarks run --url http://127.0.0.1:PORT [--requests 2000] [--concurrency 4] [--warmup 200] [--pid SERVER_PID] [--db-pid POSTMASTER_PID] [--seed 7] [--label NAME] [--markdown FILE]
    """;

if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
{
    Console.WriteLine(Usage);
    return 0;
}

try
{
    var options = CommandLine.Parse(args.Skip(1));
    switch (args[0])
    {
        case "generate":
            await DataGenerator.RunAsync(GeneratorSettings.From(options));
            return 0;
        case "library":
            return await LibraryBenchmark.RunAsync(LibraryBenchSettings.From(options));
        case "activities-generate":
            await ActivityGenerator.RunAsync(ActivityGeneratorSettings.From(options));
            return 0;
        case "activities-measure":
            return await ActivityBenchmark.RunAsync(ActivityBenchSettings.From(options));
        case "cases-generate":
            await CaseGenerator.RunAsync(CaseGeneratorSettings.From(options));
            return 0;
        case "cases-run":
            return await CaseLoadRunner.RunAsync(CaseLoadSettings.From(options));
        case "run":
            return await LoadRunner.RunAsync(LoadSettings.From(options));
        default:
            await Console.Error.WriteLineAsync($"Unknown command '{args[0]}'.\n{Usage}");
            return 2;
    }
}
catch (ArgumentException e)
{
    await Console.Error.WriteLineAsync($"{e.Message}\n{Usage}");
    return 2;
}
