using System.Text;
using AngleSharp.Html.Parser;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Ganss.Xss;
using Markdig;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Exceptions;

namespace Clearinghouse.Library;

/// <summary>The outcome of reading a file's text.</summary>
internal sealed record ExtractionResult(ExtractionStatus Status, string? Text, string? Note, int? PageCount);

/// <summary>
/// Reads the text of a stored file for search: PDF (PdfPig), DOCX (Open XML SDK), HTML (AngleSharp),
/// Markdown (Markdig), plain text. A file that cannot be read is reported as not extractable, never thrown.
/// </summary>
internal static class TextExtractor
{
    private const string BlockElements =
        "p, div, br, hr, h1, h2, h3, h4, h5, h6, li, dt, dd, tr, td, th, caption, blockquote, pre, section, article, header, footer, aside, nav, figcaption, address";

    private static readonly MarkdownPipeline Markdown = new MarkdownPipelineBuilder().Build();

    public static ExtractionResult Extract(string path, FileKind kind, int maxCharacters)
    {
        try
        {
            var (text, pages) = kind switch
            {
                FileKind.Pdf => ReadPdf(path, maxCharacters),
                FileKind.Docx => (ReadDocx(path, maxCharacters), (int?)null),
                FileKind.Html => (HtmlText(File.ReadAllText(path, Encoding.UTF8)), (int?)null),
                FileKind.Markdown => (HtmlText(Markdig.Markdown.ToHtml(File.ReadAllText(path, Encoding.UTF8), Markdown)), (int?)null),
                _ => (File.ReadAllText(path, Encoding.UTF8), (int?)null),
            };
            text = Collapse(text, maxCharacters);
            return text.Length == 0
                ? new ExtractionResult(ExtractionStatus.NotExtractable, null, "The file contains no readable text.", pages)
                : new ExtractionResult(ExtractionStatus.Extracted, text, null, pages);
        }
        catch (PdfDocumentEncryptedException)
        {
            return new ExtractionResult(ExtractionStatus.NotExtractable, null, "The PDF is password-protected.", null);
        }
        catch (Exception e) when (e is PdfDocumentFormatException or InvalidOperationException or InvalidDataException
                                      or OpenXmlPackageException or FormatException or ArgumentException or IndexOutOfRangeException
                                      or NullReferenceException or InvalidCastException or OverflowException
                                      or KeyNotFoundException or NotSupportedException or IOException)
        {
            // Damaged files make parsers fail in many ways; the file is kept and flagged, the upload goes on.
            return new ExtractionResult(ExtractionStatus.NotExtractable, null, "The file is damaged or in a form the library cannot read.", null);
        }
    }

    /// <summary>HTML made safe to show inside a page: scripts, styles, event handlers and foreign URLs schemes removed.</summary>
    public static string SanitiseHtml(string html) => new HtmlSanitizer().Sanitize(html);

    private static (string Text, int? Pages) ReadPdf(string path, int maxCharacters)
    {
        using var document = PdfDocument.Open(path);
        var builder = new StringBuilder();
        foreach (var page in document.GetPages())
        {
            foreach (var word in page.GetWords())
            {
                builder.Append(word.Text).Append(' ');
            }

            builder.Append('\n');
            if (builder.Length > maxCharacters)
            {
                break;
            }
        }

        return (builder.ToString(), document.NumberOfPages);
    }

    private static string ReadDocx(string path, int maxCharacters)
    {
        using var document = WordprocessingDocument.Open(path, false);
        var body = document.MainDocumentPart?.Document?.Body;
        if (body is null)
        {
            return string.Empty;
        }

        var builder = new StringBuilder();
        foreach (var paragraph in body.Descendants<Paragraph>())
        {
            builder.Append(paragraph.InnerText).Append('\n');
            if (builder.Length > maxCharacters)
            {
                break;
            }
        }

        return builder.ToString();
    }

    private static string HtmlText(string html)
    {
        var document = new HtmlParser().ParseDocument(html);
        foreach (var element in document.QuerySelectorAll("script, style, noscript, template").ToList())
        {
            element.Remove();
        }

        // Block elements end a line: "<h1>Notes</h1><p>Inspectors" reads "Notes Inspectors", not "NotesInspectors".
        foreach (var element in document.QuerySelectorAll(BlockElements).ToList())
        {
            element.Parent?.InsertBefore(document.CreateTextNode("\n"), element.NextSibling);
        }

        var title = document.Title ?? string.Empty;
        var body = document.Body?.TextContent ?? document.DocumentElement.TextContent;
        return title.Length > 0 && !body.Contains(title, StringComparison.Ordinal) ? title + "\n" + body : body;
    }

    private static string Collapse(string text, int maxCharacters)
    {
        var builder = new StringBuilder(Math.Min(text.Length, maxCharacters));
        var lastWasSpace = true;
        foreach (var ch in text)
        {
            if (char.IsWhiteSpace(ch) || char.IsControl(ch))
            {
                if (!lastWasSpace)
                {
                    builder.Append(' ');
                }

                lastWasSpace = true;
                continue;
            }

            builder.Append(ch);
            lastWasSpace = false;
            if (builder.Length >= maxCharacters)
            {
                break;
            }
        }

        return builder.ToString().Trim();
    }
}
