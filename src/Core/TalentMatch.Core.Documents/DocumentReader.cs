using System.Text;
using TalentMatch.Core.Documents.Extraction;

namespace TalentMatch.Core.Documents;

/// <summary>
/// Turns the bytes of an uploaded resume or job description into normalised text, or into a typed
/// rejection. Bad input never throws: every input ends in a <see cref="ReadDocument"/> or a
/// <see cref="DocumentRejection"/>.
/// </summary>
public static class DocumentReader
{
    /// <summary>Reads a document with <see cref="DocumentLimits.Default"/>.</summary>
    public static DocumentReadResult Read(ReadOnlyMemory<byte> content, string? fileName) =>
        Read(content, fileName, DocumentLimits.Default);

    /// <summary>
    /// Reads a document. The type comes from the content; <paramref name="fileName"/> is only quoted in
    /// rejection details, because uploads are often misnamed.
    /// </summary>
    public static DocumentReadResult Read(ReadOnlyMemory<byte> content, string? fileName, DocumentLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        if (content.Length > limits.MaxBytes)
        {
            return new DocumentRejection(RejectionReason.TooLarge, $"{Describe(fileName)} has {content.Length:N0} bytes; the limit is {limits.MaxBytes:N0}.");
        }
        if (content.IsEmpty)
        {
            return new DocumentRejection(RejectionReason.Empty, $"{Describe(fileName)} is empty.");
        }

        // The parsers check the token between pages and paragraphs. The watchdog below also answers on time
        // when a third-party parser is stuck inside one page: the stuck work is abandoned, not awaited.
        using var cancellation = new CancellationTokenSource(limits.Timeout);
        var work = Task.Run(() => ReadGuarded(content, fileName, limits, cancellation.Token), CancellationToken.None);
        if (!work.Wait(limits.Timeout + TimeSpan.FromMilliseconds(250), CancellationToken.None))
        {
            return TimedOut(fileName, limits);
        }
        return work.GetAwaiter().GetResult();
    }

    private static DocumentReadResult ReadGuarded(ReadOnlyMemory<byte> content, string? fileName, DocumentLimits limits, CancellationToken cancellation)
    {
        try
        {
            var result = ReadUnguarded(content.Span, content, fileName, limits, cancellation);
            return result is ReadDocument document ? Finish(document, fileName) : result;
        }
        catch (OperationCanceledException)
        {
            return TimedOut(fileName, limits);
        }
#pragma warning disable CA1031 // A parser bug on hostile bytes must end as a typed rejection, never as a crash of the ingestion worker.
        catch (Exception e) when (e is not OutOfMemoryException)
#pragma warning restore CA1031
        {
            var (kind, _) = FormatSniffer.SniffContainer(content.Span);
            var reason = kind switch
            {
                ContainerKind.Pdf => RejectionReason.CorruptPdf,
                ContainerKind.Zip => RejectionReason.CorruptArchive,
                _ => RejectionReason.UnsupportedType,
            };
            return new DocumentRejection(reason, $"{Describe(fileName)} cannot be parsed: {e.GetType().Name}: {e.Message}");
        }
    }

    private static DocumentReadResult ReadUnguarded(ReadOnlySpan<byte> bytes, ReadOnlyMemory<byte> content, string? fileName, DocumentLimits limits, CancellationToken cancellation)
    {
        var (kind, name) = FormatSniffer.SniffContainer(bytes);
        switch (kind)
        {
            case ContainerKind.Pdf:
                return PdfTextExtractor.Extract(content, limits, cancellation);
            case ContainerKind.Zip:
                return DocxTextExtractor.Extract(content, limits, cancellation);
            case ContainerKind.OleCompoundFile:
                // Encrypted DOCX files are OLE containers too; their directory names the "EncryptedPackage" stream (UTF-16).
                return bytes.IndexOf(Encoding.Unicode.GetBytes("EncryptedPackage")) >= 0
                    ? new DocumentRejection(RejectionReason.Encrypted, $"{Describe(fileName)} is a password-protected Office document.")
                    : new DocumentRejection(RejectionReason.LegacyDoc, $"{Describe(fileName)} is a legacy Word 97-2003 (.doc) or other OLE file: save it as DOCX or PDF.");
            case ContainerKind.Unsupported:
                return new DocumentRejection(RejectionReason.UnsupportedType, $"{Describe(fileName)} is a {name}, which is not a supported document type.");
        }

        var decoded = TextDecoding.Decode(bytes);
        if (decoded is null)
        {
            return bytes.Contains((byte)0)
                ? new DocumentRejection(RejectionReason.UnsupportedType, $"{Describe(fileName)} is binary data of an unknown type.")
                : new DocumentRejection(RejectionReason.UndecodableText, $"{Describe(fileName)} is not valid UTF-8, UTF-16, GB18030 or Windows-1252 text.");
        }
        var (text, encoding) = decoded.Value;
        if (FormatSniffer.LooksLikeHtml(text))
        {
            return new ReadDocument(DetectedFormat.Html, HtmlTextExtractor.Extract(text, cancellation), encoding, null);
        }
        if (FormatSniffer.LooksLikeMarkdown(text))
        {
            return new ReadDocument(DetectedFormat.Markdown, MarkdownTextExtractor.Extract(text), encoding, null);
        }
        return new ReadDocument(DetectedFormat.PlainText, text, encoding, null);
    }

    /// <summary>Normalises the text and refuses a document that turned out to hold none.</summary>
    private static DocumentReadResult Finish(ReadDocument document, string? fileName)
    {
        var text = TextNormalizer.Normalize(document.Text);
        return text.Length == 0
            ? new DocumentRejection(RejectionReason.Empty, $"{Describe(fileName)} contains no text ({document.Format}).")
            : new ReadDocument(document.Format, text, document.Encoding, document.PageCount);
    }

    private static DocumentRejection TimedOut(string? fileName, DocumentLimits limits) =>
        new(RejectionReason.TimedOut, $"Reading {Describe(fileName)} took longer than {limits.Timeout.TotalSeconds:0.#} s.");

    private static string Describe(string? fileName) => string.IsNullOrWhiteSpace(fileName) ? "The document" : $"'{Path.GetFileName(fileName)}'";
}
