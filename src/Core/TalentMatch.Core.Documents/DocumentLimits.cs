namespace TalentMatch.Core.Documents;

/// <summary>
/// What one document may cost. The defaults fit resumes and job ads (a long CV is 5 pages and 200 KiB)
/// with a wide margin, while keeping a hostile upload from holding a worker for long.
/// </summary>
public sealed record DocumentLimits
{
    /// <summary>Default limits: 10 MiB, 50 pages, 10 s, 50 MiB uncompressed, 1,000 archive entries.</summary>
    public static DocumentLimits Default { get; } = new();

    /// <summary>Largest accepted input, in bytes (default 10 MiB).</summary>
    public long MaxBytes { get; init; } = 10L * 1024 * 1024;

    /// <summary>Most PDF pages read (default 50).</summary>
    public int MaxPages { get; init; } = 50;

    /// <summary>Wall-clock budget for reading one document (default 10 s).</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Most bytes a DOCX may expand to, summed over its entries (default 50 MiB).</summary>
    public long MaxUncompressedBytes { get; init; } = 50L * 1024 * 1024;

    /// <summary>Most entries a DOCX archive may hold (default 1,000; a Word CV has about 20).</summary>
    public int MaxArchiveEntries { get; init; } = 1000;

    /// <summary>Largest expansion ratio of one compressed entry (default 200: XML compresses about 10:1, bombs 1000:1).</summary>
    public int MaxCompressionRatio { get; init; } = 200;
}
