namespace TalentMatch.Core.Skills.Matching;

/// <summary>
/// Stage 1, compilation (once per taxonomy): takes a <see cref="SkillTaxonomy"/> and produces one <see cref="Pattern"/>
/// per distinct folded string (every alias with its spelling variants, blocked phrase and cue word, with all the roles
/// it plays), the <see cref="AhoCorasick"/> automaton over them, and each skill's disambiguation rules (context cues,
/// negative phrases, activity words). Immutable once built, so the stages that read it are safe to share between threads.
/// </summary>
internal sealed class CompiledPatterns
{
    public CompiledPatterns(SkillTaxonomy taxonomy)
    {
        Skills = taxonomy.Skills.Where(s => s.Kind != SkillKind.Role).ToArray();
        var builder = new PatternBuilder();
        ContextCues = new HashSet<int>[Skills.Length];
        Negatives = new string[Skills.Length][];
        NotAfter = new string[Skills.Length][];
        IsProduct = new bool[Skills.Length];
        var parents = Skills.SelectMany(s => s.Parents).ToHashSet(StringComparer.Ordinal);
        IsUmbrella = Skills.Select(s => s.Parents.Count == 0 && parents.Contains(s.Id)).ToArray();
        for (var i = 0; i < Skills.Length; i++)
        {
            var skill = Skills[i];
            NotAfter[i] = skill.NotAfter.Select(NormalizedText.FoldPattern).Where(w => w.Length > 0).ToArray();
            IsProduct[i] = IsProductNode(skill);
            foreach (var phrase in skill.Blocked)
            {
                if (NormalizedText.FoldPattern(phrase) is { Length: > 0 } folded)
                {
                    builder.Get(folded).Blocks = true;
                }
            }

            // A name that is also an ambiguous alias ("Go", "R", Chinese name "Spark") must not be matched unconditionally.
            var ambiguous = skill.Ambiguity?.Aliases.Select(NormalizedText.FoldPattern).ToHashSet() ?? [];
            var names = new[] { skill.Name, skill.ChineseName }.Where(n => !ambiguous.Contains(NormalizedText.FoldPattern(n)));
            foreach (var alias in skill.Aliases.Concat(names))
            {
                foreach (var variant in Variants(alias))
                {
                    builder.Get(variant).AddCandidate(new Candidate(i, null));
                }
            }

            var rules = skill.Ambiguity;
            ContextCues[i] = rules is null ? [] : rules.Context.Select(c => builder.MarkContext(NormalizedText.FoldPattern(c))).ToHashSet();
            Negatives[i] = rules is null ? [] : rules.Negative.Select(NormalizedText.FoldPattern).ToArray();
            if (rules is not null)
            {
                foreach (var group in rules.Aliases.GroupBy(NormalizedText.FoldPattern))
                {
                    builder.Get(group.Key).AddCandidate(new Candidate(i, group.Select(NormalizedText.FoldWidth).ToArray()));
                }
            }
        }

        foreach (var cue in Cues.Preferred)
        {
            builder.Get(NormalizedText.FoldPattern(cue)).Preferred = true;
        }

        foreach (var cue in Cues.Required)
        {
            builder.Get(NormalizedText.FoldPattern(cue)).Required = true;
        }

        foreach (var (cue, level) in Cues.ProficiencyCues)
        {
            builder.Get(NormalizedText.FoldPattern(cue)).Proficiency = level;
        }

        foreach (var (cue, section) in Cues.Headings)
        {
            builder.Get(NormalizedText.FoldPattern(cue)).Heading = section;
        }

        foreach (var cue in Cues.EmployerProducts)
        {
            builder.Get(NormalizedText.FoldPattern(cue)).EmployerProducts = true;
        }

        Patterns = builder.Build();
        PatternLookup = builder.Ids.GetAlternateLookup<ReadOnlySpan<char>>();
        Automaton = new AhoCorasick(Patterns.Select(p => p.Text).ToArray());
    }

    /// <summary>The taxonomy's skills without roles; the skill index of a <see cref="Candidate"/> or <see cref="Mention"/>.</summary>
    public Skill[] Skills { get; }

    /// <summary>Indexed by pattern id, the id the automaton reports.</summary>
    public Pattern[] Patterns { get; }

    public AhoCorasick Automaton { get; }

    /// <summary>Per skill: pattern ids of its context cues.</summary>
    public HashSet<int>[] ContextCues { get; }

    /// <summary>Per skill: folded negative phrases.</summary>
    public string[][] Negatives { get; }

    /// <summary>Per skill: folded words that make a bare alias an activity.</summary>
    public string[][] NotAfter { get; }

    /// <summary>Per skill: a product name (imported O*NET product, cloud).</summary>
    public bool[] IsProduct { get; }

    /// <summary>Per skill: a top-level node that others name as parent (databases, programming languages, cloud computing), the label of a list.</summary>
    public bool[] IsUmbrella { get; }

    /// <summary>Folded text → pattern id.</summary>
    public Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> PatternLookup { get; }

    /// <summary>
    /// Products: imported O*NET software and named clouds (a cloud node with a parent, "阿里云", not cloud computing itself),
    /// the nodes an employer sells, owns or partners on.
    /// </summary>
    private static bool IsProductNode(Skill skill) =>
        skill.Id.StartsWith("onet-", StringComparison.Ordinal) || (skill.Category == "cloud" && skill.Parents.Count > 0);

    /// <summary>The folded forms an alias is matched by: itself, without spaces or dots ("HuggingFace", "nodejs") and a plural.</summary>
    private static IEnumerable<string> Variants(string alias)
    {
        var folded = NormalizedText.FoldPattern(alias);
        if (folded.Length == 0)
        {
            yield break;
        }

        yield return folded;
        var isLatin = folded.All(c => c < 128);
        if (!isLatin)
        {
            yield break;
        }

        if (folded.Contains(' ', StringComparison.Ordinal) && folded.Length >= 4)
        {
            yield return folded.Replace(" ", "", StringComparison.Ordinal);
        }

        if (folded.Contains('.', StringComparison.Ordinal) && folded.Length >= 5)
        {
            yield return folded.Replace(".", "", StringComparison.Ordinal);
        }

        if (folded.Length >= 4 && char.IsLetter(folded[^1]) && folded[^1] != 's')
        {
            yield return folded + "s";
        }
    }

    private sealed class PatternBuilder
    {
        private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal);
        private readonly List<Pattern> _patterns = [];

        public Dictionary<string, int> Ids => _ids;

        public Pattern Get(string folded) => _patterns[Id(folded)];

        /// <summary>Registers a context cue; its pattern id is the cue id.</summary>
        public int MarkContext(string folded)
        {
            var id = Id(folded);
            _patterns[id].IsContext = true;
            return id;
        }

        private int Id(string folded)
        {
            if (!_ids.TryGetValue(folded, out var id))
            {
                id = _patterns.Count;
                _ids[folded] = id;
                _patterns.Add(new Pattern(folded));
            }

            return id;
        }

        public Pattern[] Build() => _patterns.Where(p => p.Text.Length > 0).Count() == _patterns.Count
            ? [.. _patterns]
            : throw new InvalidOperationException("Empty pattern.");
    }
}
