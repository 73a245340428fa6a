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
/// Every stream PdfPig decodes goes through <see cref="PdfStreamBudget"/>, so its size is known and capped
/// before it is allocated, and each decode is a point where a spent budget stops the work, even inside a page.
/// </summary>
internal static class PdfTextExtractor
{
    public static DocumentReadResult Extract(ReadOnlyMemory<byte> content, ReadBudget budget)
    {
        var limits = budget.Limits;
        // An empty password opens PDFs that are encrypted only against editing (owner password), which
        // readers display without asking; anything needing a user password is rejected below.
        var options = new ParsingOptions
        {
            UseLenientParsing = true,
            SkipMissingFonts = true,
            MaxStackDepth = 256,
            FilterProvider = new PdfStreamBudget(budget),
        };
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
            budget.ThrowIfStopped();
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
                budget.Step();
                budget.StartPage();
                var page = document.GetPage(number);
                budget.EndPage();
                budget.ThrowIfStopped();
                images += page.NumberOfImages;
                text.Append(PageText(page, budget)).Append("\n\n");
                budget.CheckText(text.Length, "at least ");
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

    private static string PageText(Page page, ReadBudget budget)
    {
        if (page.Letters.Count == 0)
        {
            return "";
        }
        if (page.Letters.Count > DocumentLimits.LayoutAnalysisMaxLetters)
        {
            return page.Text; // layout analysis grows faster than the glyph count; content-stream order is still the text
        }
        try
        {
            var words = NearestNeighbourWordExtractor.Instance.GetWords(page.Letters);
            budget.Step();
            var blocks = DocstrumBoundingBoxes.Instance.GetBlocks(words);
            budget.Step();
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
