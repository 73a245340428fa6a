using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace TalentMatch.Modules.Api.Endpoints;

/// <summary>
/// The problem types the API returns (RFC 9457). The <c>type</c> is a stable URN a client can
/// switch on; <c>title</c> is the same for every occurrence; <c>detail</c> says what to fix.
/// Documented in docs/api.md.
/// </summary>
internal static class Problems
{
    public static ProblemHttpResult EmptyDocument(string detail) =>
        Create(StatusCodes.Status400BadRequest, "empty-document", "The document has no text", detail);

    public static ProblemHttpResult MalformedJson(string detail) =>
        Create(StatusCodes.Status400BadRequest, "malformed-json", "The request body is not valid JSON", detail);

    public static ProblemHttpResult InvalidField(string detail) =>
        Create(StatusCodes.Status400BadRequest, "invalid-field", "A field has an invalid value", detail);

    public static ProblemHttpResult MalformedUpload(string detail) =>
        Create(StatusCodes.Status400BadRequest, "malformed-upload", "The upload is not a usable multipart form", detail);

    public static ProblemHttpResult InvalidEncoding(string detail) =>
        Create(StatusCodes.Status400BadRequest, "invalid-encoding", "The request body is not valid UTF-8", detail);

    public static ProblemHttpResult TooLarge(long limit) =>
        Create(StatusCodes.Status413PayloadTooLarge, "document-too-large", "The document is too large",
            $"The body is larger than the limit of {limit} bytes.");

    public static ProblemHttpResult UnsupportedMediaType(string? contentType) =>
        Create(StatusCodes.Status415UnsupportedMediaType, "unsupported-media-type", "Unsupported content type",
            $"Content-Type '{contentType ?? "(none)"}' is not accepted here: send application/json, text/plain; charset=utf-8, or (resumes) multipart/form-data with a 'file'.");

    public static ProblemHttpResult InvalidCursor() =>
        Create(StatusCodes.Status400BadRequest, "invalid-cursor", "The cursor is not valid",
            "Pass back the 'nextCursor' of the previous page unchanged.");

    public static ProblemHttpResult InvalidLimit() =>
        Create(StatusCodes.Status400BadRequest, "invalid-limit", "The page size is not valid",
            $"'limit' must be between 1 and {Paging.MaxLimit}.");

    public static ProblemHttpResult PreconditionRequired() =>
        Create(StatusCodes.Status428PreconditionRequired, "precondition-required", "If-Match is required",
            "Send the ETag of the version you read (GET) in If-Match, so that an update never overwrites a change you have not seen.");

    public static ProblemHttpResult ETagMismatch() =>
        Create(StatusCodes.Status412PreconditionFailed, "etag-mismatch", "The resource changed since you read it",
            "Read it again (GET), reapply your change, and send the new ETag in If-Match.");

    public static ProblemHttpResult JobClosed(Guid id) =>
        Create(StatusCodes.Status409Conflict, "job-closed", "The job is closed", $"Job {id} is closed and can no longer be changed.");

    public static ProblemHttpResult MergeConflict(string detail) =>
        Create(StatusCodes.Status409Conflict, "merge-conflict", "The candidates cannot be merged in their present state", detail);

    public static ProblemHttpResult UndoUnavailable(string detail) =>
        Create(StatusCodes.Status409Conflict, "merge-undo-unavailable", "There is no merge to undo", detail);

    public static ProblemHttpResult TooManyPortalLinks(int limit) =>
        Create(StatusCodes.Status409Conflict, "too-many-portal-links", "The candidate has too many active portal links",
            $"A candidate may have {limit} links that are neither revoked nor expired: revoke one first.");

    public static ProblemHttpResult NotFound(string what, Guid id) =>
        Create(StatusCodes.Status404NotFound, "not-found", "Not found", $"No {what} with id {id}.");

    private static ProblemHttpResult Create(int status, string code, string title, string detail) =>
        TypedResults.Problem(statusCode: status, type: $"urn:talentmatch:problem:{code}", title: title, detail: detail);
}
