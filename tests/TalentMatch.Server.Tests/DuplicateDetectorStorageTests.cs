using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using TalentMatch.Contracts;
using TalentMatch.Core.Documents.Duplicates;
using TalentMatch.Modules.Api.Duplicates;
using TalentMatch.Modules.Api.Persistence;
using TalentMatch.Server.Tests.Infrastructure;

namespace TalentMatch.Server.Tests;

/// <summary>
/// <see cref="DuplicateDetector"/> against the api's real schema on SQLite and PostgreSQL: fingerprints are stored
/// packed and read back whole, a row written as JSON before the packed column is still compared, and when more
/// candidates share a key than are scored, the one with the strongest evidence (the same phone or e-mail) is among them.
/// </summary>
public sealed class DuplicateDetectorStorageTests
{
    private const string Tenant = "tenant-dup";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string> Providers => ["Sqlite", "PostgreSql"];

    private readonly DuplicateDetector _detector = new(TimeProvider.System, NullLogger<DuplicateDetector>.Instance);

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_fingerprint_is_stored_packed_reads_back_whole_and_an_old_JSON_row_is_still_compared(string provider)
    {
        await using var store = await Store.CreateAsync(provider);
        var text = string.Join('\n', DuplicateCandidatesTests.Resume("Jane Doe", "jane.doe@example.com"));
        var jsonRowId = Guid.CreateVersion7();
        var old = DuplicateFingerprint.FromHashes([Hash(1)], [Hash(2)], Hash(3), [Hash(4)], text);
        await using (var db = store.Open())
        {
            // As versions before the packed column wrote it.
            db.CandidateFingerprints.Add(new CandidateFingerprint
            {
                CandidateId = jsonRowId, TenantId = Tenant, Fingerprint = JsonSerializer.Serialize(old, JsonSerializerOptions.Web),
            });
            db.DuplicateKeys.AddRange(old.LookupKeys().Distinct().Select(k => new DuplicateKey { TenantId = Tenant, Key = k, CandidateId = jsonRowId }));
            await db.SaveChangesAsync(Ct);
        }

        var candidate = Candidate(text);
        var sent = new ContactHashes([Hash(1)], [Hash(5)], Hash(3), [Hash(4)]);
        await using (var db = store.Open())
        {
            Assert.True(await _detector.DetectAsync(db, candidate, sent, Ct));
            await db.SaveChangesAsync(Ct);
        }

        await using (var db = store.Open())
        {
            var row = await db.CandidateFingerprints.AsNoTracking().SingleAsync(f => f.CandidateId == candidate.Id, Ct);
            Assert.Null(row.Fingerprint);
            Assert.NotNull(row.Packed);
            var read = DuplicateFingerprint.Unpack(row.Packed);
            var expected = DuplicateFingerprint.FromHashes(sent.Emails, sent.Phones, sent.Name, sent.Employers, text);
            Assert.Equal(expected.Emails, read.Emails);
            Assert.Equal(expected.Phones, read.Phones);
            Assert.Equal(expected.Name, read.Name);
            Assert.Equal(expected.Employers, read.Employers);
            Assert.Equal(expected.Signature, read.Signature);

            var pair = await db.DuplicatePairs.AsNoTracking().SingleAsync(Ct);
            Assert.Equal(DuplicatePair.Order(candidate.Id, jsonRowId), (pair.FirstId, pair.SecondId));
            Assert.Contains("same e-mail", pair.Reasons);
            Assert.Contains("text 1.00 similar", pair.Reasons);

            // A redelivered parse finds its own fingerprint and stages nothing.
            Assert.False(await _detector.DetectAsync(db, candidate, sent, Ct));
            Assert.DoesNotContain(db.ChangeTracker.Entries(), e => e.State == EntityState.Added);
        }
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task The_candidates_sharing_a_phone_or_the_e_mail_are_scored_when_300_others_share_a_weaker_key(string provider)
    {
        await using var store = await Store.CreateAsync(provider);
        var random = new Random(20);
        await using (var db = store.Open())
        {
            // 300 strangers with the same name and employer as the resume (a weaker key), each with a text of its own,
            // stored before the two that share a contact: the first rows the key index meets are theirs.
            for (var i = 0; i < 300; i++)
            {
                DuplicateDetector.Store(db, Tenant, Guid.CreateVersion7(), DuplicateFingerprint.FromHashes([Hash(1000 + i)], [Hash(2000 + i)], Hash(3), [Hash(4)], Noise(random)));
            }

            await db.SaveChangesAsync(Ct);
            DuplicateDetector.Store(db, Tenant, PhoneHolder, DuplicateFingerprint.FromHashes([Hash(7)], [Hash(2)], Hash(8), [Hash(9)], Noise(random)));
            DuplicateDetector.Store(db, Tenant, EmailHolder, DuplicateFingerprint.FromHashes([Hash(1)], [Hash(10)], Hash(11), [Hash(12)], Noise(random)));
            await db.SaveChangesAsync(Ct);
        }

        var candidate = Candidate(Noise(random));
        await using (var db = store.Open())
        {
            Assert.True(await _detector.DetectAsync(db, candidate, new ContactHashes([Hash(1)], [Hash(2)], Hash(3), [Hash(4)]), Ct));
            await db.SaveChangesAsync(Ct);
        }

        await using (var db = store.Open())
        {
            var pairs = await db.DuplicatePairs.AsNoTracking().ToListAsync(Ct);
            Assert.Equal(2, pairs.Count); // the strangers are scored (50 of them, the bound) but none is suspected
            Assert.Contains(pairs, p => p.Other(candidate.Id) == EmailHolder && p.Reasons.Contains("same e-mail"));
            Assert.Contains(pairs, p => p.Other(candidate.Id) == PhoneHolder && p.Reasons.Contains("same phone"));
        }
    }

    private static readonly Guid PhoneHolder = Guid.CreateVersion7(), EmailHolder = Guid.CreateVersion7();

    private static Candidate Candidate(string text) =>
        new() { Id = Guid.CreateVersion7(), TenantId = Tenant, Text = text, SubmittedAt = DateTimeOffset.UnixEpoch };

    private static string Hash(int i) => i.ToString("x32", System.Globalization.CultureInfo.InvariantCulture);

    private static string Noise(Random random) =>
        string.Join(' ', Enumerable.Range(0, 80).Select(_ => new string([.. Enumerable.Range(0, 6).Select(_ => (char)random.Next('a', 'z' + 1))])));

    /// <summary>A migrated api database of one provider, for one test.</summary>
    private sealed class Store : IAsyncDisposable
    {
        private readonly Func<ApiDbContext> _open;
        private readonly Func<ValueTask> _dispose;

        private Store(Func<ApiDbContext> open, Func<ValueTask> dispose) => (_open, _dispose) = (open, dispose);

        public ApiDbContext Open() => _open();

        public static async Task<Store> CreateAsync(string provider)
        {
            Store store;
            if (provider == "PostgreSql")
            {
                var database = await PostgresDatabase.CreateAsync();
                var options = new DbContextOptionsBuilder<PostgreSqlApiDbContext>().UseNpgsql(database.ConnectionString).Options;
                store = new Store(() => new PostgreSqlApiDbContext(options), database.DisposeAsync);
            }
            else
            {
                var file = Path.Combine(Path.GetTempPath(), $"talentmatch-{Guid.NewGuid():N}.db");
                var options = new DbContextOptionsBuilder<SqliteApiDbContext>().UseSqlite($"Data Source={file};Pooling=False").Options;
                store = new Store(() => new SqliteApiDbContext(options), () =>
                {
                    File.Delete(file);
                    return ValueTask.CompletedTask;
                });
            }

            await using var db = store.Open();
            await db.Database.MigrateAsync();
            return store;
        }

        public ValueTask DisposeAsync() => _dispose();
    }
}
