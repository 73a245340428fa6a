using Microsoft.EntityFrameworkCore;

namespace TalentMatch.Modules.Matching.Audit;

/// <summary>The audit trail's tables in the matching database (docs/adr/0012-audit-trail.md).</summary>
internal static class AuditModel
{
    public static void Configure(ModelBuilder modelBuilder)
    {
        var record = modelBuilder.Entity<AuditRecord>().ToTable("MatchAuditRecords");
        record.HasKey(r => new { r.TenantId, r.Sequence });
        record.Property(r => r.Sequence).ValueGeneratedNever();
        record.Property(r => r.TenantId).HasMaxLength(64);
        record.Property(r => r.Operation).HasMaxLength(32);
        record.Property(r => r.HeaderHash).HasMaxLength(64);
        record.Property(r => r.RecordHash).HasMaxLength(64);
        record.Property(r => r.ChainHash).HasMaxLength(64);
        record.HasIndex(r => r.Id).IsUnique();
        record.HasIndex(r => new { r.TenantId, r.SubjectId });
        record.HasIndex(r => new { r.TenantId, r.RecordedAtMs });
        record.HasMany(r => r.Rows).WithOne().HasForeignKey(r => new { r.TenantId, r.Sequence });

        var row = modelBuilder.Entity<AuditRow>().ToTable("MatchAuditRows");
        row.HasKey(r => new { r.TenantId, r.Sequence, r.Position });
        row.Property(r => r.TenantId).HasMaxLength(64);
        row.Property(r => r.RowHash).HasMaxLength(64);
        row.HasIndex(r => new { r.TenantId, r.CandidateId });
        row.HasIndex(r => new { r.TenantId, r.JobId });

        var input = modelBuilder.Entity<AuditInput>().ToTable("MatchAuditInputs");
        input.HasKey(i => new { i.TenantId, i.Kind, i.Id, i.Version });
        input.Property(i => i.TenantId).HasMaxLength(64);
        input.Property(i => i.Kind).HasConversion<string>().HasMaxLength(16);
        input.Property(i => i.Version).HasMaxLength(64);

        var retention = modelBuilder.Entity<AuditRetention>().ToTable("MatchAuditRetention");
        retention.HasKey(r => r.TenantId);
        retention.Property(r => r.TenantId).HasMaxLength(64);

        var head = modelBuilder.Entity<AuditHead>().ToTable("MatchAuditHeads");
        head.HasKey(h => h.TenantId);
        head.Property(h => h.TenantId).HasMaxLength(64);
        head.Property(h => h.ChainHash).HasMaxLength(64);
    }
}
