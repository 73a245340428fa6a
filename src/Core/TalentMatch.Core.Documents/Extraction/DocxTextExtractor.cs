using System.IO.Compression;
using System.Text;
using System.Xml;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace TalentMatch.Core.Documents.Extraction;

/// <summary>
/// DOCX text in document order: paragraphs, list items as bullets, tables, text boxes, and header text
/// (where many CVs keep the name and contact line). Before OpenXml builds its object tree, the archive's
/// directory is checked (declared sizes, entry count, ratios), then every entry is streamed once through
/// a <see cref="MeteredStream"/> while its XML is counted (paragraphs, elements, depth): a part that lies
/// about its size, a million empty paragraphs or a 10,000-deep nesting are refused as they stream past.
/// </summary>
internal static class DocxTextExtractor
{
    private const int MaxNesting = 64;
    private const string WordNamespace = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

    public static DocumentReadResult Extract(ReadOnlyMemory<byte> content, ReadBudget budget)
    {
        var limits = budget.Limits;
        var bytes = content.ToArray();
        var archiveCheck = InspectArchive(bytes, limits);
        if (archiveCheck is not null)
        {
            return archiveCheck;
        }

        try
        {
            ScanEntries(bytes, budget);
            using var stream = new MemoryStream(bytes, writable: false);
            var settings = new OpenSettings
            {
                // Characters, not bytes: UTF-8 XML is mostly one byte a character, so this matches the byte budget.
                MaxCharactersInPart = limits.MaxUncompressedBytes,
            };
            using var document = WordprocessingDocument.Open(stream, isEditable: false, settings);
            var body = document.MainDocumentPart?.Document?.Body;
            if (body is null)
            {
                return new DocumentRejection(RejectionReason.CorruptArchive, "The DOCX has no document body.");
            }

            var text = new StringBuilder();
            foreach (var header in document.MainDocumentPart!.HeaderParts)
            {
                if (header.Header is not null)
                {
                    WalkBlocks(header.Header, text, 0, budget);
                }
            }
            WalkBlocks(body, text, 0, budget);
            return new ReadDocument(DetectedFormat.Docx, text.ToString(), null, null);
        }
        catch (Exception e) when (e is OpenXmlPackageException or InvalidDataException or XmlException or FileFormatException
            or IOException or InvalidOperationException or ArgumentException or NotSupportedException or KeyNotFoundException)
        {
            // OpenXml surfaces a broken package through many exception types; all mean the same to a caller.
            return new DocumentRejection(RejectionReason.CorruptArchive, $"The DOCX cannot be read: {e.GetType().Name}: {e.Message}");
        }
    }

    /// <summary>
    /// Streams every entry once, charging its real inflated size to the budget (whatever the directory
    /// declared), and counts the elements of those that hold XML. Stops at the first cap crossed.
    /// </summary>
    private static void ScanEntries(byte[] bytes, ReadBudget budget)
    {
        var limits = budget.Limits;
        using var stream = new MemoryStream(bytes, writable: false);
        using var zip = new ZipArchive(stream, ZipArchiveMode.Read);
        long paragraphs = 0, elements = 0;
        foreach (var entry in zip.Entries)
        {
            budget.Step();
            using var metered = new MeteredStream(entry.Open(), budget, () => entry.CompressedLength);
            // Every entry is read as XML, whatever its name or encoding (a part can be called anything, and
            // UTF-16 XML is XML too); media fail on their first byte and are then only counted.
            var settings = new XmlReaderSettings
            {
                DtdProcessing = DtdProcessing.Prohibit,
                XmlResolver = null,
                CheckCharacters = false,
                IgnoreComments = true,
                IgnoreWhitespace = true,
                IgnoreProcessingInstructions = true,
            };
            try
            {
                using var reader = XmlReader.Create(metered, settings);
                while (reader.Read())
                {
                    if (reader.NodeType != XmlNodeType.Element) continue;
                    if (++elements > limits.MaxXmlElements)
                    {
                        throw new DocumentLimitExceededException(RejectionReason.TooLarge,
                            $"has more than {limits.MaxXmlElements:N0} XML elements, the limit");
                    }
                    if (reader.LocalName == "p" && reader.NamespaceURI == WordNamespace && ++paragraphs > limits.MaxParagraphs)
                    {
                        throw new DocumentLimitExceededException(RejectionReason.TooLarge,
                            $"has more than {limits.MaxParagraphs:N0} paragraphs, the limit");
                    }
                    if (reader.Depth > limits.MaxNestingDepth)
                    {
                        throw new DocumentLimitExceededException(RejectionReason.TooDeeplyNested,
                            $"nests XML more than {limits.MaxNestingDepth} levels deep in '{entry.FullName}'");
                    }
                }
            }
            catch (XmlException)
            {
                // Not XML, or broken XML: OpenXml's to judge if it ever loads the part. The rest is still inflated and counted.
                metered.Drain();
            }
        }
    }

