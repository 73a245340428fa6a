namespace TalentMatch.Core.Skills;

/// <summary>What kind of document is being read; job descriptions also get a requirement level per skill.</summary>
public enum ExtractionMode
{
    Resume,
    JobDescription,
}

/// <summary>How strongly a job description asks for a skill. Ordered: a higher value wins when a skill is mentioned twice.</summary>
public enum RequirementLevel
{
    Mentioned = 0,
    Preferred = 1,
    Required = 2,
}

/// <summary>Proficiency cue written next to the skill (了解 / 熟悉 / 熟练 / 精通, basic … expert). Ordered.</summary>
public enum Proficiency
{
    Basic = 0,
    Familiar = 1,
    Proficient = 2,
    Expert = 3,
}

/// <summary>Where a skill was found: <c>[Start, End)</c> are UTF-16 offsets into the original input string.</summary>
public sealed record EvidenceSpan(int Start, int End, string Text);

/// <summary>One canonical skill found in a document, with every place it was mentioned.</summary>
/// <param name="Level">Requirement level; null in <see cref="ExtractionMode.Resume"/> mode.</param>
/// <param name="Proficiency">Strongest proficiency cue attached to any mention, or null.</param>
/// <param name="Years">Largest number of years stated for the skill ("3+ years of PyTorch", "三年以上"), or null.</param>
public sealed record SkillMatch(
    string Id,
    string Name,
    string Category,
    RequirementLevel? Level,
    Proficiency? Proficiency,
    int? Years,
    IReadOnlyList<EvidenceSpan> Evidence)
{
    /// <summary>
    /// Job ads: the number (1, 2, …) of the "any of" requirement group the skill is in ("PyTorch or TensorFlow",
    /// "熟悉TensorFlow/PyTorch等框架之一"): one member of a group satisfies it. Null when the skill is asked for alone.
    /// </summary>
    public int? AnyOf { get; init; }

    /// <summary>
    /// Null when an alias of the skill is written in the text (an exact match). Set when no alias matched and
    /// <see cref="SemanticLinker"/> linked an unknown phrase of a skill list to this node: how close the phrase came to
    /// the node's names (cosine of sentence embeddings for English phrases, character-bigram overlap with the Chinese
    /// names for Chinese ones), at or above the calibrated threshold. An exact match of a node always wins over a link.
    /// </summary>
    public double? LinkConfidence { get; init; }
}

/// <summary>The result of <see cref="SkillExtractor.Extract"/>.</summary>
/// <param name="Language"><c>en</c>, <c>zh</c>, <c>mixed</c>, or <c>und</c> when the text has no letters.</param>
/// <param name="Skills">One entry per canonical skill, in order of first mention; linked skills (<see cref="SkillMatch.LinkConfidence"/>) after the exact ones.</param>
public sealed record ExtractionResult(string Language, IReadOnlyList<SkillMatch> Skills);
