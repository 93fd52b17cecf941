using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace Clearinghouse.Cases;

/// <summary>
/// The keys that protect case data, kept in one JSON file outside the database (Cases:KeyRingPath): AES-256 key
/// encryption keys, each with an id (the newest is active; older ones stay to open old data until
/// <c>cases rotate-key</c> re-wraps it), and the HMAC key for identifier hashes. Created on first use with
/// owner-only permissions. Back it up separately from the database: without it no identifier can be read.
/// </summary>
internal sealed class CaseKeyRing
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerOptions.Web) { WriteIndented = true };
    private readonly string path;
    private readonly Lock gate = new();
    private KeyRingFile file;

    public CaseKeyRing(IOptions<CaseOptions> options, CaseContentRoot root)
    {
        path = Path.IsPathRooted(options.Value.KeyRingPath) ? options.Value.KeyRingPath : Path.Combine(root.Path, options.Value.KeyRingPath);
        file = LoadOrCreate(path);
    }

    public string ActiveKeyId
    {
        get
        {
            lock (gate)
            {
                return file.ActiveKeyId;
            }
        }
    }

    public IReadOnlyList<string> KeyIds
    {
        get
        {
            lock (gate)
            {
                return [.. file.Keys.Select(k => k.Id)];
            }
        }
    }

    /// <summary>The HMAC-SHA-256 key for identifier hashes (never rotated: rotating it would blind the duplicate check).</summary>
    public byte[] HmacKey => Convert.FromBase64String(file.HmacKey);

    public byte[] Key(string id)
    {
        lock (gate)
        {
            var key = file.Keys.FirstOrDefault(k => k.Id == id) ?? throw new CryptographicException($"Key '{id}' is not in the case key ring.");
            return Convert.FromBase64String(key.Key);
        }
    }

    /// <summary>Adds a new key and makes it the active one; returns its id. Old keys stay until no data needs them.</summary>
    public string AddKey(DateTimeOffset now)
    {
        lock (gate)
        {
            var id = "k" + now.ToString("yyyyMMddHHmmss", System.Globalization.CultureInfo.InvariantCulture) + "-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3));
            var next = file with { ActiveKeyId = id, Keys = [.. file.Keys, new KeyRingKey(id, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)), now)] };
            Write(path, next);
            file = next;
            return id;
        }
    }

    /// <summary>Removes keys that no data uses any more (after a rotation re-wrapped everything).</summary>
    public int RemoveKeysExcept(IReadOnlySet<string> inUse)
    {
        lock (gate)
        {
            var keep = file.Keys.Where(k => k.Id == file.ActiveKeyId || inUse.Contains(k.Id)).ToList();
            var removed = file.Keys.Count - keep.Count;
            if (removed > 0)
            {
                var next = file with { Keys = keep };
                Write(path, next);
                file = next;
            }

            return removed;
        }
    }

    /// <summary>
    /// Reads the key ring, or creates it. Two processes starting at once (the web application and a CLI command) must
    /// not each create their own: the new ring is written in full to a file of its own and then linked into place
    /// only if no ring is there yet (<see cref="PlaceIfAbsent"/>, one atomic step); the loser of the race reads the winner's ring.
    /// </summary>
    private static KeyRingFile LoadOrCreate(string path)
    {
        if (File.Exists(path))
        {
            return Read(path);
        }

        var id = "k1";
        var created = new KeyRingFile(id, [new KeyRingKey(id, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)), DateTimeOffset.UtcNow)], Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        var temporary = WriteTemporary(path, created);
        try
        {
            if (PlaceIfAbsent(temporary, path))
            {
                return created;
            }
        }
        catch (IOException) when (File.Exists(path))
        {
            // Windows: the move found a ring already there.
        }
        finally
        {
            File.Delete(temporary);
        }

        return Read(path);
    }

    /// <summary>
    /// Makes <paramref name="temporary"/>'s content the file <paramref name="path"/> unless a file is already there, in one
    /// step; false when one was. On Unix .NET's no-overwrite move checks and then renames, so two processes can both
    /// "win" and the second replaces the first's ring (seen in the test of this): a hard link (<c>link(2)</c>) fails
    /// atomically instead. On Windows the no-overwrite move is itself atomic.
    /// </summary>
    private static bool PlaceIfAbsent(string temporary, string path)
    {
        if (OperatingSystem.IsWindows())
        {
            File.Copy(temporary, path, overwrite: false);
            return true;
        }

        if (NativeMethods.Link(temporary, path) == 0)
        {
            return true;
        }

        var error = System.Runtime.InteropServices.Marshal.GetLastPInvokeError();
        return error == EExist ? false : throw new IOException($"The case key ring {path} could not be created (errno {error}).");
    }

    /// <summary>EEXIST on Linux and the BSDs.</summary>
    private const int EExist = 17;

    private static KeyRingFile Read(string path) =>
        JsonSerializer.Deserialize<KeyRingFile>(File.ReadAllText(path), Json)
        ?? throw new InvalidOperationException($"The case key ring {path} is empty or damaged.");

    private static void Write(string path, KeyRingFile ring) =>
        File.Move(WriteTemporary(path, ring), path, overwrite: true);

    /// <summary>Writes the ring, owner-only, to a new file next to <paramref name="path"/> and returns its name.</summary>
    private static string WriteTemporary(string path, KeyRingFile ring)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        System.IO.Directory.CreateDirectory(folder);
        var temporary = $"{path}.{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6))}.tmp";
        using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
        {
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }

            JsonSerializer.Serialize(stream, ring, Json);
            stream.Flush(flushToDisk: true);
        }

        return temporary;
    }

    private sealed record KeyRingFile(string ActiveKeyId, List<KeyRingKey> Keys, string HmacKey);

    private sealed record KeyRingKey(string Id, string Key, DateTimeOffset CreatedAt);
}

/// <summary>The folder relative configuration paths are resolved against (the host's content root).</summary>
internal sealed record CaseContentRoot(string Path);

/// <summary>The C library's <c>link(2)</c>: a new name for a file, failing if the name exists.</summary>
internal static class NativeMethods
{
    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "link", SetLastError = true, CharSet = System.Runtime.InteropServices.CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
    [System.Runtime.InteropServices.DefaultDllImportSearchPaths(System.Runtime.InteropServices.DllImportSearchPath.SafeDirectories)]
    internal static extern int Link(string existing, string created);
}
