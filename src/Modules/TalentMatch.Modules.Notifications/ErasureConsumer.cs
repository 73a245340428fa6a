using MassTransit;
using Microsoft.EntityFrameworkCore;
using TalentMatch.Contracts;
using TalentMatch.Modules.Notifications.Persistence;
using TalentMatch.Platform.ServiceDefaults;

namespace TalentMatch.Modules.Notifications;

/// <summary>
/// Erasure of a deleted document from the delivery log: every delivery whose payload names it goes,
/// pending or not. A payload may carry what the document said about itself (a rejected upload's
/// file name in <c>document.rejected</c>), and the log is kept for replay, so nothing short of
/// deleting the row takes it out. A pending delivery that also names other documents (a
/// <c>candidates.matched</c> list) is not sent then: erasure wins over notification. The document's
/// id is remembered (<see cref="ErasedDocument"/>) so that an event about it that is still in flight
/// is not delivered later either (<see cref="WebhookEventConsumer"/>).
/// </summary>
public sealed class ErasureConsumer(NotificationsDbContext db, TimeProvider clock) : IConsumer<DocumentDeleted>
{
    public async Task Consume(ConsumeContext<DocumentDeleted> context)
    {
        var m = context.Message;
        if (!m.Erasure)
        {
            return; // a closed job: its deliveries stay
        }

        // Payloads are JSON written by WebhookEventConsumer: a Guid is written in its "D" form.
        var id = m.DocumentId.ToString("D");
        await db.Deliveries.Where(d => d.TenantId == m.TenantId && d.Payload.Contains(id)).ExecuteDeleteAsync(context.CancellationToken);
        if (!await db.ErasedDocuments.AnyAsync(e => e.TenantId == m.TenantId && e.DocumentId == m.DocumentId, context.CancellationToken))
        {
            // Two copies at once: the key refuses the second save, the bus retries, and the retry finds the row.
            db.ErasedDocuments.Add(new ErasedDocument { TenantId = m.TenantId, DocumentId = m.DocumentId, ErasedAtUnixMs = clock.GetUtcNow().ToUnixTimeMilliseconds() });
            await db.SaveChangesAsync(context.CancellationToken);
        }

        await context.Publish(new DocumentErased(m.DocumentId, m.TenantId, m.Kind, ServiceModules.Notifications, clock.GetUtcNow()), context.CancellationToken);
    }
}
