using System.Text;
using TalentMatch.Contracts;

namespace TalentMatch.Ingestion;

/// <summary>What ingestion made of a document: its normalised text and skills, or why it was rejected.</summary>
public sealed record IngestionResult(string? Text, IReadOnlyList<ExtractedSkill> Skills, string? RejectionReason, string? RejectionDetail)
{
    public bool IsRejected => RejectionReason is not null;

    public static IngestionResult Rejected(string reason, string detail) => new(null, [], reason, detail);
}

/// <summary>Turns submitted text into what the rest of the pipeline works on. Pure: no bus, no storage.</summary>
public static class DocumentIngestor
{
    public const string EmptyDocument = "empty-document";

    public static IngestionResult Ingest(string text)
    {
        // NFC so that the same word typed on two keyboards indexes and matches the same way;
        // one line-ending style so that offsets mean the same thing everywhere downstream.
        var normalised = text.Normalize(NormalizationForm.FormC).ReplaceLineEndings("\n").Trim();
        if (normalised.Length == 0 || normalised.All(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            return IngestionResult.Rejected(EmptyDocument, "The document contains no readable text.");
        }

        return new IngestionResult(normalised, [], null, null);
    }
}
