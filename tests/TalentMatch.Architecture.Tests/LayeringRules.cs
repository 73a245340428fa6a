namespace TalentMatch.Architecture.Tests;

/// <summary>
/// Arrows point down only: hosts → modules → platform → core → contracts. A module never
/// references another module (what two modules share moves down a layer); nothing in
/// <c>src/</c> references benchmarks or tests. See docs/architecture.md.
/// </summary>
public static class LayeringRules
{
    public static readonly IReadOnlyDictionary<string, string[]> AllowedReferences = new Dictionary<string, string[]>
    {
        ["Contracts"] = [],
        ["Core"] = ["Core", "Contracts"],
        ["Platform"] = ["Platform", "Core", "Contracts"],
        ["Modules"] = ["Platform", "Core", "Contracts"],
        ["Hosts"] = ["Modules", "Platform", "Core", "Contracts"],
    };

    /// <summary>Every broken rule, as a sentence that names the projects.</summary>
    public static IEnumerable<string> Violations(IEnumerable<ProjectNode> projects)
    {
        foreach (var project in projects)
        {
            if (!AllowedReferences.TryGetValue(project.Layer, out var allowed))
            {
                yield return $"{project.Name} is in '{project.Layer}', not in a layer folder ({string.Join(", ", AllowedReferences.Keys)}).";
                continue;
            }

            foreach (var reference in project.References.Where(r => !allowed.Contains(r.Layer)))
            {
                yield return $"{project.Name} ({project.Layer}) references {reference.Name} ({reference.Layer}); {project.Layer} may reference only {Describe(allowed)}.";
            }
        }
    }

    private static string Describe(string[] layers) => layers.Length == 0 ? "nothing" : string.Join(", ", layers);
}
