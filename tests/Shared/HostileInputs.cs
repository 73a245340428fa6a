using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace TalentMatch.Tests.Shared;

/// <summary>
/// Hostile documents generated in code (issue 15): nothing big is committed, and each is built the way an
/// attacker with one API key would, small on the wire and expensive to read. Shared (linked, not copied) by
/// the document tests, the HTTP tests and the hostile-upload benchmark.
/// </summary>
internal static class HostileInputs
{
    public const string WordNamespace = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

    /// <summary>
    /// The hostile uploads of issue 15's "done when" list, each as a client sends it (a file name and its bytes),
    /// built on demand: the HTTP tests and the hostile-upload benchmark send the same ones.
    /// </summary>
    public static IReadOnlyList<(string Name, string FileName, Func<byte[]> Build)> Uploads { get; } =
    [
        ("Markdown emphasis bomb (200,000 *a)", "cv.md", () => MarkdownEmphasisBomb(200_000)),
        ("PDF stream inflating to 300 MB", "cv.pdf", () => PdfWithInflatingContent(300_000_000)),
        ("DOCX document.xml inflating to 1 GB", "cv.docx", () => GigabyteDocx),
        ("the same DOCX declaring 4 KiB", "cv.docx", () => LieAboutSize(GigabyteDocx, "word/document.xml", 4096)),
        // The API takes 10 MiB a request: the line is 10 MiB less what the multipart framing needs.
        ("10 MiB line without a newline", "cv.txt", () => Repeat("", "a", 10 * 1024 * 1024 - 1024)),
        ("10,000 nested Markdown lists", "cv.md", () => Repeat("# Jane Doe\n- PyTorch\n", "- ", 10_000, "deep item\n")),
    ];

    /// <summary>A DOCX whose document.xml is 1 GB of paragraphs, in about 1 MB (built once: it takes seconds).</summary>
    private static byte[] GigabyteDocx => LazyGigabyteDocx.Value;

    private static readonly Lazy<byte[]> LazyGigabyteDocx = new(() =>
        DocxWithBody(DocumentXml("<w:p><w:r><w:t>a</w:t></w:r></w:p>", 1_000_000_000L / 36), CompressionLevel.SmallestSize));

    /// <summary>A heading, a bold name, then <c>*a</c> repeated: each unclosed opener used to rescan the rest of the line.</summary>
    public static byte[] MarkdownEmphasisBomb(int repeats) =>
        Encoding.UTF8.GetBytes("# Jane\n**Jane**\n" + new StringBuilder().Insert(0, "*a", repeats));

    public static byte[] Repeat(string head, string unit, int times, string tail = "") =>
        Encoding.UTF8.GetBytes(head + new StringBuilder().Insert(0, unit, times) + tail);

