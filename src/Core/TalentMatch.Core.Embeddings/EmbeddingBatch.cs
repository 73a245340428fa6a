namespace TalentMatch.Core.Embeddings;

/// <summary>One window of a text's tokens (no [CLS]/[SEP]), and its vector once a session has embedded it.</summary>
internal sealed class EmbeddingWindow(int owner, ReadOnlyMemory<int> content)
{
    /// <summary>Index of the text (token sequence) in its request that the window belongs to.</summary>
    public int Owner { get; } = owner;

    public ReadOnlyMemory<int> Content { get; } = content;

    public float[]? Vector { get; set; }
}

/// <summary>Windows[First .. First + Count) of one request, waiting for a runner; Done completes when they have vectors.</summary>
internal sealed record EmbeddingBatch(List<EmbeddingWindow> Windows, int First, int Count, CancellationToken CancellationToken)
{
    public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
