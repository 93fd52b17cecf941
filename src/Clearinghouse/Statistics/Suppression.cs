namespace Clearinghouse.Statistics;

// Small-cell suppression for published tables (see docs/decisions/0011-statistical-disclosure-control.md).
//
// What a reader of a published table knows: every published value exactly; that a primary-suppressed cell ("<k")
// holds 1..k-1 persons; that a secondary-suppressed cell holds 0 or more. A suppressed cell is safe when at least
// one other table, consistent with everything published, gives it a different value. For additive tables (cells
// sum to their row and column totals) that is exactly the case when the cell lies on a cycle of suppressed cells
// along which every cell can move by one step (alternately +1 and -1) without leaving the range the reader knows:
// any two consistent tables differ by a circulation, which splits into such cycles. The suppressor checks this
// for every suppressed cell and suppresses more cells (the smallest first) until it holds.

/// <summary>How a cell is published.</summary>
internal enum CellStatus
{
    Published,

    /// <summary>Based on 1..k-1 persons: shown as "&lt;k".</summary>
    Primary,

    /// <summary>Hidden so that a primary cell cannot be worked out from totals: shown as "x".</summary>
    Secondary,
}

/// <summary>The disclosure-control settings: the threshold k and the rounding base of published values.</summary>
internal sealed record SuppressionRule(int Threshold = 5, int RoundTo = 1)
{
    public static readonly SuppressionRule Default = new();

    /// <summary>No suppression and no rounding: what partners with the StatisticsPartner role see.</summary>
    public static readonly SuppressionRule None = new(0, 1);

    public bool Suppresses => Threshold > 1;

    /// <summary>Whether a count is primary-sensitive: 1..k-1 persons (zero describes nobody and is published).</summary>
    public bool IsSensitive(long value) => Suppresses && value > 0 && value < Threshold;

    /// <summary>A published value rounded to the nearest multiple of <see cref="RoundTo"/> (halves up).</summary>
    public long Round(long value) => RoundTo <= 1 ? value : (value + (RoundTo / 2)) / RoundTo * RoundTo;
}

/// <summary>A one-way table (the counts of one dimension's categories) with its total, and how each is published.</summary>
internal sealed class OneWayPattern(long[] cells, long total, CellStatus[] status, CellStatus totalStatus)
{
    public long[] Cells { get; } = cells;

    public long Total { get; } = total;

    public CellStatus[] Status { get; } = status;

    public CellStatus TotalStatus { get; set; } = totalStatus;
}

/// <summary>A two-way table with its row totals, column totals and grand total, and how each is published.</summary>
internal sealed class TwoWayPattern
{
    public TwoWayPattern(long[,] cells)
    {
        Rows = cells.GetLength(0);
        Columns = cells.GetLength(1);
        // The extended table: row index Rows holds column totals, column index Columns holds row totals.
        Values = new long[Rows + 1, Columns + 1];
        Status = new CellStatus[Rows + 1, Columns + 1];
        for (var i = 0; i < Rows; i++)
        {
            for (var j = 0; j < Columns; j++)
            {
                Values[i, j] = cells[i, j];
                Values[i, Columns] += cells[i, j];
                Values[Rows, j] += cells[i, j];
                Values[Rows, Columns] += cells[i, j];
            }
        }
    }

    public int Rows { get; }

    public int Columns { get; }

    /// <summary>Interior cells, then totals at index <see cref="Rows"/> (column totals) and <see cref="Columns"/> (row totals).</summary>
    public long[,] Values { get; }

    public CellStatus[,] Status { get; }

    public bool IsSuppressed(int row, int column) => Status[row, column] != CellStatus.Published;
}

