using static TalentMatch.Core.Skills.Matching.ListSyntax;

namespace TalentMatch.Core.Skills.Matching;

/// <summary>
/// Stage 4, aggregation: takes the resolved mentions of a <see cref="Document"/> and produces one
/// <see cref="SkillMatch"/> per skill in order of first mention, with its evidence spans (mapped back to the original
/// text, at most <see cref="SkillExtractor.MaxEvidencePerSkill"/>), the strongest requirement level (job ads only),
/// proficiency and years read from the sentence around each mention (<see cref="SentenceContext"/>).
/// </summary>
internal sealed class SkillAggregator(CompiledPatterns compiled)
{
    private readonly Skill[] _skills = compiled.Skills;
    private readonly Pattern[] _patterns = compiled.Patterns;
    private readonly bool[] _isProduct = compiled.IsProduct;

    public List<SkillMatch> Aggregate(Document doc, List<Mention> mentions, ExtractionMode mode)
    {
        if (mentions.Count == 0)
        {
            return [];
        }

        var context = new SentenceContext(doc, _patterns);
        var years = YearsPerMention(doc.Folded.Text, mentions, context);
        var groups = mode == ExtractionMode.JobDescription ? AlternativeGroups.Of(doc.Folded.Text, mentions) : null;
        var bySkill = new Dictionary<int, Accumulator>();
        var order = new List<int>();
        for (var index = 0; index < mentions.Count; index++)
        {
            var m = mentions[index];

            // A product named under "公司介绍" / "About us" / "福利" is what the employer makes, sells or offers (gold rule 4).
            if (mode == ExtractionMode.JobDescription && _isProduct[m.Skill] && context.InCompanySection(m.Start))
            {
                continue;
            }

            if (!bySkill.TryGetValue(m.Skill, out var acc))
            {
                acc = new Accumulator();
                bySkill[m.Skill] = acc;
                order.Add(m.Skill);
            }

            // A skill belongs to the first "any of" list it appears in.
            acc.AnyOf ??= groups?[index];
            if (acc.Evidence.Count >= SkillExtractor.MaxEvidencePerSkill)
            {
                continue;
            }

            var (start, end) = doc.Folded.ToOriginal(m.Start, m.End);
            acc.Evidence.Add(new EvidenceSpan(start, end, doc.Original[start..end]));
            if (mode == ExtractionMode.JobDescription)
            {
                var level = context.LevelOf(m.Start, m.End);
                acc.Level = acc.Level is { } l && l >= level ? l : level;
            }

            if (context.ProficiencyOf(m.Start) is { } p && (acc.Proficiency is null || p > acc.Proficiency))
            {
                acc.Proficiency = p;
            }

            if (years[index] is { } y && (acc.Years is null || y > acc.Years))
            {
                acc.Years = y;
            }
        }

        // A group left with one skill (its others joined an earlier list) asks for that skill alone.
        var sizes = order.Where(i => bySkill[i].AnyOf is not null).GroupBy(i => bySkill[i].AnyOf).ToDictionary(g => g.Key!.Value, g => g.Count());
        return order.Select(i =>
        {
            var skill = _skills[i];
            var acc = bySkill[i];
            return new SkillMatch(skill.Id, skill.Name, skill.Category, acc.Level, acc.Proficiency, acc.Years, acc.Evidence)
            {
                AnyOf = acc.AnyOf is { } g && sizes[g] >= 2 ? g : null,
            };
        }).ToList();
    }

    /// <summary>
    /// Years stated for a mention's clause, shared by every item of the same coordinated list: in "3+ years of PyTorch,
    /// TensorFlow" and "三年以上PyTorch，TensorFlow经验" both skills get 3. A list does not run across lines or sentences,
    /// and an item with its own figure keeps it.
    /// </summary>
    private static int?[] YearsPerMention(string t, List<Mention> mentions, SentenceContext context)
    {
        var years = new int?[mentions.Count];
        for (var i = 0; i < mentions.Count; i++)
        {
            years[i] = context.YearsOf(mentions[i].Start, mentions[i].End);
        }

        var groupStart = 0;
        for (var i = 1; i <= mentions.Count; i++)
        {
            if (i < mentions.Count && IsYearsListGap(t, mentions[i - 1].End, mentions[i].Start))
            {
                continue;
            }

            // mentions[groupStart..i) form one list: share the figure stated for it.
            int? shared = null;
            for (var k = groupStart; k < i; k++)
            {
                if (years[k] is { } y && (shared is null || y > shared))
                {
                    shared = y;
                }
            }

            for (var k = groupStart; k < i && shared is not null; k++)
            {
                years[k] ??= shared;
            }

            groupStart = i;
        }

        return years;
    }

    /// <summary>A list gap (<see cref="ListSyntax.IsListGap"/>) that stays within one line and sentence.</summary>
    private static bool IsYearsListGap(string t, int from, int to) =>
        to > from && t.AsSpan(from, to - from).IndexOfAny(SentenceBreaks) < 0 && IsListGap(t, from, to);

    private sealed class Accumulator
    {
        public List<EvidenceSpan> Evidence { get; } = [];

        public RequirementLevel? Level { get; set; }

        public Proficiency? Proficiency { get; set; }

        public int? Years { get; set; }

        public int? AnyOf { get; set; }
    }
}
