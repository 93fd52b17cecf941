using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace Clearinghouse.Library;

/// <summary>An upload read into a temporary file: its SHA-256, size and the kind its content shows.</summary>
internal sealed class StagedFile(string path, string sha256, long size) : IDisposable
{
    public string Path { get; } = path;

    public string Sha256 { get; } = sha256;

    public long Size { get; } = size;

    public void Dispose()
    {
        if (File.Exists(Path))
        {
            File.Delete(Path);
        }
    }
}

/// <summary>Thrown when an upload is larger than Library:MaxFileBytes.</summary>
internal sealed class FileTooLargeException(long limit)
    : InvalidOperationException($"The file is larger than the limit of {limit / (1024 * 1024)} MB.")
{
    public long Limit { get; } = limit;
}

/// <summary>
/// The folder of stored library files. Each file lies at {root}/{first two hex digits}/{sha256}: the uploader's
/// file name is never part of a path, and the same content is stored once.
/// </summary>
internal sealed class LibraryStorage
{
    private readonly string root;
    private readonly long maxBytes;

    public LibraryStorage(IOptions<LibraryOptions> options, Microsoft.Extensions.Hosting.IHostEnvironment? environment = null)
    {
        var configured = options.Value.StoragePath;
        var contentRoot = environment?.ContentRootPath ?? System.IO.Directory.GetCurrentDirectory();
        root = System.IO.Path.IsPathRooted(configured) ? configured : System.IO.Path.Combine(contentRoot, configured);
        maxBytes = options.Value.MaxFileBytes;
    }

    public string Root => root;

    public long MaxBytes => maxBytes;

    /// <summary>Copies the upload into a temporary file while hashing it; stops with <see cref="FileTooLargeException"/> at the limit.</summary>
    public async Task<StagedFile> StageAsync(Stream content, CancellationToken cancellationToken)
    {
        var folder = System.IO.Path.Combine(root, "tmp");
        System.IO.Directory.CreateDirectory(folder);
        var path = System.IO.Path.Combine(folder, Guid.NewGuid().ToString("N"));
        long size = 0;
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        try
        {
            await using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
            {
                var buffer = new byte[81920];
                int read;
                while ((read = await content.ReadAsync(buffer, cancellationToken)) > 0)
                {
                    size += read;
                    if (size > maxBytes)
                    {
                        throw new FileTooLargeException(maxBytes);
                    }

                    hash.AppendData(buffer, 0, read);
                    await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                }
            }

            return new StagedFile(path, Convert.ToHexStringLower(hash.GetHashAndReset()), size);
        }
        catch (Exception)
        {
            File.Delete(path);
            throw;
        }
    }

    /// <summary>Moves a staged file to its place (if that content is not stored yet).</summary>
    public void Keep(StagedFile staged)
    {
        var target = PathOf(staged.Sha256);
        if (File.Exists(target))
        {
            return;
        }

        System.IO.Directory.CreateDirectory(System.IO.Path.GetDirectoryName(target)!);
        File.Move(staged.Path, target);
    }

    public string PathOf(string sha256)
    {
        if (sha256.Length != 64 || !sha256.All(char.IsAsciiHexDigitLower))
        {
            throw new ArgumentException("Not a SHA-256 in lower-case hex.", nameof(sha256));
        }

        return System.IO.Path.Combine(root, sha256[..2], sha256);
    }

    public Stream Open(string sha256) => new FileStream(PathOf(sha256), FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true);
}
