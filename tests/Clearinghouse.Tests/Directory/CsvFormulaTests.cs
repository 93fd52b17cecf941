using System.Text;
using Clearinghouse.Directory;

namespace Clearinghouse.Tests.Directory;

public sealed class CsvFormulaTests
{
    [Fact]
    public async Task Exported_cells_never_run_as_spreadsheet_formulas_and_import_back_unchanged()
    {
        string?[] row = ["=HYPERLINK(\"http://attacker.example\",\"Click\")", "+999 555 0101", "@SUM(A1)", "-1", "Plain name", "it's fine"];
        using var output = new MemoryStream();

        await DirectoryFiles.WriteCsvAsync(output, ["a", "b", "c", "d", "e", "f"], Rows(row), CancellationToken.None);

        var text = Encoding.UTF8.GetString(output.ToArray());
        var dataLine = text.Split("\r\n")[1];
        Assert.DoesNotMatch("(^|,)\"?[=+@-]", dataLine);
        var read = DirectoryFiles.Read(output.ToArray(), DirectoryFileFormat.Csv, 10);
        Assert.Empty(read.Errors);
        Assert.Equal(2, read.Rows.Count);
        Assert.Equal(row, read.Rows[^1].Cells.ToArray());
    }

    private static async IAsyncEnumerable<string?[]> Rows(params string?[][] rows)
    {
        foreach (var row in rows)
        {
            yield return row;
        }

        await Task.CompletedTask;
    }
}
