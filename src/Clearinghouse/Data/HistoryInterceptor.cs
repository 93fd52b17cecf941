using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Clearinghouse.Accounts;
using Clearinghouse.Common;
using Clearinghouse.Directory;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Clearinghouse.Data;

/// <summary>
/// Writes a <see cref="ChangeRecord"/> for every change to a record with history, in the same transaction as the
/// change, bumps its concurrency version, and refuses hard deletes.
/// </summary>
internal sealed class HistoryInterceptor(CurrentUser currentUser, TimeProvider clock) : SaveChangesInterceptor
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerOptions.Web) { Converters = { new JsonStringEnumConverter() } };

    private static readonly HashSet<string> Untracked = new(StringComparer.Ordinal) { nameof(IHasHistory.Version), nameof(Organisation.SearchText) };

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Record(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Record(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private void Record(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        var now = clock.GetUtcNow();
        var records = new List<ChangeRecord>();
        foreach (var entry in context.ChangeTracker.Entries().ToList())
        {
            if (entry.Entity is Organisation organisation && entry.State is EntityState.Added or EntityState.Modified)
            {
                organisation.RefreshSearchText();
            }
            else if (entry.Entity is Activities.Activity activity && entry.State is EntityState.Added or EntityState.Modified)
            {
                activity.RefreshSearchText();
                activity.RefreshFacets();
            }

            if (entry.Entity is IHasHistory tracked)
            {
                var record = ForTracked(entry, tracked, now);
                if (record is not null)
                {
                    records.Add(record);
                }
            }
            else if (entry.Entity is BodyMembership membership && entry.State is EntityState.Added or EntityState.Deleted or EntityState.Modified)
            {
                records.Add(ForMembership(entry, membership, now));
            }
        }

        context.Set<ChangeRecord>().AddRange(records);
    }

    private ChangeRecord? ForTracked(EntityEntry entry, IHasHistory tracked, DateTimeOffset now)
    {
        var typeName = entry.Metadata.ClrType.Name;
        switch (entry.State)
        {
            case EntityState.Deleted:
                throw new HardDeleteNotAllowedException(typeName);
            case EntityState.Added:
                tracked.Version = 1;
                var created = new JsonObject();
                foreach (var property in entry.Properties.Where(p => !Untracked.Contains(p.Metadata.Name) && !p.Metadata.IsPrimaryKey()))
                {
                    var value = ToJson(property.CurrentValue);
                    if (value is not null)
                    {
                        created[property.Metadata.Name] = new JsonArray(null, value);
                    }
                }

                return NewRecord(typeName, tracked.Id, ChangeActions.Created, created, now);
            case EntityState.Modified:
                var changes = new JsonObject();
                foreach (var property in entry.Properties.Where(p => p.IsModified && !Untracked.Contains(p.Metadata.Name)))
                {
                    var before = ToJson(property.OriginalValue);
                    var after = ToJson(property.CurrentValue);
                    if (!JsonNode.DeepEquals(before, after))
                    {
                        changes[property.Metadata.Name] = new JsonArray(before, after);
                    }
                }

                if (changes.Count == 0)
                {
                    return null;
                }

                tracked.Version = (int)entry.Property(nameof(IHasHistory.Version)).OriginalValue! + 1;
                var retiredChange = entry.Property(nameof(IHasHistory.RetiredAt));
                var action = !retiredChange.IsModified ? ChangeActions.Updated
                    : retiredChange.CurrentValue is null ? ChangeActions.Restored
                    : ChangeActions.Retired;
                return NewRecord(typeName, tracked.Id, action, changes, now);
            default:
                return null;
        }
    }

    private ChangeRecord ForMembership(EntityEntry entry, BodyMembership membership, DateTimeOffset now)
    {
        var before = entry.State == EntityState.Added ? null : entry.Property(nameof(BodyMembership.Role)).OriginalValue?.ToString();
        var after = entry.State == EntityState.Deleted ? null : membership.Role.ToString();
        var changes = new JsonObject { [$"Member {membership.OrganisationId}"] = new JsonArray(before, after) };
        return NewRecord(nameof(CoordinationBody), membership.BodyId, ChangeActions.Updated, changes, now);
    }

    private ChangeRecord NewRecord(string type, Guid id, string action, JsonObject changes, DateTimeOffset now) => new()
    {
        EntityType = type,
        EntityId = id,
        Action = action,
        ChangedAt = now,
        ChangedBy = currentUser.Name,
        Changes = changes.ToJsonString(),
    };

    private static JsonNode? ToJson(object? value) => value switch
    {
        null => null,
        string s => JsonValue.Create(s),
        _ => JsonSerializer.SerializeToNode(value, Json),
    };
}
