namespace TalentMatch.Core.Skills.Linking;

/// <summary>
/// The names a phrase can be linked to: every extractable node's (skills, certifications, courses; not roles) canonical
/// names and aliases, split by script. A name that is only a skill in context (Go, R, Spark: <see cref="AmbiguityRules"/>)
/// or a blocked phrase is left out, and <see cref="IsRefused"/> refuses such a phrase outright, so linking never undoes
/// the context rules of exact matching.
/// </summary>
internal sealed class NodeNames
{
    private readonly HashSet<string> _refused = new(StringComparer.Ordinal);

    public NodeNames(SkillTaxonomy taxonomy)
    {
        foreach (var skill in taxonomy.Skills)
        {
            foreach (var form in (skill.Ambiguity?.Aliases ?? []).Concat(skill.Blocked))
            {
                _refused.Add(UnknownListItems.Key(form));
            }
        }

        foreach (var (skill, node) in taxonomy.Skills.Select((s, i) => (s, i)).Where(x => x.s.Kind != SkillKind.Role))
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var name in new[] { skill.Name, skill.ChineseName }.Concat(skill.Aliases))
            {
                var key = UnknownListItems.Key(name);
                if (key.Length < 2 || _refused.Contains(key) || !seen.Add(key))
                {
                    continue;
                }

                (key.Any(UnknownListItems.IsChinese) ? Chinese : English).Add((key, node));
            }
        }
    }

    /// <summary>Latin-script names (lower case) with the index of their node in <see cref="SkillTaxonomy.Skills"/>.</summary>
    public List<(string Name, int Node)> English { get; } = [];

    /// <summary>Names with Chinese characters (lower case) with their node's index.</summary>
    public List<(string Name, int Node)> Chinese { get; } = [];

    /// <summary>A phrase that exact matching reads only in context, or refuses: not linked either.</summary>
    public bool IsRefused(string key) => _refused.Contains(key);
}
