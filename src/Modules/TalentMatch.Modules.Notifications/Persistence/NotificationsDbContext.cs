using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using TalentMatch.Platform.Messaging;

namespace TalentMatch.Modules.Notifications.Persistence;

/// <summary>
/// A tenant's webhook: where to POST which events, and the secret that signs them. The secret is
/// stored encrypted with Data Protection (<c>WebhookSecrets</c>): the database alone does not give
/// it away, the key ring is needed too. Deleting a webhook deactivates it and blanks the secret;
/// it then reads as not found.
/// </summary>
public sealed class WebhookSubscription
{
    public Guid Id { get; set; }

    public required string TenantId { get; set; }

    public required string Url { get; set; }

    /// <summary>The event types delivered, comma-separated (e.g. <c>candidate.indexed,job.indexed</c>).</summary>
    public required string EventTypes { get; set; }

    /// <summary>
    /// The Data Protection payload of the signing secret (<c>WebhookSecrets.Protect</c>); a row
    /// written before protection holds the plaintext <c>whsec_…</c> until its next write.
    /// </summary>
    public required string Secret { get; set; }

    public bool Active { get; set; } = true;

    public DateTimeOffset CreatedAt { get; set; }

    public IReadOnlyList<string> EventTypeList => EventTypes.Split(',', StringSplitOptions.RemoveEmptyEntries);
}

public enum DeliveryStatus
{
    Pending,
    Succeeded,
    Failed,
}

/// <summary>
/// One event for one subscription: created when the event arrives, sent by the delivery worker
/// until a 2xx answer or the last attempt. (EventId, SubscriptionId) is unique, so a redelivered
/// bus message never creates a second delivery.
/// </summary>
public sealed class WebhookDelivery
{
    public Guid Id { get; set; }

    public required string TenantId { get; set; }

    public Guid SubscriptionId { get; set; }

    /// <summary>The bus message id of the event; the receiver de-duplicates on it (TalentMatch-Event-Id).</summary>
    public Guid EventId { get; set; }

    public required string EventType { get; set; }

    /// <summary>The exact JSON body sent (the envelope with <c>data</c>): replays send the same bytes.</summary>
    public required string Payload { get; set; }

    public DeliveryStatus Status { get; set; }

    public int Attempts { get; set; }

    /// <summary>When the worker may send it next, in Unix milliseconds (sortable on every provider).</summary>
    public long DueAtUnixMs { get; set; }

    public int? LastStatusCode { get; set; }

    /// <summary>
    /// What went wrong last, in our words only (see <c>DeliveryErrors</c>): <c>HTTP 500 Internal Server Error</c>
    /// or a transport category such as <c>timeout</c>; never the receiver's body or reason text.
    /// </summary>
    public string? LastError { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? LastAttemptAt { get; set; }

    public DateTimeOffset? DeliveredAt { get; set; }
}

/// <summary>
/// A document erased by its tenant (or by retention), remembered by id only so that an event about it
/// still in flight (indexed, rejected, matched) is never delivered after the erasure. Kept for
/// <see cref="KeepFor"/>: longer than any event stays on the bus short of an operator replaying a
/// dead letter.
/// </summary>
public sealed class ErasedDocument
{
    public static readonly TimeSpan KeepFor = TimeSpan.FromDays(90);

    public required string TenantId { get; set; }

    public Guid DocumentId { get; set; }

    /// <summary>Unix milliseconds: comparable in SQL on every provider, unlike DateTimeOffset on SQLite.</summary>
    public long ErasedAtUnixMs { get; set; }
}

public abstract class NotificationsDbContext(DbContextOptions options) : DbContext(options)
{
    public const int MaxUrlLength = 2048;
    public const int MaxErrorLength = 600;

    /// <summary>Room for a protected secret (about 200 characters with today's algorithms) and then some.</summary>
    public const int MaxSecretLength = 500;

    public DbSet<WebhookSubscription> Subscriptions => Set<WebhookSubscription>();

    public DbSet<WebhookDelivery> Deliveries => Set<WebhookDelivery>();

    public DbSet<ErasedDocument> ErasedDocuments => Set<ErasedDocument>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.AddProcessedMessages("WebhookProcessedMessages");
        var subscription = modelBuilder.Entity<WebhookSubscription>().ToTable("WebhookSubscriptions");
        subscription.HasKey(s => s.Id);
        subscription.Property(s => s.TenantId).HasMaxLength(64);
        subscription.Property(s => s.Url).HasMaxLength(MaxUrlLength);
        subscription.Property(s => s.EventTypes).HasMaxLength(500);
        subscription.Property(s => s.Secret).HasMaxLength(MaxSecretLength);
        subscription.Ignore(s => s.EventTypeList);
        subscription.HasIndex(s => new { s.TenantId, s.Active });

        var delivery = modelBuilder.Entity<WebhookDelivery>().ToTable("WebhookDeliveries");
        delivery.HasKey(d => d.Id);
        delivery.Property(d => d.TenantId).HasMaxLength(64);
        delivery.Property(d => d.EventType).HasMaxLength(64);
        delivery.Property(d => d.Payload).IsRequired();
        delivery.Property(d => d.Status).HasConversion<string>().HasMaxLength(16);
        delivery.Property(d => d.LastError).HasMaxLength(MaxErrorLength);
        delivery.HasIndex(d => new { d.EventId, d.SubscriptionId }).IsUnique();
        delivery.HasIndex(d => new { d.Status, d.DueAtUnixMs });
        delivery.HasIndex(d => new { d.TenantId, d.SubscriptionId });

        var erased = modelBuilder.Entity<ErasedDocument>().ToTable("ErasedDocuments");
        erased.HasKey(e => new { e.TenantId, e.DocumentId });
        erased.Property(e => e.TenantId).HasMaxLength(64);
        erased.HasIndex(e => e.ErasedAtUnixMs);
    }
}

public sealed class SqliteNotificationsDbContext(DbContextOptions<SqliteNotificationsDbContext> options) : NotificationsDbContext(options);

public sealed class SqlServerNotificationsDbContext(DbContextOptions<SqlServerNotificationsDbContext> options) : NotificationsDbContext(options);

public sealed class PostgreSqlNotificationsDbContext(DbContextOptions<PostgreSqlNotificationsDbContext> options) : NotificationsDbContext(options);

// Used only by `dotnet ef migrations add` (scripts/add-migration.sh); generating never connects.

internal sealed class SqliteNotificationsDbContextFactory : IDesignTimeDbContextFactory<SqliteNotificationsDbContext>
{
    public SqliteNotificationsDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteNotificationsDbContext>().UseSqlite("Data Source=design.db").Options);
}

internal sealed class SqlServerNotificationsDbContextFactory : IDesignTimeDbContextFactory<SqlServerNotificationsDbContext>
{
    public SqlServerNotificationsDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqlServerNotificationsDbContext>().UseSqlServer("Server=design;Database=talentmatch").Options);
}

internal sealed class PostgreSqlNotificationsDbContextFactory : IDesignTimeDbContextFactory<PostgreSqlNotificationsDbContext>
{
    public PostgreSqlNotificationsDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgreSqlNotificationsDbContext>().UseNpgsql("Host=design;Database=talentmatch").Options);
}
