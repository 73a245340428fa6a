using Microsoft.Extensions.Options;
using TalentMatch.Modules.Api.Lifecycle;
using TalentMatch.Modules.Api.Persistence;
using TalentMatch.Platform.Messaging;
using TalentMatch.Platform.Persistence;
using TalentMatch.Platform.Security;

namespace TalentMatch.Modules.Api.Endpoints.Documents;

/// <summary>
/// What the candidate and job handlers take from dependency injection, bound with
/// <c>[AsParameters]</c> so that each handler's own parameters are only what the request carries.
/// </summary>
/// <param name="Tenant">The caller's tenant: every query filters on it.</param>
/// <param name="Db">The api module's database (documents and the outbox).</param>
/// <param name="Outbox">Wakes the outbox dispatcher after a commit that added events.</param>
/// <param name="Clock">The clock (tests move it).</param>
/// <param name="Options">Body size limits.</param>
/// <param name="Blobs">Uploaded files.</param>
/// <param name="Eraser">The erasure path a delete takes (retention takes it too).</param>
/// <param name="Submissions">Commits resume submissions that arrive together in one transaction.</param>
internal sealed record DocumentServices(
    Tenant Tenant, ApiDbContext Db, OutboxSignal Outbox, TimeProvider Clock, IOptions<ApiOptions> Options, IBlobStore Blobs, DocumentEraser Eraser,
    SubmissionGroupCommit Submissions);