/// <summary>
/// Primary and secondary suppression of one-way and two-way tables, and of a family of tables published together
/// for one period (each two-way table's totals are the one-way tables of its dimensions, suppressed the same way
/// everywhere). Pure: no database, no I/O.
/// </summary>
internal static class Suppressor
{
    /// <summary>Suppresses a one-way table and its total. <paramref name="forced"/> cells (and the total, if forced) are hidden too.</summary>
    public static OneWayPattern SuppressOneWay(long[] cells, SuppressionRule rule, IReadOnlySet<int>? forced = null, bool forceTotal = false)
    {
        var total = cells.Sum();
        var status = new CellStatus[cells.Length];
        for (var i = 0; i < cells.Length; i++)
        {
            status[i] = rule.IsSensitive(cells[i]) ? CellStatus.Primary : forced?.Contains(i) == true ? CellStatus.Secondary : CellStatus.Published;
        }

        var pattern = new OneWayPattern(cells, total, status, rule.IsSensitive(total) ? CellStatus.Primary : forceTotal ? CellStatus.Secondary : CellStatus.Published);
        if (!rule.Suppresses)
        {
            return pattern;
        }

        while (FirstUnprotected(pattern, rule) is { } weak)
        {
            // Hide the smallest published non-zero cell that protects the weak one; zeros only as a last resort.
            var candidates = Enumerable.Range(0, cells.Length)
                .Where(i => status[i] == CellStatus.Published)
                .OrderBy(i => cells[i] == 0 ? 1 : 0).ThenBy(i => cells[i]).ThenBy(i => i)
                .ToList();
            var chosen = candidates.Cast<int?>().FirstOrDefault(i =>
            {
                status[i!.Value] = CellStatus.Secondary;
                var protects = IsProtected(pattern, weak, rule);
                status[i.Value] = CellStatus.Published;
                return protects;
            });
            if (chosen is { } index)
            {
                status[index] = CellStatus.Secondary;
            }
            else if (candidates.Count > 0)
            {
                status[candidates[0]] = CellStatus.Secondary;
            }
            else if (pattern.TotalStatus == CellStatus.Published)
            {
                pattern.TotalStatus = CellStatus.Secondary;
            }
            else
            {
                break; // everything is hidden already
            }
        }

        return pattern;
    }

    /// <summary>
    /// Suppresses a two-way table whose totals are published as given (<paramref name="rowTotals"/>,
    /// <paramref name="columnTotals"/>: the one-way patterns of the two dimensions). Returns false, with
    /// <paramref name="needsRowTotal"/> or <paramref name="needsColumnTotal"/> set, when a cell can only be
    /// protected by hiding one more total; the caller then hides it in the one-way table and starts again.
    /// </summary>
    public static bool TrySuppressTwoWay(
        TwoWayPattern table,
        OneWayPattern rowTotals,
        OneWayPattern columnTotals,
        SuppressionRule rule,
        out int? needsRowTotal,
        out int? needsColumnTotal)
    {
        needsRowTotal = null;
        needsColumnTotal = null;
        var rows = table.Rows;
        var columns = table.Columns;
        for (var i = 0; i < rows; i++)
        {
            table.Status[i, columns] = rowTotals.Status[i];
        }

        for (var j = 0; j < columns; j++)
        {
            table.Status[rows, j] = columnTotals.Status[j];
        }

        table.Status[rows, columns] = rowTotals.TotalStatus != CellStatus.Published ? rowTotals.TotalStatus : columnTotals.TotalStatus;
        for (var i = 0; i < rows; i++)
        {
            for (var j = 0; j < columns; j++)
            {
                table.Status[i, j] = rule.IsSensitive(table.Values[i, j]) ? CellStatus.Primary : CellStatus.Published;
            }
        }

        if (!rule.Suppresses)
        {
            return true;
        }

        while (FirstUnprotected(table, rule) is { } weak)
        {
            var (wr, wc) = weak;
            var candidates = new List<(int Row, int Column)>();
            for (var i = 0; i < rows; i++)
            {
                for (var j = 0; j < columns; j++)
                {
                    if (table.Status[i, j] == CellStatus.Published)
                    {
                        candidates.Add((i, j));
                    }
                }
            }

            // The cheapest way (fewest persons hidden) to put the weak cell on a cycle: one more cell, else two,
            // else the three that close a rectangle with it; zeros count as expensive (they describe nobody).
            long Cost(IEnumerable<(int Row, int Column)> cells) => cells.Sum(c => table.Values[c.Row, c.Column] == 0 ? 1_000_000 : table.Values[c.Row, c.Column]);
            var chosen = Cheapest(table, weak, rule, candidates.Select(c => new[] { c }), Cost)
                ?? Cheapest(table, weak, rule, Pairs([.. candidates.OrderBy(c => Cost([c])).Take(40)]), Cost)
                ?? Cheapest(table, weak, rule, Rectangles(table, weak), Cost);
            if (chosen is not null)
            {
                foreach (var c in chosen)
                {
                    table.Status[c.Row, c.Column] = CellStatus.Secondary;
                }

                continue;
            }

            // Every interior cell is hidden: a total must go too.
            if (wr < rows && table.Status[wr, columns] == CellStatus.Published)
            {
                needsRowTotal = wr;
            }
            else if (wc < columns && table.Status[rows, wc] == CellStatus.Published)
            {
                needsColumnTotal = wc;
            }
            else
            {
                var row = Enumerable.Range(0, rows).Where(i => table.Status[i, columns] == CellStatus.Published).OrderBy(i => table.Values[i, columns]).Cast<int?>().FirstOrDefault();
                needsRowTotal = row;
                if (row is null)
                {
                    needsColumnTotal = Enumerable.Range(0, columns).Where(j => table.Status[rows, j] == CellStatus.Published).OrderBy(j => table.Values[rows, j]).Cast<int?>().FirstOrDefault();
                }
            }

            return needsRowTotal is null && needsColumnTotal is null;
        }

        return true;
    }

