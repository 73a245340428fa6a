using System.Text.RegularExpressions;
using TalentMatch.Contracts;
using TalentMatch.Core.Documents;
using TalentMatch.Core.Matching;
using TalentMatch.Core.Skills;

namespace TalentMatch.Modules.Ingestion;

/// <summary>What ingestion made of a document: its normalised text, skills and facts, or why it was rejected.</summary>
public sealed record IngestionResult(
    string? Text,
    IReadOnlyList<ExtractedSkill> Skills,
    ProfileFacts? Facts,
    string? RejectionReason,
    string? RejectionDetail)
{
    public bool IsRejected => RejectionReason is not null;

    /// <summary>A resume's parse (contact details, work history): what its duplicate-detection hashes are made from.</summary>
    public ParsedResume? Resume { get; init; }

    public static IngestionResult Rejected(string reason, string detail) => new(null, [], null, reason, detail);
}

/// <summary>
/// Turns submitted text into what the rest of the pipeline works on: skills from the taxonomy
/// (TalentMatch.Core.Skills) and structure (TalentMatch.Core.Documents). Pure: no bus, no storage.
/// Bounded like reading (docs/adr/0007-bounded-document-reading.md): text past
/// <see cref="DocumentLimits.MaxTextCharacters"/> is refused, and parsing runs against the reading budget's
/// wall time, so hostile text ends as a "timed-out" rejection instead of holding the consumer.
/// </summary>
public static class DocumentIngestor
{
    public const string EmptyDocument = "empty-document";

    /// <summary>The same code an upload gets from the reader for <see cref="RejectionReason.TooLarge"/>.</summary>
    public const string TooLarge = "too-large";

    /// <summary>The same code an upload gets from the reader for <see cref="RejectionReason.RepetitiveText"/>.</summary>
    public const string RepetitiveText = "repetitive-text";

    /// <summary>The same code an upload gets from the reader for <see cref="RejectionReason.TimedOut"/>.</summary>
    public const string TimedOut = "timed-out";

    /// <summary>Enough places to show a recruiter why; bounds message size on skill-dense documents.</summary>
    public const int MaxEvidencePerSkill = ProfileFactory.MaxEvidencePerSkill;

    /// <param name="referenceDate">What "Present" / 至今 means in a resume's dates: the day it was submitted.</param>
    public static IngestionResult Ingest(string text, DocumentKind kind, DateOnly referenceDate) =>
        IngestAsync(text, kind, referenceDate, linker: null, CancellationToken.None).GetAwaiter().GetResult(); // completes synchronously without a linker

    /// <summary><see cref="Ingest"/> with semantic linking after exact extraction when <paramref name="linker"/> is given.</summary>
    public static async Task<IngestionResult> IngestAsync(string text, DocumentKind kind, DateOnly referenceDate, SemanticLinker? linker, CancellationToken cancellationToken)
    {
        // NFC so that the same word typed on two keyboards indexes and matches the same way;
        // one line-ending style so that offsets mean the same thing everywhere downstream.
        var normalised = ProfileFactory.Normalise(text);
        if (normalised.Length == 0 || normalised.All(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            return IngestionResult.Rejected(EmptyDocument, "The document contains no readable text.");
        }

        var limits = DocumentLimits.Default;
        if (normalised.Length > limits.MaxTextCharacters)
        {
            return IngestionResult.Rejected(TooLarge, $"The document has {normalised.Length:N0} characters of text; the limit is {limits.MaxTextCharacters:N0}.");
        }
        // Text sent as a body never went through the reader, which refuses filler in uploads.
        if (TextRepetition.Check(normalised, limits) is { } repetitive)
        {
            return IngestionResult.Rejected(RepetitiveText, repetitive.Detail);
        }
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(limits.Timeout);
        try
        {
            // The matching library's reading: what the CLI and the benchmark read from the same text.
            var reading = linker is null
                ? ProfileFactory.Read(normalised, kind, referenceDate, deadline: deadline.Token)
                : await ProfileFactory.ReadAsync(normalised, kind, referenceDate, linker, deadline: deadline.Token);
            return new IngestionResult(reading.Text, reading.Skills, reading.Facts, null, null) { Resume = reading.Resume };
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return IngestionResult.Rejected(TimedOut, $"Parsing the document took longer than {limits.Timeout.TotalSeconds:0.#} s.");
        }
        catch (ProcessorTimeExceededException e)
        {
            return IngestionResult.Rejected(TimedOut, $"Parsing the document stopped: it {e.Message}.");
        }
        catch (RegexMatchTimeoutException e)
        {
            return IngestionResult.Rejected(TimedOut, $"Parsing the document stopped: a text pattern ran past its {e.MatchTimeout.TotalMilliseconds:0} ms limit.");
        }
    }
}
