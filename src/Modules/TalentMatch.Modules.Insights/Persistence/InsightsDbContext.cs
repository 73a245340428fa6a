using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using TalentMatch.Contracts;
using TalentMatch.Core.Matching.Insights;
using TalentMatch.Core.Skills;
using TalentMatch.Platform.Messaging;

namespace TalentMatch.Modules.Insights.Persistence;

/// <summary>
/// What insights know about one job: the facts aggregated, in columns so that filters run in the database. Skill ids
/// are space-separated (taxonomy ids have no spaces). No text, no evidence.
/// </summary>
public sealed class InsightJob
{
    public const int MaxSkillsLength = 4000;

    public required string TenantId { get; set; }

    public Guid Id { get; set; }

    public int Revision { get; set; }

    /// <summary>False once the job is closed; a deleted job's row is gone.</summary>
    public bool Open { get; set; } = true;

    private DateTimeOffset posted;

    /// <summary>When insights first saw the job: its month is the demand trend's bucket. Setting it sets <see cref="PostedDay"/>.</summary>
    public DateTimeOffset Posted
    {
        get => posted;
        set
        {
            posted = value;
            PostedDay = DayOf(value);
        }
    }

    /// <summary>
    /// <see cref="Posted"/>'s day, counted from 1970-01-01 in UTC: what <c>since=</c> selects by, through an index, in
    /// every provider (SQLite cannot compare the <see cref="DateTimeOffset"/> column EF stores as text).
    /// </summary>
    public int PostedDay { get; set; }

    public static int DayOf(DateTimeOffset instant) => DateOnly.FromDateTime(instant.UtcDateTime).DayNumber - EpochDay;

    /// <summary>The UTC date of a <see cref="PostedDay"/>.</summary>
    public static DateOnly DateOfDay(int postedDay) => DateOnly.FromDayNumber(EpochDay + postedDay);

    private static readonly int EpochDay = DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber;

    public string? City { get; set; }

    public string? Seniority { get; set; }

    public string? Category { get; set; }

    public required string Required { get; set; }

    public required string Preferred { get; set; }

    public string? Currency { get; set; }

    public decimal? MonthlyMidpoint { get; set; }

    public decimal? AnnualMidpoint { get; set; }

    /// <summary>The job as the aggregation takes it: what the scan reads and what the tallies add and take away.</summary>
    public MarketJob ToMarketJob() => new(
        Id.ToString(),
        Split(Required),
        Split(Preferred),
        City,
        Seniority,
        Category,
        Currency is null ? null : new Compensation(Currency, null, null, null, AnnualMidpoint: AnnualMidpoint, MonthlyMidpoint: MonthlyMidpoint),
        Open,
        Posted);

    /// <summary>
    /// The space-separated ids, each the taxonomy's own string where it is one: a report splits thousands of jobs' skills
    /// per request, and looking the words up allocates nothing for them.
    /// </summary>
    public static string[] Split(string ids)
    {
        var words = ids.AsSpan();
        var split = new string[words.Count(' ') + 1];
        var count = 0;
        foreach (var range in words.Split(' '))
        {
            var word = words[range];
            if (!word.IsEmpty) split[count++] = TaxonomyIds.TryGetValue(word, out var id) ? id : word.ToString();
        }

        return count == split.Length ? split : split[..count];
    }

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> TaxonomyIds =
        SkillExtractor.Default.Taxonomy.Skills.Select(s => s.Id).ToHashSet(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
}

/// <summary>
/// One running count of a tenant's open or closed jobs (<see cref="Tally"/>; ADR 0013), kept by the facts consumer in
/// the transaction that changes the facts, so a request reads counts instead of every job.
/// </summary>
public sealed class InsightTally
{
    public const int MaxKeyLength = 128;

    public const int MaxScopeLength = 120;

    public required string TenantId { get; set; }

    /// <summary>The jobs counted: "" all of them, else those of one city, seniority or category (<see cref="MarketTally.Scopes"/>).</summary>
    public string Scope { get; set; } = "";

    public bool Open { get; set; }

    public TallyKind Kind { get; set; }

    public required string Key { get; set; }

    public required string Other { get; set; }

    public int Bucket { get; set; }

    public long Count { get; set; }

    public long SumCents { get; set; }
}

/// <summary>
/// A tenant whose tallies exist. Every change to a tenant's tallies first bumps <see cref="Version"/>: the row lock
/// lets one change at a time read and write its counts, so concurrent consumers never lose an increment.
/// </summary>
public sealed class InsightTenant
{
    public required string TenantId { get; set; }

