using System.ComponentModel.DataAnnotations;
namespace TalentMatch.Modules.Api;

public sealed class ApiOptions
{
    public const string Section = "TalentMatch:Api";

    /// <summary>
    /// Largest accepted document body (JSON or plain text), in bytes. 1 MiB holds a 300-page
    /// plain-text CV; binary uploads (PDF, DOCX) get their own limit with the upload endpoint.
    /// </summary>
    [Range(1, int.MaxValue)]
    public int MaxDocumentBytes { get; set; } = 1024 * 1024;

    /// <summary>
    /// Largest resume file accepted as an upload (PDF, DOCX, HTML, Markdown, text): 10 MiB, the
    /// document reader's own limit, so that nothing accepted here is refused later for size.
    /// </summary>
    [Range(1, int.MaxValue)]
    public int MaxUploadBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>
    /// The services that hold a copy of a document and must confirm its erasure before the receipt
    /// (<c>GET /v1/candidates/{id}/erasure</c>) says complete. Every deployment runs them somewhere;
    /// the api service erases its own copy in the request that deletes. Comma-separated module names.
    /// </summary>
    [Required]
    public string ErasureServices { get; set; } = "search,matching,notifications,insights";

    /// <summary>
    /// How long a merge of duplicate candidates can be undone (<c>POST /v1/candidates/{id}/merge/undo</c>).
    /// After it the merge stands; the versions stay readable, and erasure still takes them all.
    /// </summary>
    [Range(typeof(TimeSpan), "00:01:00", "90.00:00:00")]
    public TimeSpan MergeUndoWindow { get; set; } = TimeSpan.FromDays(7);

    public IReadOnlyList<string> ErasureServiceList =>
        ErasureServices.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
