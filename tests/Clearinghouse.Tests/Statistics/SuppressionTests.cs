using Clearinghouse.Statistics;

namespace Clearinghouse.Tests.Statistics;

/// <summary>
/// Small-cell suppression on hand-computed tables. Each test also plays the reader who tries to undo it: an
/// exhaustive solver lists every table consistent with what is published ("&lt;5" means 1..4, "x" means 0 or
/// more, totals exact) and asserts that every hidden cell can take at least two values.
/// </summary>
public sealed class SuppressionTests
{
    private static readonly SuppressionRule K5 = new(5);

    [Fact]
    public void One_way_table_hides_k_minus_1_and_the_next_smallest_cell_but_publishes_k_and_k_plus_1()
    {
        var pattern = Suppressor.SuppressOneWay([4, 5, 6, 20], K5);

        // 4 (k-1) is primary; alone, total - 5 - 6 - 20 would give it away, so the next smallest (5, = k) is hidden too.
        Assert.Equal([CellStatus.Primary, CellStatus.Secondary, CellStatus.Published, CellStatus.Published], pattern.Status);
        Assert.Equal(CellStatus.Published, pattern.TotalStatus);
        Assert.Equal(35, pattern.Total);
        AssertNoHiddenValueCanBeDerived(OneWayAsTable(pattern), K5);
    }

    [Fact]
    public void Two_small_cells_of_one_each_are_not_enough_for_each_other()
    {
        // 1 and 1 hidden beside a total of 12 and a published 10: both must be 1 (the "<5" label says at least 1).
        var pattern = Suppressor.SuppressOneWay([1, 1, 10], K5);

        Assert.Equal([CellStatus.Primary, CellStatus.Primary, CellStatus.Secondary], pattern.Status);
        AssertNoHiddenValueCanBeDerived(OneWayAsTable(pattern), K5);
    }

    [Fact]
    public void Counts_of_k_and_more_and_zeros_are_published_unchanged()
    {
        var pattern = Suppressor.SuppressOneWay([5, 6, 0, 7], K5);

        Assert.All(pattern.Status, s => Assert.Equal(CellStatus.Published, s));
    }

    [Fact]
    public void Two_way_table_hides_the_cheapest_rectangle_that_protects_both_small_cells()
    {
        //            A    B    C  | total
        //   F        4    5    6  |  15
        //   M       10    7    3  |  20
        //   total   14   12    9  |  35
        // 4 and 3 are primary. The cheapest cycle through both: F-A, F-C, M-C, M-A (hides 6 and 10 besides).
        long[,] cells = { { 4, 5, 6 }, { 10, 7, 3 } };
        var (oneWay, twoWay, _) = Suppressor.SuppressFamily(
            new Dictionary<string, long[]> { ["sex"] = [15, 20], ["form"] = [14, 12, 9] },
            [("sex", "form", cells)],
            K5);
        var table = twoWay[("sex", "form")];

        Assert.Equal(CellStatus.Primary, table.Status[0, 0]);
        Assert.Equal(CellStatus.Published, table.Status[0, 1]);
        Assert.Equal(CellStatus.Secondary, table.Status[0, 2]);
        Assert.Equal(CellStatus.Secondary, table.Status[1, 0]);
        Assert.Equal(CellStatus.Published, table.Status[1, 1]);
        Assert.Equal(CellStatus.Primary, table.Status[1, 2]);
        Assert.All(oneWay["sex"].Status, s => Assert.Equal(CellStatus.Published, s));
        Assert.All(oneWay["form"].Status, s => Assert.Equal(CellStatus.Published, s));
        AssertNoHiddenValueCanBeDerived(table, K5);
    }

