using System.Security.Cryptography;

namespace Clearinghouse.Web.Shared;

/// <summary>
/// Where an upload too large to keep in memory waits for its background import: a folder only this process's user can
/// read, under the system's temporary folder, with random file names (the uploader's file name is never a path).
/// </summary>
internal static class UploadFolder
{
    private static readonly string Root = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "clearinghouse-uploads");

    public static async Task<string> SaveAsync(IFormFile file, CancellationToken cancellationToken)
    {
        if (OperatingSystem.IsWindows())
        {
            System.IO.Directory.CreateDirectory(Root);
        }
        else
        {
            System.IO.Directory.CreateDirectory(Root, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        var path = System.IO.Path.Combine(Root, Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)) + ".upload");
        try
        {
            await using var target = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous);
            await file.CopyToAsync(target, cancellationToken);
        }
        catch
        {
            Delete(path);
            throw;
        }

        return path;
    }

    public static void Delete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Best effort: the folder is temporary and the system clears it; a file left behind holds no secret key.
        }
        catch (UnauthorizedAccessException)
        {
            // As above.
        }
    }
}
