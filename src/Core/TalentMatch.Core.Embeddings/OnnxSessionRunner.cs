using Microsoft.ML.OnnxRuntime;

namespace TalentMatch.Core.Embeddings;

/// <summary>
/// One ONNX session bound to the model's inputs and token-embedding output, and the input/output buffers of
/// the batch it runs, reused from batch to batch. Not thread-safe: <see cref="EmbeddingBatchQueue"/> gives
/// each runner a thread of its own.
/// </summary>
internal sealed class OnnxSessionRunner(InferenceSession session, string[] inputNames, string outputName, BertWordPieceTokenizer tokenizer, int dimensions) : IDisposable
{
    private readonly RunOptions _runOptions = new();
    private readonly string[] _outputNames = [outputName];
    private long[] _inputIds = [];
    private long[] _attentionMask = [];
    private long[] _tokenTypeIds = [];
    private float[] _hiddenStates = [];

    /// <summary>Embeds windows[first .. first + count), which are sorted by length, and sets their vectors.</summary>
    public void Run(List<EmbeddingWindow> windows, int first, int count)
    {
        var length = 2 + windows[first + count - 1].Content.Length; // sorted: the last is the longest
        var cells = count * length;
        EnsureCapacity(cells, cells * dimensions);

        var ids = _inputIds.AsSpan(0, cells);
        var mask = _attentionMask.AsSpan(0, cells);
        for (var row = 0; row < count; row++)
        {
            var content = windows[first + row].Content.Span;
            var rowIds = ids.Slice(row * length, length);
            var rowMask = mask.Slice(row * length, length);
            rowIds[0] = tokenizer.ClsId;
            for (var t = 0; t < content.Length; t++)
            {
                rowIds[t + 1] = content[t];
            }

            rowIds[content.Length + 1] = tokenizer.SepId;
            rowIds[(content.Length + 2)..].Fill(tokenizer.PadId);
            rowMask[..(content.Length + 2)].Fill(1);
            rowMask[(content.Length + 2)..].Clear();
        }

        long[] inputShape = [count, length];
        using var idsValue = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, _inputIds.AsMemory(0, cells), inputShape);
        using var maskValue = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, _attentionMask.AsMemory(0, cells), inputShape);
        using var typesValue = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, _tokenTypeIds.AsMemory(0, cells), inputShape);
        using var outputValue = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, _hiddenStates.AsMemory(0, cells * dimensions), [count, length, dimensions]);

        var inputs = Inputs(inputNames, idsValue, maskValue, typesValue);
        session.Run(_runOptions, inputNames, inputs, _outputNames, [outputValue]);

        var hidden = _hiddenStates.AsSpan(0, cells * dimensions);
        for (var row = 0; row < count; row++)
        {
            var window = windows[first + row];
            window.Vector = EmbeddingPooling.MeanPool(hidden.Slice(row * length * dimensions, length * dimensions), window.Content.Length + 2, dimensions);
        }
    }

    public void Dispose()
    {
        session.Dispose();
        _runOptions.Dispose();
    }

    /// <summary>The model's inputs in its own order; token_type_ids, where the model has it, is all zeros (one segment).</summary>
    internal static OrtValue[] Inputs(string[] inputNames, OrtValue ids, OrtValue mask, OrtValue types) =>
        [.. inputNames.Select(name => name switch { "input_ids" => ids, "attention_mask" => mask, _ => types })];

    private void EnsureCapacity(int cells, int hiddenCells)
    {
        if (_inputIds.Length < cells)
        {
            _inputIds = new long[cells];
            _attentionMask = new long[cells];
            _tokenTypeIds = new long[cells]; // stays all zeros
        }

        if (_hiddenStates.Length < hiddenCells)
        {
            _hiddenStates = new float[hiddenCells];
        }
    }
}
