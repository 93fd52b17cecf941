using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Clearinghouse.Data;

/// <summary>
/// Change tracking for a list stored as one column (a PostgreSQL array, JSON on SQLite): equal when the elements are
/// equal in order, snapshot a copy, hash the elements. The same answers as EF Core's own comparer for primitive
/// collections, which creates a delegate (DynamicMethod.CreateDelegate) on every comparison: about a third of an IATI
/// import's time in the process went there.
/// </summary>
internal sealed class ListComparer<T>() : ValueComparer<List<T>>((a, b) => AreEqual(a, b), list => HashOf(list), list => Copy(list))
{
    private static bool AreEqual(List<T>? a, List<T>? b) =>
        ReferenceEquals(a, b) || (a is not null && b is not null && a.SequenceEqual(b, EqualityComparer<T>.Default));

    private static int HashOf(List<T>? list)
    {
        var hash = new HashCode();
        foreach (var item in list ?? [])
        {
            hash.Add(item);
        }

        return hash.ToHashCode();
    }

    private static List<T> Copy(List<T>? list) => list is null ? null! : [.. list];
}
