using System.Text;
using System.Text.RegularExpressions;
using TalentMatch.Core.Documents.Extraction;

namespace TalentMatch.Core.Documents;

/// <summary>
/// Turns the bytes of an uploaded resume or job description into normalised text, or into a typed
/// rejection. Bad input never throws: every input ends in a <see cref="ReadDocument"/> or a
/// <see cref="DocumentRejection"/>. Reading is a bounded job: it runs in one of
/// <see cref="DocumentLimits.MaxConcurrentReads"/> slots, and its extractors check a budget (wall time,
/// inflated bytes, text length, nesting) in every loop, so a spent budget stops the work itself.
/// </summary>
public static class DocumentReader
{
    /// <summary>
    /// How long past <see cref="DocumentLimits.Timeout"/> the caller waits for work that has not yet stopped
    /// (a third-party call that cannot be interrupted, or a regular expression running to its own timeout)
    /// before it is answered <see cref="RejectionReason.TimedOut"/> anyway: one regular-expression timeout and a second.
    /// </summary>
    private static readonly TimeSpan Grace = TimeSpan.FromMilliseconds(DocumentLimits.RegexTimeoutMilliseconds + 1000);

    private static readonly SemaphoreSlim Slots = new(DocumentLimits.MaxConcurrentReads, DocumentLimits.MaxConcurrentReads);

    /// <summary>Reads a document with <see cref="DocumentLimits.Default"/>.</summary>
    public static DocumentReadResult Read(ReadOnlyMemory<byte> content, string? fileName) =>
        Read(content, fileName, DocumentLimits.Default);

    /// <summary>
    /// Reads a document. The type comes from the content; <paramref name="fileName"/> is only quoted in
    /// rejection details, because uploads are often misnamed. Blocks the calling thread: prefer
    /// <see cref="ReadAsync"/> where the caller is asynchronous.
    /// </summary>
    public static DocumentReadResult Read(ReadOnlyMemory<byte> content, string? fileName, DocumentLimits limits) =>
        ReadCoreAsync(content, fileName, limits, null, CancellationToken.None).GetAwaiter().GetResult();

    /// <summary>
    /// Reads a document (see <see cref="Read(ReadOnlyMemory{byte}, string?, DocumentLimits)"/>), waiting
    /// asynchronously for a free slot. <paramref name="cancellationToken"/> is the caller's (shutdown): when it
    /// fires the work stops and <see cref="OperationCanceledException"/> is thrown; a spent budget is not an
    /// exception but a <see cref="RejectionReason.TimedOut"/> rejection.
    /// </summary>
    public static Task<DocumentReadResult> ReadAsync(ReadOnlyMemory<byte> content, string? fileName, DocumentLimits? limits = null,
        CancellationToken cancellationToken = default) =>
        ReadCoreAsync(content, fileName, limits ?? DocumentLimits.Default, null, cancellationToken);

    /// <summary>The read itself; <paramref name="probe"/> lets tests watch the work and end its budget at a chosen step.</summary>
    internal static async Task<DocumentReadResult> ReadCoreAsync(ReadOnlyMemory<byte> content, string? fileName, DocumentLimits limits,
        ReadProbe? probe, CancellationToken cancellation)
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

        await Slots.WaitAsync(cancellation).ConfigureAwait(false);
        Task<DocumentReadResult> work;
        try
        {
            // The budget's clock starts when the work does, not while it queues for a slot.
            var budget = new ReadBudget(limits, cancellation, limits.Timeout, probe);
            work = Task.Run(() =>
            {
                try
                {
                    return ReadGuarded(content, fileName, budget, cancellation);
                }
                finally
                {
                    budget.Dispose();
                    Slots.Release(); // only when the work has really ended, so abandoned work still holds its core
                    probe?.MarkFinished();
                }
            }, CancellationToken.None);
        }
        catch
        {
            Slots.Release();
            throw;
        }

