using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

namespace Clearinghouse.Tests.Library;

/// <summary>Documents generated in code for the library tests (no third-party texts), and the upload call.</summary>
internal static class TestDocuments
{
    public static byte[] Pdf(params string[] lines)
    {
        var builder = new PdfDocumentBuilder();
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        var page = builder.AddPage(UglyToad.PdfPig.Content.PageSize.A4);
        var y = 780.0;
        foreach (var line in lines)
        {
            page.AddText(line, 11, new PdfPoint(40, y), font);
            y -= 16;
        }

        return builder.Build();
    }

    public static byte[] Docx(params string[] paragraphs)
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            main.Document = new Document(new Body(paragraphs.Select(p => new Paragraph(new Run(new Text(p) { Space = SpaceProcessingModeValues.Preserve })))));
            main.Document.Save();
        }

        return stream.ToArray();
    }

    public static byte[] Html(string title, string body) =>
        Encoding.UTF8.GetBytes($"<!DOCTYPE html><html><head><title>{title}</title><script>alert('x')</script></head><body><p>{body}</p></body></html>");

    public static byte[] CorruptPdf() => Encoding.ASCII.GetBytes("%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\nthis is not a PDF body \u0001\u0002\n%%EOF");

    /// <summary>
    /// A one-page PDF encrypted with the standard security handler (revision 2) under a user password that is not empty:
    /// a reader that knows no password cannot open it. Written by hand, with a correct cross-reference table.
    /// </summary>
    public static byte[] PasswordProtectedPdf()
    {
        var objects = new[]
        {
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
            "<< /Length 8 >>\nstream\n12345678\nendstream",
            "<< /Filter /Standard /V 1 /R 2 /P -44 /O <" + new string('A', 64) + "> /U <" + new string('B', 64) + "> >>",
        };
        var pdf = new StringBuilder("%PDF-1.4\n");
        var offsets = new List<int>();
        for (var i = 0; i < objects.Length; i++)
        {
            offsets.Add(pdf.Length);
            pdf.Append(System.Globalization.CultureInfo.InvariantCulture, $"{i + 1} 0 obj\n{objects[i]}\nendobj\n");
        }

        var xref = pdf.Length;
        pdf.Append(System.Globalization.CultureInfo.InvariantCulture, $"xref\n0 {objects.Length + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets)
        {
            pdf.Append(System.Globalization.CultureInfo.InvariantCulture, $"{offset:D10} 00000 n \n");
        }

        pdf.Append(System.Globalization.CultureInfo.InvariantCulture,
            $"trailer\n<< /Size {objects.Length + 1} /Root 1 0 R /Encrypt 5 0 R /ID [<0123456789ABCDEF0123456789ABCDEF> <0123456789ABCDEF0123456789ABCDEF>] >>\nstartxref\n{xref}\n%%EOF\n");
        return Encoding.ASCII.GetBytes(pdf.ToString());
    }

    public static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1];

    public static Task<HttpResponseMessage> UploadAsync(HttpClient api, object metadata, byte[]? file, string fileName = "document.pdf", string url = "/api/v1/library")
    {
        var content = new MultipartFormDataContent
        {
            { new StringContent(JsonSerializer.Serialize(metadata, JsonSerializerOptions.Web), Encoding.UTF8), "metadata" },
        };
        if (file is not null)
        {
            var part = new ByteArrayContent(file);
            part.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            content.Add(part, "file", fileName);
        }

        return api.PostAsync(url, content);
    }

    public static Task<HttpResponseMessage> UploadVersionAsync(HttpClient api, Guid editionId, byte[] file, string fileName)
    {
        var part = new ByteArrayContent(file);
        return api.PostAsync($"/api/v1/library/editions/{editionId}/files", new MultipartFormDataContent { { part, "file", fileName } });
    }
}
