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

    /// <summary>
    /// A strong validator: the content revision and the version, which every change the client could see bumps (a
    /// pipeline status too), so the tag changes whenever the representation does.
    /// </summary>
    public static string ETag(TrackedDocument document) => $"\"{document.Revision}.{document.Version}\"";

    /// <summary>
    /// Whether an <c>If-Match</c> names the content the client read: <c>*</c>, or a tag of the current
    /// <see cref="TrackedDocument.Revision"/>. Only a replacement of the content conflicts with an edit; the pipeline's
    /// status changes while a document is processed move the version, not the revision, and an edit opened before
    /// them loses nothing by being saved after them (docs/api.md, "ETag / If-Match").
    /// </summary>
    public static bool IfMatchNamesContent(string ifMatch, TrackedDocument document) =>
        ifMatch.Trim() == "*" || ifMatch.Split(',').Select(tag => tag.Trim()).Any(tag =>
            tag.Length > 2 && tag[0] == '"' && tag[^1] == '"' && tag[1..^1].Split('.') is [var revision, var version]
            && int.TryParse(revision, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var r)
            && int.TryParse(version, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out _)
            && r == document.Revision);

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

    /// <summary>The tenant's delete: the document is erased through <see cref="DocumentEraser"/>.</summary>
    public static Task<Results<NoContent, ProblemHttpResult>> DeleteAsync<T>(
        IQueryable<T> documents, DocumentKind kind, string what, Guid id, DocumentServices services, CancellationToken cancellationToken)
        where T : TrackedDocument =>
        RetryOnPipelineChangeAsync<Results<NoContent, ProblemHttpResult>>(services, async attempt =>
        {
            var document = await FindLiveAsync(documents, services.Tenant, id, cancellationToken);
            if (document is null)
            {
                // Gone between two attempts (a retention sweep or a second delete erased it): what was asked is done.
                return attempt == 1 ? Problems.NotFound(what, id) : TypedResults.NoContent();
            }

            await services.Eraser.EraseAsync(services.Db, document, kind, cancellationToken);
            return TypedResults.NoContent();
        });

    /// <summary>A command run again after a pipeline change under it (<see cref="PipelineChangeRetry"/>), in the request's context.</summary>
    public static Task<TResult> RetryOnPipelineChangeAsync<TResult>(DocumentServices services, Func<int, Task<TResult>> command) =>
        PipelineChangeRetry.RunAsync(services.Db, command);
}
