using System.Runtime.InteropServices;
using Google.Protobuf;
using Onnx;

namespace TalentMatch.Embeddings;

/// <summary>
/// Turns an FP32 ONNX model into a dynamically quantised INT8 one, in memory, the way ONNX Runtime's
/// Python <c>quantize_dynamic</c> does for MatMuls: each MatMul whose weight (second input) is a
/// 2-D FP32 initializer becomes ONNX Runtime's <c>com.microsoft.DynamicQuantizeMatMul</c>, which
/// quantises its activations to uint8 per call (scale and zero point from that call's min and max)
/// and multiplies them with int8 weights. Everything else, attention scores included, stays FP32.
/// </summary>
/// <remarks>
/// Weights are quantised symmetrically (zero point 0, the range ±127) with one scale per output column:
/// a column's scale follows its own largest weight, so a few large columns do not cost the others
/// their precision. ONNX Runtime's CPU kernel accepts a 1-D scale of one entry per column of B.
/// A bias <c>Add</c> right after the MatMul (how PyTorch exports <c>nn.Linear</c>) is folded into the
/// operator's optional bias input, so the bias is added inside the GEMM's output pass.
/// Int8 weights against uint8 activations is the fast path of x86 CPUs with AVX-512 VNNI or AVX-VNNI
/// (one <c>vpdpbusd</c> per 4 multiply-adds, exact int32 sums). CPUs with only AVX2 use
/// <c>vpmaddubsw</c>, whose int16 pair sums can saturate; ONNX Runtime's Python quantiser narrows the
/// weights to 7 bits there (<c>reduce_range</c>). We do not, as the target CPU has VNNI.
/// </remarks>
internal static class Int8Quantizer
{
    private const string MicrosoftDomain = "com.microsoft";

    /// <summary>The quantised model's bytes, ready for <c>new InferenceSession(bytes, options)</c>.</summary>
    public static byte[] Quantize(byte[] fp32Model, bool perColumn = true)
    {
        var model = ModelProto.Parser.ParseFrom(fp32Model);
        var graph = model.Graph;
        var initializers = graph.Initializer.ToDictionary(t => t.Name);

        // How many nodes read each value: a MatMul output can absorb its bias Add only if nothing else reads it.
        var readers = new Dictionary<string, int>();
        foreach (var input in graph.Node.SelectMany(n => n.Input))
        {
            readers[input] = readers.GetValueOrDefault(input) + 1;
        }

        var graphOutputs = graph.Output.Select(o => o.Name).ToHashSet();
        var addByInput = graph.Node
            .Where(n => n.OpType == "Add" && n.Domain.Length == 0 && n.Input.Count == 2)
            .SelectMany(n => n.Input.Select(input => (input, node: n)))
            .GroupBy(p => p.input)
            .ToDictionary(g => g.Key, g => g.First().node);

        var removed = new HashSet<NodeProto>();
        var replaced = new Dictionary<NodeProto, NodeProto>();
        var quantised = new Dictionary<string, (string Weight, string Scale, string ZeroPoint, int Columns)>();
        foreach (var node in graph.Node)
        {
            if (node.OpType != "MatMul" || node.Domain.Length != 0
                || !initializers.TryGetValue(node.Input[1], out var weight)
                || weight.DataType != (int)TensorProto.Types.DataType.Float
                || weight.Dims.Count != 2)
            {
                continue;
            }

            if (!quantised.TryGetValue(weight.Name, out var q))
            {
                q = QuantiseWeight(weight, graph, perColumn);
                quantised[weight.Name] = q;
            }

            var fused = new NodeProto
            {
                Name = node.Name + "_quant",
                OpType = "DynamicQuantizeMatMul",
                Domain = MicrosoftDomain,
                Input = { node.Input[0], q.Weight, q.Scale, q.ZeroPoint },
                Output = { node.Output[0] },
            };

            // Fold "MatMul → Add(bias)" when the Add is the MatMul's only reader and its other input is a
            // 1-D FP32 initializer of one value per output column.
            var product = node.Output[0];
            if (readers.GetValueOrDefault(product) == 1 && !graphOutputs.Contains(product)
                && addByInput.TryGetValue(product, out var add)
                && add.Input.Single(i => i != product) is var biasName
                && initializers.TryGetValue(biasName, out var bias)
                && bias.DataType == (int)TensorProto.Types.DataType.Float
                && bias.Dims.Count == 1 && bias.Dims[0] == q.Columns)
            {
                fused.Input.Add(biasName);
                fused.Output[0] = add.Output[0];
                removed.Add(add);
            }

            replaced[node] = fused;
        }

        var nodes = graph.Node.Where(n => !removed.Contains(n)).Select(n => replaced.GetValueOrDefault(n, n)).ToList();
        graph.Node.Clear();
        graph.Node.AddRange(nodes);

        // Drop the FP32 weights nothing reads any more (all of them, unless a weight is also read elsewhere).
        var stillRead = graph.Node.SelectMany(n => n.Input).ToHashSet();
        var unused = graph.Initializer.Where(t => !stillRead.Contains(t.Name) && !graphOutputs.Contains(t.Name)).ToList();
        foreach (var tensor in unused)
        {
            graph.Initializer.Remove(tensor);
        }

        if (!model.OpsetImport.Any(o => o.Domain == MicrosoftDomain))
        {
            model.OpsetImport.Add(new OperatorSetIdProto { Domain = MicrosoftDomain, Version = 1 });
        }

        return model.ToByteArray();
    }

