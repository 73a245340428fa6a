namespace TalentMatch.Modules.Api.Persistence;

/// <summary>
/// One service's confirmation that it erased everything it held about a deleted document (a
/// <c>DocumentErased</c> event). The erasure receipt is the document's tombstone plus these rows:
/// complete when every service in <c>TalentMatch:Api:ErasureServices</c> has confirmed.
/// </summary>
public sealed class ErasureConfirmation
{
    public required string TenantId { get; set; }

    public Guid DocumentId { get; set; }

    /// <summary>The module's name, as <c>TalentMatch:Modules</c> spells it.</summary>
    public required string Service { get; set; }

    public DateTimeOffset ErasedAt { get; set; }
}
