using System.CommandLine;
using Clearinghouse.Cases;
using Clearinghouse.Data;
using Microsoft.Extensions.DependencyInjection;

namespace Clearinghouse.Cli;

/// <summary>cases verify-audit, cases rotate-key, cases retention.</summary>
internal static class CaseCommands
{
    public static Command Cases(CliContext context)
    {
        var verify = new Command("verify-audit", "Walk the case audit log from the first entry and check every hash link. Exit 0 when intact; 1 and the first broken entry otherwise.");
        verify.SetAction((parse, cancellationToken) => context.RunAsync(parse, async services =>
        {
            var result = await CaseAudit.VerifyAsync(services.GetRequiredService<AppDbContext>(), cancellationToken);
            if (result.IsIntact)
            {
                await context.Out.WriteLineAsync($"The case audit log is intact: {result.Verified} entries verified.");
                return ExitCodes.Ok;
            }

            await context.Out.WriteLineAsync($"The case audit log is BROKEN at entry {result.BrokenAt}: {result.Problem}. {result.Verified} entries before it verified.");
            return ExitCodes.Invalid;
        }, cancellationToken));

        var rotate = new Command("rotate-key", "Add a new case encryption key to the key ring, re-wrap every sealed value with it and drop keys nothing uses any more. Back up the key ring file afterwards.");
        rotate.SetAction((parse, cancellationToken) => context.RunAsync(parse, async services =>
        {
            var report = await services.GetRequiredService<CaseMaintenance>().RotateKeyAsync(cancellationToken);
            await context.Out.WriteLineAsync($"New active key {report.NewKeyId}: {report.Resealed} sealed value(s) re-wrapped, {report.KeysRemoved} old key(s) removed from the key ring.");
            return ExitCodes.Ok;
        }, cancellationToken));

        var retention = new Command("retention", "Anonymise cases closed longer ago than Cases:RetentionDaysAfterClosure: destroy their identifiers, keep their statistics.");
        retention.SetAction((parse, cancellationToken) => context.RunAsync(parse, async services =>
        {
            var report = await services.GetRequiredService<CaseMaintenance>().AnonymiseExpiredAsync(cancellationToken);
            await context.Out.WriteLineAsync($"Anonymised {report.Anonymised} case(s) closed on or before {CaseInput.Iso(report.ClosedOnOrBefore)}; destroyed {report.IdentifierHashesDestroyed} identifier hash(es). Statistics kept.");
            return ExitCodes.Ok;
        }, cancellationToken));

        return new Command("cases", "Case data maintenance: audit-log verification, key rotation, retention.") { verify, rotate, retention };
    }
}
