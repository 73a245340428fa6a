using System.Diagnostics;

namespace TalentMatch.Modules.Api.Duplicates;

/// <summary>The steps of <see cref="DuplicateDetector.DetectAsync"/>, in order.</summary>
public enum DetectionStep
{
    /// <summary>The fingerprint (MinHash signature of the text) and its lookup keys.</summary>
    Fingerprint,

    /// <summary>The query for the resume's contact details that five or more candidates hold (only when it has some).</summary>
    SharedContacts,

    /// <summary>The query for the best-ranked candidates that share a key, with their stored fingerprints.</summary>
    ReadCandidates,

    /// <summary>Turning the stored fingerprints back into <c>DuplicateFingerprint</c>s.</summary>
    Decode,

    /// <summary>Scoring each pair.</summary>
    Score,

    /// <summary>The tenant's threshold (only when a pair scores <c>DuplicateScorer.MinThreshold</c> or more).</summary>
    Threshold,

    /// <summary>Staging the suspected pairs, this resume's fingerprint and its lookup keys.</summary>
    Stage,
}

/// <summary>
/// Where one detection's time went, step by step: the benchmark (docs/benchmarks.md, "Duplicate candidates")
/// passes one to <see cref="DuplicateDetector.DetectAsync"/> to see what its p95 is made of. The service passes none.
/// </summary>
public sealed class DetectionSteps
{
    private readonly double[] _milliseconds = new double[Enum.GetValues<DetectionStep>().Length];
    private long _last;

    /// <summary>Milliseconds spent in each step of the last detection (0 for a step it did not reach).</summary>
    public IReadOnlyList<double> Milliseconds => _milliseconds;

    /// <summary>Candidates scored by the last detection.</summary>
    public int CandidatesScored { get; private set; }

    internal void Start()
    {
        Array.Clear(_milliseconds);
        CandidatesScored = 0;
        _last = Stopwatch.GetTimestamp();
    }

    internal void Lap(DetectionStep step)
    {
        var now = Stopwatch.GetTimestamp();
        _milliseconds[(int)step] = Stopwatch.GetElapsedTime(_last, now).TotalMilliseconds;
        _last = now;
    }

    internal void Compared(int count) => CandidatesScored = count;
}