    /// <summary>
    /// Suppresses the tables published together: a one-way table per dimension and two-way tables over pairs of
    /// them. A one-way pattern depends on its own counts only, and every two-way table shows its totals exactly
    /// as the one-way tables do, so every page and API answer of a period hides the same totals and no table can
    /// undo another's suppression. A two-way table that could only be protected by hiding one more total is
    /// withheld (returned in <c>Withheld</c>) rather than published with totals that differ from the one-way tables.
    /// </summary>
    public static (Dictionary<string, OneWayPattern> OneWay, Dictionary<(string Row, string Column), TwoWayPattern> TwoWay, List<(string Row, string Column)> Withheld) SuppressFamily(
        IReadOnlyDictionary<string, long[]> oneWay,
        IReadOnlyList<(string Row, string Column, long[,] Cells)> twoWay,
        SuppressionRule rule)
    {
        var patterns = oneWay.ToDictionary(p => p.Key, p => SuppressOneWay(p.Value, rule), StringComparer.Ordinal);
        if (rule.Suppresses && patterns.Values.Any(p => p.TotalStatus != CellStatus.Published))
        {
            // One table hides the grand total: every table hides it.
            patterns = oneWay.ToDictionary(p => p.Key, p => SuppressOneWay(p.Value, rule, forceTotal: true), StringComparer.Ordinal);
        }

        var tables = new Dictionary<(string, string), TwoWayPattern>();
        var withheld = new List<(string, string)>();
        foreach (var (row, column, cells) in twoWay)
        {
            var table = new TwoWayPattern(cells);
            if (TrySuppressTwoWay(table, patterns[row], patterns[column], rule, out _, out _))
            {
                tables[(row, column)] = table;
            }
            else
            {
                withheld.Add((row, column));
            }
        }

        return (patterns, tables, withheld);
    }

    private static (int Row, int Column)[]? Cheapest(
        TwoWayPattern table,
        (int Row, int Column) weak,
        SuppressionRule rule,
        IEnumerable<(int Row, int Column)[]> options,
        Func<IEnumerable<(int Row, int Column)>, long> cost)
    {
        (int Row, int Column)[]? best = null;
        var bestCost = long.MaxValue;
        foreach (var option in options)
        {
            var price = cost(option);
            if (price >= bestCost)
            {
                continue;
            }

            foreach (var c in option)
            {
                table.Status[c.Row, c.Column] = CellStatus.Secondary;
            }

            var protects = IsProtected(table, weak, rule);
            foreach (var c in option)
            {
                table.Status[c.Row, c.Column] = CellStatus.Published;
            }

            if (protects)
            {
                best = option;
                bestCost = price;
            }
        }

        return best;
    }

    private static IEnumerable<(int Row, int Column)[]> Pairs(List<(int Row, int Column)> candidates)
    {
        for (var a = 0; a < candidates.Count; a++)
        {
            for (var b = a + 1; b < candidates.Count; b++)
            {
                yield return [candidates[a], candidates[b]];
            }
        }
    }

    /// <summary>For a weak cell (r, c): the published interior cells (r, j), (i, c), (i, j) that close a rectangle with it.</summary>
    private static IEnumerable<(int Row, int Column)[]> Rectangles(TwoWayPattern table, (int Row, int Column) weak)
    {
        for (var i = 0; i < table.Rows; i++)
        {
            for (var j = 0; j < table.Columns; j++)
            {
                if (i == weak.Row || j == weak.Column)
                {
                    continue;
                }

                var cells = new[] { (weak.Row, j), (i, weak.Column), (i, j) }
                    .Where(c => c.Item1 < table.Rows && c.Item2 < table.Columns)
                    .Where(c => table.Status[c.Item1, c.Item2] == CellStatus.Published)
                    .ToArray();
                if (cells.Length > 0)
                {
                    yield return cells;
                }
            }
        }
    }

    // ---- The protection test ----

