namespace TalentMatch.Modules.Api.Persistence;

/// <summary>
/// A merge of candidates that are one person: every member became a version of
/// <see cref="SurvivorId"/>, the kept candidate. Kept after an undo (with <see cref="UndoneAt"/>)
/// as history; erased with the person. Holds ids only, no content.
/// </summary>
public sealed class CandidateMerge
{
    public Guid Id { get; set; }

    public required string TenantId { get; set; }

    public Guid SurvivorId { get; set; }

    /// <summary>Each candidate the merge moved, with what it was a version of before (null: a candidate of its own), so that an undo restores it.</summary>
    public List<MergedMember> Members { get; set; } = [];

    public DateTimeOffset MergedAt { get; set; }

    public DateTimeOffset UndoUntil { get; set; }

    public DateTimeOffset? UndoneAt { get; set; }
}

/// <summary>A candidate a merge moved, and what it was a version of before the merge.</summary>
public sealed record MergedMember(Guid Id, Guid? PreviousMergedIntoId);
