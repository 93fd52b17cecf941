using System.Text.Json.Nodes;
using Clearinghouse.Accounts;
using Clearinghouse.Common;
using Clearinghouse.Data;
using Microsoft.EntityFrameworkCore;

namespace Clearinghouse.Directory;

/// <summary>The kinds of directory record that keep a history readers can ask for.</summary>
internal enum HistoryKind
{
    Organisation,
    Person,
    Body,
}

/// <summary>
/// One changed field: its property name, the value before and after (as stored, JSON). For a change of a body's members
/// the field is <see cref="DirectoryHistory.MemberField"/> and <see cref="MemberOrganisationId"/> names the organisation.
/// </summary>
internal sealed record FieldChange(string Field, JsonNode? Before, JsonNode? After, Guid? MemberOrganisationId = null);

internal sealed record HistoryEntry(DateTimeOffset ChangedAt, string ChangedBy, string Action, IReadOnlyList<FieldChange> Changes);

/// <summary>The history of one record, newest change first, with what a page needs to name the record.</summary>
internal sealed record RecordHistory(HistoryKind Kind, Guid Id, string Name, string? Slug, IReadOnlyList<HistoryEntry> Entries);

/// <summary>
/// Reads the change history of a directory record for one caller. The record itself must be visible to the caller
/// (retired records only for editors), and restricted contact fields are left out for anyone not signed in.
/// </summary>
internal sealed class DirectoryHistory(AppDbContext db, CurrentUser user)
{
    public const string MemberField = "Member";

    private const string MemberPrefix = "Member ";

    private static readonly HashSet<string> RestrictedFields = new(StringComparer.Ordinal) { nameof(Person.DirectPhone), nameof(Person.PersonalEmail) };

    public async Task<RecordHistory?> ReadAsync(HistoryKind kind, Guid id, CancellationToken cancellationToken = default)
    {
        var editor = user.IsEditor;
        var record = kind switch
        {
            HistoryKind.Organisation => await db.Organisations.AsNoTracking()
                .Where(o => o.Id == id && (editor || o.RetiredAt == null))
                .Select(o => new { o.Name, Slug = (string?)o.Slug }).FirstOrDefaultAsync(cancellationToken),
            HistoryKind.Person => await db.People.AsNoTracking()
                .Where(p => p.Id == id && (editor || (p.RetiredAt == null && p.Organisation!.RetiredAt == null)))
                .Select(p => new { Name = p.GivenName + " " + p.FamilyName, Slug = (string?)p.Organisation!.Slug }).FirstOrDefaultAsync(cancellationToken),
            _ => await db.CoordinationBodies.AsNoTracking()
                .Where(b => b.Id == id && (editor || b.RetiredAt == null))
                .Select(b => new { b.Name, Slug = (string?)b.Slug }).FirstOrDefaultAsync(cancellationToken),
        };
        if (record is null)
        {
            return null;
        }

        var entityType = kind switch
        {
            HistoryKind.Organisation => nameof(Organisation),
            HistoryKind.Person => nameof(Person),
            _ => nameof(CoordinationBody),
        };
        var rows = await db.ChangeRecords.AsNoTracking()
            .Where(c => c.EntityType == entityType && c.EntityId == id)
            .OrderByDescending(c => c.ChangedAt).ThenByDescending(c => c.Id)
            .ToListAsync(cancellationToken);
        var entries = rows.Select(r => new HistoryEntry(r.ChangedAt, r.ChangedBy, r.Action, Parse(r.Changes))).ToList();
        return new RecordHistory(kind, id, record.Name, record.Slug, entries);
    }

    private List<FieldChange> Parse(string json)
    {
        var changes = new List<FieldChange>();
        if (JsonNode.Parse(json) is not JsonObject fields)
        {
            return changes;
        }

        foreach (var (name, value) in fields)
        {
            if (RestrictedFields.Contains(name) && !user.SeesRestrictedContacts)
            {
                continue;
            }

            var pair = value as JsonArray;
            var before = pair is { Count: > 0 } ? pair[0]?.DeepClone() : null;
            var after = pair is { Count: > 1 } ? pair[1]?.DeepClone() : null;
            if (name.StartsWith(MemberPrefix, StringComparison.Ordinal) && Guid.TryParse(name[MemberPrefix.Length..], out var organisationId))
            {
                changes.Add(new FieldChange(MemberField, before, after, organisationId));
            }
            else
            {
                changes.Add(new FieldChange(name, before, after));
            }
        }

        return changes;
    }
}
