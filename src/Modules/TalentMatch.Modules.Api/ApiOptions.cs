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

    /// <summary>How long a candidate portal link lasts when its creator does not say (days).</summary>
    [Range(1, 365)]
    public int PortalLinkDays { get; set; } = 30;

    /// <summary>The longest a portal link may last (days): a creator asking for more gets a 400.</summary>
    [Range(1, 365)]
    public int PortalLinkMaxDays { get; set; } = 90;

    /// <summary>Links a candidate may have that are neither revoked nor expired, so that creating them cannot grow without bound.</summary>
    [Range(1, 1000)]
    public int MaxActivePortalLinks { get; set; } = 20;

    /// <summary>
    /// The address candidates reach the portal at (e.g. <c>https://talent.example.com</c>), for the link's URL.
    /// Empty: the scheme and host the creating request came to.
    /// </summary>
    [Url]
    public string? PortalBaseUrl { get; set; }
}
