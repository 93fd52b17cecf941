using Microsoft.AspNetCore.Identity;

namespace Clearinghouse.Accounts;

/// <summary>A signed-in user of the Clearinghouse: staff, focal points and partners.</summary>
internal sealed class AppUser : IdentityUser<Guid>
{
    public AppUser()
    {
        Id = Guid.CreateVersion7();
        SecurityStamp = Guid.NewGuid().ToString();
    }

    public required string DisplayName { get; set; }

    /// <summary>For focal points: the organisation whose entries they may edit.</summary>
    public Guid? OrganisationId { get; set; }

    /// <summary>A disabled user cannot sign in and their API tokens stop working; the account is kept for the history.</summary>
    public bool IsDisabled { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>The roles of the Clearinghouse. Every signed-in role is a partner and sees restricted contacts.</summary>
internal static class Roles
{
    public const string Administrator = "Administrator";
    public const string Editor = "Editor";
    public const string FocalPoint = "FocalPoint";
    public const string Reader = "Reader";

    /// <summary>Works on the cases of their organisation's case teams. Needs two-factor sign-in.</summary>
    public const string CaseWorker = "CaseWorker";

    /// <summary>A case worker who also supervises: approves exports, may take break-glass access. Needs two-factor sign-in.</summary>
    public const string CaseSupervisor = "CaseSupervisor";

    /// <summary>A partner (e.g. a national rapporteur's office) who sees statistics without small-cell suppression; never microdata.</summary>
    public const string StatisticsPartner = "StatisticsPartner";

    public static readonly IReadOnlyList<string> All = [Administrator, Editor, FocalPoint, Reader, CaseWorker, CaseSupervisor, StatisticsPartner];

    /// <summary>The roles that touch case data: two-factor sign-in and a short idle timeout.</summary>
    public static readonly IReadOnlyList<string> CaseRoles = [CaseWorker, CaseSupervisor];

    public static string? Parse(string value) =>
        All.FirstOrDefault(r => string.Equals(r, value.Replace("-", string.Empty, StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase));
}

/// <summary>A token for scripts calling the API. Only a SHA-256 hash of the secret is stored.</summary>
internal sealed class ApiToken
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid UserId { get; set; }

    public AppUser? User { get; set; }

    public required string Name { get; set; }

    /// <summary>The first characters of the token, shown so users can tell their tokens apart.</summary>
    public required string Prefix { get; set; }

    public required string SecretHash { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }

    public DateTimeOffset? LastUsedAt { get; set; }
}
