namespace Clearinghouse.Common;

/// <summary>An entity whose every change is written to the change history and which is never hard-deleted.</summary>
internal interface IHasHistory
{
    Guid Id { get; }

    /// <summary>Set when the record is retired; retired records stay in the database and in the history.</summary>
    DateTimeOffset? RetiredAt { get; set; }

    /// <summary>Optimistic concurrency token, incremented on every save.</summary>
    int Version { get; set; }
}

/// <summary>One change to one record: who, when, what.</summary>
internal sealed class ChangeRecord
{
    public long Id { get; set; }

    public required string EntityType { get; set; }

    public Guid EntityId { get; set; }

    public required string Action { get; set; }

    public DateTimeOffset ChangedAt { get; set; }

    /// <summary>User name of the author, or "system" / "cli" for operator actions.</summary>
    public required string ChangedBy { get; set; }

    /// <summary>JSON object: property name to [old, new].</summary>
    public required string Changes { get; set; }
}

internal static class ChangeActions
{
    public const string Created = "Created";
    public const string Updated = "Updated";
    public const string Retired = "Retired";
    public const string Restored = "Restored";
    public const string Merged = "Merged";
}

/// <summary>Thrown when a caller tries to hard-delete a record with history.</summary>
internal sealed class HardDeleteNotAllowedException(string entityType)
    : InvalidOperationException($"{entityType} records are retired, never deleted.");
