using TalentMatch.Contracts;

namespace TalentMatch.Modules.Api.Duplicates;

/// <summary>A skill as found in one version of a merged candidate: that version's own evidence.</summary>
public sealed record SkillInVersion(Guid VersionId, string? Proficiency, int? Years, IReadOnlyList<TextSpan> Evidence);

/// <summary>A skill of a merged candidate: found in one or more of its versions.</summary>
public sealed record MergedSkill(string Id, string Name, IReadOnlyList<SkillInVersion> FoundIn);

/// <summary>A candidate named in a merge request, as the plan needs it.</summary>
public sealed record MergeCandidate(Guid Id, DateTimeOffset SubmittedAt);

/// <summary>
/// The decisions of a merge that need no database: which candidate is kept, how a request is
/// bounded, and what the merged candidate's skills are. Unit-tested on their own.
/// </summary>
public static class MergePlan
{
    /// <summary>Candidates merged into one at most per request, besides the one the request is made on.</summary>
    public const int MaxDuplicates = 20;

    public const string Newest = "newest";

    /// <summary>Why the request is refused (null: it is well-formed), in the words of the <c>invalid-field</c> problem.</summary>
    public static string? Refusal(Guid id, IReadOnlyList<Guid>? duplicates, string? keep)
    {
        if (duplicates is null || duplicates.Count == 0)
        {
            return "'duplicates' is required: the ids of the candidates that are the same person as this one.";
        }

        if (duplicates.Count > MaxDuplicates)
        {
            return $"'duplicates' names {duplicates.Count} candidates; at most {MaxDuplicates} are merged at once.";
        }

        if (duplicates.Contains(Guid.Empty) || duplicates.Contains(id) || duplicates.Distinct().Count() != duplicates.Count)
        {
            return "'duplicates' must name other candidates than this one, each once.";
        }

        if (keep is not null && keep != Newest && !(Guid.TryParse(keep, out var kept) && (kept == id || duplicates.Contains(kept))))
        {
            return $"'keep' is '{Newest}' (the default) or the id of one of the merged candidates.";
        }

        return null;
    }

    /// <summary>
    /// The candidate that stays: the one <paramref name="keep"/> names, else the newest submission
    /// (ids are time-ordered, so they break a tie the same way every time).
    /// </summary>
    public static Guid Kept(IReadOnlyList<MergeCandidate> named, string? keep) =>
        keep is not null && keep != Newest && Guid.TryParse(keep, out var id)
            ? named.Single(c => c.Id == id).Id
            : named.OrderByDescending(c => c.SubmittedAt).ThenByDescending(c => c.Id).First().Id;

    /// <summary>The union of the versions' skills, in first-seen order, each with the evidence of every version it was found in.</summary>
    public static IReadOnlyList<MergedSkill> SkillUnion(IEnumerable<(Guid VersionId, IReadOnlyList<ExtractedSkill> Skills)> versions)
    {
        var union = new Dictionary<string, (string Name, List<SkillInVersion> FoundIn)>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var (versionId, skills) in versions)
        {
            foreach (var skill in skills)
            {
                if (!union.TryGetValue(skill.Id, out var entry))
                {
                    entry = (skill.Name, []);
                    union[skill.Id] = entry;
                    order.Add(skill.Id);
                }

                if (entry.FoundIn.All(f => f.VersionId != versionId))
                {
                    entry.FoundIn.Add(new SkillInVersion(versionId, skill.Proficiency, skill.Years, skill.Evidence ?? []));
                }
            }
        }

        return [.. order.Select(id => new MergedSkill(id, union[id].Name, union[id].FoundIn))];
    }
}