    public long Version { get; set; }
}

/// <summary>
/// A skill's partner shortlist over a tenant's open jobs, or all of them (<see cref="PartnerShortlist"/>; ADR 0013), in
/// one view of the tallies: no partner outside it scores above <see cref="FloorTogether"/> / <see cref="FloorAsking"/>.
/// </summary>
public sealed class InsightShortlist
{
    public required string TenantId { get; set; }

    /// <summary>The view (<see cref="InsightTally.Scope"/>): "" all jobs, else one city, seniority or category, whose marked skills have shortlists.</summary>
    public string Scope { get; set; } = "";

    /// <summary>False: over open jobs (the report's default); true: over all jobs (<c>status=all</c>).</summary>
    public bool AllJobs { get; set; }

    public required string Skill { get; set; }

    public long FloorTogether { get; set; }

    public long FloorAsking { get; set; }

    /// <summary>Members at the last refresh: the writer refreshes once <see cref="PartnerShortlist.MaxAdded"/> more have joined.</summary>
    public int Kept { get; set; }

    public PartnerShortlist.Floor Floor => new(FloorTogether, FloorAsking);
}

/// <summary>
/// A member of a skill's shortlist with the jobs asking for both (<see cref="Together"/>, the pair's count in that view,
/// kept with it by the writer), so that a report reads a skill's likely partners in one range.
/// </summary>
public sealed class InsightShortlistPartner
{
    public required string TenantId { get; set; }

    public string Scope { get; set; } = "";

    public bool AllJobs { get; set; }

    public required string Skill { get; set; }

    public required string Partner { get; set; }

    public long Together { get; set; }
}

/// <summary>What insights know about one candidate: skill ids and total years. Personal data: erased with the resume.</summary>
public sealed class InsightCandidate
{
    public required string TenantId { get; set; }

    public Guid Id { get; set; }

    public int Revision { get; set; }

    public required string Skills { get; set; }

    public double? Years { get; set; }

    public MarketCandidate ToMarketCandidate() => new(Id.ToString(), InsightJob.Split(Skills), Years);
}

/// <summary>
/// One skill a job asks for, one row each: the index <c>GET /v1/insights/salaries</c> chooses a profile's jobs by
/// (those asking for its rarest skill), instead of reading every job of the tenant. Kept with the job's facts.
/// </summary>
public sealed class InsightJobSkill
{
    public required string TenantId { get; set; }

    public required string Skill { get; set; }

    public Guid JobId { get; set; }
}

/// <summary>The insights service's data. Provider-specific subclasses below exist only to carry their own migrations.</summary>
public abstract class InsightsDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<InsightJob> Jobs => Set<InsightJob>();

    public DbSet<InsightCandidate> Candidates => Set<InsightCandidate>();

    public DbSet<InsightTally> Tallies => Set<InsightTally>();

    public DbSet<InsightTenant> Tenants => Set<InsightTenant>();

    public DbSet<InsightShortlist> Shortlists => Set<InsightShortlist>();

    public DbSet<InsightShortlistPartner> ShortlistPartners => Set<InsightShortlistPartner>();

    public DbSet<InsightJobSkill> JobSkills => Set<InsightJobSkill>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.AddProcessedMessages("InsightProcessedMessages");
        var job = modelBuilder.Entity<InsightJob>().ToTable("InsightJobs");
        job.HasKey(j => new { j.TenantId, j.Id });
        job.Property(j => j.TenantId).HasMaxLength(64);
        job.Property(j => j.City).HasMaxLength(100);
        job.Property(j => j.Seniority).HasMaxLength(32);
        job.Property(j => j.Category).HasMaxLength(100);
        job.Property(j => j.Currency).HasMaxLength(8);
        job.Property(j => j.Required).HasMaxLength(InsightJob.MaxSkillsLength);
        job.Property(j => j.Preferred).HasMaxLength(InsightJob.MaxSkillsLength);
        job.Property(j => j.MonthlyMidpoint).HasPrecision(18, 2);
        job.Property(j => j.AnnualMidpoint).HasPrecision(18, 2);
        job.HasIndex(j => new { j.TenantId, j.PostedDay }); // since=
        // Each filter dimension leads one index and each pair of them is the prefix of one: one filter, or two at once,
        // reads only the jobs that pass (a third is checked on those of two), never every job of the tenant.
        job.HasIndex(j => new { j.TenantId, j.City, j.Seniority });
        job.HasIndex(j => new { j.TenantId, j.Seniority, j.Category });
        job.HasIndex(j => new { j.TenantId, j.Category, j.City });

