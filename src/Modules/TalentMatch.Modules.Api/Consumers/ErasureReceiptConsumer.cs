using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TalentMatch.Contracts;
using TalentMatch.Modules.Api.Persistence;
using TalentMatch.Platform.Persistence;

namespace TalentMatch.Modules.Api.Consumers;

/// <summary>
/// Records each service's <see cref="DocumentErased"/> confirmation for the erasure receipt. When
/// the last expected service has confirmed, the SQLite log is checkpointed and truncated: the
/// pages as they were before the erasure (text, file name, skills) leave the <c>-wal</c> file now,
/// not at the next automatic checkpoint.
/// </summary>
public sealed class ErasureReceiptConsumer(ApiDbContext db, IOptions<ApiOptions> options) : IConsumer<DocumentErased>
{
    public async Task Consume(ConsumeContext<DocumentErased> context)
    {
        var m = context.Message;
        var exists = await db.ErasureConfirmations.AnyAsync(
            e => e.TenantId == m.TenantId && e.DocumentId == m.DocumentId && e.Service == m.Service, context.CancellationToken);
        if (!exists)
        {
            db.ErasureConfirmations.Add(new ErasureConfirmation { TenantId = m.TenantId, DocumentId = m.DocumentId, Service = m.Service, ErasedAt = m.ErasedAt });
            try
            {
                await db.SaveChangesAsync(context.CancellationToken);
            }
            catch (DbUpdateException)
            {
                return; // the same confirmation, redelivered and handled at once: the first one counts
            }
        }

        var confirmed = await db.ErasureConfirmations
            .Where(e => e.TenantId == m.TenantId && e.DocumentId == m.DocumentId)
            .Select(e => e.Service)
            .ToListAsync(context.CancellationToken);
        if (options.Value.ErasureServiceList.All(confirmed.Contains))
        {
            await SqliteErasure.CheckpointAsync(db, context.CancellationToken);
        }
    }
}
