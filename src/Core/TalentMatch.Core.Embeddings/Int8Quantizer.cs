using System.Runtime.InteropServices;
using Google.Protobuf;
using Onnx;

namespace TalentMatch.Core.Embeddings;

/// <summary>
/// Turns an FP32 ONNX model into an INT8 one, in memory, at load time: each MatMul whose weight (second
/// input) is a 2-D FP32 initializer multiplies int8 weights with uint8 activations instead, through ONNX
/// Runtime's <c>com.microsoft.MatMulIntegerToFloat</c>. Everything else (attention scores, softmax, layer
/// norms, GELU) stays FP32.
/// </summary>
/// <remarks>
/// <para>
/// Weights: symmetric int8 (zero point 0, range ±127), one scale per output column, so a column's precision
/// follows its own largest weight. One scale per matrix was measured far worse (with one activation scale
/// per batch: mean cosine to FP32 0.89 on whole documents, against 0.99 per column).
/// </para>
/// <para>
/// Activations: quantised on every call, one scale per token (row of A), symmetric around uint8 128. ONNX
/// Runtime's ready-made <c>DynamicQuantizeMatMul</c> (what Python's <c>quantize_dynamic</c> emits) takes one
/// scale for the whole input tensor, that is the whole batch: a text's vector then depends on which texts
/// share its batch (measured: cosine 0.98 between a text embedded alone and in a batch), which breaks the
/// generator's promise that batching does not change vectors. Per-token scales depend on the token alone,
/// and are tighter, so also more accurate. The scale is computed in the graph with standard operators
/// (ReduceMax, ReduceMin → ×1/127), the values quantised by <c>QuantizeLinear</c>, and MatMulIntegerToFloat
/// multiplies each output row by its token's scale (it accepts an A scale of shape [..., 1]).
/// </para>
/// <para>
/// The bias <c>Add</c> after each MatMul (how PyTorch exports <c>nn.Linear</c>) stays a separate node:
/// MatMulIntegerToFloat adds its bias input before it applies a per-token A scale, so a folded bias
/// would come out multiplied by that scale (ONNX Runtime 1.31; measured: cosine to FP32 fell to 0.55).
/// </para>
/// <para>
/// uint8 activations × int8 weights is the fast path on x86 CPUs with AVX-512 VNNI or AVX-VNNI (exact int32
/// sums, four multiply-adds per lane and instruction). CPUs with only AVX2 use <c>vpmaddubsw</c>, whose
/// int16 pair sums can saturate; the Python quantiser narrows weights to 7 bits there (<c>reduce_range</c>).
/// We do not: the CPUs this runs on have VNNI.
/// </para>
/// </remarks>
internal static class Int8Quantizer
{
    private const string MicrosoftDomain = "com.microsoft";

    // Shared constants of the activation quantisation, added once.
    private const string OneOver127 = "int8q_one_over_127";
    private const string SmallestMax = "int8q_smallest_max";
    private const string FlatShape = "int8q_flat_shape";
    private const string ZeroPoint128 = "int8q_zero_point_128";

