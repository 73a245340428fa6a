using System.Text;

namespace TalentMatch.Core.Documents;

/// <summary>The real type of a document, told from its content (magic bytes and markup), never from its name.</summary>
public enum DetectedFormat
{
    PlainText,
    Markdown,
    Html,
    Pdf,
    Docx,
}

/// <summary>Why a document could not be read. Every value is a terminal answer: retrying the same bytes gives the same reason.</summary>
public enum RejectionReason
{
    /// <summary>No bytes, or only whitespace after decoding.</summary>
    Empty,
    /// <summary>Larger than <see cref="DocumentLimits.MaxBytes"/>.</summary>
    TooLarge,
    /// <summary>More pages than <see cref="DocumentLimits.MaxPages"/>.</summary>
    TooManyPages,
    /// <summary>Took longer than <see cref="DocumentLimits.Timeout"/>.</summary>
    TimedOut,
    /// <summary>A recognised type that TalentMatch does not read (images, spreadsheets, RTF, archives, binaries).</summary>
    UnsupportedType,
    /// <summary>A Word 97-2003 .doc (OLE compound file): ask for DOCX or PDF.</summary>
    LegacyDoc,
    /// <summary>A password-protected PDF or Office file.</summary>
    Encrypted,
    /// <summary>A PDF whose pages carry no text layer (scanned or image-only): it would need OCR.</summary>
    NoTextLayer,
    /// <summary>A ZIP-based file (DOCX) whose archive or XML is broken or truncated.</summary>
    CorruptArchive,
    /// <summary>A PDF whose structure cannot be parsed.</summary>
    CorruptPdf,
    /// <summary>An archive that expands beyond <see cref="DocumentLimits.MaxUncompressedBytes"/> or <see cref="DocumentLimits.MaxArchiveEntries"/>.</summary>
    DecompressionBomb,
    /// <summary>Text whose encoding cannot be determined without producing garbage.</summary>
    UndecodableText,
    /// <summary>Long text that is one short pattern repeated (<see cref="DocumentLimits.MaxTextCompressionRatio"/>): filler, not a document.</summary>
    RepetitiveText,
    /// <summary>Lists, quotes or XML nested deeper than <see cref="DocumentLimits.MaxNestingDepth"/>: no document nests that deep.</summary>
    TooDeeplyNested,
}

/// <summary>The outcome of <see cref="DocumentReader.Read"/>: either <see cref="ReadDocument"/> or <see cref="DocumentRejection"/>.</summary>
public abstract record DocumentReadResult;

/// <summary>Text extracted from a document.</summary>
/// <param name="Format">The type told from the content.</param>
/// <param name="Text">Normalised text: LF line ends, bullets as "• ", no control characters.</param>
/// <param name="Encoding">The character encoding of a text-based document (plain text, Markdown, HTML); null for PDF and DOCX.</param>
/// <param name="PageCount">Pages of a PDF; null for other formats, which have no fixed pages.</param>
public sealed record ReadDocument(DetectedFormat Format, string Text, Encoding? Encoding, int? PageCount) : DocumentReadResult;

/// <summary>A document that cannot be read, with a typed reason and a human-readable detail.</summary>
public sealed record DocumentRejection(RejectionReason Reason, string Detail) : DocumentReadResult;
