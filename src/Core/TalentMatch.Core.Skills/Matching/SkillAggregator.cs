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
    private readonly bool[] _isUmbrella = compiled.IsUmbrella;

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

            // Under "公司介绍" / "About us" / "福利" the employer describes itself, its products and what it offers: nothing
            // there is asked of the candidate (gold rule 9, docs/resume-gold-set.md).
            if (mode == ExtractionMode.JobDescription && context.InCompanySection(m.Start))
            {
                continue;
            }

            // "Databases: MySQL, Oracle", "Programming Languages :C/C++": the broader node labels the list that follows.
            if (_isUmbrella[m.Skill] && index + 1 < mentions.Count && IsListLabel(doc.Folded.Text, m, mentions[index + 1], mode))
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

    /// <summary>
    /// Whether the text between a mention and the next one makes the first a list label: only a colon (and spaces), or in
    /// a resume's skills table only spaces before one of its own children ("Databases MySQL, Oracle"; not "Python
    /// Databases"). "SQL databases such as MySQL" is no label.
    /// </summary>
    private bool IsListLabel(string t, Mention label, Mention next, ExtractionMode mode)
    {
        if (next.Start < label.End || next.Start - label.End > MaxLabelGap)
        {
            return false;
        }

        var gap = t.AsSpan(label.End, next.Start - label.End).Trim(" \t");
        return gap is ":" or "："
            || (gap.IsEmpty && next.Start > label.End && mode == ExtractionMode.Resume && _skills[next.Skill].Parents.Contains(_skills[label.Skill].Id));
    }

    private const int MaxLabelGap = 4;

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