    [Fact]
    public void A_small_total_is_hidden_in_the_two_way_table_and_in_the_one_way_table_alike()
    {
        //            A    B  | total
        //   F        2    1  |   3   (<5: primary in the one-way table of sex)
        //   M        9    8  |  17
        //   total   11    9  |  20
        long[,] cells = { { 2, 1 }, { 9, 8 } };
        var (oneWay, twoWay, _) = Suppressor.SuppressFamily(
            new Dictionary<string, long[]> { ["sex"] = [3, 17], ["form"] = [11, 9] },
            [("sex", "form", cells)],
            K5);
        var table = twoWay[("sex", "form")];

        Assert.Equal(oneWay["sex"].Status[0], table.Status[0, 2]);
        Assert.Equal(oneWay["sex"].Status[1], table.Status[1, 2]);
        Assert.Equal(oneWay["sex"].TotalStatus, table.Status[2, 2]);
        Assert.Equal(CellStatus.Primary, oneWay["sex"].Status[0]);
        Assert.NotEqual(CellStatus.Published, oneWay["sex"].Status[1]);
        AssertNoHiddenValueCanBeDerived(table, K5);
        AssertNoHiddenValueCanBeDerived(OneWayAsTable(oneWay["sex"]), K5);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    public void Random_tables_never_leave_a_hidden_value_derivable(int seed)
    {
        var random = new Random(seed);
        var cells = new long[3, 3];
        for (var i = 0; i < 3; i++)
        {
            for (var j = 0; j < 3; j++)
            {
                cells[i, j] = random.Next(0, 3) == 0 ? random.Next(1, 5) : random.Next(0, 12);
            }
        }

        var rows = Enumerable.Range(0, 3).Select(i => Enumerable.Range(0, 3).Sum(j => cells[i, j])).ToArray();
        var columns = Enumerable.Range(0, 3).Select(j => Enumerable.Range(0, 3).Sum(i => cells[i, j])).ToArray();
        var (oneWay, twoWay, _) = Suppressor.SuppressFamily(
            new Dictionary<string, long[]> { ["a"] = rows, ["b"] = columns },
            [("a", "b", cells)],
            K5);

        if (twoWay.TryGetValue(("a", "b"), out var table))
        {
            AssertNoHiddenValueCanBeDerived(table, K5);
        }

        AssertNoHiddenValueCanBeDerived(OneWayAsTable(oneWay["a"]), K5);
        AssertNoHiddenValueCanBeDerived(OneWayAsTable(oneWay["b"]), K5);
    }

    [Fact]
    public void Without_suppression_partners_see_every_value()
    {
        var pattern = Suppressor.SuppressOneWay([1, 2, 30], SuppressionRule.None);

        Assert.All(pattern.Status, s => Assert.Equal(CellStatus.Published, s));
    }

    [Theory]
    [InlineData(1, 12, 12)]
    [InlineData(5, 12, 10)]
    [InlineData(5, 13, 15)]
    [InlineData(10, 25, 30)]
    public void Published_values_are_rounded_to_the_configured_base(int roundTo, long value, long expected) =>
        Assert.Equal(expected, new SuppressionRule(5, roundTo).Round(value));

    // ---- The reader's solver ----

    /// <summary>A one-way table as a one-row two-way table: its cells, with the total as the row total.</summary>
    private static TwoWayPattern OneWayAsTable(OneWayPattern pattern)
    {
        var cells = new long[1, pattern.Cells.Length];
        for (var j = 0; j < pattern.Cells.Length; j++)
        {
            cells[0, j] = pattern.Cells[j];
        }

        var table = new TwoWayPattern(cells);
        for (var j = 0; j < pattern.Cells.Length; j++)
        {
            table.Status[0, j] = pattern.Status[j];
            table.Status[1, j] = pattern.Status[j]; // the "column totals" are the cells themselves
        }

        table.Status[0, pattern.Cells.Length] = pattern.TotalStatus;
        table.Status[1, pattern.Cells.Length] = pattern.TotalStatus;
        return table;
    }

    /// <summary>
    /// Enumerates every assignment of the hidden cells (primary 1..k-1; secondary 0..sum of all interior cells)
    /// that satisfies every row and column equation of the published table, and asserts that each hidden cell
    /// takes at least two different values among them.
    /// </summary>
    private static void AssertNoHiddenValueCanBeDerived(TwoWayPattern table, SuppressionRule rule)
    {
        var rows = table.Rows + 1;
        var columns = table.Columns + 1;
        var hidden = new List<(int Row, int Column)>();
        for (var i = 0; i < rows; i++)
        {
            for (var j = 0; j < columns; j++)
            {
                if (table.IsSuppressed(i, j))
                {
                    hidden.Add((i, j));
                }
            }
        }

        var cap = table.Values[table.Rows, table.Columns];
        var values = new long[rows, columns];
        for (var i = 0; i < rows; i++)
        {
            for (var j = 0; j < columns; j++)
            {
                values[i, j] = table.Values[i, j];
            }
        }

        var seen = hidden.ToDictionary(h => h, _ => new HashSet<long>());
        var assigned = new HashSet<(int, int)>();
        var solutions = 0;

        bool Consistent(bool complete)
        {
            for (var i = 0; i < rows; i++)
            {
                if (complete || Enumerable.Range(0, columns).All(j => !hidden.Contains((i, j)) || assigned.Contains((i, j))))
                {
                    if (Enumerable.Range(0, table.Columns).Sum(j => values[i, j]) != values[i, table.Columns])
                    {
                        return false;
                    }
                }
            }

            for (var j = 0; j < columns; j++)
            {
                if (complete || Enumerable.Range(0, rows).All(i => !hidden.Contains((i, j)) || assigned.Contains((i, j))))
                {
                    if (Enumerable.Range(0, table.Rows).Sum(i => values[i, j]) != values[table.Rows, j])
                    {
                        return false;
                    }
                }
            }

            return true;
        }

        void Search(int index)
        {
            if (index == hidden.Count)
            {
                if (Consistent(true))
                {
                    solutions++;
                    foreach (var h in hidden)
                    {
                        seen[h].Add(values[h.Row, h.Column]);
                    }
                }

                return;
            }

            var (r, c) = hidden[index];
            var (low, high) = table.Status[r, c] == CellStatus.Primary ? (1L, rule.Threshold - 1L) : (0L, cap);
            for (var v = low; v <= high; v++)
            {
                values[r, c] = v;
                assigned.Add((r, c));
                if (Consistent(false))
                {
                    Search(index + 1);
                }

                assigned.Remove((r, c));
            }

            values[r, c] = table.Values[r, c];
        }

        Search(0);

        Assert.True(solutions > 0, "The true table must be among the solutions.");
        var derivable = hidden.Where(h => seen[h].Count < 2).Select(h => $"({h.Row},{h.Column})={table.Values[h.Row, h.Column]}").ToList();
        Assert.True(derivable.Count == 0, "Derivable hidden cells: " + string.Join(", ", derivable));
    }
}
