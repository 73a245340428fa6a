using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

namespace TalentMatch.Core.Documents.Tests;

/// <summary>Documents generated in code, so no file with an incompatible licence enters the repository.</summary>
internal static class Fixtures
{
    /// <summary>A PDF with the given lines written top-down on one page per array.</summary>
    public static byte[] Pdf(params string[][] pages)
    {
        using var builder = new PdfDocumentBuilder();
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        foreach (var lines in pages)
        {
            var page = builder.AddPage(595, 842);
            var y = 800.0;
            foreach (var line in lines)
            {
                page.AddText(line, 11, new PdfPoint(50, y), font);
                y -= 16;
            }
        }
        return builder.Build();
    }

    /// <summary>A two-column page: each column's lines at the same heights, left column first in the content stream order given.</summary>
    public static byte[] TwoColumnPdf(string[] left, string[] right, bool writeRightColumnFirst)
    {
        using var builder = new PdfDocumentBuilder();
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        var page = builder.AddPage(595, 842);
        // Rows interleaved, as many generators write them: that is what breaks naive extraction.
        for (var i = 0; i < Math.Max(left.Length, right.Length); i++)
        {
            var y = 800.0 - (i * 16);
            if (writeRightColumnFirst && i < right.Length) page.AddText(right[i], 11, new PdfPoint(330, y), font);
            if (i < left.Length) page.AddText(left[i], 11, new PdfPoint(50, y), font);
            if (!writeRightColumnFirst && i < right.Length) page.AddText(right[i], 11, new PdfPoint(330, y), font);
        }
        return builder.Build();
    }

    /// <summary>A PDF page holding only an image, as a scanner produces.</summary>
    public static byte[] ImageOnlyPdf()
    {
        using var builder = new PdfDocumentBuilder();
        var page = builder.AddPage(595, 842);
        page.AddPng(Png(16, 16), new PdfRectangle(50, 50, 545, 792));
        return builder.Build();
    }

    /// <summary>
    /// A PDF whose trailer declares standard encryption with a user password: the empty password
    /// does not open it. Offsets are rebuilt by PdfPig's lenient parser, so the trailer may grow.
    /// </summary>
    public static byte[] EncryptedPdf()
    {
        var pdf = Encoding.Latin1.GetString(Pdf(["Secret resume"]));
        var trailer = pdf.LastIndexOf("trailer", StringComparison.Ordinal);
        var dict = pdf.IndexOf("<<", trailer, StringComparison.Ordinal);
        var encrypt = "<< /Encrypt << /Filter /Standard /V 1 /R 2 /Length 40 /P -44 "
            + "/O <" + new string('A', 64) + "> /U <" + new string('B', 64) + "> >> "
            + "/ID [<0123456789ABCDEF0123456789ABCDEF> <0123456789ABCDEF0123456789ABCDEF>] ";
        return Encoding.Latin1.GetBytes(pdf[..dict] + encrypt + pdf[(dict + 2)..]);
    }

    /// <summary>A DOCX built with OpenXml: paragraphs, then a table of rows, then bullet items.</summary>
    public static byte[] Docx(string[] paragraphs, string[][]? tableRows = null, string[]? bullets = null)
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            var body = new Body();
            foreach (var text in paragraphs)
            {
                body.Append(new Paragraph(new Run(new Text(text) { Space = SpaceProcessingModeValues.Preserve })));
            }
            if (tableRows is not null)
            {
                var table = new Table();
                foreach (var row in tableRows)
                {
                    table.Append(new TableRow(row.Select(cell => new TableCell(new Paragraph(new Run(new Text(cell)))))));
                }
                body.Append(table);
            }
            foreach (var bullet in bullets ?? [])
            {
                body.Append(new Paragraph(
                    new ParagraphProperties(new NumberingProperties(new NumberingLevelReference { Val = 0 }, new NumberingId { Val = 1 })),
                    new Run(new Text(bullet))));
            }
            main.Document = new Document(body);
            main.Document.Save();
        }
        return stream.ToArray();
    }

    /// <summary>A ZIP archive with the given entries (name → bytes), for archive-level attacks.</summary>
    public static byte[] Zip(IEnumerable<(string Name, byte[] Content)> entries, CompressionLevel level = CompressionLevel.Optimal)
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in entries)
            {
                var entry = zip.CreateEntry(name, level);
                using var entryStream = entry.Open();
                entryStream.Write(content);
            }
        }
        return stream.ToArray();
    }

    /// <summary>The same archive with one entry's content replaced.</summary>
    public static byte[] ReplaceEntry(byte[] archive, string name, byte[] content)
    {
        using var stream = new MemoryStream();
        stream.Write(archive);
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Update, leaveOpen: true))
        {
            zip.GetEntry(name)?.Delete();
            using var entryStream = zip.CreateEntry(name).Open();
            entryStream.Write(content);
        }
        return stream.ToArray();
    }

    /// <summary>A valid grey PNG, written by hand so the tests need no imaging library.</summary>
    public static byte[] Png(int width, int height)
    {
        var raw = new byte[height * (width + 1)]; // filter byte 0 then one grey byte a pixel
        for (var i = 0; i < raw.Length; i++) raw[i] = (byte)(i % (width + 1) == 0 ? 0 : 0x80);
        using var compressed = new MemoryStream();
        using (var z = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true)) z.Write(raw);

        using var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8; // bit depth
        header[9] = 0; // greyscale
        WriteChunk(png, "IHDR", header);
        WriteChunk(png, "IDAT", compressed.ToArray());
        WriteChunk(png, "IEND", []);
        return png.ToArray();
    }

    private static void WriteChunk(Stream png, string type, byte[] data)
    {
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        png.Write(length);
        var typed = Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        png.Write(typed);
        BinaryPrimitives.WriteUInt32BigEndian(length, Crc32(typed));
        png.Write(length);
    }

    private static uint Crc32(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++) crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
        }
        return ~crc;
    }
}
