using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using TalentMatch.Contracts;
using TalentMatch.Modules.Api.Lifecycle;
using TalentMatch.Modules.Api.Persistence;
using TalentMatch.Platform.Messaging;
using TalentMatch.Platform.Security;

namespace TalentMatch.Modules.Api.Endpoints.Documents;

/// <summary>
/// The steps candidates and jobs share: the tenant-scoped lookup, the ETag, a page of a list, a
/// delete. Every query here filters on the caller's tenant; nothing else reads documents by id.
/// </summary>
internal static class DocumentQueries
{
    /// <summary>The one lookup by id: the caller's tenant only, never a deleted document's tombstone.</summary>
    public static Task<T?> FindLiveAsync<T>(IQueryable<T> documents, Tenant tenant, Guid id, CancellationToken cancellationToken)
        where T : TrackedDocument =>
        documents.SingleOrDefaultAsync(d => d.Id == id && d.TenantId == tenant.Id && d.Status != PipelineStatus.Deleted, cancellationToken);

    /// <summary>A strong validator: the document's version, bumped by every change the client could see.</summary>
    public static string ETag(TrackedDocument document) => $"\"{document.Version}\"";

    /// <summary>A page of the tenant's live documents in id order (ids are time-ordered version 7 GUIDs).</summary>
    public static async Task<Results<Ok<DocumentPage>, ProblemHttpResult>> ListAsync<T>(
        IQueryable<T> documents, int? limit, string? cursor, Func<T, DocumentSummary> summary, CancellationToken cancellationToken)
        where T : TrackedDocument
    {
        if (!Paging.IsValidLimit(limit))
        {
            return Problems.InvalidLimit();
        }

        if (!Paging.TryDecode(cursor, out var after))
        {
            return Problems.InvalidCursor();
        }

        var size = limit ?? Paging.DefaultLimit;
        documents = documents.AsNoTracking().Where(d => d.Status != PipelineStatus.Deleted);
        if (after is Guid last)
        {
            documents = documents.Where(d => d.Id.CompareTo(last) > 0);
        }

        // One row more than the page tells whether there is a next page.
        var rows = await documents.OrderBy(d => d.Id).Take(size + 1).ToListAsync(cancellationToken);
        var next = rows.Count > size ? Paging.Encode(rows[size - 1].Id) : null;
        return TypedResults.Ok(new DocumentPage([.. rows.Take(size).Select(summary)], next));
    }

    /// <summary>How often a delete reads the document again after a pipeline event changed it under the erasure.</summary>
    private const int DeleteAttempts = 5;

    /// <summary>The tenant's delete: the document is erased through <see cref="DocumentEraser"/>.</summary>
    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync<T>(
        IQueryable<T> documents, DocumentKind kind, string what, Guid id, DocumentServices services, CancellationToken cancellationToken)
        where T : TrackedDocument
    {
        for (var attempt = 1; ; attempt++)
        {
            var document = await FindLiveAsync(documents, services.Tenant, id, cancellationToken);
            if (document is null)
            {
                // Gone between two attempts (a retention sweep or a second delete erased it): what was asked is done.
                return attempt == 1 ? Problems.NotFound(what, id) : TypedResults.NoContent();
            }

            try
            {
                await services.Eraser.EraseAsync(services.Db, document, kind, cancellationToken);
                return TypedResults.NoContent();
            }
            catch (DbUpdateConcurrencyException) when (attempt < DeleteAttempts)
            {
                // A pipeline event (a status, a duplicate group) committed between the read and the
                // erasure, so the version no longer matched and nothing was written. The tenant's
                // intent does not depend on that change: read the document again and erase it.
                services.Db.ChangeTracker.Clear();
            }
        }
    }
}
