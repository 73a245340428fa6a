using System.Collections.Concurrent;
using System.Collections.Frozen;
using TalentMatch.Core.Skills;

namespace TalentMatch.Core.Matching;

/// <summary>How a candidate's skill relates to the skill a job asks for.</summary>
public enum MatchRelation
{
    /// <summary>The same skill.</summary>
    Exact,
    /// <summary>The candidate's skill is narrower (ZeRO for data parallelism): it satisfies the requirement.</summary>
    Descendant,
    /// <summary>Named as related in the taxonomy (DeepSpeed for ZeRO).</summary>
    Related,
    /// <summary>The candidate's skill is broader (deep-learning frameworks for PyTorch).</summary>
    Ancestor,
    /// <summary>Shares a direct parent in a small group (TensorFlow for PyTorch).</summary>
    Sibling,
}

/// <summary>
/// Credit a candidate's skill earns against a requirement, by relation. Values and reasoning: ADR 0004.
/// </summary>
public sealed record PartialCredit
{
    public static readonly PartialCredit Default = new();

    /// <summary>A narrower skill satisfies the broader requirement in full: knowing ZeRO is knowing data parallelism.</summary>
    public double Descendant { get; init; } = 1.0;

    /// <summary>The requirement's direct parent: the candidate knows the area, not necessarily this tool.</summary>
    public double Parent { get; init; } = 0.5;

    /// <summary>The requirement's grandparent; anything broader earns nothing (every ML skill descends from "machine learning").</summary>
    public double Grandparent { get; init; } = 0.25;

    /// <summary>A skill the taxonomy names as related, in either direction.</summary>
    public double Related { get; init; } = 0.4;

    /// <summary>A skill under the same direct parent, when that parent is a small group.</summary>
    public double Sibling { get; init; } = 0.35;

    /// <summary>
    /// Parents with more children than this give no ancestor or sibling credit: the O*NET import files hundreds of
    /// products under "software engineering" or "data analysis", and "programming languages" holds 60; knowing the
    /// group, or one member, says nothing about another member.
    /// </summary>
    public int MaxGroupSize { get; init; } = 20;
}

/// <summary>One way a candidate skill can satisfy a requirement: its credit, relation and the taxonomy path.</summary>
/// <param name="Path">Skill ids from the candidate's skill to the required skill, both included.</param>
public sealed record Satisfier(string SkillId, double Credit, MatchRelation Relation, IReadOnlyList<string> Path);

/// <summary>
/// Precomputed taxonomy relations for matching: for each required skill, every skill that satisfies it in full or
/// in part, with credit and path. Computed once per skill and cached (thread-safe), so ranking many candidates
/// costs one dictionary look-up per (requirement, candidate skill).
/// </summary>
public sealed class SkillRelations
{
    private readonly SkillTaxonomy _taxonomy;
    private readonly PartialCredit _credit;
    private readonly FrozenDictionary<string, string[]> _children;
    private readonly FrozenDictionary<string, string[]> _relatedBack;
    private readonly ConcurrentDictionary<string, FrozenDictionary<string, Satisfier>> _cache = new(StringComparer.Ordinal);

    public SkillRelations(SkillTaxonomy taxonomy, PartialCredit? credit = null)
    {
        ArgumentNullException.ThrowIfNull(taxonomy);
        _taxonomy = taxonomy;
        _credit = credit ?? PartialCredit.Default;
        _children = taxonomy.Skills
            .SelectMany(s => s.Parents.Select(p => (Parent: p, Child: s.Id)))
            .GroupBy(x => x.Parent, StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => g.Select(x => x.Child).ToArray(), StringComparer.Ordinal);
        _relatedBack = taxonomy.Skills
            .SelectMany(s => s.Related.Select(r => (Target: r, From: s.Id)))
            .GroupBy(x => x.Target, StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => g.Select(x => x.From).ToArray(), StringComparer.Ordinal);
    }

    public SkillTaxonomy Taxonomy => _taxonomy;

    public PartialCredit Credit => _credit;

    /// <summary>Every skill that satisfies <paramref name="requiredId"/> in full or in part, keyed by skill id.</summary>
    public FrozenDictionary<string, Satisfier> SatisfiersOf(string requiredId) =>
        _cache.GetOrAdd(requiredId, Compute);

    /// <summary>The credit a candidate's skill earns against a required skill, or null when it earns none.</summary>
    public Satisfier? Relate(string requiredId, string candidateSkillId) =>
        SatisfiersOf(requiredId).TryGetValue(candidateSkillId, out var s) ? s : null;

    private FrozenDictionary<string, Satisfier> Compute(string requiredId)
    {
        var result = new Dictionary<string, Satisfier>(StringComparer.Ordinal);
        void Offer(string id, double credit, MatchRelation relation, IReadOnlyList<string> path)
        {
            if (credit <= 0)
            {
                return;
            }

            // Best credit wins; on a tie the more direct relation (lower enum value) explains it better.
            if (!result.TryGetValue(id, out var existing) || credit > existing.Credit ||
                (credit == existing.Credit && relation < existing.Relation))
            {
                result[id] = new Satisfier(id, credit, relation, path);
            }
        }

        Offer(requiredId, 1.0, MatchRelation.Exact, [requiredId]);
        if (!_taxonomy.TryGet(requiredId, out var required))
        {
            return result.ToFrozenDictionary(StringComparer.Ordinal);
        }

        // Descendants, breadth-first, remembering how each was reached for the path.
        var cameFrom = new Dictionary<string, string>(StringComparer.Ordinal);
        var queue = new Queue<string>();
        queue.Enqueue(requiredId);
        while (queue.TryDequeue(out var current))
        {
            if (!_children.TryGetValue(current, out var children))
            {
                continue;
            }

            foreach (var child in children)
            {
                if (child != requiredId && cameFrom.TryAdd(child, current))
                {
                    queue.Enqueue(child);
                    Offer(child, _credit.Descendant, MatchRelation.Descendant, PathUp(child, requiredId, cameFrom));
                }
            }
        }

        foreach (var parent in required.Parents)
        {
            // A broad grouping ("programming languages", "databases") says nothing about which member the
            // candidate knows: neither it nor its other members earn credit (MaxGroupSize).
            if (!IsSmallGroup(parent))
            {
                continue;
            }

            Offer(parent, _credit.Parent, MatchRelation.Ancestor, [parent, requiredId]);
            if (_taxonomy.TryGet(parent, out var parentSkill))
            {
                foreach (var grandParent in parentSkill.Parents.Where(IsSmallGroup))
                {
                    Offer(grandParent, _credit.Grandparent, MatchRelation.Ancestor, [grandParent, parent, requiredId]);
                }
            }

            foreach (var sibling in _children[parent])
            {
                Offer(sibling, _credit.Sibling, MatchRelation.Sibling, [sibling, parent, requiredId]);
            }
        }

        foreach (var related in required.Related)
        {
            Offer(related, _credit.Related, MatchRelation.Related, [related, requiredId]);
        }

        if (_relatedBack.TryGetValue(requiredId, out var relatedBack))
        {
            foreach (var related in relatedBack)
            {
                Offer(related, _credit.Related, MatchRelation.Related, [related, requiredId]);
            }
        }

        return result.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private bool IsSmallGroup(string id) =>
        _children.TryGetValue(id, out var children) && children.Length <= _credit.MaxGroupSize;

    private static string[] PathUp(string from, string to, Dictionary<string, string> cameFrom)
    {
        var path = new List<string> { from };
        var current = from;
        while (current != to)
        {
            current = cameFrom[current];
            path.Add(current);
        }

        return [.. path];
    }
}
