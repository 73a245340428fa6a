namespace TalentMatch.Core.Documents.Extraction;

/// <summary>
/// A read-only view of an inflating stream (a ZIP entry, a PDF stream's DEFLATE data) that charges every
/// byte it yields to the read's budget as it goes: past a cap the next read throws, so a bomb is stopped
/// after the cap's worth of bytes, not after it has been inflated whole. Each read is also a budget step.
/// </summary>
/// <param name="inner">The inflating stream.</param>
/// <param name="budget">Where the bytes are charged.</param>
/// <param name="compressedSoFar">How many compressed bytes have been consumed to produce what was read: with the
/// inflated count, the ratio that tells a bomb (far beyond any real document's) from a merely big document.</param>
internal sealed class MeteredStream(Stream inner, ReadBudget budget, Func<long> compressedSoFar) : Stream
{
    private long _read;

    /// <summary>Bytes yielded so far.</summary>
    public long BytesRead => _read;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => _read;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        budget.Step();
        var n = inner.Read(buffer);
        _read += n;
        budget.ChargeInflated(n, compressedSoFar(), _read);
        return n;
    }

    /// <summary>Reads to the end, keeping nothing: how many bytes the stream inflates to, within the budget.</summary>
    public long Drain()
    {
        var buffer = new byte[64 * 1024];
        while (Read(buffer) > 0)
        {
        }
        return _read;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }
        base.Dispose(disposing);
    }
}
