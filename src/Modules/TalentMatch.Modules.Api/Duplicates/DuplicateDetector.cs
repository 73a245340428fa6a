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
    /// <summary>Candidates scored per resume at most, the strongest evidence first (<see cref="DuplicateFingerprint.Evidence"/>).</summary>
    public const int MaxComparisons = DuplicateIndex.MaxComparisons;

    /// <returns>Whether a suspected pair was staged.</returns>
    /// <param name="sent">The hashes ingestion sent with the parse; null (a message from an older ingestion): read from the text here.</param>
    /// <param name="steps">Where the time went, step by step (the benchmark's breakdown); null in the service.</param>
    public async Task<bool> DetectAsync(
        ApiDbContext db, Candidate candidate, ContactHashes? sent, CancellationToken cancellationToken, DetectionSteps? steps = null)
    {
        var tenant = candidate.TenantId;
        steps?.Start();
        var fingerprint = sent is null
            ? DuplicateFingerprint.Create(tenant, candidate.Text, Parse(candidate, cancellationToken))
            : DuplicateFingerprint.FromHashes(sent.Emails, sent.Phones, sent.Name, sent.Employers, candidate.Text);
        var keys = fingerprint.LookupKeys().Distinct().ToList();
        var contacts = keys.Where(DuplicateFingerprint.IsContactKey).ToList();
        steps?.Lap(DetectionStep.Fingerprint);
        var shared = contacts.Count == 0 ? [] : (await db.DuplicateKeys
            .Where(k => k.TenantId == tenant && contacts.Contains(k.Key))
            .GroupBy(k => k.Key).Where(g => g.Count() >= DuplicateScorer.SharedContactHolders).Select(g => g.Key)
            .ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        steps?.Lap(DetectionStep.SharedContacts);
        var lookup = keys.Except(shared).ToList();
        var personal = lookup.Where(DuplicateFingerprint.IsContactKey).ToList();
        var named = lookup.Where(DuplicateFingerprint.IsNameKey).ToList();
        // The candidates that share a key, strongest evidence first (DuplicateFingerprint.Evidence: an e-mail or phone,
        // then name with employer, then the number of text bands): when more than MaxComparisons share a key, those
        // left out are the weakest, as in DuplicateIndex, never an arbitrary few. This candidate is not left out: if its
        // parse was redelivered, its own keys are stored already and it comes first (see below).
        var sharing = db.DuplicateKeys
            .Where(k => k.TenantId == tenant && lookup.Contains(k.Key))
            .GroupBy(k => k.CandidateId)
            .Select(g => new
            {
                CandidateId = g.Key,
                Evidence = g.Sum(k => personal.Contains(k.Key) ? DuplicateFingerprint.ContactEvidence
                    : named.Contains(k.Key) ? DuplicateFingerprint.NameEvidence : DuplicateFingerprint.BandEvidence),
            })
            .OrderByDescending(c => c.CandidateId == candidate.Id).ThenByDescending(c => c.Evidence).ThenBy(c => c.CandidateId)
            .Take(MaxComparisons).Select(c => c.CandidateId);
        // Their fingerprints in the same round trip (detection runs for every resume), less those already paired with
        // this one (suggested or dismissed). This candidate's own among them: the parse was redelivered, and is done.
        var stored = await db.CandidateFingerprints
            .Where(f => f.TenantId == tenant && sharing.Contains(f.CandidateId)
                // Two lookups of the pair's key, one per order: one OR of both scanned the tenant's pairs (SQLite).
                && !db.DuplicatePairs.Any(p => p.TenantId == tenant && p.FirstId == candidate.Id && p.SecondId == f.CandidateId)
                && !db.DuplicatePairs.Any(p => p.TenantId == tenant && p.FirstId == f.CandidateId && p.SecondId == candidate.Id))
            .Select(f => new { f.CandidateId, f.Packed, f.Fingerprint }).ToListAsync(cancellationToken);
        steps?.Lap(DetectionStep.ReadCandidates);
        if (stored.Any(f => f.CandidateId == candidate.Id)
            || (lookup.Count == 0 && await db.CandidateFingerprints.AnyAsync(f => f.CandidateId == candidate.Id, cancellationToken)))
        {
            return false;
        }

        var compared = stored.Select(o => (o.CandidateId, Fingerprint: Read(o.Packed, o.Fingerprint))).ToList();
        steps?.Lap(DetectionStep.Decode);
        var assessed = compared.Select(o => (o.CandidateId, Assessment: DuplicateScorer.Assess(fingerprint, o.Fingerprint, shared))).ToList();
        steps?.Lap(DetectionStep.Score);
        // A tenant's threshold is never under MinThreshold: unless a pair reaches that, there is no need to read it.
        var threshold = assessed.Any(a => a.Assessment.Score >= DuplicateScorer.MinThreshold)
            ? await DuplicateThresholds.OfAsync(db, tenant, cancellationToken) : DuplicateScorer.Threshold;
        steps?.Lap(DetectionStep.Threshold);

        var found = false;
        foreach (var (otherId, assessment) in assessed.Where(a => a.Assessment.Score >= threshold))
        {
            var (first, second) = DuplicatePair.Order(candidate.Id, otherId);
            db.DuplicatePairs.Add(new DuplicatePair
            {
                TenantId = tenant, FirstId = first, SecondId = second, Score = assessment.Score,
                Reasons = [.. assessment.Reasons], DetectedAt = clock.GetUtcNow(),
            });
            found = true;
        }

        Store(db, tenant, candidate.Id, fingerprint);
        steps?.Lap(DetectionStep.Stage);
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
