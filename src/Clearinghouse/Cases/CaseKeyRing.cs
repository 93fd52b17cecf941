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

    private static KeyRingFile LoadOrCreate(string path)
    {
        if (File.Exists(path))
        {
            return JsonSerializer.Deserialize<KeyRingFile>(File.ReadAllText(path), Json)
                   ?? throw new InvalidOperationException($"The case key ring {path} is empty or damaged.");
        }

        var id = "k1";
        var created = new KeyRingFile(id, [new KeyRingKey(id, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)), DateTimeOffset.UtcNow)], Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        Write(path, created);
        return created;
    }

    private static void Write(string path, KeyRingFile ring)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        System.IO.Directory.CreateDirectory(folder);
        var temporary = path + ".tmp";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }

            JsonSerializer.Serialize(stream, ring, Json);
        }

        File.Move(temporary, path, overwrite: true);
    }

    private sealed record KeyRingFile(string ActiveKeyId, List<KeyRingKey> Keys, string HmacKey);

    private sealed record KeyRingKey(string Id, string Key, DateTimeOffset CreatedAt);
}

/// <summary>The folder relative configuration paths are resolved against (the host's content root).</summary>
internal sealed record CaseContentRoot(string Path);