    /// <summary>A DOCX made by OpenXml whose <c>word/document.xml</c> is replaced by what <paramref name="writeDocument"/> streams.</summary>
    public static byte[] DocxWithBody(Action<Stream> writeDocument, CompressionLevel level = CompressionLevel.Optimal)
    {
        var template = OneParagraphDocx();
        using var output = new MemoryStream();
        using (var source = new ZipArchive(new MemoryStream(template), ZipArchiveMode.Read))
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var entry in source.Entries)
            {
                var copy = zip.CreateEntry(entry.FullName, level);
                using var target = copy.Open();
                if (entry.FullName == "word/document.xml")
                {
                    writeDocument(target);
                }
                else
                {
                    using var content = entry.Open();
                    content.CopyTo(target);
                }
            }
        }
        return output.ToArray();
    }

    private static byte[] OneParagraphDocx()
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, DocumentFormat.OpenXml.WordprocessingDocumentType.Document))
        {
            document.AddMainDocumentPart().Document = new Document(new Body(new Paragraph(new Run(new Text("placeholder")))));
        }
        return stream.ToArray();
    }

    /// <summary>Writes a document.xml: the opening, <paramref name="times"/> copies of <paramref name="unit"/>, the closing.</summary>
    public static Action<Stream> DocumentXml(string unit, long times, string bodyOpen = "<w:body>", string bodyClose = "</w:body>", Encoding? encoding = null) => stream =>
    {
        encoding ??= new UTF8Encoding(false);
        stream.Write(encoding.GetPreamble());
        stream.Write(encoding.GetBytes($"<?xml version=\"1.0\" encoding=\"{encoding.WebName}\"?><w:document xmlns:w=\"{WordNamespace}\">{bodyOpen}"));
        var chunk = encoding.GetBytes(new StringBuilder().Insert(0, unit, 4096).ToString());
        for (long written = 0; written < times; written += 4096)
        {
            stream.Write(chunk, 0, times - written >= 4096 ? chunk.Length : (int)(times - written) * encoding.GetByteCount(unit));
        }
        stream.Write(encoding.GetBytes($"{bodyClose}</w:document>"));
    };

    /// <summary>
    /// The same archive with the sizes of one entry rewritten, in its local header and in the central
    /// directory, to <paramref name="declared"/>: the directory check then sees a small, ordinary entry.
    /// </summary>
    public static byte[] LieAboutSize(byte[] zip, string name, uint declared)
    {
        var patched = (byte[])zip.Clone();
        var nameBytes = Encoding.UTF8.GetBytes(name);
        for (var i = 0; i + 46 < patched.Length; i++)
        {
            var signature = BinaryPrimitives.ReadUInt32LittleEndian(patched.AsSpan(i));
            if (signature == 0x04034B50 && patched.AsSpan(i + 30).StartsWith(nameBytes))
            {
                BinaryPrimitives.WriteUInt32LittleEndian(patched.AsSpan(i + 22), declared); // local header: uncompressed size
            }
            else if (signature == 0x02014B50 && patched.AsSpan(i + 46).StartsWith(nameBytes))
            {
                BinaryPrimitives.WriteUInt32LittleEndian(patched.AsSpan(i + 24), declared); // central directory: uncompressed size
            }
        }
        return patched;
    }

    /// <summary>
    /// A one-page PDF written byte by byte, whose only content stream is a DEFLATE stream of text operators
    /// that inflates to <paramref name="inflatedBytes"/>: about a thousandth of that on the wire.
    /// </summary>
    public static byte[] PdfWithInflatingContent(long inflatedBytes)
    {
        var compressed = new MemoryStream();
        using (var z = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            z.Write("BT /F1 12 Tf 50 700 Td\n"u8);
            // Long strings of one glyph: DEFLATE codes a run in a few bits, so 300 MB travel in about 300 KB.
            var chunk = Encoding.ASCII.GetBytes("(" + new string('a', 65_536) + ") Tj\n");
            for (long written = 0; written < inflatedBytes; written += chunk.Length)
            {
                z.Write(chunk);
            }
            z.Write("ET\n"u8);
        }
        return Pdf(compressed.ToArray());
    }

    private static byte[] Pdf(byte[] contentStream)
    {
        var pdf = new MemoryStream();
        var offsets = new List<long>();
        void Write(string text) => pdf.Write(Encoding.ASCII.GetBytes(text));
        Write("%PDF-1.4\n");
        offsets.Add(pdf.Position);
        Write("1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n");
        offsets.Add(pdf.Position);
        Write("2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n");
        offsets.Add(pdf.Position);
        Write("3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>\nendobj\n");
        offsets.Add(pdf.Position);
        Write($"4 0 obj\n<< /Length {contentStream.Length} /Filter /FlateDecode >>\nstream\n");
        pdf.Write(contentStream);
        Write("\nendstream\nendobj\n");
        offsets.Add(pdf.Position);
        Write("5 0 obj\n<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>\nendobj\n");
        var xref = pdf.Position;
        Write($"xref\n0 {offsets.Count + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets)
        {
            Write($"{offset:D10} 00000 n \n");
        }
        Write($"trailer\n<< /Size {offsets.Count + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return pdf.ToArray();
    }

    /// <summary>LZW as PDF writes it (PDF 32000-1 §7.4.4: codes from 9 to 12 bits, most significant bit first, early change).</summary>
    public static byte[] LzwEncode(byte[] data)
    {
        var output = new List<byte>();
        long buffer = 0;
        var bits = 0;
        var width = 9;
        void Emit(int code)
        {
            buffer = (buffer << width) | (uint)code;
            bits += width;
            while (bits >= 8)
            {
                output.Add((byte)(buffer >> (bits - 8)));
                bits -= 8;
            }
        }
        var table = new Dictionary<string, int>(StringComparer.Ordinal);
        var next = 258;
        Emit(256);
        var current = "";
        foreach (var b in data)
        {
            var candidate = current + (char)b;
            if (candidate.Length == 1 || table.ContainsKey(candidate))
            {
                current = candidate;
                continue;
            }
            Emit(current.Length == 1 ? current[0] : table[current]);
            table[candidate] = next++;
            if (next >= 1 << width && width < 12) width++; // the decoder, a table entry behind, widens one code later: early change
            if (next >= 4094)
            {
                Emit(256);
                table.Clear();
                next = 258;
                width = 9;
            }
            current = ((char)b).ToString();
        }
        if (current.Length > 0) Emit(current.Length == 1 ? current[0] : table[current]);
        Emit(257);
        if (bits > 0) output.Add((byte)(buffer << (8 - bits)));
        return [.. output];
    }
}