    /// <summary>The range a reader knows a cell lies in.</summary>
    private static (long Low, long High) Known(long value, CellStatus status, SuppressionRule rule) => status switch
    {
        CellStatus.Published => (value, value),
        CellStatus.Primary => (1, rule.Threshold - 1),
        _ => (0, long.MaxValue),
    };

    private static bool CanMove(long value, CellStatus status, SuppressionRule rule, int step)
    {
        var (low, high) = Known(value, status, rule);
        var moved = value + step;
        return status != CellStatus.Published && moved >= low && moved <= high;
    }

    private static int? FirstUnprotected(OneWayPattern pattern, SuppressionRule rule)
    {
        for (var i = 0; i <= pattern.Cells.Length; i++)
        {
            var status = i == pattern.Cells.Length ? pattern.TotalStatus : pattern.Status[i];
            if (status != CellStatus.Published && !IsProtected(pattern, i, rule))
            {
                return i;
            }
        }

        return null;
    }

    /// <summary>
    /// Whether cell <paramref name="index"/> (the total when it equals the cell count) can move by one while
    /// another suppressed value moves the other way (the total moves with the cell), keeping everything published.
    /// </summary>
    internal static bool IsProtected(OneWayPattern pattern, int index, SuppressionRule rule)
    {
        var n = pattern.Cells.Length;
        long Value(int i) => i == n ? pattern.Total : pattern.Cells[i];
        CellStatus Status(int i) => i == n ? pattern.TotalStatus : pattern.Status[i];

        // In "signed" form the cells sum to the total: y_i = x_i, y_total = -total, sum y = 0.
        bool CanMoveSigned(int i, int step) => CanMove(Value(i), Status(i), rule, i == n ? -step : step);
        foreach (var step in new[] { 1, -1 })
        {
            if (!CanMoveSigned(index, step))
            {
                continue;
            }

            for (var other = 0; other <= n; other++)
            {
                if (other != index && CanMoveSigned(other, -step))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static (int Row, int Column)? FirstUnprotected(TwoWayPattern table, SuppressionRule rule)
    {
        for (var i = 0; i <= table.Rows; i++)
        {
            for (var j = 0; j <= table.Columns; j++)
            {
                if (table.IsSuppressed(i, j) && !IsProtected(table, (i, j), rule))
                {
                    return (i, j);
                }
            }
        }

        return null;
    }

    /// <summary>
    /// Whether a suppressed cell of the extended table lies on a cycle of suppressed cells along which every cell
    /// can move one step (alternately up and down) within the range a reader knows. Rows and columns are the nodes
    /// of a bipartite graph, suppressed cells its edges; the search looks for a path back that closes the cycle.
    /// </summary>
    internal static bool IsProtected(TwoWayPattern table, (int Row, int Column) cell, SuppressionRule rule)
    {
        var rows = table.Rows + 1;
        var columns = table.Columns + 1;

        // Signed form: totals carry a minus sign (grand total a plus), so every row and column sums to zero.
        int Sign(int i, int j) => (i == table.Rows) ^ (j == table.Columns) ? -1 : 1;
        bool CanMoveSigned(int i, int j, int step) => CanMove(table.Values[i, j], table.Status[i, j], rule, Sign(i, j) * step);

        foreach (var step in new[] { 1, -1 })
        {
            // The cell is crossed row -> column with +step; every other cell crossed row -> column moves +step,
            // column -> row moves -step. Search from the cell's column back to its row.
            if (!CanMoveSigned(cell.Row, cell.Column, step))
            {
                continue;
            }

            var seenRows = new bool[rows];
            var seenColumns = new bool[columns];
            var queue = new Queue<(bool IsRow, int Index)>();
            queue.Enqueue((false, cell.Column));
            seenColumns[cell.Column] = true;
            while (queue.Count > 0)
            {
                var (isRow, index) = queue.Dequeue();
                if (isRow)
                {
                    for (var j = 0; j < columns; j++)
                    {
                        if (!seenColumns[j] && (index, j) != cell && CanMoveSigned(index, j, step))
                        {
                            seenColumns[j] = true;
                            queue.Enqueue((false, j));
                        }
                    }
                }
                else
                {
                    for (var i = 0; i < rows; i++)
                    {
                        if (!seenRows[i] && (i, index) != cell && CanMoveSigned(i, index, -step))
                        {
                            if (i == cell.Row)
                            {
                                return true;
                            }

                            seenRows[i] = true;
                            queue.Enqueue((true, i));
                        }
                    }
                }
            }
        }

        return false;
    }
}