    /// <summary>Checks the ZIP directory: entry count, total declared size, and per-entry compression ratio.</summary>
    private static DocumentRejection? InspectArchive(byte[] bytes, DocumentLimits limits)
    {
        try
        {
            using var stream = new MemoryStream(bytes, writable: false);
            using var zip = new ZipArchive(stream, ZipArchiveMode.Read);
            if (zip.Entries.Count > limits.MaxArchiveEntries)
            {
                return new DocumentRejection(RejectionReason.DecompressionBomb, $"The archive has {zip.Entries.Count} entries; the limit is {limits.MaxArchiveEntries}.");
            }
            long total = 0;
            var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var entry in zip.Entries)
            {
                names.Add(entry.FullName);
                total += entry.Length;
                // Small entries may compress very well legitimately (runs of spaces); only big ones are suspicious.
                if (entry.Length > 1024 * 1024 && entry.CompressedLength > 0 && entry.Length / entry.CompressedLength > limits.MaxCompressionRatio)
                {
                    return new DocumentRejection(RejectionReason.DecompressionBomb, $"Entry '{entry.FullName}' expands {entry.Length / entry.CompressedLength}:1; the limit is {limits.MaxCompressionRatio}:1.");
                }
            }
            if (total > limits.MaxUncompressedBytes)
            {
                return new DocumentRejection(RejectionReason.DecompressionBomb, $"The archive expands to {total:N0} bytes; the limit is {limits.MaxUncompressedBytes:N0}.");
            }
            if (!names.Contains("[Content_Types].xml"))
            {
                return new DocumentRejection(RejectionReason.UnsupportedType, names.Contains("mimetype")
                    ? "An OpenDocument file (ODT): save it as DOCX or PDF."
                    : "A ZIP archive, not a Word document.");
            }
            if (!names.Contains("word/document.xml") && !names.Any(n => n.StartsWith("word/", StringComparison.OrdinalIgnoreCase)))
            {
                var kind = names.Any(n => n.StartsWith("xl/", StringComparison.OrdinalIgnoreCase)) ? "an Excel workbook"
                    : names.Any(n => n.StartsWith("ppt/", StringComparison.OrdinalIgnoreCase)) ? "a PowerPoint presentation"
                    : "an Office file that is not a Word document";
                return new DocumentRejection(RejectionReason.UnsupportedType, $"The file is {kind}.");
            }
            return null;
        }
        catch (InvalidDataException e)
        {
            return new DocumentRejection(RejectionReason.CorruptArchive, $"The ZIP archive is damaged: {e.Message}");
        }
    }

    private static void WalkBlocks(OpenXmlElement container, StringBuilder text, int depth, ReadBudget budget)
    {
        if (depth > MaxNesting)
        {
            throw new InvalidDataException($"Content is nested more than {MaxNesting} levels deep.");
        }
        foreach (var child in container.ChildElements)
        {
            budget.Step();
            switch (child)
            {
                case Paragraph paragraph:
                    WriteParagraph(paragraph, text, depth, budget);
                    break;
                case Table table:
                    WriteTable(table, text, depth, budget);
                    break;
                case SectionProperties:
                    break;
                default:
                    WalkBlocks(child, text, depth + 1, budget); // content controls, custom XML and the like wrap paragraphs
                    break;
            }
        }
    }

    private static void WriteParagraph(Paragraph paragraph, StringBuilder text, int depth, ReadBudget budget)
    {
        var line = new StringBuilder();
        var nested = new StringBuilder();
        CollectRuns(paragraph, line, nested, depth, budget);
        if (line.Length > 0 && paragraph.ParagraphProperties?.NumberingProperties is not null)
        {
            line.Insert(0, TextNormalizer.Bullet);
        }
        text.Append(line).Append('\n').Append(nested);
        budget.CheckText(text.Length, "at least ");
    }

    private static void CollectRuns(OpenXmlElement element, StringBuilder line, StringBuilder nested, int depth, ReadBudget budget)
    {
        if (depth > MaxNesting)
        {
            throw new InvalidDataException($"Content is nested more than {MaxNesting} levels deep.");
        }
        foreach (var child in element.ChildElements)
        {
            budget.Step();
            switch (child)
            {
                case Text t:
                    line.Append(t.Text);
                    break;
                case TabChar or PositionalTab:
                    line.Append(' ');
                    break;
                case Break or CarriageReturn:
                    line.Append('\n');
                    break;
                case NoBreakHyphen:
                    line.Append('-');
                    break;
                case AlternateContentFallback:
                    break; // the same content as the Choice branch, for older readers: reading both would duplicate it
                case TextBoxContent textBox:
                    WalkBlocks(textBox, nested, depth + 1, budget);
                    break;
                default:
                    CollectRuns(child, line, nested, depth + 1, budget);
                    break;
            }
        }
    }

    /// <summary>
    /// Data tables (one paragraph a cell) become "a | b | c" lines. Layout tables, where a cell holds a
    /// whole column of the CV, are written cell after cell so their sections stay intact.
    /// </summary>
    private static void WriteTable(Table table, StringBuilder text, int depth, ReadBudget budget)
    {
        foreach (var row in table.Elements<TableRow>())
        {
            var cells = row.Elements<TableCell>().ToList();
            var isDataRow = cells.All(cell => cell.Elements<Paragraph>().Count(p => !string.IsNullOrWhiteSpace(p.InnerText)) <= 1
                && !cell.Elements<Table>().Any());
            if (isDataRow)
            {
                var values = cells.Select(cell =>
                {
                    var cellText = new StringBuilder();
                    WalkBlocks(cell, cellText, depth + 1, budget);
                    return cellText.ToString().Replace('\n', ' ').Trim();
                }).Where(value => value.Length > 0);
                text.Append(string.Join(" | ", values)).Append('\n');
            }
            else
            {
                foreach (var cell in cells)
                {
                    WalkBlocks(cell, text, depth + 1, budget);
                    text.Append('\n');
                }
            }
        }
    }
}
