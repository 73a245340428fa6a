using System.IO.Compression;
using System.Text;

namespace TalentMatch.Core.Documents;

/// <summary>
/// Refuses long text that is one short pattern repeated (<c>aaaa…</c>, <c>*a*a*a…</c>, one line pasted ten
/// thousand times): generated filler, not a resume or a job ad, that would still cost every later stage
/// (skills, parsing, indexing) time in proportion to its length. How well the text compresses tells it
/// apart from prose without a word list, in any language: DEFLATE shrinks real documents 3 to 10 times
/// (the most repetitive file in the shared corpora, an annotation CSV, 9.4:1) and a repeated pattern
/// 100 to 1,000 times. Only text longer than <see cref="DocumentLimits.RepetitionCheckMinCharacters"/>
/// is judged: shorter text costs little whatever it holds.
/// </summary>
public static class TextRepetition
{
    /// <summary>
    /// A <see cref="RejectionReason.RepetitiveText"/> rejection when <paramref name="text"/> is long and
    /// compresses more than <see cref="DocumentLimits.MaxTextCompressionRatio"/>:1; otherwise null.
    /// </summary>
    public static DocumentRejection? Check(string text, DocumentLimits limits)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(limits);
        if (text.Length < DocumentLimits.RepetitionCheckMinCharacters)
        {
            return null;
        }
        var ratio = CompressionRatio(text);
        return ratio > limits.MaxTextCompressionRatio
            ? new DocumentRejection(RejectionReason.RepetitiveText,
                $"The document's {text.Length:N0} characters of text are one pattern repeated (they compress {ratio:N0}:1; "
                + $"real documents compress less than {limits.MaxTextCompressionRatio}:1).")
            : null;
    }

    /// <summary>UTF-8 bytes of <paramref name="text"/> over their DEFLATE size (fastest level), streamed: no copy of the text is made.</summary>
    internal static double CompressionRatio(string text)
    {
        var compressed = new CountingStream();
        long utf8Bytes;
        using (var deflate = new DeflateStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        using (var writer = new StreamWriter(deflate, new UTF8Encoding(false), bufferSize: 1 << 16))
        {
            writer.Write(text);
            writer.Flush();
            utf8Bytes = Encoding.UTF8.GetByteCount(text);
        }
        return utf8Bytes / (double)Math.Max(1, compressed.Length);
    }

    /// <summary>Counts what is written and keeps none of it.</summary>
    private sealed class CountingStream : Stream
    {
        private long _length;
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => _length;
        public override long Position { get => _length; set => throw new NotSupportedException(); }
        public override void Write(byte[] buffer, int offset, int count) => _length += count;
        public override void Write(ReadOnlySpan<byte> buffer) => _length += buffer.Length;
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
