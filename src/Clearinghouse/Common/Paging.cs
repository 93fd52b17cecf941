namespace Clearinghouse.Common;

/// <summary>
/// One page of results with the total count, for lists in pages and the API. When
/// <see cref="TotalIsLowerBound"/> is true, counting stopped at <see cref="TotalCount"/> and more records match.
/// </summary>
internal sealed record Page<T>(IReadOnlyList<T> Items, int PageNumber, int PageSize, int TotalCount, bool TotalIsLowerBound = false)
{
    /// <summary>The number of pages, as far as it is known (at least the pages up to the current one).</summary>
    public int PageCount => Math.Max(TotalCount == 0 ? 1 : (int)Math.Ceiling(TotalCount / (double)PageSize), Items.Count > 0 ? PageNumber : 1);

    /// <summary>Whether a next page exists (or, with a capped count, may exist: the page is full).</summary>
    public bool HasNextPage => TotalIsLowerBound ? Items.Count == PageSize : PageNumber < PageCount;
}

internal static class Paging
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;

    /// <summary>Large lists are counted up to this many matches; beyond it the count says "more than".</summary>
    public const int CountLimit = 1000;

    public static (int Page, int PageSize) Normalize(int? page, int? pageSize)
    {
        var size = Math.Clamp(pageSize ?? DefaultPageSize, 1, MaxPageSize);
        var number = Math.Max(page ?? 1, 1);
        return (number, size);
    }
}
