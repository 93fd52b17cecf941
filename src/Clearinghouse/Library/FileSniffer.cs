using System.IO.Compression;
using System.Text;

namespace Clearinghouse.Library;

/// <summary>
/// Recognises an uploaded file by its content, never by its name: PDF by its header, DOCX by being a zip package
/// with a Word main part, HTML/Markdown/plain text by being valid UTF-8 text. The file name only chooses between
/// Markdown and plain text, which no content test can tell apart.
/// </summary>
internal static class FileSniffer
{
    public static FileKind? Detect(string path, string? originalFileName)
    {
        using var stream = File.OpenRead(path);
        Span<byte> head = stackalloc byte[1024];
        var read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        head = head[..read];
        if (read == 0)
        {
            return null;
        }

        if (head.IndexOf("%PDF-"u8) is >= 0 and < 1024)
        {
            return FileKind.Pdf;
        }

        if (head.StartsWith("PK\u0003\u0004"u8))
        {
            stream.Position = 0;
            return IsWordPackage(stream) ? FileKind.Docx : null;
        }

        stream.Position = 0;
        if (!IsUtf8Text(stream))
        {
            return null;
        }

        var start = Encoding.UTF8.GetString(head).TrimStart('\uFEFF', ' ', '\t', '\r', '\n');
        if (start.StartsWith("<!doctype html", StringComparison.OrdinalIgnoreCase)
            || start.StartsWith("<html", StringComparison.OrdinalIgnoreCase)
            || start.StartsWith("<head", StringComparison.OrdinalIgnoreCase)
            || start.StartsWith("<body", StringComparison.OrdinalIgnoreCase)
            || (start.StartsWith("<!--", StringComparison.Ordinal) && start.Contains("<html", StringComparison.OrdinalIgnoreCase)))
        {
            return FileKind.Html;
        }

        var extension = Path.GetExtension(originalFileName ?? string.Empty).ToLowerInvariant();
        return extension is ".md" or ".markdown" ? FileKind.Markdown : FileKind.PlainText;
    }

    public static string ContentType(FileKind kind) => kind switch
    {
        FileKind.Pdf => "application/pdf",
        FileKind.Docx => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        FileKind.Html => "text/html; charset=utf-8",
        FileKind.Markdown => "text/markdown; charset=utf-8",
        _ => "text/plain; charset=utf-8",
    };

    public static string Extension(FileKind kind) => kind switch
    {
        FileKind.Pdf => ".pdf",
        FileKind.Docx => ".docx",
        FileKind.Html => ".html",
        FileKind.Markdown => ".md",
        _ => ".txt",
    };

    private static bool IsWordPackage(Stream stream)
    {
        try
        {
            using var zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
            return zip.GetEntry("word/document.xml") is not null && zip.GetEntry("[Content_Types].xml") is not null;
        }
        catch (InvalidDataException)
        {
            return false;
        }
    }

    private static bool IsUtf8Text(Stream stream)
    {
        var decoder = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetDecoder();
        var buffer = new byte[64 * 1024];
        var chars = new char[Encoding.UTF8.GetMaxCharCount(buffer.Length)];
        int read;
        try
        {
            while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
            {
                if (buffer.AsSpan(0, read).Contains((byte)0))
                {
                    return false;
                }

                decoder.GetChars(buffer, 0, read, chars, 0, flush: false);
            }

            decoder.GetChars(buffer, 0, 0, chars, 0, flush: true);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }
}
