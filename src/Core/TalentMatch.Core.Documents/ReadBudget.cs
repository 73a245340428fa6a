using System.Runtime.ExceptionServices;

namespace TalentMatch.Core.Documents;

/// <summary>
/// What one read or parse may still spend: a cancellation token that fires when the wall-time budget is
/// spent (or the caller gives up), the processor time used so far, and the running counts that the byte
/// and size caps are checked against.
/// The extractors and parsers call <see cref="Step"/> in every loop (pages, paragraphs, nodes, lines, chunks
/// of inflated bytes), so an exhausted budget stops the work itself within one step, instead of leaving it
/// running on an abandoned thread. One budget belongs to one read on one thread at a time.
/// </summary>
internal sealed class ReadBudget : IDisposable
{
    private readonly CancellationTokenSource? _timer;
    private long _decodedBytes;
    private long _pageContentBytes;
    private bool _inPage;
    private Exception? _stopped;
    private int _cpuThread;
    private TimeSpan _cpuMark;
    private TimeSpan _cpuSpent;
    private long _wallMark;

    /// <summary>How often, in wall time, a step on the same thread reads the thread's processor time.</summary>
    private static readonly TimeSpan ProcessorClockInterval = TimeSpan.FromMilliseconds(1);

    /// <param name="limits">The caps to check.</param>
    /// <param name="cancellation">The caller's token (host shutdown, a parent budget).</param>
    /// <param name="timeout">Wall time before the budget's token fires; null for none beyond the caller's token.</param>
    /// <param name="probe">A test's window on the work; null in production.</param>
    public ReadBudget(DocumentLimits limits, CancellationToken cancellation, TimeSpan? timeout = null, ReadProbe? probe = null)
    {
        Limits = limits;
        Probe = probe;
        if (timeout is not null || probe is not null)
        {
            _timer = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
            if (timeout is { } t && t != System.Threading.Timeout.InfiniteTimeSpan)
            {
                _timer.CancelAfter(t);
            }
            Token = _timer.Token;
        }
        else
        {
            Token = cancellation;
        }
    }

    public DocumentLimits Limits { get; }

    /// <summary>Fires when the budget is spent or the caller cancelled.</summary>
    public CancellationToken Token { get; }

    public ReadProbe? Probe { get; }

    /// <summary>A budget with only a caller's token: what the public parser overloads use.</summary>
    public static ReadBudget For(CancellationToken cancellation) => new(DocumentLimits.Default, cancellation);

    /// <summary>One unit of work (a page, paragraph, node, line or chunk): stops here when the budget is spent.</summary>
    public void Step()
    {
        if (Probe is { } probe)
        {
            var step = probe.CountStep();
            probe.OnStep?.Invoke(step);
            if (step >= probe.ExpireAfterSteps)
            {
                _timer?.Cancel(); // a test's stand-in for the clock running out at a precise point of the work
            }
        }
        if (Token.IsCancellationRequested)
        {
            Probe?.MarkCancellationObserved();
            throw Stop(new OperationCanceledException("The document's reading budget is spent.", Token));
        }
        ChargeProcessorTime();
    }

    /// <summary>Processor time charged so far (zero where the platform does not report thread times).</summary>
    public TimeSpan ProcessorTime => _cpuSpent;

    /// <summary>
    /// Adds the processor time the working thread used since the previous step, and stops the work past
    /// <see cref="DocumentLimits.MaxProcessorTime"/>. Work that resumes on another thread (an asynchronous
    /// parse) starts a new mark there, so at most one step's time and a millisecond per hop go uncounted.
    /// </summary>
    private void ChargeProcessorTime()
    {
        if (Limits.MaxProcessorTime == System.Threading.Timeout.InfiniteTimeSpan)
        {
            return;
        }
        // Reading a thread's processor time is a system call (no vDSO for thread clocks), and a step is often a line: a
        // profile of ingestion found 5 % of its processor time here. A thread cannot have used more processor time than
        // the wall time since the mark, so on the same thread the clock is read again only once a millisecond has
        // passed; what was not charged yet is charged then, so the limit is overrun by at most that millisecond.
        var thread = Environment.CurrentManagedThreadId;
        var wall = System.Diagnostics.Stopwatch.GetTimestamp();
        if (thread == _cpuThread && System.Diagnostics.Stopwatch.GetElapsedTime(_wallMark, wall) < ProcessorClockInterval)
        {
            return;
        }
        if (ThreadCpuClock.Now() is not { } now)
        {
            return;
        }
        if (thread == _cpuThread)
        {
            _cpuSpent += now - _cpuMark;
        }
        _cpuThread = thread;
        _cpuMark = now;
        _wallMark = wall;
        if (_cpuSpent > Limits.MaxProcessorTime)
        {
            Probe?.MarkCancellationObserved();
            throw Stop(new ProcessorTimeExceededException(Limits.MaxProcessorTime));
        }
    }

    /// <summary>Refuses extracted text past <see cref="DocumentLimits.MaxTextCharacters"/>.</summary>
    /// <param name="characters">Characters so far.</param>
    /// <param name="what">"" for an exact count, "at least " while the text is still growing.</param>
    public void CheckText(long characters, string what = "")
    {
        if (characters > Limits.MaxTextCharacters)
        {
            throw Stop(new DocumentLimitExceededException(RejectionReason.TooLarge,
                $"has {what}{characters:N0} characters of text; the limit is {Limits.MaxTextCharacters:N0}"));
        }
    }

