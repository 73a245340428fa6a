using Microsoft.EntityFrameworkCore;

namespace TalentMatch.Modules.Api.Persistence;

/// <summary>
/// Runs a command whose intent does not depend on the document's version (delete, close, a retention erasure, a PUT
/// that checks the content revision itself) again, from a fresh read, when a pipeline event (a status, a duplicate
/// group) committed between its read and its save: the version no longer matched and nothing was written. After the
/// last attempt the <see cref="DbUpdateConcurrencyException"/> reaches the caller (over HTTP: <c>ConcurrentChangeProblems</c>, 409).
/// </summary>
public static class PipelineChangeRetry
{
    /// <summary>How often a command reads the document again after a pipeline event changed it under the command.</summary>
    public const int Attempts = 5;

    /// <param name="command">Given the attempt's number (1 first); reads what it changes, from <paramref name="db"/>.</param>
    public static async Task<TResult> RunAsync<TResult>(ApiDbContext db, Func<int, Task<TResult>> command)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await command(attempt);
            }
            catch (DbUpdateConcurrencyException) when (attempt < Attempts)
            {
                // Drops what the failed attempt tracked (the document, its outbox messages) before reading again.
                db.ChangeTracker.Clear();
            }
        }
    }
}
