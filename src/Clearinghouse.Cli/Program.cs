namespace Clearinghouse.Cli;

/// <summary>The operator command line. Commands are added in the next commit.</summary>
internal static class CliProgram
{
    public static int Main() => 0;
}
