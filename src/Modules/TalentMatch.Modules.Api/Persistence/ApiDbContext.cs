using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TalentMatch.Contracts;
using TalentMatch.Core.Documents.Duplicates;
using TalentMatch.Platform.Messaging;
using TalentMatch.Platform.Security;

namespace TalentMatch.Modules.Api.Persistence;

/// <summary>The api service's data. Provider-specific subclasses below exist only to carry their own migrations.</summary>
public abstract class ApiDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<Candidate> Candidates => Set<Candidate>();

    public DbSet<Job> Jobs => Set<Job>();

    public DbSet<TenantAccount> Tenants => Set<TenantAccount>();

    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();

    public DbSet<IdempotencyRecord> IdempotencyRecords => Set<IdempotencyRecord>();

    public DbSet<PortalLink> PortalLinks => Set<PortalLink>();

    public DbSet<CandidateReveal> CandidateReveals => Set<CandidateReveal>();

    public DbSet<ErasureConfirmation> ErasureConfirmations => Set<ErasureConfirmation>();

    public DbSet<CandidateFingerprint> CandidateFingerprints => Set<CandidateFingerprint>();

    public DbSet<DuplicateKey> DuplicateKeys => Set<DuplicateKey>();

    public DbSet<DuplicatePair> DuplicatePairs => Set<DuplicatePair>();

    public DbSet<CandidateMerge> CandidateMerges => Set<CandidateMerge>();

    /// <summary>Events committed with the state change that causes them (see OutboxDispatcher).</summary>
    public DbSet<OutboxMessage> Outbox => Set<OutboxMessage>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.AddOutbox();
        modelBuilder.AddProcessedMessages("ApiProcessedMessages");
        var candidate = modelBuilder.Entity<Candidate>().ToTable("Candidates");
        ConfigureTrackedDocument(candidate);
        candidate.OwnsOne(c => c.Consent, consent =>
        {
            consent.Property(c => c.Basis).HasColumnName("ConsentBasis").HasMaxLength(32);
            consent.Property(c => c.Source).HasColumnName("ConsentSource").HasMaxLength(ConsentRecord.MaxSourceLength);
            consent.Property(c => c.GivenAt).HasColumnName("ConsentGivenAt");
            consent.Property(c => c.ExpiresAt).HasColumnName("ConsentExpiresAt");
        });
        candidate.HasIndex(c => new { c.TenantId, c.MergedIntoId }); // a candidate's versions
        var job = modelBuilder.Entity<Job>().ToTable("Jobs");
        ConfigureTrackedDocument(job);
        job.Property(j => j.Title).HasMaxLength(300);
        job.Ignore(j => j.IsOpen);
        // Read with the job and never queried here (the insights module keeps what is aggregated): a JSON column.
        job.Property(j => j.Compensation).HasConversion(
            pay => JsonSerializer.Serialize(pay, JsonSerializerOptions.Web),
            json => JsonSerializer.Deserialize<Compensation>(json, JsonSerializerOptions.Web));

        var tenant = modelBuilder.Entity<TenantAccount>().ToTable("Tenants");
        tenant.HasKey(t => t.Id);
        tenant.Property(t => t.Id).HasMaxLength(64);
        tenant.Property(t => t.Name).HasMaxLength(200).IsRequired();

        var key = modelBuilder.Entity<ApiKey>().ToTable("ApiKeys");
        key.HasKey(k => k.Id);
        key.Property(k => k.Id).ValueGeneratedNever();
        key.Property(k => k.TenantId).HasMaxLength(64).IsRequired();
        key.Property(k => k.Name).HasMaxLength(100).IsRequired();
        key.Property(k => k.Scopes).HasMaxLength(200).IsRequired();
        key.Property(k => k.SecretHash).HasMaxLength(32).IsRequired();
        key.Ignore(k => k.ScopeSet);
        key.HasIndex(k => k.TenantId);
        key.HasOne<TenantAccount>().WithMany().HasForeignKey(k => k.TenantId);

        var portalLink = modelBuilder.Entity<PortalLink>().ToTable("PortalLinks");
        portalLink.HasKey(l => l.Id);
        portalLink.Property(l => l.Id).ValueGeneratedNever();
        portalLink.Property(l => l.TenantId).HasMaxLength(64).IsRequired();
        portalLink.Property(l => l.SecretHash).HasMaxLength(32).IsRequired();
        portalLink.HasIndex(l => new { l.TenantId, l.CandidateId });
        portalLink.HasOne<TenantAccount>().WithMany().HasForeignKey(l => l.TenantId);

        var reveal = modelBuilder.Entity<CandidateReveal>().ToTable("CandidateReveals");
        reveal.HasKey(r => r.Id);
        reveal.Property(r => r.Id).ValueGeneratedNever();
        reveal.Property(r => r.TenantId).HasMaxLength(64).IsRequired();
        reveal.HasIndex(r => new { r.TenantId, r.CandidateId });
        reveal.HasOne<TenantAccount>().WithMany().HasForeignKey(r => r.TenantId);

        var idempotency = modelBuilder.Entity<IdempotencyRecord>().ToTable("IdempotencyKeys");
        idempotency.HasKey(r => new { r.TenantId, r.Key });
        idempotency.Property(r => r.TenantId).HasMaxLength(64);
        idempotency.Property(r => r.Key).HasMaxLength(255);
        idempotency.Property(r => r.Fingerprint).HasMaxLength(64);
        idempotency.Property(r => r.ContentType).HasMaxLength(200);
        idempotency.Property(r => r.Location).HasMaxLength(500);

        var erasure = modelBuilder.Entity<ErasureConfirmation>().ToTable("ErasureConfirmations");
        erasure.HasKey(e => new { e.TenantId, e.DocumentId, e.Service });
        erasure.Property(e => e.TenantId).HasMaxLength(64);
        erasure.Property(e => e.Service).HasMaxLength(32);

        ConfigureDuplicates(modelBuilder);
    }

    private static void ConfigureDuplicates(ModelBuilder modelBuilder)
    {
        var fingerprint = modelBuilder.Entity<CandidateFingerprint>().ToTable("CandidateFingerprints");
        fingerprint.HasKey(f => f.CandidateId);
        fingerprint.Property(f => f.CandidateId).ValueGeneratedNever();
        fingerprint.Property(f => f.TenantId).HasMaxLength(64);
        fingerprint.Property(f => f.Packed).HasMaxLength(1024); // a packed fingerprint is at most 6 + 25 × 16 + 60 × 8 = 886 bytes

        var key = modelBuilder.Entity<DuplicateKey>().ToTable("DuplicateKeys");
        key.HasKey(k => new { k.TenantId, k.Key, k.CandidateId });
        key.Property(k => k.TenantId).HasMaxLength(64);
        key.Property(k => k.Key).HasMaxLength(DuplicateFingerprint.MaxKeyLength);
        key.HasIndex(k => k.CandidateId); // erasure

        var pair = modelBuilder.Entity<DuplicatePair>().ToTable("DuplicatePairs");
        pair.HasKey(p => new { p.TenantId, p.FirstId, p.SecondId });
        pair.Property(p => p.TenantId).HasMaxLength(64);
        pair.HasIndex(p => new { p.TenantId, p.SecondId }); // the pairs of a candidate that is the second of them
        pair.Property(p => p.Reasons).HasMaxLength(1000).HasConversion(
            reasons => JsonSerializer.Serialize(reasons, JsonSerializerOptions.Web),
            json => JsonSerializer.Deserialize<List<string>>(json, JsonSerializerOptions.Web) ?? new List<string>(),
            new ValueComparer<List<string>>((a, b) => a!.SequenceEqual(b!), r => r.Aggregate(0, HashCode.Combine), r => r.ToList()));

        var merge = modelBuilder.Entity<CandidateMerge>().ToTable("CandidateMerges");
        merge.HasKey(m => m.Id);
        merge.Property(m => m.Id).ValueGeneratedNever();
        merge.Property(m => m.TenantId).HasMaxLength(64);
        merge.HasIndex(m => new { m.TenantId, m.SurvivorId });
        // Read whole with the merge, never queried on their own: a JSON column.
        merge.Property(m => m.Members).IsRequired().HasConversion(
            members => JsonSerializer.Serialize(members, JsonSerializerOptions.Web),
            json => JsonSerializer.Deserialize<List<MergedMember>>(json, JsonSerializerOptions.Web) ?? new List<MergedMember>(),
            new ValueComparer<List<MergedMember>>((a, b) => a!.SequenceEqual(b!), m => m.Aggregate(0, HashCode.Combine), m => m.ToList()));
    }

    private static void ConfigureTrackedDocument<T>(EntityTypeBuilder<T> document)
        where T : TrackedDocument
    {
        document.HasKey(d => d.Id);
        document.Property(d => d.Id).ValueGeneratedNever();
        document.Property(d => d.TenantId).HasMaxLength(64).IsRequired();
        document.Property(d => d.Text).IsRequired();
        document.Property(d => d.Version).IsConcurrencyToken();
        document.Property(d => d.FileName).HasMaxLength(TrackedDocument.MaxFileNameLength);
        document.Property(d => d.Status).HasConversion<string>().HasMaxLength(16);
        document.Property(d => d.RejectionReason).HasMaxLength(TrackedDocument.MaxRejectionReasonLength);
        document.Property(d => d.RejectionDetail).HasMaxLength(TrackedDocument.MaxRejectionDetailLength);
        document.Ignore(d => d.IsDeleted);
        // Skills are read and written with their document, never queried on their own here
        // (the search index answers "who knows X"), so one JSON column works on every provider.
        document.Property(d => d.Skills)
            .HasConversion(
                skills => JsonSerializer.Serialize(skills, JsonSerializerOptions.Web),
                json => JsonSerializer.Deserialize<List<ExtractedSkill>>(json, JsonSerializerOptions.Web) ?? new List<ExtractedSkill>(),
                new ValueComparer<List<ExtractedSkill>>(
                    (a, b) => (a == null && b == null) || (a != null && b != null && a.SequenceEqual(b)),
                    skills => skills.Aggregate(0, (hash, skill) => HashCode.Combine(hash, skill)),
                    skills => skills.ToList()));
        document.HasIndex(d => new { d.TenantId, d.SubmittedAt });
    }
}

public sealed class SqliteApiDbContext(DbContextOptions<SqliteApiDbContext> options) : ApiDbContext(options);

public sealed class SqlServerApiDbContext(DbContextOptions<SqlServerApiDbContext> options) : ApiDbContext(options);

public sealed class PostgreSqlApiDbContext(DbContextOptions<PostgreSqlApiDbContext> options) : ApiDbContext(options);
