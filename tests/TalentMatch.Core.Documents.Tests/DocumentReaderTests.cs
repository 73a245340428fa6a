using System.Text;

namespace TalentMatch.Core.Documents.Tests;

public class DocumentReaderTests
{
    private static ReadDocument AssertRead(DocumentReadResult result)
    {
        var read = Assert.IsType<ReadDocument>(result);
        Assert.False(string.IsNullOrWhiteSpace(read.Text));
        return read;
    }

    private static DocumentRejection AssertRejected(DocumentReadResult result, RejectionReason reason)
    {
        var rejection = Assert.IsType<DocumentRejection>(result);
        Assert.Equal(reason, rejection.Reason);
        Assert.False(string.IsNullOrWhiteSpace(rejection.Detail));
        return rejection;
    }

    [Fact]
    public void A_text_pdf_is_read_with_its_page_count()
    {
        var read = AssertRead(DocumentReader.Read(Fixtures.Pdf(["Jane Doe", "Machine Learning Engineer"], ["Page two"]), "cv.pdf"));

        Assert.Equal(DetectedFormat.Pdf, read.Format);
        Assert.Equal(2, read.PageCount);
        Assert.Contains("Machine Learning Engineer", read.Text, StringComparison.Ordinal);
        Assert.True(read.Text.IndexOf("Jane Doe", StringComparison.Ordinal) < read.Text.IndexOf("Page two", StringComparison.Ordinal));
    }

