namespace Clearinghouse.Activities;

/// <summary>
/// Whether an activity's period overlaps [from, to], the one rule the list filters and the gap matrix share. A missing
/// date is read with the status: a completed activity without an end date ended before today, so it is never "ongoing
/// today" but may overlap a period that began earlier; a planned activity without a start date starts after today, so
/// it counts only for a period that goes on after today. An ongoing activity's missing dates are open ends.
/// </summary>
internal static class ActivityPeriod
{
    public static IQueryable<Activity> Overlapping(this IQueryable<Activity> activities, DateOnly? from, DateOnly? to, DateOnly today)
    {
        if (from is { } f)
        {
            activities = f < today
                ? activities.Where(a => a.EndDate == null || a.EndDate >= f)
                : activities.Where(a => (a.EndDate == null && a.Status != ActivityStatus.Completed) || a.EndDate >= f);
        }

        if (to is { } t)
        {
            activities = t > today
                ? activities.Where(a => a.StartDate == null || a.StartDate <= t)
                : activities.Where(a => (a.StartDate == null && a.Status != ActivityStatus.Planned) || a.StartDate <= t);
        }

        return activities;
    }
}
