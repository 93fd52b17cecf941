using System.CommandLine;
using System.Globalization;
using Clearinghouse.Accounts;
using Clearinghouse.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Clearinghouse.Cli;

/// <summary>users add | list | disable | token.</summary>
internal static class UserCommands
{
    private const int MinimumPasswordLength = 12;

    public static Command Users(CliContext context) =>
        new("users", "Manage accounts: add, list, disable, and issue API tokens.") { Add(context), List(context), Disable(context), Token(context) };

    private static Command Add(CliContext context)
    {
        var email = new Option<string>("--email") { Description = "The e-mail address; it is also the sign-in name.", Required = true };
        var name = new Option<string>("--name") { Description = "The name shown to other users.", Required = true };
        var role = new Option<string?>("--role") { Description = "administrator, editor, focal-point, case-worker or case-supervisor (these three need --organisation), reader or statistics-partner." };
        role.AcceptOnlyFromAmong("administrator", "editor", "focal-point", "case-worker", "case-supervisor", "reader", "statistics-partner");
        var admin = new Option<bool>("--admin") { Description = "Shorthand for --role administrator." };
        var organisation = new Option<string?>("--organisation") { Description = "The organisation (slug or id) of a focal point (whose entries they edit) or of a case worker or supervisor (whose cases they work on)." };
        var passwordStdin = new Option<bool>("--password-stdin") { Description = "Read the password from the first line of standard input (for scripts). Without it the password is asked for on the terminal, without echo." };
        var command = new Command("add", $"Add an account. The password must have at least {MinimumPasswordLength} characters.")
        {
            email, name, role, admin, organisation, passwordStdin,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var chosenRole = parse.GetValue(role);
            if (parse.GetValue(admin))
            {
                if (chosenRole is not null && chosenRole != "administrator")
                {
                    await context.Error.WriteLineAsync($"--admin means --role administrator; it cannot be combined with --role {chosenRole}.");
                    return ExitCodes.Usage;
                }

                chosenRole = "administrator";
            }

            if (chosenRole is null)
            {
                await context.Error.WriteLineAsync("Give the account a role with --role (administrator, editor, focal-point, case-worker, case-supervisor, reader, statistics-partner) or --admin.");
                return ExitCodes.Usage;
            }

            var password = await ReadPasswordAsync(context, parse.GetValue(passwordStdin));
            if (password is null)
            {
                return ExitCodes.Usage;
            }

            if (password.Length < MinimumPasswordLength)
            {
                await context.Error.WriteLineAsync($"The password must have at least {MinimumPasswordLength} characters.");
                return ExitCodes.Invalid;
            }

            return await context.RunAsync(parse, async services =>
            {
                Guid? organisationId = null;
                if (parse.GetValue(organisation) is { } wanted)
                {
                    var db = services.GetRequiredService<AppDbContext>();
                    var slug = wanted.Trim().ToLowerInvariant();
                    organisationId = Guid.TryParse(wanted, out var id)
                        ? await db.Organisations.Where(o => o.Id == id).Select(o => (Guid?)o.Id).FirstOrDefaultAsync(cancellationToken)
                        : await db.Organisations.Where(o => o.Slug == slug).Select(o => (Guid?)o.Id).FirstOrDefaultAsync(cancellationToken);
                    if (organisationId is null)
                    {
                        await context.Error.WriteLineAsync($"No organisation has the slug or id '{wanted}'.");
                        return ExitCodes.NotFound;
                    }
                }

                var (user, errors) = await services.GetRequiredService<UserAdmin>()
                    .AddAsync(parse.GetValue(email)!, parse.GetValue(name)!, password, chosenRole, organisationId, cancellationToken);
                if (user is null)
                {
                    foreach (var error in errors)
                    {
                        await context.Error.WriteLineAsync(error);
                    }

                    return ExitCodes.Invalid;
                }

                await context.Out.WriteLineAsync($"Added {user.Email} ({Roles.Parse(chosenRole)}).");
                return ExitCodes.Ok;
            }, cancellationToken);
        });
        return command;
    }

    private static Command List(CliContext context)
    {
        var command = new Command("list", "List every account: e-mail, name, roles and whether it is disabled.");
        command.SetAction((parse, cancellationToken) => context.RunAsync(parse, async services =>
        {
            var users = await services.GetRequiredService<UserAdmin>().ListAsync(cancellationToken);
            await Table.WriteAsync(
                context.Out,
                ["EMAIL", "NAME", "ROLES", "DISABLED"],
                users.Select(u => new[] { u.User.Email, u.User.DisplayName, string.Join(", ", u.Roles.Order(StringComparer.Ordinal)), u.User.IsDisabled ? "yes" : "no" }));
            return ExitCodes.Ok;
        }, cancellationToken));
        return command;
    }

    private static Command Disable(CliContext context)
    {
        var email = new Option<string>("--email") { Description = "The account to disable.", Required = true };
        var command = new Command("disable", "Disable an account: it can no longer sign in, its sessions end and its API tokens stop working. Nothing is deleted.") { email };
        command.SetAction((parse, cancellationToken) => context.RunAsync(parse, async services =>
        {
            var address = parse.GetValue(email)!;
            if (!await services.GetRequiredService<UserAdmin>().DisableAsync(address))
            {
                await context.Error.WriteLineAsync($"No account has the e-mail address {address}.");
                return ExitCodes.NotFound;
            }

            await context.Out.WriteLineAsync($"Disabled {address}.");
            return ExitCodes.Ok;
        }, cancellationToken));
        return command;
    }

    private static Command Token(CliContext context)
    {
        var email = new Option<string>("--email") { Description = "The account the token acts as.", Required = true };
        var name = new Option<string>("--name") { Description = "What the token is for, e.g. the script that uses it.", Required = true };
        var days = new Option<int>("--days") { Description = "Days until the token expires (1 to 3650).", DefaultValueFactory = _ => 90 };
        days.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 1 or > 3650)
            {
                result.AddError("--days must be between 1 and 3650.");
            }
        });
        var command = new Command("token", "Issue an API token for an account. The token is printed once on standard output; only its hash is stored.") { email, name, days };
        command.SetAction((parse, cancellationToken) => context.RunAsync(parse, async services =>
        {
            var address = parse.GetValue(email)!;
            var user = await services.GetRequiredService<UserManager<AppUser>>().FindByEmailAsync(address.Trim());
            if (user is null)
            {
                await context.Error.WriteLineAsync($"No account has the e-mail address {address}.");
                return ExitCodes.NotFound;
            }

            if (user.IsDisabled)
            {
                await context.Error.WriteLineAsync($"{address} is disabled; its tokens would not work.");
                return ExitCodes.Invalid;
            }

            var (token, secret) = await services.GetRequiredService<ApiTokens>()
                .IssueAsync(user.Id, parse.GetValue(name)!, TimeSpan.FromDays(parse.GetValue(days)), cancellationToken);
            await context.Out.WriteLineAsync(secret);
            await context.Error.WriteLineAsync(
                $"Token '{token.Name}' for {user.Email}, valid until {token.ExpiresAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC. " +
                "Copy it now: it is not shown again. Send it as the header 'Authorization: Bearer <token>'.");
            return ExitCodes.Ok;
        }, cancellationToken));
        return command;
    }

    private static async Task<string?> ReadPasswordAsync(CliContext context, bool fromStandardInput)
    {
        if (fromStandardInput)
        {
            var line = await context.Console.In.ReadLineAsync();
            if (string.IsNullOrEmpty(line))
            {
                await context.Error.WriteLineAsync("--password-stdin was given but standard input has no password line.");
                return null;
            }

            return line;
        }

        if (!context.Console.InputIsTerminal)
        {
            await context.Error.WriteLineAsync("Standard input is not a terminal, so the password cannot be asked for. Pipe it in and add --password-stdin.");
            return null;
        }

        var password = context.Console.ReadSecret("Password: ");
        if (password is null || context.Console.ReadSecret("Repeat the password: ") != password)
        {
            await context.Error.WriteLineAsync("The passwords do not match.");
            return null;
        }

        return password;
    }
}
