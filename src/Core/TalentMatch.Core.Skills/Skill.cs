namespace TalentMatch.Core.Skills;

/// <summary>What a taxonomy node stands for. Only <see cref="Skill"/>, <see cref="Certification"/> and
/// <see cref="Course"/> nodes are extracted from text; roles are kept for title normalisation and gap analysis.</summary>
public enum SkillKind
{
    Skill,
    Certification,
    Course,
    Role,
}

/// <summary>
/// Rules for aliases that are only a skill in the right context (Go, R, C, Spark, Triton, transformers).
/// </summary>
/// <param name="Aliases">Surface forms matched only with this exact casing (after full-width folding).</param>
/// <param name="Context">Cue words; one of them must occur near the mention. Empty: the exact casing alone suffices.</param>
/// <param name="Negative">Phrases that contain the alias and mean something else (<c>R&amp;D</c>, <c>Spark Capital</c>).</param>
/// <param name="ListAdjacency">Whether being listed next to another recognised skill (<c>Python, R, SQL</c>) also confirms it.</param>
public sealed record AmbiguityRules(
    IReadOnlyList<string> Aliases,
    IReadOnlyList<string> Context,
    IReadOnlyList<string> Negative,
    bool ListAdjacency);

/// <summary>One node of the taxonomy. Ids are stable: never renamed or reused (see docs/taxonomy.md).</summary>
/// <param name="Id">Stable identifier, lower-case kebab (<c>zero-optimizer</c>); imported nodes carry a source prefix (<c>onet-…</c>).</param>
/// <param name="Name">Canonical English name.</param>
/// <param name="ChineseName">Canonical Chinese name (may equal the English one for product names).</param>
/// <param name="Category">Coarse grouping such as <c>distributed-training</c> or <c>programming-language</c>.</param>
/// <param name="Aliases">Unambiguous surface forms in any language, matched case-insensitively.</param>
/// <param name="Parents">Broader skills (ZeRO → data parallelism → distributed training).</param>
/// <param name="Related">Associated skills; for courses and certifications, the skills they teach or attest.</param>
/// <param name="Url">Link for learning resources, otherwise null.</param>
/// <param name="Source">Which data file the node came from (hand-curated or an import).</param>
public sealed record Skill(
    string Id,
    string Name,
    string ChineseName,
    string Category,
    SkillKind Kind,
    IReadOnlyList<string> Aliases,
    IReadOnlyList<string> Parents,
    IReadOnlyList<string> Related,
    AmbiguityRules? Ambiguity,
    string? Url,
    string Source)
{
    /// <summary>
    /// Longer phrases that contain one of the aliases and mean something else ("预训练模型", a pre-trained model, is
    /// not the pre-training skill; "跨团队合作" is an activity, not teamwork). Matched like aliases; as the longest match
    /// the phrase takes its span, so no alias inside it is read as a skill.
    /// </summary>
    public IReadOnlyList<string> Blocked { get; init; } = [];

    /// <summary>
    /// Words that make a bare alias an activity when they precede it in the same clause, one to
    /// <see cref="SkillExtractor.MaxNotAfterGap"/> characters earlier: "与产品团队合作" (working with the product team) is not
    /// the soft skill teamwork. A word right before the alias ("沟通与团队合作") is a list conjunction and does not count.
    /// </summary>
    public IReadOnlyList<string> NotAfter { get; init; } = [];
}
