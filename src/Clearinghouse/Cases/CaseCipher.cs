using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Clearinghouse.Cases;

/// <summary>
/// Envelope encryption of case data with AES-256-GCM. Every sealed value gets its own random data key; the data key
/// is wrapped (AES-GCM) by the key ring's active key, whose id is written into the blob. The record's id is the
/// associated data, so a blob copied onto another record does not open. Blob layout:
/// <c>1 (version) | key-id length | key id | wrap nonce 12 | wrap tag 16 | wrapped key 32 | nonce 12 | tag 16 | ciphertext</c>.
/// </summary>
internal sealed class CaseCipher(CaseKeyRing keys)
{
    private const byte FormatVersion = 1;
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private const int DataKeySize = 32;

    public byte[] Seal(ReadOnlySpan<byte> plaintext, Guid recordId)
    {
        var keyId = keys.ActiveKeyId;
        var dataKey = RandomNumberGenerator.GetBytes(DataKeySize);
        try
        {
            var header = Header(keyId);
            var blob = new byte[header.Length + NonceSize + TagSize + DataKeySize + NonceSize + TagSize + plaintext.Length];
            header.CopyTo(blob, 0);
            var span = blob.AsSpan(header.Length);
            Wrap(keys.Key(keyId), dataKey, recordId, span[..(NonceSize + TagSize + DataKeySize)]);
            var body = span[(NonceSize + TagSize + DataKeySize)..];
            var nonce = body[..NonceSize];
            RandomNumberGenerator.Fill(nonce);
            using var aes = new AesGcm(dataKey, TagSize);
            aes.Encrypt(nonce, plaintext, body[(NonceSize + TagSize)..], body.Slice(NonceSize, TagSize), recordId.ToByteArray());
            return blob;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(dataKey);
        }
    }

    public byte[] Open(byte[] blob, Guid recordId)
    {
        var (keyId, offset) = ReadHeader(blob);
        var dataKey = Unwrap(keys.Key(keyId), blob.AsSpan(offset, NonceSize + TagSize + DataKeySize), recordId);
        try
        {
            var body = blob.AsSpan(offset + NonceSize + TagSize + DataKeySize);
            var plaintext = new byte[body.Length - NonceSize - TagSize];
            using var aes = new AesGcm(dataKey, TagSize);
            aes.Decrypt(body[..NonceSize], body[(NonceSize + TagSize)..], body.Slice(NonceSize, TagSize), plaintext, recordId.ToByteArray());
            return plaintext;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(dataKey);
        }
    }

    /// <summary>The id of the key-ring key a blob's data key is wrapped with.</summary>
    public static string KeyIdOf(byte[] blob) => ReadHeader(blob).KeyId;

    /// <summary>Re-wraps the blob's data key with the active key (the ciphertext itself is unchanged).</summary>
    public byte[] Rewrap(byte[] blob, Guid recordId)
    {
        var (keyId, offset) = ReadHeader(blob);
        var active = keys.ActiveKeyId;
        if (keyId == active)
        {
            return blob;
        }

        var dataKey = Unwrap(keys.Key(keyId), blob.AsSpan(offset, NonceSize + TagSize + DataKeySize), recordId);
        try
        {
            var header = Header(active);
            var rest = blob.AsSpan(offset + NonceSize + TagSize + DataKeySize);
            var result = new byte[header.Length + NonceSize + TagSize + DataKeySize + rest.Length];
            header.CopyTo(result, 0);
            Wrap(keys.Key(active), dataKey, recordId, result.AsSpan(header.Length, NonceSize + TagSize + DataKeySize));
            rest.CopyTo(result.AsSpan(header.Length + NonceSize + TagSize + DataKeySize));
            return result;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(dataKey);
        }
    }

    public byte[] SealText(string text, Guid recordId) => Seal(Encoding.UTF8.GetBytes(text), recordId);

    public string OpenText(byte[] blob, Guid recordId) => Encoding.UTF8.GetString(Open(blob, recordId));

    public byte[] SealPersonalData(CasePersonalData data, Guid caseId) =>
        Seal(JsonSerializer.SerializeToUtf8Bytes(data, JsonSerializerOptions.Web), caseId);

    public CasePersonalData OpenPersonalData(byte[] blob, Guid caseId) =>
        JsonSerializer.Deserialize<CasePersonalData>(Open(blob, caseId), JsonSerializerOptions.Web) ?? new CasePersonalData();

    private static byte[] Header(string keyId)
    {
        var id = Encoding.ASCII.GetBytes(keyId);
        var header = new byte[2 + id.Length];
        header[0] = FormatVersion;
        header[1] = checked((byte)id.Length);
        id.CopyTo(header, 2);
        return header;
    }

    private static (string KeyId, int Offset) ReadHeader(byte[] blob)
    {
        if (blob.Length < 2 || blob[0] != FormatVersion || blob.Length < 2 + blob[1] + NonceSize + TagSize + DataKeySize + NonceSize + TagSize)
        {
            throw new CryptographicException("Not a sealed case value.");
        }

        return (Encoding.ASCII.GetString(blob, 2, blob[1]), 2 + blob[1]);
    }

    private static void Wrap(byte[] keyEncryptionKey, byte[] dataKey, Guid recordId, Span<byte> destination)
    {
        var nonce = destination[..NonceSize];
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(keyEncryptionKey, TagSize);
        aes.Encrypt(nonce, dataKey, destination.Slice(NonceSize + TagSize, DataKeySize), destination.Slice(NonceSize, TagSize), WrapContext(recordId));
    }

    private static byte[] Unwrap(byte[] keyEncryptionKey, ReadOnlySpan<byte> wrapped, Guid recordId)
    {
        var dataKey = new byte[DataKeySize];
        using var aes = new AesGcm(keyEncryptionKey, TagSize);
        aes.Decrypt(wrapped[..NonceSize], wrapped.Slice(NonceSize + TagSize, DataKeySize), wrapped.Slice(NonceSize, TagSize), dataKey, WrapContext(recordId));
        return dataKey;
    }

    private static byte[] WrapContext(Guid recordId)
    {
        var context = new byte[20];
        BinaryPrimitives.WriteInt32BigEndian(context, 0x6B657931); // "key1"
        recordId.TryWriteBytes(context.AsSpan(4));
        return context;
    }
}
