using System.Security.Claims;

namespace Clearinghouse.Accounts;

/// <summary>
/// Who is acting in this scope (one web request, or one CLI command). Filled once per request
/// from the authenticated principal; queries use it to decide what the caller may see.
/// </summary>
internal sealed class CurrentUser
{
    public Guid? UserId { get; private set; }

    /// <summary>The account's user name (its e-mail address), as recorded in the history.</summary>
    public string Name { get; private set; } = "anonymous";

    /// <summary>The name people see, e.g. in the menu.</summary>
    public string DisplayName { get; private set; } = string.Empty;

    public IReadOnlySet<string> Roles { get; private set; } = new HashSet<string>();

    public Guid? OrganisationId { get; private set; }

    public bool IsAuthenticated => UserId is not null;

    /// <summary>Partners (every signed-in role) see restricted contact details.</summary>
    public bool SeesRestrictedContacts => IsAuthenticated;

    public bool IsEditor => Roles.Contains(Accounts.Roles.Editor) || Roles.Contains(Accounts.Roles.Administrator);

    public bool IsAdministrator => Roles.Contains(Accounts.Roles.Administrator);

    /// <summary>Editors edit everything in the directory; focal points edit their own organisation.</summary>
    public bool CanEditOrganisation(Guid organisationId) =>
        IsEditor || (Roles.Contains(Accounts.Roles.FocalPoint) && OrganisationId == organisationId);

    public void SetFrom(ClaimsPrincipal principal)
    {
        if (principal.Identity?.IsAuthenticated != true)
        {
            return;
        }

        if (Guid.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var id))
        {
            UserId = id;
        }

        Name = principal.Identity.Name ?? "unknown";
        DisplayName = principal.FindFirstValue("name") ?? Name;
        Roles = principal.FindAll(ClaimTypes.Role).Select(c => c.Value).ToHashSet(StringComparer.Ordinal);
        OrganisationId = Guid.TryParse(principal.FindFirstValue(ClaimNames.Organisation), out var org) ? org : null;
    }

    /// <summary>For operator commands: acts as the named operator with full rights.</summary>
    public void SetOperator(string name)
    {
        UserId = Guid.Empty;
        Name = name;
        DisplayName = name;
        Roles = new HashSet<string>([Accounts.Roles.Administrator], StringComparer.Ordinal);
    }
}

internal static class ClaimNames
{
    public const string Organisation = "clearinghouse:organisation";
}