        if (limits.Timeout == Timeout.InfiniteTimeSpan)
        {
            return await work.WaitAsync(cancellation).ConfigureAwait(false);
        }
        try
        {
            return await work.WaitAsync(limits.Timeout + Grace, cancellation).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            return TimedOut(fileName, limits);
        }
    }

    private static DocumentReadResult ReadGuarded(ReadOnlyMemory<byte> content, string? fileName, ReadBudget budget, CancellationToken caller)
    {
        try
        {
            var result = ReadUnguarded(content.Span, content, fileName, budget);
            return result is ReadDocument document ? Finish(document, fileName, budget) : result;
        }
#pragma warning disable CA1031 // A parser bug on hostile bytes must end as a typed rejection, never as a crash of the ingestion worker.
        catch (Exception e) when (e is not OutOfMemoryException)
#pragma warning restore CA1031
        {
            // Third-party parsers sometimes wrap what our callbacks threw: the cause decides the reason.
            switch (Cause(e))
            {
                case OperationCanceledException when caller.IsCancellationRequested:
                    throw;
                case OperationCanceledException:
                    return TimedOut(fileName, budget.Limits);
                case DocumentLimitExceededException limit:
                    return new DocumentRejection(limit.Reason, $"{Describe(fileName)} {limit.Message}.");
                case ProcessorTimeExceededException processor:
                    return new DocumentRejection(RejectionReason.TimedOut, $"Reading {Describe(fileName)} stopped: it {processor.Message}.");
                case RegexMatchTimeoutException timeout:
                    return new DocumentRejection(RejectionReason.TimedOut,
                        $"Reading {Describe(fileName)} stopped: a text pattern ran past its {timeout.MatchTimeout.TotalMilliseconds:0} ms limit.");
            }
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

    /// <summary>The budget exception behind <paramref name="e"/>, if a library wrapped one; otherwise <paramref name="e"/>.</summary>
    private static Exception Cause(Exception e)
    {
        for (var inner = e; inner is not null; inner = inner.InnerException)
        {
            if (inner is OperationCanceledException or DocumentLimitExceededException or ProcessorTimeExceededException or RegexMatchTimeoutException)
            {
                return inner;
            }
        }
        return e;
    }

    private static DocumentReadResult ReadUnguarded(ReadOnlySpan<byte> bytes, ReadOnlyMemory<byte> content, string? fileName, ReadBudget budget)
    {
        var (kind, name) = FormatSniffer.SniffContainer(bytes);
        switch (kind)
        {
            case ContainerKind.Pdf:
                return PdfTextExtractor.Extract(content, budget);
            case ContainerKind.Zip:
                return DocxTextExtractor.Extract(content, budget);
            case ContainerKind.OleCompoundFile:
                // Encrypted DOCX files are OLE containers too; their directory names the "EncryptedPackage" stream (UTF-16).
                return bytes.IndexOf(Encoding.Unicode.GetBytes("EncryptedPackage")) >= 0
                    ? new DocumentRejection(RejectionReason.Encrypted, $"{Describe(fileName)} is a password-protected Office document.")
                    : new DocumentRejection(RejectionReason.LegacyDoc, $"{Describe(fileName)} is a legacy Word 97-2003 (.doc) or other OLE file: save it as DOCX or PDF.");
            case ContainerKind.Unsupported:
                return new DocumentRejection(RejectionReason.UnsupportedType, $"{Describe(fileName)} is a {name}, which is not a supported document type.");
        }

        // Every supported encoding spends at most four bytes a character, so this refuses a text that is
        // certainly too long before a character of it is decoded.
        budget.CheckText(bytes.Length / 4, "at least ");
        var decoded = TextDecoding.Decode(bytes);
        if (decoded is null)
        {
            return bytes.Contains((byte)0)
                ? new DocumentRejection(RejectionReason.UnsupportedType, $"{Describe(fileName)} is binary data of an unknown type.")
                : new DocumentRejection(RejectionReason.UndecodableText, $"{Describe(fileName)} is not valid UTF-8, UTF-16, GB18030 or Windows-1252 text.");
        }
        var (text, encoding) = decoded.Value;
        budget.CheckText(text.Length);
        budget.Step();
        if (FormatSniffer.LooksLikeHtml(text))
        {
            return new ReadDocument(DetectedFormat.Html, HtmlTextExtractor.Extract(text, budget), encoding, null);
        }
        if (FormatSniffer.LooksLikeMarkdown(text))
        {
            return new ReadDocument(DetectedFormat.Markdown, MarkdownTextExtractor.Extract(text, budget), encoding, null);
        }
        return new ReadDocument(DetectedFormat.PlainText, text, encoding, null);
    }

    /// <summary>Normalises the text and refuses a document that turned out to hold none.</summary>
    private static DocumentReadResult Finish(ReadDocument document, string? fileName, ReadBudget budget)
    {
        budget.CheckText(document.Text.Length);
        var text = TextNormalizer.Normalize(document.Text, budget);
        if (text.Length == 0)
        {
            return new DocumentRejection(RejectionReason.Empty, $"{Describe(fileName)} contains no text ({document.Format}).");
        }
        budget.Step();
        return TextRepetition.Check(text, budget.Limits) ?? (DocumentReadResult)new ReadDocument(document.Format, text, document.Encoding, document.PageCount);
    }

    private static DocumentRejection TimedOut(string? fileName, DocumentLimits limits) =>
        new(RejectionReason.TimedOut, $"Reading {Describe(fileName)} took longer than {limits.Timeout.TotalSeconds:0.#} s.");

    private static string Describe(string? fileName) => string.IsNullOrWhiteSpace(fileName) ? "The document" : $"'{Path.GetFileName(fileName)}'";
}
