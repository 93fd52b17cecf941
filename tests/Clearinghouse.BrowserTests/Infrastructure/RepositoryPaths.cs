namespace Clearinghouse.BrowserTests.Infrastructure;

internal static class RepositoryPaths
{
    /// <summary>The folder holding Clearinghouse.slnx above the test assembly, or null when run from elsewhere.</summary>
    public static string? Root()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Clearinghouse.slnx")))
            {
                return dir.FullName;
            }
        }

        return null;
    }
}