    /// <summary>
    /// Counts inflated bytes against <see cref="DocumentLimits.MaxUncompressedBytes"/> (all streams or entries
    /// together) and, while a PDF page is being read, <see cref="DocumentLimits.MaxPageContentBytes"/>.
    /// </summary>
    /// <param name="bytes">Bytes just inflated.</param>
    /// <param name="compressedSoFar">Compressed bytes consumed so far by this stream or entry.</param>
    /// <param name="inflatedSoFar">Bytes of this stream or entry inflated so far, this chunk included.</param>
    public void ChargeInflated(long bytes, long compressedSoFar, long inflatedSoFar)
    {
        _decodedBytes += bytes;
        Probe?.AddInflated(bytes);
        if (_decodedBytes > Limits.MaxUncompressedBytes)
        {
            throw Stop(Exceeded(compressedSoFar, inflatedSoFar, $"expands past {Limits.MaxUncompressedBytes:N0} bytes, the limit"));
        }
        if (_inPage)
        {
            _pageContentBytes += bytes;
            if (_pageContentBytes > Limits.MaxPageContentBytes)
            {
                throw Stop(Exceeded(compressedSoFar, inflatedSoFar,
                    $"has a page whose streams decode past {Limits.MaxPageContentBytes:N0} bytes, the limit for one page"));
            }
        }
    }

    /// <summary>Starts counting the streams decoded for one PDF page.</summary>
    public void StartPage()
    {
        _pageContentBytes = 0;
        _inPage = true;
    }

    public void EndPage() => _inPage = false;

    /// <summary>
    /// Throws again what stopped the work, if a library caught and swallowed it (lenient parsers treat a
    /// failing stream as empty): the budget's answer must not depend on a third party passing it on.
    /// </summary>
    public void ThrowIfStopped()
    {
        if (_stopped is not null)
        {
            ExceptionDispatchInfo.Throw(_stopped);
        }
    }

    private Exception Stop(Exception e)
    {
        _stopped ??= e;
        return e;
    }

    /// <summary>A stream that inflates far beyond what it consumed is a bomb; a merely big one is too large.</summary>
    private DocumentLimitExceededException Exceeded(long compressedSoFar, long inflatedSoFar, string what)
    {
        var ratio = inflatedSoFar / Math.Max(1, compressedSoFar);
        return ratio > Limits.MaxCompressionRatio
            ? new DocumentLimitExceededException(RejectionReason.DecompressionBomb,
                $"{what}: a stream had inflated {compressedSoFar:N0} bytes to {inflatedSoFar:N0} ({ratio:N0}:1; the limit is {Limits.MaxCompressionRatio}:1) when reading stopped")
            : new DocumentLimitExceededException(RejectionReason.TooLarge, what);
    }

    public void Dispose() => _timer?.Dispose();
}

/// <summary>
/// A cap from <see cref="DocumentLimits"/> was crossed while reading: ends as a <see cref="DocumentRejection"/>.
/// The message is a predicate ("has 3,000,000 characters of text; …") that the reader puts after the file's name.
/// </summary>
internal sealed class DocumentLimitExceededException(RejectionReason reason, string detail) : Exception(detail)
{
    public RejectionReason Reason { get; } = reason;
}

/// <summary>
/// A read or parse used more processor time than <see cref="DocumentLimits.MaxProcessorTime"/> and stopped:
/// the reader answers it as a <see cref="RejectionReason.TimedOut"/> rejection, and so must a caller of the parsers.
/// </summary>
public sealed class ProcessorTimeExceededException(TimeSpan limit)
    : TimeoutException($"used more than {limit.TotalSeconds:0.###} s of processor time, the limit for one document")
{
    public TimeSpan Limit { get; } = limit;
}

/// <summary>
/// A test's window on one read: how many steps the work took, whether it saw its budget end, whether its
/// thread has let go of the work, and optionally the step at which the budget should run out.
/// </summary>
internal sealed class ReadProbe
{
    private long _steps;
    private long _inflated;
    private volatile bool _cancellationObserved;
    private volatile bool _finished;

    /// <summary>The step at which the budget is declared spent (deterministic stand-in for a timer).</summary>
    public long ExpireAfterSteps { get; init; } = long.MaxValue;

    /// <summary>Called on the working thread at every step, with the step's number (a test can hold the work there).</summary>
    public Action<long>? OnStep { get; init; }

    public long Steps => Interlocked.Read(ref _steps);

    public long InflatedBytes => Interlocked.Read(ref _inflated);

    public bool CancellationObserved => _cancellationObserved;

    /// <summary>True once the thread doing the work has returned (or thrown) and released its slot.</summary>
    public bool Finished => _finished;

    internal long CountStep() => Interlocked.Increment(ref _steps);

    internal void AddInflated(long bytes) => Interlocked.Add(ref _inflated, bytes);

    internal void MarkCancellationObserved() => _cancellationObserved = true;

    internal void MarkFinished() => _finished = true;
}