        var candidate = modelBuilder.Entity<InsightCandidate>().ToTable("InsightCandidates");
        candidate.HasKey(c => new { c.TenantId, c.Id });
        candidate.Property(c => c.TenantId).HasMaxLength(64);
        candidate.Property(c => c.Skills).HasMaxLength(InsightJob.MaxSkillsLength);

        var tally = modelBuilder.Entity<InsightTally>().ToTable("InsightTallies");
        tally.HasKey(t => new { t.TenantId, t.Scope, t.Open, t.Kind, t.Key, t.Other, t.Bucket });
        tally.Property(t => t.TenantId).HasMaxLength(64);
        tally.Property(t => t.Scope).HasMaxLength(InsightTally.MaxScopeLength);
        tally.Property(t => t.Key).HasMaxLength(InsightTally.MaxKeyLength);
        tally.Property(t => t.Other).HasMaxLength(InsightTally.MaxKeyLength);
        // Covering: a report reads its rows (counts included) from this index alone, in key order, instead of one lookup
        // per row into a table where one skill's counts lie scattered as its jobs came in (ADR 0013, "Pruned pairs").
        tally.HasIndex(t => new { t.TenantId, t.Scope, t.Open, t.Kind, t.Key, t.Other, t.Bucket, t.Count, t.SumCents }).HasDatabaseName("IX_InsightTallies_Covering");

        var shortlist = modelBuilder.Entity<InsightShortlist>().ToTable("InsightShortlists");
        shortlist.HasKey(s => new { s.TenantId, s.Scope, s.AllJobs, s.Skill });
        shortlist.Property(s => s.TenantId).HasMaxLength(64);
        shortlist.Property(s => s.Scope).HasMaxLength(InsightTally.MaxScopeLength);
        shortlist.Property(s => s.Skill).HasMaxLength(InsightTally.MaxKeyLength);
        shortlist.Ignore(s => s.Floor);

        var partner = modelBuilder.Entity<InsightShortlistPartner>().ToTable("InsightShortlistPartners");
        partner.HasKey(p => new { p.TenantId, p.Scope, p.AllJobs, p.Skill, p.Partner });
        partner.Property(p => p.TenantId).HasMaxLength(64);
        partner.Property(p => p.Scope).HasMaxLength(InsightTally.MaxScopeLength);
        partner.Property(p => p.Skill).HasMaxLength(InsightTally.MaxKeyLength);
        partner.Property(p => p.Partner).HasMaxLength(InsightTally.MaxKeyLength);
        partner.HasIndex(p => new { p.TenantId, p.Scope, p.AllJobs, p.Partner }); // the writer's check of a partner whose jobs left

        var jobSkill = modelBuilder.Entity<InsightJobSkill>().ToTable("InsightJobSkills");
        jobSkill.HasKey(s => new { s.TenantId, s.Skill, s.JobId });
        jobSkill.Property(s => s.TenantId).HasMaxLength(64);
        jobSkill.Property(s => s.Skill).HasMaxLength(InsightTally.MaxKeyLength);

        var tenant = modelBuilder.Entity<InsightTenant>().ToTable("InsightTenants");
        tenant.HasKey(t => t.TenantId);
        tenant.Property(t => t.TenantId).HasMaxLength(64);
    }
}

public sealed class SqliteInsightsDbContext(DbContextOptions<SqliteInsightsDbContext> options) : InsightsDbContext(options);

public sealed class SqlServerInsightsDbContext(DbContextOptions<SqlServerInsightsDbContext> options) : InsightsDbContext(options);

public sealed class PostgreSqlInsightsDbContext(DbContextOptions<PostgreSqlInsightsDbContext> options) : InsightsDbContext(options);

// Used only by `dotnet ef migrations add` (scripts/add-migration.sh); generating never connects.

internal sealed class SqliteInsightsDbContextFactory : IDesignTimeDbContextFactory<SqliteInsightsDbContext>
{
    public SqliteInsightsDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteInsightsDbContext>().UseSqlite("Data Source=design.db").Options);
}

internal sealed class SqlServerInsightsDbContextFactory : IDesignTimeDbContextFactory<SqlServerInsightsDbContext>
{
    public SqlServerInsightsDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqlServerInsightsDbContext>().UseSqlServer("Server=design;Database=talentmatch").Options);
}

internal sealed class PostgreSqlInsightsDbContextFactory : IDesignTimeDbContextFactory<PostgreSqlInsightsDbContext>
{
    public PostgreSqlInsightsDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgreSqlInsightsDbContext>().UseNpgsql("Host=design;Database=talentmatch").Options);
}
