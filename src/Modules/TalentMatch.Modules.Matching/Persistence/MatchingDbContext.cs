using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using TalentMatch.Contracts;
using TalentMatch.Modules.Matching.Audit;
using TalentMatch.Modules.Matching.Fairness;
using TalentMatch.Modules.Matching.SavedSearches;
using TalentMatch.Platform.Messaging;

namespace TalentMatch.Modules.Matching.Persistence;

/// <summary>
/// The matching service's copy of a profile, as the embedding service published it: skills with
/// levels and evidence, facts, vector; for a resume, where its identity is (offsets and kinds). Not the document
/// text. Deleted with the document.
/// </summary>
public sealed class StoredProfile
{
    public required string TenantId { get; set; }

    public Guid Id { get; set; }

    public DocumentKind Kind { get; set; }

    /// <summary>SHA-256 of the payload: a new version when the profile's content changes.</summary>
    public required string Version { get; set; }

    /// <summary>JSON of <see cref="ProfilePayload"/>.</summary>
    public required string Payload { get; set; }

    /// <summary>The document's revision (jobs replaced with PUT count up): a lower one never overwrites it.</summary>
    public int Revision { get; set; }

    /// <summary>The embedding model that made the vector (<see cref="ProfileEmbedded.Model"/>); recorded with every score served.</summary>
    public string? Model { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>
    /// A resume's identity spans (JSON; offsets and kinds, no words): what anonymised match lists cut evidence by
    /// (<see cref="TalentMatch.Modules.Matching.AnonymisedMatches"/>). Outside <see cref="Payload"/>, so that it never takes part in a score or its version.
    /// </summary>
    public string? Identity { get; set; }
}

/// <summary>A (job version, candidate version) pair already announced: never announced again.</summary>
public sealed class NotifiedPair
{
    public required string TenantId { get; set; }

    public Guid JobId { get; set; }

    public required string JobVersion { get; set; }

    public Guid CandidateId { get; set; }

    public required string CandidateVersion { get; set; }

    public double Score { get; set; }

    public DateTimeOffset NotifiedAt { get; set; }
}

/// <summary>A tenant's own default weights (JSON of MatchWeightOverrides): applied before a request's.</summary>
public sealed class TenantMatchSettings
{
    public required string TenantId { get; set; }

    public required string WeightOverrides { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

public abstract class MatchingDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<StoredProfile> Profiles => Set<StoredProfile>();

    public DbSet<NotifiedPair> NotifiedPairs => Set<NotifiedPair>();

    public DbSet<TenantMatchSettings> TenantSettings => Set<TenantMatchSettings>();

    public DbSet<AuditRecord> AuditRecords => Set<AuditRecord>();

    public DbSet<AuditRow> AuditRows => Set<AuditRow>();

    public DbSet<AuditInput> AuditInputs => Set<AuditInput>();

    public DbSet<AuditHead> AuditHeads => Set<AuditHead>();

    public DbSet<AuditRetention> AuditRetention => Set<AuditRetention>();

    public DbSet<CandidateDemographics> Demographics => Set<CandidateDemographics>();

    public DbSet<SavedSearch> SavedSearches => Set<SavedSearch>();

    public DbSet<SavedSearchAlert> SavedSearchAlerts => Set<SavedSearchAlert>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.AddProcessedMessages("MatchProcessedMessages");
        var profile = modelBuilder.Entity<StoredProfile>().ToTable("MatchProfiles");
        profile.HasKey(p => new { p.TenantId, p.Kind, p.Id });
        profile.Property(p => p.TenantId).HasMaxLength(64);
        profile.Property(p => p.Kind).HasConversion<string>().HasMaxLength(16);
        profile.Property(p => p.Version).HasMaxLength(64);
        profile.Property(p => p.Payload).IsRequired();
        profile.Property(p => p.Model).HasMaxLength(128);

        var pair = modelBuilder.Entity<NotifiedPair>().ToTable("MatchNotifications");
        pair.HasKey(p => new { p.TenantId, p.JobId, p.JobVersion, p.CandidateId, p.CandidateVersion });
        pair.Property(p => p.TenantId).HasMaxLength(64);
        pair.Property(p => p.JobVersion).HasMaxLength(64);
        pair.Property(p => p.CandidateVersion).HasMaxLength(64);
        pair.HasIndex(p => new { p.TenantId, p.CandidateId });

        var settings = modelBuilder.Entity<TenantMatchSettings>().ToTable("MatchTenantSettings");
        settings.HasKey(t => t.TenantId);
        settings.Property(t => t.TenantId).HasMaxLength(64);
        settings.Property(t => t.WeightOverrides).IsRequired();
        AuditModel.Configure(modelBuilder);
        Fairness.Demographics.Configure(modelBuilder);
        SavedSearchModel.Configure(modelBuilder);
    }
}

public sealed class SqliteMatchingDbContext(DbContextOptions<SqliteMatchingDbContext> options) : MatchingDbContext(options);

public sealed class SqlServerMatchingDbContext(DbContextOptions<SqlServerMatchingDbContext> options) : MatchingDbContext(options);

public sealed class PostgreSqlMatchingDbContext(DbContextOptions<PostgreSqlMatchingDbContext> options) : MatchingDbContext(options);

// Used only by `dotnet ef migrations add` (scripts/add-migration.sh); generating never connects.

internal sealed class SqliteMatchingDbContextFactory : IDesignTimeDbContextFactory<SqliteMatchingDbContext>
{
    public SqliteMatchingDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteMatchingDbContext>().UseSqlite("Data Source=design.db").Options);
}

internal sealed class SqlServerMatchingDbContextFactory : IDesignTimeDbContextFactory<SqlServerMatchingDbContext>
{
    public SqlServerMatchingDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqlServerMatchingDbContext>().UseSqlServer("Server=design;Database=talentmatch").Options);
}

internal sealed class PostgreSqlMatchingDbContextFactory : IDesignTimeDbContextFactory<PostgreSqlMatchingDbContext>
{
    public PostgreSqlMatchingDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgreSqlMatchingDbContext>().UseNpgsql("Host=design;Database=talentmatch").Options);
}
