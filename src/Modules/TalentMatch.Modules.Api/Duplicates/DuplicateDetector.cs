using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using TalentMatch.Contracts;
using TalentMatch.Core.Documents;
using TalentMatch.Core.Documents.Duplicates;
using TalentMatch.Modules.Api.Persistence;

namespace TalentMatch.Modules.Api.Duplicates;

/// <summary>
/// Duplicate detection at ingestion: when a resume's text first arrives (its parse), its fingerprint
/// is compared with those of the tenant's candidates that share a lookup key with it, and every pair
/// that scores as a suspected duplicate is recorded with its reasons. Staged on the caller's
/// context, so it commits with the status change, or not at all. Two resumes of one person parsed
/// at the same moment may miss each other (neither fingerprint is committed when the other looks).
/// </summary>
public sealed class DuplicateDetector(TimeProvider clock, ILogger<DuplicateDetector> logger)
{
    /// <summary>Candidates scored per resume at most: a key shared by more (an agency's address on every resume) stops here.</summary>
    public const int MaxComparisons = DuplicateIndex.MaxComparisons;

    /// <returns>Whether a suspected pair was staged.</returns>
    /// <param name="sent">The hashes ingestion sent with the parse; null (a message from an older ingestion): read from the text here.</param>
    /// <param name="steps">Where the time went, step by step (the benchmark's breakdown); null in the service.</param>
    public async Task<bool> DetectAsync(
        ApiDbContext db, Candidate candidate, ContactHashes? sent, CancellationToken cancellationToken, DetectionSteps? steps = null)
    {
        var tenant = candidate.TenantId;
        steps?.Start();
        if (await db.CandidateFingerprints.AnyAsync(f => f.CandidateId == candidate.Id, cancellationToken))
        {
            return false;
        }

        steps?.Lap(DetectionStep.AlreadyDetected);
        var fingerprint = sent is null
            ? DuplicateFingerprint.Create(tenant, candidate.Text, Parse(candidate, cancellationToken))
            : DuplicateFingerprint.FromHashes(sent.Emails, sent.Phones, sent.Name, sent.Employers, candidate.Text);
        var keys = fingerprint.LookupKeys().Distinct().ToList();
        var contacts = keys.Where(DuplicateFingerprint.IsContactKey).ToList();
        steps?.Lap(DetectionStep.Fingerprint);
        var shared = (await db.DuplicateKeys
            .Where(k => k.TenantId == tenant && contacts.Contains(k.Key))
            .GroupBy(k => k.Key).Where(g => g.Count() >= DuplicateScorer.SharedContactHolders).Select(g => g.Key)
            .ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        steps?.Lap(DetectionStep.SharedContacts);
        var lookup = keys.Except(shared).ToList();
        // The candidates that share a key, and their fingerprints, in one round trip (detection runs for every resume).
        var sharing = db.DuplicateKeys
            .Where(k => k.TenantId == tenant && lookup.Contains(k.Key) && k.CandidateId != candidate.Id)
            .Select(k => k.CandidateId).Distinct().Take(MaxComparisons);
        var stored = await db.CandidateFingerprints
            .Where(f => f.TenantId == tenant && sharing.Contains(f.CandidateId))
            .Select(f => new { f.CandidateId, f.Packed, f.Fingerprint }).ToListAsync(cancellationToken);
        steps?.Lap(DetectionStep.ReadCandidates);
        var threshold = stored.Count == 0 ? DuplicateScorer.Threshold : await DuplicateThresholds.OfAsync(db, tenant, cancellationToken);
        var known = stored.Count == 0 ? []
            : await PairsOf(db, tenant, candidate.Id).Select(p => p.FirstId == candidate.Id ? p.SecondId : p.FirstId).ToListAsync(cancellationToken);
        steps?.Lap(DetectionStep.ThresholdAndKnownPairs);

        var found = false;
        var compared = stored.Where(o => !known.Contains(o.CandidateId)).Select(o => (o.CandidateId, Fingerprint: Read(o.Packed, o.Fingerprint))).ToList();
        steps?.Lap(DetectionStep.Decode);
        foreach (var other in compared)
        {
            var assessment = DuplicateScorer.Assess(fingerprint, other.Fingerprint, shared, threshold);
            if (assessment.IsSuspected)
            {
                var (first, second) = DuplicatePair.Order(candidate.Id, other.CandidateId);
                db.DuplicatePairs.Add(new DuplicatePair
                {
                    TenantId = tenant, FirstId = first, SecondId = second, Score = assessment.Score,
                    Reasons = [.. assessment.Reasons], DetectedAt = clock.GetUtcNow(),
                });
                found = true;
            }
        }

        steps?.Lap(DetectionStep.ScoreAndStagePairs);
        Store(db, tenant, candidate.Id, fingerprint);
        steps?.Lap(DetectionStep.StageFingerprint);
        steps?.Compared(compared.Count);
        return found;
    }

    /// <summary>Stages a candidate's fingerprint and its lookup keys: what later resumes are compared with.</summary>
    public static void Store(ApiDbContext db, string tenantId, Guid candidateId, DuplicateFingerprint fingerprint)
    {
        db.CandidateFingerprints.Add(new CandidateFingerprint { CandidateId = candidateId, TenantId = tenantId, Packed = fingerprint.Pack() });
        db.DuplicateKeys.AddRange(fingerprint.LookupKeys().Distinct()
            .Select(k => new DuplicateKey { TenantId = tenantId, Key = k, CandidateId = candidateId }));
    }

    /// <summary>Stages the removal of everything detection holds about a candidate (its erasure).</summary>
    public static async Task ForgetAsync(ApiDbContext db, string tenantId, Guid candidateId, CancellationToken cancellationToken)
    {
        db.CandidateFingerprints.RemoveRange(
            await db.CandidateFingerprints.Where(f => f.CandidateId == candidateId && f.TenantId == tenantId).ToListAsync(cancellationToken));
        db.DuplicateKeys.RemoveRange(
            await db.DuplicateKeys.Where(k => k.CandidateId == candidateId && k.TenantId == tenantId).ToListAsync(cancellationToken));
        db.DuplicatePairs.RemoveRange(await PairsOf(db, tenantId, candidateId).ToListAsync(cancellationToken));
    }

    /// <summary>Every pair a candidate is in, suggested or dismissed.</summary>
    public static IQueryable<DuplicatePair> PairsOf(ApiDbContext db, string tenantId, Guid candidateId) =>
        db.DuplicatePairs.Where(p => p.TenantId == tenantId && (p.FirstId == candidateId || p.SecondId == candidateId));

    private ParsedResume? Parse(Candidate candidate, CancellationToken cancellationToken)
    {
        var parsed = DuplicateFingerprint.ParseWithin(candidate.Text, DateOnly.FromDateTime(candidate.SubmittedAt.UtcDateTime), cancellationToken, out var failure);
        if (failure is not null)
        {
            // Ingestion parsed it in its own time; here the text's signature still finds its duplicates.
            logger.LogInformation("Contact details of candidate {Id} not read for duplicate detection: {Reason}", candidate.Id, failure);
        }

        return parsed;
    }

    /// <summary>A stored fingerprint: its packed bytes, or the JSON of a row written before them.</summary>
    internal static DuplicateFingerprint Read(byte[]? packed, string? json) =>
        packed is not null ? DuplicateFingerprint.Unpack(packed)
        : JsonSerializer.Deserialize<DuplicateFingerprint>(json ?? "null", JsonSerializerOptions.Web)
          ?? throw new InvalidDataException("A stored duplicate fingerprint is empty.");
}