    /// <summary>The quantised model's bytes, ready for <c>new InferenceSession(bytes, options)</c>.</summary>
    public static byte[] Quantize(byte[] fp32Model)
    {
        var model = ModelProto.Parser.ParseFrom(fp32Model);
        var graph = model.Graph;
        var initializers = graph.Initializer.ToDictionary(t => t.Name);

        var graphOutputs = graph.Output.Select(o => o.Name).ToHashSet();
        graph.Initializer.Add(Scalar(OneOver127, TensorProto.Types.DataType.Float, BitConverter.GetBytes(1f / 127)));
        // Keeps an all-zero token's scale finite and above 0 (its values quantise to 128, i.e. 0, whatever the scale).
        graph.Initializer.Add(Scalar(SmallestMax, TensorProto.Types.DataType.Float, BitConverter.GetBytes(1e-20f)));
        graph.Initializer.Add(Tensor(FlatShape, TensorProto.Types.DataType.Int64, [1], BitConverter.GetBytes(-1L)));
        graph.Initializer.Add(Scalar(ZeroPoint128, TensorProto.Types.DataType.Uint8, [128]));

        var nodes = new List<NodeProto>();
        var weights = new Dictionary<string, (string Weight, string Scale, string ZeroPoint)>();
        var activations = new Dictionary<string, (string Quantised, string Scale)>();
        foreach (var node in graph.Node)
        {
            if (node.OpType != "MatMul" || node.Domain.Length != 0
                || !initializers.TryGetValue(node.Input[1], out var weight)
                || weight.DataType != (int)TensorProto.Types.DataType.Float
                || weight.Dims.Count != 2)
            {
                nodes.Add(node);
                continue;
            }

            if (!weights.TryGetValue(weight.Name, out var w))
            {
                w = QuantiseWeight(weight, graph);
                weights[weight.Name] = w;
            }

            // Q, K and V projections read the same input: it is quantised once for the three.
            var a = node.Input[0];
            if (!activations.TryGetValue(a, out var q))
            {
                q = QuantiseActivationsPerToken(a, checked((int)weight.Dims[0]), graph, nodes);
                activations[a] = q;
            }

            var matMul = new NodeProto
            {
                Name = node.Name + "_int8",
                OpType = "MatMulIntegerToFloat",
                Domain = MicrosoftDomain,
                Input = { q.Quantised, w.Weight, q.Scale, w.Scale, ZeroPoint128, w.ZeroPoint },
                Output = { node.Output[0] },
            };

            nodes.Add(matMul);
        }

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
    /// Appends the nodes that quantise <paramref name="input"/> ([..., K]) to uint8, one symmetric scale per
    /// token: scale = max |x| / 127 over the token's K values, q = round(x / scale) + 128.
    /// Returns the quantised tensor (same shape) and the scales ([..., 1]). <paramref name="width"/> is K.
    /// </summary>
    /// <remarks>
    /// QuantizeLinear (opset 13) takes one scale per tensor or one per index of a single axis, not one per
    /// token of a [batch, sequence, K] tensor. So x is viewed as [tokens, K] and quantised per index of axis 0
    /// with the [tokens] scales, in one pass; the result is viewed back in x's own shape (Reshape to Shape(x)).
    /// A first version multiplied x by 1/scale in a separate pass instead; this one is 2–4% faster with
    /// single-threaded sessions. The reshapes copy nothing; the zero points (128) are a [tokens] tensor because
    /// QuantizeLinear wants them shaped like the scales. ONNX Runtime cannot infer the dimensions of a tensor
    /// reshaped to a shape computed at run time, so the model output's width becomes symbolic: the generator
    /// reads it from a first run.
    /// </remarks>
    private static (string Quantised, string Scale) QuantiseActivationsPerToken(string input, int width, GraphProto graph, List<NodeProto> nodes)
    {
        var p = input + "_int8q_";
        var tokensByWidth = $"int8q_shape_tokens_by_{width}";
        if (!graph.Initializer.Any(t => t.Name == tokensByWidth))
        {
            graph.Initializer.Add(Tensor(tokensByWidth, TensorProto.Types.DataType.Int64, [2], [.. BitConverter.GetBytes(-1L), .. BitConverter.GetBytes((long)width)]));
        }

        // max |x| as max(max x, −min x): two reductions read x, where Abs would first write a copy of it.
        nodes.Add(Reduce("ReduceMax", input, p + "max"));
        nodes.Add(Reduce("ReduceMin", input, p + "min"));
        nodes.Add(Node("Neg", [p + "min"], p + "minus_min"));
        nodes.Add(Node("Max", [p + "max", p + "minus_min", SmallestMax], p + "max_positive"));
        nodes.Add(Node("Mul", [p + "max_positive", OneOver127], p + "scale"));
        nodes.Add(Node("Reshape", [p + "scale", FlatShape], p + "token_scales"));
        nodes.Add(Node("Shape", [p + "token_scales"], p + "token_count"));
        nodes.Add(Node("Expand", [ZeroPoint128, p + "token_count"], p + "token_zero_points"));
        nodes.Add(Node("Shape", [input], p + "shape"));
        nodes.Add(Node("Reshape", [input, tokensByWidth], p + "tokens"));
        var quantise = Node("QuantizeLinear", [p + "tokens", p + "token_scales", p + "token_zero_points"], p + "q_tokens");
        quantise.Attribute.Add(new AttributeProto { Name = "axis", Type = AttributeProto.Types.AttributeType.Int, I = 0 });
        nodes.Add(quantise);
        nodes.Add(Node("Reshape", [p + "q_tokens", p + "shape"], p + "q"));
        return (p + "q", p + "scale");
    }

    /// <summary>A reduction over the last axis that keeps it (as size 1), so the result broadcasts against the input.</summary>
    private static NodeProto Reduce(string opType, string input, string output)
    {
        var node = Node(opType, [input], output);
        node.Attribute.Add(new AttributeProto { Name = "axes", Type = AttributeProto.Types.AttributeType.Ints, Ints = { -1 } });
        node.Attribute.Add(new AttributeProto { Name = "keepdims", Type = AttributeProto.Types.AttributeType.Int, I = 1 });
        return node;
    }

    private static NodeProto Node(string opType, string[] inputs, string output) => new()
    {
        Name = output,
        OpType = opType,
        Input = { inputs },
        Output = { output },
    };

    /// <summary>
    /// Adds the int8 weight, its per-column scales and zero points (all 0) to the graph and returns their names.
    /// B is [K, N] (Y = A·B), so a column is one output feature.
    /// </summary>
    private static (string Weight, string Scale, string ZeroPoint) QuantiseWeight(TensorProto weight, GraphProto graph)
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

        // Plain loops, not TensorPrimitives: this runs once, at start-up, before TensorPrimitives' generic code
        // is tiered up: its thousands of one-row calls measured 30–330 ms slower, cold, on MiniLM's weights.
        var scales = new float[columns];
        for (var r = 0; r < rows; r++)
        {
            var row = values.Slice(r * columns, columns);
            for (var c = 0; c < columns; c++)
            {
                scales[c] = Math.Max(scales[c], Math.Abs(row[c]));
            }
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
        graph.Initializer.Add(Tensor(names.Scale, TensorProto.Types.DataType.Float, [columns], MemoryMarshal.AsBytes(scales.AsSpan())));
        graph.Initializer.Add(Tensor(names.ZeroPoint, TensorProto.Types.DataType.Int8, [columns], new byte[columns]));
        return (names.Weight, names.Scale, names.ZeroPoint);
    }

    private static TensorProto Scalar(string name, TensorProto.Types.DataType type, ReadOnlySpan<byte> data) => Tensor(name, type, [], data);

    // raw_data is little-endian, as are the CPUs ONNX Runtime runs on here.
    private static TensorProto Tensor(string name, TensorProto.Types.DataType type, long[] dims, ReadOnlySpan<byte> data) => new()
    {
        Name = name,
        DataType = (int)type,
        Dims = { dims },
        RawData = ByteString.CopyFrom(data),
    };
}
