using System.Text;

namespace Clearinghouse.Cli;

/// <summary>
/// Where a command reads and writes: results on <see cref="Out"/>, progress and messages on <see cref="Error"/>.
/// <see cref="FromSystem"/> is the real console; tests build one over string writers.
/// </summary>
internal sealed class CliConsole
{
    public required TextWriter Out { get; init; }

    public required TextWriter Error { get; init; }

    public TextReader In { get; init; } = TextReader.Null;

    /// <summary>True when a person types at the keyboard (so a password can be asked for without echo).</summary>
    public bool InputIsTerminal { get; init; }

    /// <summary>True when progress can be redrawn on one line of a terminal.</summary>
    public bool ErrorIsTerminal { get; init; }

    /// <summary>Raw standard output, for `export -`.</summary>
    public Func<Stream> OpenStandardOutput { get; init; } = () => Stream.Null;

    /// <summary>Asks for a secret on the terminal without echoing it.</summary>
    public Func<string, string?> ReadSecret { get; init; } = _ => null;

    /// <summary>Configuration that overrides appsettings and environment variables (tests use it).</summary>
    public IReadOnlyDictionary<string, string?> Settings { get; init; } = new Dictionary<string, string?>();

    /// <summary>The directory the command was started in (where the content root is looked for).</summary>
    public string WorkingDirectory { get; init; } = System.IO.Directory.GetCurrentDirectory();

    /// <summary>The operating-system user, recorded in the history as "cli:&lt;user&gt;".</summary>
    public string UserName { get; init; } = Environment.UserName;

    public static CliConsole FromSystem()
    {
        var utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        Console.OutputEncoding = utf8;
        return new CliConsole
        {
            Out = Console.Out,
            Error = Console.Error,
            In = Console.In,
            InputIsTerminal = !Console.IsInputRedirected,
            ErrorIsTerminal = !Console.IsErrorRedirected,
            OpenStandardOutput = Console.OpenStandardOutput,
            ReadSecret = ReadHidden,
        };
    }

    private static string? ReadHidden(string prompt)
    {
        Console.Error.Write(prompt);
        var secret = new StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter)
            {
                Console.Error.WriteLine();
                return secret.ToString();
            }

            if (key.Key == ConsoleKey.Backspace)
            {
                if (secret.Length > 0)
                {
                    secret.Length--;
                }
            }
            else if (key.Key == ConsoleKey.Escape)
            {
                Console.Error.WriteLine();
                return null;
            }
            else if (!char.IsControl(key.KeyChar))
            {
                secret.Append(key.KeyChar);
            }
        }
    }
}
