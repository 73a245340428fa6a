namespace TalentMatch.Core.Documents.Duplicates;

/// <summary>
/// Duplicate detection over fingerprints held in memory, as the api's <c>DuplicateDetector</c> does it over
/// its tables: the same lookup keys, the same rule for contact details many hold, the same bound on
/// comparisons and the same scorer. <c>talentmatch dedupe</c> and the benchmark use it, so their answers
/// are the service's.
/// </summary>
public sealed class DuplicateIndex(double threshold = DuplicateScorer.Threshold)
{
    /// <summary>
    /// Earlier fingerprints scored per new one at most, those with the strongest evidence (<see cref="DuplicateFingerprint.Evidence"/>):
    /// a key shared by more (an agency's address on every resume, a common phrase's text band) stops here. Fifty, because
    /// the ranking puts one person's other versions (sharing contacts, or many text bands) first and nobody sends fifty
    /// versions of one resume, while at 100,000 candidates the slowest resumes shared a single text band with a hundred
    /// or more strangers, each a fingerprint to read (docs/benchmarks.md). It was 200, taken in no particular order.
    /// </summary>
    public const int MaxComparisons = 50;

    private readonly Dictionary<string, List<int>> _holders = new(StringComparer.Ordinal);
    private readonly List<DuplicateFingerprint> _fingerprints = [];

    /// <summary>A pair scored when <see cref="Add"/> compared a fingerprint with an earlier one (by position in the order added).</summary>
    public sealed record ScoredPair(int Earlier, int Later, DuplicateAssessment Assessment);

    /// <summary>Scores <paramref name="fingerprint"/> against the earlier ones that share a lookup key with it, then holds it.</summary>
    /// <returns>Every pair scored, suspected or not (<see cref="DuplicateAssessment.IsSuspected"/> at this index's threshold).</returns>
    public IReadOnlyList<ScoredPair> Add(DuplicateFingerprint fingerprint)
    {
        var position = _fingerprints.Count;
        var keys = fingerprint.LookupKeys().Distinct().ToList();
        var shared = keys.Where(k => DuplicateFingerprint.IsContactKey(k) && _holders.GetValueOrDefault(k)?.Count >= DuplicateScorer.SharedContactHolders)
            .ToHashSet(StringComparer.Ordinal);
        // Strongest evidence first (an e-mail or phone, then name with employer, then text bands), earlier first among equals.
        var evidence = new Dictionary<int, int>();
        foreach (var key in keys.Except(shared))
        {
            foreach (var holder in _holders.GetValueOrDefault(key) ?? [])
            {
                evidence[holder] = evidence.GetValueOrDefault(holder) + DuplicateFingerprint.Evidence(key);
            }
        }

        var scored = evidence.OrderByDescending(e => e.Value).ThenBy(e => e.Key).Take(MaxComparisons).Select(e => e.Key)
            .Select(other => new ScoredPair(other, position, DuplicateScorer.Assess(fingerprint, _fingerprints[other], shared, threshold)))
            .ToList();
        _fingerprints.Add(fingerprint);
        foreach (var key in keys)
        {
            (_holders.TryGetValue(key, out var holders) ? holders : _holders[key] = []).Add(position);
        }

        return scored;
    }
}