    /// <summary>
    /// Adds the int8 weight, its per-column scales and zero points (all 0) to the graph and returns their names.
    /// B is [K, N] (Y = A·B), so a column is one output feature.
    /// </summary>
    private static (string Weight, string Scale, string ZeroPoint, int Columns) QuantiseWeight(TensorProto weight, GraphProto graph, bool perColumn)
    {
        var rows = checked((int)weight.Dims[0]);
        var columns = checked((int)weight.Dims[1]);
        ReadOnlySpan<float> values = weight.RawData.Length > 0
            ? MemoryMarshal.Cast<byte, float>(weight.RawData.Span)
            : [.. weight.FloatData];
        if (values.Length != rows * columns)
        {
            throw new InvalidDataException($"Initializer {weight.Name} holds {values.Length} values, not {rows}×{columns}.");
        }

        var scales = new float[columns];
        for (var r = 0; r < rows; r++)
        {
            var row = values.Slice(r * columns, columns);
            for (var c = 0; c < columns; c++)
            {
                scales[c] = Math.Max(scales[c], Math.Abs(row[c]));
            }
        }

        if (!perColumn)
        {
            Array.Fill(scales, scales.Max());
        }

        for (var c = 0; c < columns; c++)
        {
            // An all-zero column keeps scale 1 so that dividing by it is harmless; its weights stay 0.
            scales[c] = scales[c] == 0 ? 1 : scales[c] / 127;
        }

        var quantised = new sbyte[rows * columns];
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < columns; c++)
            {
                var i = r * columns + c;
                quantised[i] = (sbyte)Math.Clamp(MathF.Round(values[i] / scales[c], MidpointRounding.ToEven), -127, 127);
            }
        }

        var names = (Weight: weight.Name + "_quantized", Scale: weight.Name + "_scale", ZeroPoint: weight.Name + "_zero_point");
        graph.Initializer.Add(Tensor(names.Weight, TensorProto.Types.DataType.Int8, [rows, columns], MemoryMarshal.AsBytes(quantised.AsSpan())));
        long[] scaleDims = perColumn ? [columns] : [];
        var scaleCount = perColumn ? columns : 1;
        graph.Initializer.Add(Tensor(names.Scale, TensorProto.Types.DataType.Float, scaleDims, MemoryMarshal.AsBytes(scales.AsSpan(0, scaleCount))));
        graph.Initializer.Add(Tensor(names.ZeroPoint, TensorProto.Types.DataType.Int8, scaleDims, new byte[scaleCount]));
        return (names.Weight, names.Scale, names.ZeroPoint, columns);
    }

    // raw_data is little-endian, as are the CPUs ONNX Runtime runs on here.
    private static TensorProto Tensor(string name, TensorProto.Types.DataType type, long[] dims, ReadOnlySpan<byte> data) => new()
    {
        Name = name,
        DataType = (int)type,
        Dims = { dims },
        RawData = ByteString.CopyFrom(data),
    };
}
