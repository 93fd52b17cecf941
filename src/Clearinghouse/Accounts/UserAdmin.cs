using Clearinghouse.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Clearinghouse.Accounts;

/// <summary>Adds, lists and disables accounts (for the operator CLI and the administrators' pages).</summary>
internal sealed class UserAdmin(UserManager<AppUser> users, RoleManager<IdentityRole<Guid>> roles, AppDbContext db, TimeProvider clock)
{
    public async Task<(AppUser? User, IReadOnlyList<string> Errors)> AddAsync(
        string email, string displayName, string password, string role, Guid? organisationId, CancellationToken cancellationToken = default)
    {
        var errors = new List<string>();
        var roleName = Roles.Parse(role);
        if (roleName is null)
        {
            errors.Add($"Unknown role '{role}'. Use one of: {string.Join(", ", Roles.All)}.");
        }

        if (roleName == Roles.FocalPoint && organisationId is null)
        {
            errors.Add("A focal point must belong to an organisation (--organisation).");
        }

        if (roleName is not null && Roles.CaseRoles.Contains(roleName) && organisationId is null)
        {
            errors.Add("A case worker or supervisor must belong to an organisation (--organisation): cases are shared between organisations.");
        }

        if (organisationId is { } orgId && !await db.Organisations.AnyAsync(o => o.Id == orgId, cancellationToken))
        {
            errors.Add($"No organisation with id {orgId}.");
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        await EnsureRolesAsync();
        var user = new AppUser
        {
            UserName = email.Trim(),
            Email = email.Trim(),
            EmailConfirmed = true,
            DisplayName = displayName.Trim(),
            OrganisationId = organisationId,
            CreatedAt = clock.GetUtcNow(),
            LockoutEnabled = true,
        };
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            return (null, created.Errors.Select(e => e.Description).ToList());
        }

        var added = await users.AddToRoleAsync(user, roleName!);
        return added.Succeeded ? (user, []) : (null, added.Errors.Select(e => e.Description).ToList());
    }

    public async Task<IReadOnlyList<(AppUser User, IList<string> Roles)>> ListAsync(CancellationToken cancellationToken = default)
    {
        var all = await db.Users.AsNoTracking().OrderBy(u => u.Email).ToListAsync(cancellationToken);
        var result = new List<(AppUser, IList<string>)>(all.Count);
        foreach (var user in all)
        {
            result.Add((user, await users.GetRolesAsync(user)));
        }

        return result;
    }

    /// <summary>Disables an account: it can no longer sign in, its sessions end and its tokens stop working. Nothing is deleted.</summary>
    public async Task<bool> DisableAsync(string email)
    {
        var user = await users.FindByEmailAsync(email.Trim());
        if (user is null)
        {
            return false;
        }

        user.IsDisabled = true;
        user.LockoutEnabled = true;
        user.LockoutEnd = DateTimeOffset.MaxValue;
        await users.UpdateAsync(user);
        await users.UpdateSecurityStampAsync(user);
        return true;
    }

    public async Task EnsureRolesAsync()
    {
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole<Guid>(role) { Id = Guid.CreateVersion7() });
            }
        }
    }
}
