using Clearinghouse.Cases;
using Clearinghouse.Data;
using Microsoft.EntityFrameworkCore;

namespace Clearinghouse.Statistics;

/// <summary>One measure of the referral mechanism's performance: the value, and how many cases or referrals it rests on.</summary>
internal sealed record PerformanceMeasure(string Key, string Unit, double? Value, long? Base, string Display);

/// <summary>The NRM performance measures of a period, suppressed for small groups like every table.</summary>
internal sealed record PerformanceReport(string Period, bool Suppressed, int Threshold, IReadOnlyList<PerformanceMeasure> Measures);

/// <summary>
/// Measures of the National Referral Mechanism for the cases identified in a period: days from identification to
/// first assistance and to the first referral (medians), the share of answered referrals that were accepted,
/// services delivered per case, follow-up assessments done on time, and continuity of assistance (3, 6, 12 months).
/// A measure resting on fewer than k cases (or referrals, or follow-ups) is not shown. Only dates and counts are
/// read; no identifier, and nothing per case leaves this class.
/// </summary>
internal sealed class PerformanceMeasures(AppDbContext db)
{
    public async Task<PerformanceReport> ComputeAsync(StatisticsPeriod period, SuppressionRule rule, CancellationToken cancellationToken)
    {
        var cases = db.Cases.Where(c => c.IdentifiedOn >= period.From && c.IdentifiedOn <= period.To && c.IdentificationStatus != IdentificationStatus.NotATraffickingCase);
        var caseCount = await cases.LongCountAsync(cancellationToken);

        var firstAssistance = await cases
            .Join(db.SopSteps.Where(s => s.Kind == SopStepKind.FirstAssistance && s.DoneAt != null), c => c.Id, s => s.CaseId, (c, s) => new { c.Id, c.IdentifiedOn, s.DoneAt })
            .ToListAsync(cancellationToken);
        var daysToAssistance = firstAssistance
            .GroupBy(x => x.Id)
            .Select(g => (double)(DateOnly.FromDateTime(g.Min(x => x.DoneAt!.Value).UtcDateTime).DayNumber - g.First().IdentifiedOn.DayNumber))
            .ToList();

        var referrals = await cases
            .Join(db.Referrals, c => c.Id, r => r.CaseId, (c, r) => new { c.Id, c.IdentifiedOn, r.SentAt, r.Status, r.DeliveredFrom, r.DeliveredTo })
            .ToListAsync(cancellationToken);
        var daysToReferral = referrals
            .GroupBy(x => x.Id)
            .Select(g => (double)(DateOnly.FromDateTime(g.Min(x => x.SentAt).UtcDateTime).DayNumber - g.First().IdentifiedOn.DayNumber))
            .ToList();
        var answered = referrals.Count(r => r.Status != ReferralStatus.Sent);
        var accepted = referrals.Count(r => r.Status is ReferralStatus.Accepted or ReferralStatus.Delivered);
        var delivered = referrals.Count(r => r.DeliveredFrom is not null);
        var spans = referrals
            .Where(r => r.DeliveredFrom is not null)
            .GroupBy(r => r.Id)
            .Select(g => g.Max(r => (r.DeliveredTo ?? period.To).DayNumber) - g.Min(r => r.DeliveredFrom!.Value.DayNumber))
            .ToList();

        var followUps = await cases
            .Join(db.SopSteps.Where(s => s.Kind == SopStepKind.FollowUpAssessment && s.DueOn <= period.To), c => c.Id, s => s.CaseId, (c, s) => new { s.DueOn, s.DoneAt })
            .ToListAsync(cancellationToken);
        var onTime = followUps.Count(f => f.DoneAt is { } done && DateOnly.FromDateTime(done.UtcDateTime) <= f.DueOn);

        PerformanceMeasure Measure(string key, string unit, double? value, long basis, string format)
        {
            if (value is null || basis == 0)
            {
                return new(key, unit, null, basis, "–");
            }

            if (rule.Suppresses && basis < rule.Threshold)
            {
                return new(key, unit, null, null, "<" + rule.Threshold.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            return new(key, unit, Math.Round(value.Value, 2), basis, value.Value.ToString(format, System.Globalization.CultureInfo.InvariantCulture));
        }

        static double? Median(List<double> values)
        {
            if (values.Count == 0)
            {
                return null;
            }

            values.Sort();
            var middle = values.Count / 2;
            return values.Count % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
        }

        double? Share(long part, long whole) => whole == 0 ? null : 100.0 * part / whole;

        return new PerformanceReport(period.Label, rule.Suppresses, rule.Threshold,
        [
            Measure("DaysToFirstAssistance", "days (median)", Median(daysToAssistance), daysToAssistance.Count, "0.#"),
            Measure("DaysToFirstReferral", "days (median)", Median(daysToReferral), daysToReferral.Count, "0.#"),
            Measure("ReferralsAccepted", "% of answered referrals", Share(accepted, answered), answered, "0"),
            Measure("ServicesPerCase", "services delivered per case", caseCount == 0 ? null : (double)delivered / caseCount, caseCount, "0.0"),
            Measure("FollowUpsOnTime", "% of follow-ups due", Share(onTime, followUps.Count), followUps.Count, "0"),
            Measure("AssistedThreeMonths", "% of cases", Share(spans.Count(s => s >= 90), caseCount), caseCount, "0"),
            Measure("AssistedSixMonths", "% of cases", Share(spans.Count(s => s >= 182), caseCount), caseCount, "0"),
            Measure("AssistedTwelveMonths", "% of cases", Share(spans.Count(s => s >= 365), caseCount), caseCount, "0"),
        ]);
    }
}
