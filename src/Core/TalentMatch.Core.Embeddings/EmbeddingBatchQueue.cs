using System.Collections.Concurrent;

namespace TalentMatch.Core.Embeddings;

/// <summary>
/// The batches of all requests, in request order, and the runners that take them: each
/// <see cref="OnnxSessionRunner"/> runs on a background thread of its own and takes the next batch when it is
/// free. Owns the runners and disposes them.
/// </summary>
internal sealed class EmbeddingBatchQueue : IDisposable
{
    private readonly OnnxSessionRunner[] _runners;

    // Batches wait here in request order; each runner's own thread takes the next one. A request's batches
    // are queued together (under the lock), so requests finish first come, first served.
    private readonly BlockingCollection<EmbeddingBatch> _queue = [];
    private readonly Lock _queueLock = new();
    private readonly Thread[] _runnerThreads;
    private volatile bool _disposed;

    /// <summary>Starts one thread per runner, each at <paramref name="runnerNice"/> (<see cref="OnnxEmbeddingOptions.RunnerNice"/>).</summary>
    public EmbeddingBatchQueue(OnnxSessionRunner[] runners, int runnerNice = 0)
    {
        _runners = runners;
        _runnerThreads = [.. _runners.Select((runner, i) => new Thread(() =>
        {
            RunnerPriority.TryLower(runnerNice);
            RunQueuedBatches(runner);
        }) { IsBackground = true, Name = $"onnx-embedding-{i}" })];
        foreach (var thread in _runnerThreads)
        {
            thread.Start();
        }
    }

    /// <summary>Number of runners (sessions) taking batches.</summary>
    public int SessionCount => _runners.Length;

    /// <summary>Whether <see cref="Dispose"/> has begun: no more batches are queued, and those waiting fail.</summary>
    public bool IsDisposed => _disposed;

    /// <summary>
    /// Queues one request's batches, together, behind those already waiting. Each batch's Done completes when
    /// a runner has embedded it (or it was cancelled, or failed).
    /// </summary>
    /// <exception cref="ObjectDisposedException">The generator (this queue) has been disposed.</exception>
    public void Enqueue(IReadOnlyList<EmbeddingBatch> batches)
    {
        lock (_queueLock)
        {
            // Callers see the generator, whose queue this is, as disposed.
            ObjectDisposedException.ThrowIf(_disposed, typeof(OnnxSentenceEmbeddingGenerator));
            for (var i = 0; i < batches.Count; i++)
            {
                _queue.Add(batches[i], CancellationToken.None);
            }
        }
    }

    public void Dispose()
    {
        lock (_queueLock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _queue.CompleteAdding();
        }

        // Host shutdown while a consumer embeds: each runner finishes the batch it is on and fails the
        // queued ones with ObjectDisposedException; only then are the native sessions freed (freeing one
        // under a running Run() crashes the whole process).
        foreach (var thread in _runnerThreads)
        {
            thread.Join();
        }

        foreach (var runner in _runners)
        {
            runner.Dispose();
        }

        _queue.Dispose();
    }

    /// <summary>A runner's thread: runs queued batches until the generator is disposed.</summary>
    private void RunQueuedBatches(OnnxSessionRunner runner)
    {
        foreach (var batch in _queue.GetConsumingEnumerable())
        {
            if (_disposed)
            {
                batch.Done.TrySetException(new ObjectDisposedException(nameof(OnnxSentenceEmbeddingGenerator)));
            }
            else if (batch.CancellationToken.IsCancellationRequested)
            {
                batch.Done.TrySetCanceled(batch.CancellationToken);
            }
            else
            {
                try
                {
                    runner.Run(batch.Windows, batch.First, batch.Count);
                    batch.Done.TrySetResult();
                }
                catch (Exception ex)
                {
                    batch.Done.TrySetException(ex);
                }
            }
        }
    }
}
