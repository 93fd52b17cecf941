using Clearinghouse.Accounts;

namespace Clearinghouse.Activities;

/// <summary>
/// Who sees which activities, as a query filter (an activity the caller may not see is never loaded: it answers 404).
/// Everyone sees published, unretired activities; focal points also their own organisation's drafts and submitted
/// ones; editors everything, retired included.
/// </summary>
internal static class ActivityAccess
{
    public static IQueryable<Activity> Visible(IQueryable<Activity> activities, CurrentUser user)
    {
        if (user.IsEditor)
        {
            return activities;
        }

        if (user.Roles.Contains(Roles.FocalPoint) && user.OrganisationId is { } own)
        {
            return activities.Where(a => a.RetiredAt == null
                && (a.ReviewState == ReviewState.Published
                    || a.Participants.Any(p => p.Role == ParticipantRole.Implementer && p.OrganisationId == own)));
        }

        return Public(activities);
    }

    /// <summary>What the public sees: published and not retired.</summary>
    public static IQueryable<Activity> Public(IQueryable<Activity> activities) =>
        activities.Where(a => a.ReviewState == ReviewState.Published && a.RetiredAt == null);
}
