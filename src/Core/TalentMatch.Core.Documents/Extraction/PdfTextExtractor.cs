using System.Text;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.DocumentLayoutAnalysis.PageSegmenter;
using UglyToad.PdfPig.DocumentLayoutAnalysis.ReadingOrderDetector;
using UglyToad.PdfPig.DocumentLayoutAnalysis.WordExtractor;
using UglyToad.PdfPig.Exceptions;

namespace TalentMatch.Core.Documents.Extraction;

/// <summary>
/// PDF text in reading order. Resumes are often two-column; PdfPig's raw letter order interleaves the
/// columns line by line, so pages are segmented into blocks (Docstrum) and the blocks put in reading order.
/// </summary>
internal static class PdfTextExtractor
{
    public static DocumentReadResult Extract(ReadOnlyMemory<byte> content, DocumentLimits limits, CancellationToken cancellation)
    {
        // An empty password opens PDFs that are encrypted only against editing (owner password), which
        // readers display without asking; anything needing a user password is rejected below.
        var options = new ParsingOptions { UseLenientParsing = true, SkipMissingFonts = true, MaxStackDepth = 256 };
        PdfDocument document;
        try
        {
            document = PdfDocument.Open(content.ToArray(), options);
        }
        catch (PdfDocumentEncryptedException e)
        {
            return new DocumentRejection(RejectionReason.Encrypted, $"The PDF is password-protected ({e.Message}).");
        }

        using (document)
        {
            if (document.NumberOfPages > limits.MaxPages)
            {
                return new DocumentRejection(RejectionReason.TooManyPages, $"The PDF has {document.NumberOfPages} pages; the limit is {limits.MaxPages}.");
            }
            if (document.NumberOfPages == 0)
            {
                return new DocumentRejection(RejectionReason.CorruptPdf, "The PDF has no pages.");
            }

            var text = new StringBuilder();
            var images = 0;
            for (var number = 1; number <= document.NumberOfPages; number++)
            {
                cancellation.ThrowIfCancellationRequested();
                var page = document.GetPage(number);
                images += page.NumberOfImages;
                text.Append(PageText(page)).Append("\n\n");
            }

            if (string.IsNullOrWhiteSpace(text.ToString()))
            {
                return new DocumentRejection(RejectionReason.NoTextLayer, images > 0
                    ? $"The PDF's {document.NumberOfPages} page(s) hold {images} image(s) and no text layer: it is scanned or image-only and needs OCR."
                    : $"The PDF's {document.NumberOfPages} page(s) hold no text.");
            }
            return new ReadDocument(DetectedFormat.Pdf, text.ToString(), null, document.NumberOfPages);
        }
    }

    private static string PageText(Page page)
    {
        if (page.Letters.Count == 0)
        {
            return "";
        }
        try
        {
            var words = NearestNeighbourWordExtractor.Instance.GetWords(page.Letters);
            var blocks = DocstrumBoundingBoxes.Instance.GetBlocks(words);
            var ordered = UnsupervisedReadingOrderDetector.Instance.Get(blocks);
            return string.Join("\n\n", ordered.Select(block => string.Join("\n", block.TextLines.Select(line => line.Text))));
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or IndexOutOfRangeException or PdfDocumentFormatException)
        {
            // Layout analysis gives up on some degenerate pages (zero-size glyphs); the content-stream order is still text.
            return page.Text;
        }
    }
}
