using System.Net.Http.Headers;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

namespace TalentMatch.Server.Tests.Infrastructure;

/// <summary>Files a client uploads: a real PDF of given lines, and the multipart form that carries a file.</summary>
public static class TestDocuments
{
    public static byte[] Pdf(string[] lines)
    {
        using var builder = new PdfDocumentBuilder();
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        var page = builder.AddPage(595, 842);
        var y = 800.0;
        foreach (var line in lines)
        {
            page.AddText(line, 11, new PdfPoint(50, y), font);
            y -= 16;
        }

        return builder.Build();
    }

    /// <summary>
    /// A form with the file as an opaque octet stream (the server reads the type from the content), and a
    /// fixed boundary: a replay must send the same bytes to match the first request.
    /// </summary>
    public static MultipartFormDataContent Upload(byte[] content, string fileName)
    {
        var form = new MultipartFormDataContent("test-upload-boundary");
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "file", fileName);
        return form;
    }
}
