using TalentMatch.Contracts;

namespace TalentMatch.Modules.Api.Persistence;

/// <summary>Where a submitted document is in the pipeline. Moves forward only.</summary>
public enum PipelineStatus
{
    Processing = 0,
    Parsed = 1,
    Indexed = 2,
    Rejected = 3,

    /// <summary>Deleted by its tenant: text and skills are erased, the row remains as a tombstone so that late pipeline events cannot bring it back.</summary>
    Deleted = 4,
}

/// <summary>
/// What the api service keeps of a resume or a job description it accepted: the text, whose it
/// is, where it is in the pipeline and what ingestion recognised in it.
/// </summary>
public abstract class TrackedDocument
{
    public Guid Id { get; set; }

    /// <summary>The owning tenant: every query filters on it.</summary>
    public required string TenantId { get; set; }

    public required string Text { get; set; }

    public PipelineStatus Status { get; set; }

    public List<ExtractedSkill> Skills { get; set; } = [];

    public DateTimeOffset SubmittedAt { get; set; }

    public DateTimeOffset? IndexedAt { get; set; }

    public string? RejectionReason { get; set; }

    public string? RejectionDetail { get; set; }

    public const int MaxFileNameLength = 255;
    public const int MaxRejectionReasonLength = 64;
    public const int MaxRejectionDetailLength = 1000;

    private static string Bounded(string value, int maxLength) =>
        value.Length <= maxLength ? value : string.Concat(value.AsSpan(0, maxLength - 1), "…");

    public DateTimeOffset? DeletedAt { get; set; }

    public bool IsDeleted => Status == PipelineStatus.Deleted;

    /// <summary>
    /// Bumped by every change and checked on save (optimistic concurrency): two pipeline events
    /// about the same document handled at once must not overwrite each other; the loser's save
    /// fails, the bus retries it, and it re-reads the winner's state.
    /// </summary>
    public int Version { get; set; }

    /// <summary>An uploaded file's text arrives with the parse: ingestion read the file.</summary>
    public string? FileName { get; set; }

    /// <summary>
    /// Counts content replacements (a job's PUT). Pipeline events carry the revision they were
    /// derived from; events about an older revision are ignored.
    /// </summary>
    public int Revision { get; set; }

    /// <summary>
    /// Stores what ingestion read. Returns true when this makes the document indexed: search's event
    /// came first (the two arrive on different queues), and the document is shown as indexed only
    /// now that its text and skills are here.
    /// </summary>
    public bool MarkParsed(IReadOnlyList<ExtractedSkill> skills, string parsedText)
    {
        if (Status != PipelineStatus.Processing)
        {
            return false; // A redelivered event must not move a document backwards.
        }

        if (Text.Length == 0)
        {
            Text = parsedText;
        }

        Skills = [.. skills];
        Status = IndexedAt is null ? PipelineStatus.Parsed : PipelineStatus.Indexed;
        Version++;
        return Status == PipelineStatus.Indexed;
    }

    /// <summary>
    /// Records that search indexed the document. Returns true when it now reads as indexed; before
    /// its parse has arrived it stays <c>processing</c> (with <see cref="IndexedAt"/> kept) until
    /// <see cref="MarkParsed"/>.
    /// </summary>
    public bool MarkIndexed(DateTimeOffset indexedAt)
    {
        if (Status is PipelineStatus.Indexed or PipelineStatus.Rejected or PipelineStatus.Deleted || IndexedAt is not null)
        {
            return false;
        }

        IndexedAt = indexedAt;
        if (Status == PipelineStatus.Parsed)
        {
            Status = PipelineStatus.Indexed;
        }

        Version++;
        return Status == PipelineStatus.Indexed;
    }

    /// <summary>Returns true when this rejects the document (not for a repeat, nor after indexing or deletion).</summary>
    public bool MarkRejected(string reason, string detail)
    {
        if (Status is PipelineStatus.Indexed or PipelineStatus.Deleted or PipelineStatus.Rejected)
        {
            return false;
        }

        Status = PipelineStatus.Rejected;
        // Bounded here, not by the database: SQLite would keep a longer value, SQL Server and
        // PostgreSQL would fail the save and the consumer would retry it forever.
        RejectionReason = Bounded(reason, MaxRejectionReasonLength);
        RejectionDetail = Bounded(detail, MaxRejectionDetailLength);
        Version++;
        return true;
    }

    /// <summary>Erases the document's content (it is personal data for a resume) and keeps a tombstone.</summary>
    public void MarkDeleted(DateTimeOffset deletedAt)
    {
        if (IsDeleted)
        {
            return;
        }

        Text = "";
        Skills = [];
        FileName = null; // a file name often is the person's name
        RejectionDetail = null;
        EraseOwnContent();
        Status = PipelineStatus.Deleted;
        DeletedAt = deletedAt;
        Version++;
    }

    /// <summary>What a kind of document holds beyond the text (a job's title) goes with it.</summary>
    protected virtual void EraseOwnContent()
    {
    }
}

public sealed class Candidate : TrackedDocument
{
    /// <summary>The lawful basis the resume was submitted under; null when the submitter gave none.</summary>
    public ConsentRecord? Consent { get; set; }

    /// <summary>
    /// Set when a merge made this submission a version of another candidate (the kept one): it stays
    /// readable by id, but it is out of lists, search and matching (<see cref="CandidateMerge"/>).
    /// </summary>
    public Guid? MergedIntoId { get; set; }

    protected override void EraseOwnContent() => Consent = null;
}

public sealed class Job : TrackedDocument
{
    public string? Title { get; set; }

    /// <summary>When the tenant closed the role: it stays readable but leaves search and matching.</summary>
    public DateTimeOffset? ClosedAt { get; set; }

    /// <summary>The pay ingestion read from the text, normalised; null until parsed, or when the ad states none.</summary>
    public Compensation? Compensation { get; set; }

    public bool IsOpen => ClosedAt is null && !IsDeleted;

    protected override void EraseOwnContent()
    {
        Title = null;
        Compensation = null;
    }

    public bool MarkParsed(IReadOnlyList<ExtractedSkill> skills, string parsedText, Compensation? compensation)
    {
        if (Status == PipelineStatus.Processing)
        {
            Compensation = compensation;
        }

        return MarkParsed(skills, parsedText);
    }

    /// <summary>New title and text: the pipeline starts over for a new revision.</summary>
    public void Replace(string? title, string text)
    {
        Title = title;
        Text = text;
        Skills = [];
        Compensation = null;
        Status = PipelineStatus.Processing;
        IndexedAt = null;
        RejectionReason = null;
        RejectionDetail = null;
        Revision++;
        Version++;
    }

    public void Close(DateTimeOffset closedAt)
    {
        if (!IsOpen)
        {
            return;
        }

        ClosedAt = closedAt;
        Version++;
    }
}