    [Fact]
    public void The_type_comes_from_the_content_not_the_file_name()
    {
        var read = AssertRead(DocumentReader.Read(Fixtures.Pdf(["Jane Doe"]), "resume.txt"));
        Assert.Equal(DetectedFormat.Pdf, read.Format);

        var docx = AssertRead(DocumentReader.Read(Fixtures.Docx(["Jane Doe"]), "resume.pdf"));
        Assert.Equal(DetectedFormat.Docx, docx.Format);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_two_column_pdf_is_read_column_by_column(bool writeRightColumnFirst)
    {
        string[] left = ["SKILLS", "Python and PyTorch", "Kubernetes operators", "Vector databases"];
        string[] right = ["EXPERIENCE", "Senior ML Engineer at Acme", "Built a retrieval pipeline", "Served LLMs with vLLM"];

        var text = AssertRead(DocumentReader.Read(Fixtures.TwoColumnPdf(left, right, writeRightColumnFirst), null)).Text;

        // Each column's lines stay together and in order; no line mixes the two columns.
        foreach (var column in new[] { left, right })
        {
            var positions = column.Select(line => text.IndexOf(line, StringComparison.Ordinal)).ToList();
            Assert.All(positions, p => Assert.True(p >= 0, text));
            Assert.Equal(positions.Order(), positions);
        }
        Assert.DoesNotContain("PyTorch Built", text, StringComparison.Ordinal);
        var leftEnd = text.IndexOf(left[^1], StringComparison.Ordinal);
        var rightStart = text.IndexOf(right[0], StringComparison.Ordinal);
        var rightEnd = text.IndexOf(right[^1], StringComparison.Ordinal);
        var leftStart = text.IndexOf(left[0], StringComparison.Ordinal);
        Assert.True(leftEnd < rightStart || rightEnd < leftStart, text);
    }

    [Fact]
    public void An_image_only_pdf_is_rejected_as_having_no_text_layer()
    {
        var rejection = AssertRejected(DocumentReader.Read(Fixtures.ImageOnlyPdf(), "scan.pdf"), RejectionReason.NoTextLayer);
        Assert.Contains("image", rejection.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_password_protected_pdf_is_rejected_as_encrypted()
    {
        AssertRejected(DocumentReader.Read(Fixtures.EncryptedPdf(), "locked.pdf"), RejectionReason.Encrypted);
    }

    [Fact]
    public void A_pdf_over_the_page_limit_is_rejected()
    {
        var pdf = Fixtures.Pdf(["one"], ["two"], ["three"]);
        AssertRejected(DocumentReader.Read(pdf, null, new DocumentLimits { MaxPages = 2 }), RejectionReason.TooManyPages);
    }

    [Fact]
    public void A_document_over_the_size_limit_is_rejected_before_parsing()
    {
        AssertRejected(DocumentReader.Read(new byte[2048], "big.txt", new DocumentLimits { MaxBytes = 1024 }), RejectionReason.TooLarge);
    }

    [Fact]
    public void Empty_and_whitespace_documents_are_rejected_as_empty()
    {
        AssertRejected(DocumentReader.Read(ReadOnlyMemory<byte>.Empty, "empty.txt"), RejectionReason.Empty);
        AssertRejected(DocumentReader.Read("  \n\t \r\n"u8.ToArray(), "blank.txt"), RejectionReason.Empty);
        AssertRejected(DocumentReader.Read(Fixtures.Docx(["", " "]), "blank.docx"), RejectionReason.Empty);
    }

    [Fact]
    public void A_docx_keeps_paragraphs_tables_and_bullets_in_order()
    {
        var docx = Fixtures.Docx(
            ["Jane Doe", "Skills"],
            [["Language", "Years"], ["Python", "8"]],
            ["Built RAG pipelines", "Fine-tuned Llama models"]);

        var read = AssertRead(DocumentReader.Read(docx, "cv.docx"));

        Assert.Equal(DetectedFormat.Docx, read.Format);
        Assert.Null(read.Encoding);
        Assert.Contains("Python | 8", read.Text, StringComparison.Ordinal);
        Assert.Contains("• Built RAG pipelines\n• Fine-tuned Llama models", read.Text, StringComparison.Ordinal);
        Assert.True(read.Text.IndexOf("Jane Doe", StringComparison.Ordinal) < read.Text.IndexOf("Language | Years", StringComparison.Ordinal));
    }

    [Fact]
    public void A_legacy_word_doc_is_rejected_with_its_own_reason()
    {
        var ole = new byte[1024];
        new byte[] { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 }.CopyTo(ole, 0);
        AssertRejected(DocumentReader.Read(ole, "cv.docx"), RejectionReason.LegacyDoc);
    }

    [Fact]
    public void A_password_protected_docx_is_rejected_as_encrypted()
    {
        var ole = new byte[2048];
        new byte[] { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 }.CopyTo(ole, 0);
        Encoding.Unicode.GetBytes("EncryptedPackage").CopyTo(ole, 1024);
        AssertRejected(DocumentReader.Read(ole, "cv.docx"), RejectionReason.Encrypted);
    }

    [Fact]
    public void A_truncated_docx_is_rejected_as_a_corrupt_archive()
    {
        var docx = Fixtures.Docx(["Jane Doe", "Senior Engineer"]);
        AssertRejected(DocumentReader.Read(docx.AsMemory(0, docx.Length / 2), "cv.docx"), RejectionReason.CorruptArchive);
    }

    [Fact]
    public void Zip_archives_that_are_not_word_documents_are_unsupported()
    {
        var plainZip = Fixtures.Zip([("notes.txt", "hello"u8.ToArray())]);
        AssertRejected(DocumentReader.Read(plainZip, "cv.docx"), RejectionReason.UnsupportedType);

        var workbook = Fixtures.Zip([("[Content_Types].xml", "<Types/>"u8.ToArray()), ("xl/workbook.xml", "<workbook/>"u8.ToArray())]);
        var rejection = AssertRejected(DocumentReader.Read(workbook, "cv.docx"), RejectionReason.UnsupportedType);
        Assert.Contains("Excel", rejection.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_docx_that_expands_past_the_limit_is_refused_as_a_decompression_bomb()
    {
        // 8 MiB of zeros compresses to a few KiB: far beyond any real document's ratio.
        var bomb = Fixtures.Zip([("[Content_Types].xml", "<Types/>"u8.ToArray()), ("word/document.xml", new byte[8 * 1024 * 1024])]);
        AssertRejected(DocumentReader.Read(bomb, "cv.docx"), RejectionReason.DecompressionBomb);

        var tooBig = Fixtures.Zip([("[Content_Types].xml", "<Types/>"u8.ToArray()), ("word/document.xml", new byte[300 * 1024])], System.IO.Compression.CompressionLevel.NoCompression);
        AssertRejected(DocumentReader.Read(tooBig, "cv.docx", new DocumentLimits { MaxUncompressedBytes = 200 * 1024 }), RejectionReason.DecompressionBomb);

        var manyEntries = Fixtures.Zip(Enumerable.Range(0, 50).Select(i => ($"word/media/{i}.bin", new byte[] { 1 })));
        AssertRejected(DocumentReader.Read(manyEntries, "cv.docx", new DocumentLimits { MaxArchiveEntries = 20 }), RejectionReason.DecompressionBomb);
    }

    [Fact]
    public void A_docx_with_an_external_entity_never_resolves_it()
    {
        var docx = Fixtures.Docx(["placeholder"]);
        var secretFile = Path.GetTempFileName();
        File.WriteAllText(secretFile, "TOP-SECRET-CONTENT");
        try
        {
            var xxe = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><!DOCTYPE w:document [<!ENTITY xxe SYSTEM \"file://" + secretFile + "\">]>"
                + "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body><w:p><w:r><w:t>Name &xxe;</w:t></w:r></w:p></w:body></w:document>";
            var patched = Fixtures.ReplaceEntry(docx, "word/document.xml", Encoding.UTF8.GetBytes(xxe));

            var result = DocumentReader.Read(patched, "cv.docx");

            var text = result switch { ReadDocument read => read.Text, DocumentRejection rejection => rejection.Detail, _ => "" };
            Assert.DoesNotContain("TOP-SECRET-CONTENT", text, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(secretFile);
        }
    }

    [Theory]
    [InlineData(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13 }, "PNG")]
    [InlineData(new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 0, 16, 0x4A, 0x46 }, "JPEG")]
    [InlineData(new byte[] { 0x7B, 0x5C, 0x72, 0x74, 0x66, 0x31 }, "RTF")]
    [InlineData(new byte[] { 0x7F, 0x45, 0x4C, 0x46, 2, 1, 1, 0, 0, 0 }, "executable")]
    public void Images_rtf_and_binaries_are_unsupported_whatever_their_name(byte[] header, string expectedName)
    {
        var rejection = AssertRejected(DocumentReader.Read(header, "resume.pdf"), RejectionReason.UnsupportedType);
        Assert.Contains(expectedName, rejection.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Binary_data_without_a_known_signature_is_unsupported()
    {
        var random = new Random(7);
        var bytes = new byte[4096];
        random.NextBytes(bytes);
        bytes[5] = 0; // random bytes nearly always contain NULs; make sure
        AssertRejected(DocumentReader.Read(bytes, "cv.txt"), RejectionReason.UnsupportedType);
    }

    [Fact]
    public void An_html_fragment_is_read_as_text_with_entities_decoded_and_links_kept()
    {
        var html = "Neon Health | Founding Sr Backend Engineer | $170-225K<p><a href=\"https:&#x2F;&#x2F;neonhealth.com\">https:&#x2F;&#x2F;neonhealth.com</a><p>We&#x27;re hiring &amp; growing<ul><li>Python</li><li>Go</li></ul><script>alert(1)</script>";

        var read = AssertRead(DocumentReader.Read(Encoding.UTF8.GetBytes(html), "post.txt"));

        Assert.Equal(DetectedFormat.Html, read.Format);
        Assert.Equal("Neon Health | Founding Sr Backend Engineer | $170-225K\nhttps://neonhealth.com\nWe're hiring & growing\n• Python\n• Go", read.Text);
    }

    [Fact]
    public void Markdown_is_read_without_its_syntax()
    {
        var markdown = "# Jane Doe\n\n**Senior ML Engineer** at [Acme](https://acme.ai)\n\n## Skills\n\n* PyTorch\n- torch_geometric\n";

        var read = AssertRead(DocumentReader.Read(Encoding.UTF8.GetBytes(markdown), null));

        Assert.Equal(DetectedFormat.Markdown, read.Format);
        Assert.Equal("Jane Doe\n\nSenior ML Engineer at Acme (https://acme.ai)\n\nSkills\n\n• PyTorch\n• torch_geometric", read.Text);
    }
}
