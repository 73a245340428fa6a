using System.Collections.Frozen;
using System.Text.Json;

namespace TalentMatch.Core.Skills;

/// <summary>
/// The AI/ML skill taxonomy: stable skill ids with English and Chinese names, aliases, categories and a
/// parent hierarchy. Immutable and thread-safe. The default taxonomy is embedded in this assembly
/// (<c>Taxonomy/*.json</c>, listed by <c>Taxonomy/manifest.json</c>).
/// </summary>
public sealed class SkillTaxonomy
{
    private const string ResourcePrefix = "TalentMatch.Core.Skills.Taxonomy.";
    private static readonly Lazy<SkillTaxonomy> Default = new(LoadEmbedded, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly FrozenDictionary<string, Skill> _byId;
    private readonly FrozenDictionary<string, string[]> _children;
    private readonly Lazy<FrozenDictionary<string, Skill>> _byName;

    private SkillTaxonomy(string version, IReadOnlyList<Skill> skills)
    {
        Version = version;
        Skills = skills;
        _byId = Index(skills);
        _children = skills
            .SelectMany(s => s.Parents.Select(p => (Parent: p, Child: s.Id)))
            .GroupBy(x => x.Parent, StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => g.Select(x => x.Child).ToArray(), StringComparer.Ordinal);
        Validate();
        _byName = new(() => NameIndex(skills));
    }

    /// <summary>Data version of the taxonomy (semantic version from <c>manifest.json</c>).</summary>
    public string Version { get; }

    /// <summary>Every node, in file order.</summary>
    public IReadOnlyList<Skill> Skills { get; }

    /// <summary>The embedded taxonomy, loaded once and shared.</summary>
    public static SkillTaxonomy LoadDefault() => Default.Value;

    /// <summary>
    /// Builds a taxonomy from JSON documents shaped like the embedded files (<c>{"source": "...", "skills": [...]}</c>).
    /// Meant for tests and tools; services use <see cref="LoadDefault"/>.
    /// </summary>
    /// <exception cref="InvalidDataException">Malformed JSON, duplicate ids, unknown references or parent cycles.</exception>
    public static SkillTaxonomy FromJson(string version, params IEnumerable<string> documents)
    {
        ArgumentNullException.ThrowIfNull(documents);
        var skills = new List<Skill>();
        foreach (var document in documents)
        {
            skills.AddRange(ParseDocument(document));
        }

        return new SkillTaxonomy(version, skills);
    }

    public bool TryGet(string id, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Skill? skill) =>
        _byId.TryGetValue(id, out skill);

    /// <summary>
    /// The skill a person names: by id, else by English or Chinese name, else by alias, ignoring case
    /// ("PyTorch", "分布式训练", "zero"). Where an alias names several skills the first in file order wins.
    /// </summary>
    public bool TryFind(string idOrName, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Skill? skill) =>
        _byId.TryGetValue(idOrName, out skill) || _byName.Value.TryGetValue(idOrName.Trim(), out skill);

    /// <summary>The canonical (English) name of a skill, or the id itself when the taxonomy has no such skill.</summary>
    public string NameOf(string id) => _byId.TryGetValue(id, out var skill) ? skill.Name : id;

    /// <exception cref="KeyNotFoundException">No skill has this id.</exception>
    public Skill Get(string id) =>
        _byId.TryGetValue(id, out var skill) ? skill : throw new KeyNotFoundException($"No skill with id '{id}'.");

    /// <summary>Every broader skill, nearest first (breadth-first over <see cref="Skill.Parents"/>); empty for unknown ids.</summary>
    public IReadOnlyList<Skill> AncestorsOf(string id) => Walk(id, s => s.Parents);

    /// <summary>Every narrower skill, nearest first; empty for unknown ids.</summary>
    public IReadOnlyList<Skill> DescendantsOf(string id) =>
        Walk(id, s => _children.TryGetValue(s.Id, out var c) ? c : []);

    /// <summary>
    /// Courses and certifications that teach or attest the skill or one of its ancestors, most specific first.
    /// This is what the gap analysis recommends to a candidate who lacks the skill.
    /// </summary>
    public IReadOnlyList<Skill> LearningResourcesFor(string id)
    {
        if (!_byId.ContainsKey(id))
        {
            return [];
        }

        var targets = new List<string> { id };
        targets.AddRange(AncestorsOf(id).Select(a => a.Id));
        return targets
            .SelectMany(t => Skills.Where(s => s.Kind is SkillKind.Course or SkillKind.Certification && s.Related.Contains(t)))
            .Distinct()
            .ToList();
    }

    private List<Skill> Walk(string id, Func<Skill, IEnumerable<string>> next)
    {
        var result = new List<Skill>();
        if (!_byId.TryGetValue(id, out var start))
        {
            return result;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal) { id };
        var queue = new Queue<Skill>();
        queue.Enqueue(start);
        while (queue.Count > 0)
        {
            foreach (var nextId in next(queue.Dequeue()))
            {
                if (seen.Add(nextId) && _byId.TryGetValue(nextId, out var skill))
                {
                    result.Add(skill);
                    queue.Enqueue(skill);
                }
            }
        }

        return result;
    }

    private static SkillTaxonomy LoadEmbedded()
    {
        var assembly = typeof(SkillTaxonomy).Assembly;
        string Read(string file)
        {
            using var stream = assembly.GetManifestResourceStream(ResourcePrefix + file)
                ?? throw new InvalidDataException($"Embedded taxonomy file '{file}' is missing.");
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd();
        }

        using var manifest = JsonDocument.Parse(Read("manifest.json"));
        var version = manifest.RootElement.GetProperty("version").GetString()
            ?? throw new InvalidDataException("manifest.json has no version.");
        var files = manifest.RootElement.GetProperty("files").EnumerateArray()
            .Select(f => f.GetString() ?? throw new InvalidDataException("manifest.json lists a null file."));
        return FromJson(version, files.Select(Read).ToList());
    }

    private static List<Skill> ParseDocument(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = true });
            var root = document.RootElement;
            var source = root.TryGetProperty("source", out var s) ? s.GetString() ?? "" : "";
            return root.GetProperty("skills").EnumerateArray().Select(e => ParseSkill(e, source)).ToList();
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new InvalidDataException($"Malformed taxonomy document: {e.Message}", e);
        }
    }

    private static Skill ParseSkill(JsonElement e, string source)
    {
        string Required(string name) => e.GetProperty(name).GetString() is { Length: > 0 } v
            ? v
            : throw new InvalidDataException($"A skill has an empty '{name}'.");
        string[] List(string name) => e.TryGetProperty(name, out var a)
            ? a.EnumerateArray().Select(x => x.GetString() ?? "").Where(x => x.Length > 0).ToArray()
            : [];
        string? Optional(string name) => e.TryGetProperty(name, out var v) ? v.GetString() : null;

        var id = Required("id");
        var kind = Optional("kind") switch
        {
            null or "skill" => SkillKind.Skill,
            "certification" => SkillKind.Certification,
            "course" => SkillKind.Course,
            "role" => SkillKind.Role,
            var other => throw new InvalidDataException($"Skill '{id}' has unknown kind '{other}'."),
        };
        var ambiguous = List("ambiguous");
        var rules = ambiguous.Length == 0
            ? null
            : new AmbiguityRules(ambiguous, List("context"), List("negative"),
                !e.TryGetProperty("listAdjacency", out var adj) || adj.GetBoolean());
        return new Skill(id, Required("name"), Optional("zh") ?? Required("name"), Required("category"), kind,
            List("aliases"), List("parents"), List("related"), rules, Optional("url"), source)
        {
            Blocked = List("blocked"),
            NotAfter = List("notAfter"),
        };
    }

    private static FrozenDictionary<string, Skill> NameIndex(IReadOnlyList<Skill> skills)
    {
        var byName = new Dictionary<string, Skill>(StringComparer.OrdinalIgnoreCase);
        // Ids and names before aliases, so that an alias never hides a skill's own name.
        foreach (var (skill, name) in skills.SelectMany(s => new[] { (s, s.Id), (s, s.Name), (s, s.ChineseName) })
            .Concat(skills.SelectMany(s => s.Aliases.Select(a => (s, a)))))
        {
            if (!string.IsNullOrWhiteSpace(name))
            {
                byName.TryAdd(name.Trim(), skill);
            }
        }

        return byName.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
    }

    private static FrozenDictionary<string, Skill> Index(IReadOnlyList<Skill> skills)
    {
        var byId = new Dictionary<string, Skill>(StringComparer.Ordinal);
        foreach (var skill in skills)
        {
            if (!byId.TryAdd(skill.Id, skill))
            {
                throw new InvalidDataException($"Duplicate skill id '{skill.Id}'.");
            }
        }

        return byId.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private void Validate()
    {
        foreach (var skill in Skills)
        {
            foreach (var reference in skill.Parents.Concat(skill.Related))
            {
                if (!_byId.ContainsKey(reference))
                {
                    throw new InvalidDataException($"Skill '{skill.Id}' refers to unknown skill '{reference}'.");
                }
            }

            // A parent cycle would make AncestorsOf meaningless for every node on it.
            var pending = new Stack<string>(skill.Parents);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            while (pending.TryPop(out var parent))
            {
                if (parent == skill.Id)
                {
                    throw new InvalidDataException($"Skill '{skill.Id}' is its own ancestor.");
                }

                if (seen.Add(parent))
                {
                    foreach (var grandParent in _byId[parent].Parents)
                    {
                        pending.Push(grandParent);
                    }
                }
            }
        }
    }
}
