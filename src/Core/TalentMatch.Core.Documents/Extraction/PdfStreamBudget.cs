using System.IO.Compression;
using UglyToad.PdfPig.Filters;
using UglyToad.PdfPig.Tokens;

namespace TalentMatch.Core.Documents.Extraction;

/// <summary>
/// PdfPig's filters, each wrapped so that decoding a stream is a budget step and its decoded size is
/// charged to the budget before PdfPig allocates it: DEFLATE is inflated once through a
/// <see cref="MeteredStream"/> that keeps nothing and stops at the first cap crossed; LZW and run-length
/// sizes are computed from their codes without decoding; filters that cannot expand much are charged
/// after. Only then does PdfPig's own filter decode the stream for real.
/// </summary>
internal sealed class PdfStreamBudget(ReadBudget budget) : IFilterProvider
{
    public IReadOnlyList<IFilter> GetFilters(DictionaryToken dictionary) => Wrap(DefaultFilterProvider.Instance.GetFilters(dictionary));

    public IReadOnlyList<IFilter> GetNamedFilters(IReadOnlyList<NameToken> names) => Wrap(DefaultFilterProvider.Instance.GetNamedFilters(names));

    public IReadOnlyList<IFilter> GetAllFilters() => Wrap(DefaultFilterProvider.Instance.GetAllFilters());

    private List<IFilter> Wrap(IReadOnlyList<IFilter> filters) => filters.Select(f => (IFilter)new BudgetedFilter(f, budget)).ToList();

    private sealed class BudgetedFilter(IFilter inner, ReadBudget budget) : IFilter
    {
        public bool IsSupported => inner.IsSupported;

        public Memory<byte> Decode(Memory<byte> input, DictionaryToken streamDictionary, IFilterProvider filterProvider, int filterIndex)
        {
            budget.Step();
            var measured = inner switch
            {
                FlateFilter => MeasureFlate(input, budget),
                LzwFilter => Charge(LzwLength(input.Span, EarlyChange(streamDictionary, filterIndex), budget.Limits.MaxUncompressedBytes), input.Length),
                RunLengthFilter => Charge(RunLength(input.Span), input.Length),
                _ => -1,
            };
            var output = inner.Decode(input, streamDictionary, filterProvider, filterIndex);
            if (measured < 0)
            {
                Charge(output.Length, input.Length); // ASCII hex and base-85 shrink; image codecs only run when an image is asked for
            }
            return output;
        }

        private long Charge(long length, long compressed)
        {
            budget.ChargeInflated(length, compressed, length);
            return length;
        }

        private static int EarlyChange(DictionaryToken streamDictionary, int filterIndex)
        {
            var parameters = DecodeParameterResolver.GetFilterParameters(streamDictionary, filterIndex);
            return parameters.TryGet(NameToken.EarlyChange, out NumericToken value) ? value.Int : 1;
        }
    }

    /// <summary>
    /// Inflates the stream the way PdfPig does (two header bytes skipped, then raw DEFLATE), keeping nothing,
    /// to learn its size. Input is fed 512 bytes at a time so that the ratio seen when a cap stops it is the
    /// stream's real one. Damaged data ends the count where PdfPig's own inflater would stop too.
    /// </summary>
    internal static long MeasureFlate(ReadOnlyMemory<byte> input, ReadBudget budget)
    {
        if (input.Length <= 2)
        {
            return 0;
        }
        using var compressed = new TrickleStream(input[2..], 512);
        using var deflate = new DeflateStream(compressed, CompressionMode.Decompress);
        using var metered = new MeteredStream(deflate, budget, () => compressed.Position + 2);
        try
        {
            return metered.Drain();
        }
        catch (InvalidDataException)
        {
            return metered.BytesRead;
        }
    }

    /// <summary>The decoded length of RunLengthDecode data (PDF 32000-1 §7.4.5), from its length bytes alone.</summary>
    internal static long RunLength(ReadOnlySpan<byte> input)
    {
        long length = 0;
        var i = 0;
        while (i < input.Length)
        {
            var run = input[i++];
            if (run == 128)
            {
                break;
            }
            if (run < 128)
            {
                length += run + 1;
                i += run + 1;
            }
            else
            {
                length += 257 - run;
                i++;
            }
        }
        return length;
    }

    /// <summary>
    /// The decoded length of LZWDecode data (PDF 32000-1 §7.4.4) without decoding it: each table entry's
    /// length is its prefix's plus one, so only lengths are kept. Stops counting past <paramref name="stopAfter"/>.
    /// </summary>
    internal static long LzwLength(ReadOnlySpan<byte> input, int earlyChange, long stopAfter)
    {
        const int clear = 256, endOfData = 257, maxEntries = 4096;
        Span<int> lengths = stackalloc int[maxEntries];
        long total = 0;
        var next = 258;
        var width = 9;
        var previous = -1;
        long bitBuffer = 0;
        var bits = 0;
        var position = 0;
        while (total <= stopAfter)
        {
            while (bits < width && position < input.Length)
            {
                bitBuffer = (bitBuffer << 8) | input[position++];
                bits += 8;
            }
            if (bits < width)
            {
                break;
            }
            var code = (int)((bitBuffer >> (bits - width)) & ((1 << width) - 1));
            bits -= width;
            if (code == endOfData)
            {
                break;
            }
            if (code == clear)
            {
                next = 258;
                width = 9;
                previous = -1;
                continue;
            }
            int length;
            if (code < 256)
            {
                length = 1;
            }
            else if (code < next)
            {
                length = lengths[code];
            }
            else if (code == next && previous >= 0)
            {
                length = Length(previous, lengths) + 1;
            }
            else
            {
                break; // corrupt: PdfPig stops here too
            }
            total += length;
            if (previous >= 0 && next < maxEntries)
            {
                lengths[next++] = Length(previous, lengths) + 1;
            }
            previous = code;
            if (next + earlyChange >= 1 << width && width < 12)
            {
                width++;
            }
        }
        return total;

        static int Length(int code, Span<int> lengths) => code < 256 ? 1 : lengths[code];
    }

    /// <summary>A read-only stream over memory that hands out at most <c>chunk</c> bytes a read.</summary>
    private sealed class TrickleStream(ReadOnlyMemory<byte> data, int chunk) : Stream
    {
        private int _position;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => data.Length;

        public override long Position
        {
            get => _position;
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var n = Math.Min(Math.Min(chunk, buffer.Length), data.Length - _position);
            data.Span.Slice(_position, n).CopyTo(buffer);
            _position += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
