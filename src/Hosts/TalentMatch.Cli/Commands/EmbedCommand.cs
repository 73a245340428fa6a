using System.CommandLine;
using System.Globalization;
using System.Text;
using TalentMatch.Core.Embeddings;

namespace TalentMatch.Cli.Commands;

/// <summary><c>talentmatch embed</c>: one text per line on stdin, one JSON array of floats per line on stdout, in order.</summary>
internal static class EmbedCommand
{
    public static Command Create()
    {
        var model = new Option<FileInfo?>("--model") { Description = "ONNX sentence-transformers model (default: the bundled all-MiniLM-L6-v2)." };
        var vocab = new Option<FileInfo?>("--vocab") { Description = "The model's vocab.txt (required with --model)." };
        var batch = new Option<int>("--batch") { Description = "Lines read and embedded per step.", DefaultValueFactory = _ => 256 };
        var sessions = new Option<int?>("--sessions") { Description = "Model sessions that run batches side by side (default: one per processor, at most 4)." };
        var threads = new Option<int?>("--threads") { Description = "ONNX Runtime threads of each session (default: the processors divided among the sessions)." };
        var precision = new Option<EmbeddingPrecision>("--precision")
        {
            Description = "Float32 (the model as exported) or Int8 (weights and activations quantised at load; faster, vectors within cosine ~0.997).",
            DefaultValueFactory = _ => EmbeddingPrecision.Float32,
        };

        var command = new Command("embed", "Embed one text per stdin line; write one JSON array of floats per line.")
        {
            model, vocab, batch, sessions, threads, precision,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var batchSize = parse.GetValue(batch);
            if (batchSize < 1)
            {
                await Console.Error.WriteLineAsync("--batch must be at least 1.");
                return 2;
            }

            using var generator = new OnnxSentenceEmbeddingGenerator(new OnnxEmbeddingOptions
            {
                ModelPath = parse.GetValue(model)?.FullName,
                VocabPath = parse.GetValue(vocab)?.FullName,
                Sessions = parse.GetValue(sessions),
                IntraOpThreads = parse.GetValue(threads),
                Precision = parse.GetValue(precision),
            });
            await RunAsync(generator, Console.OpenStandardInput(), Console.OpenStandardOutput(), batchSize, cancellationToken);
            return 0;
        });
        return command;
    }

    /// <summary>Streams: reads at most <paramref name="batchSize"/> lines, embeds them, writes them, repeats.</summary>
    internal static async Task RunAsync(OnnxSentenceEmbeddingGenerator generator, Stream input, Stream output, int batchSize, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(input, Encoding.UTF8);
        await using var writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 1 << 16);
        var lines = new List<string>(batchSize);
        var line = new StringBuilder();
        while (true)
        {
            var next = await reader.ReadLineAsync(cancellationToken);
            if (next is not null)
            {
                lines.Add(next);
            }

            if (lines.Count == batchSize || (next is null && lines.Count > 0))
            {
                var embeddings = await generator.GenerateAsync(lines, cancellationToken: cancellationToken);
                foreach (var embedding in embeddings)
                {
                    line.Clear().Append('[');
                    foreach (var value in embedding.Vector.Span)
                    {
                        // Shortest text that reads back as the same float.
                        line.Append(value.ToString("R", CultureInfo.InvariantCulture)).Append(',');
                    }

                    line[^1] = ']';
                    await writer.WriteLineAsync(line, cancellationToken);
                }

                // Let a downstream reader start on this batch while the next one is embedded.
                await writer.FlushAsync(cancellationToken);
                lines.Clear();
            }

            if (next is null)
            {
                return;
            }
        }
    }
}
