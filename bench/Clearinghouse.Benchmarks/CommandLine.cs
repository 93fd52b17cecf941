using System.Globalization;

namespace Clearinghouse.Benchmarks;

/// <summary>"--name value" pairs from the command line.</summary>
internal sealed class CommandLine
{
    private readonly Dictionary<string, string> values;

    private CommandLine(Dictionary<string, string> values) => this.values = values;

    public static CommandLine Parse(IEnumerable<string> args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        using var e = args.GetEnumerator();
        while (e.MoveNext())
        {
            var name = e.Current;
            if (!name.StartsWith("--", StringComparison.Ordinal) || name.Length < 3)
            {
                throw new ArgumentException($"Expected an option such as --requests, not '{name}'.");
            }

            if (!e.MoveNext())
            {
                throw new ArgumentException($"Option {name} needs a value.");
            }

            values[name[2..]] = e.Current;
        }

        return new CommandLine(values);
    }

    public string? Text(string name) => values.GetValueOrDefault(name);

    public string RequiredText(string name) =>
        values.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value)
            ? value
            : throw new ArgumentException($"Option --{name} is required.");

    public int Number(string name, int defaultValue, int min, int max)
    {
        if (!values.TryGetValue(name, out var text))
        {
            return defaultValue;
        }

        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw new ArgumentException($"Option --{name} must be a whole number from {min} to {max}, not '{text}'.");
    }
}
