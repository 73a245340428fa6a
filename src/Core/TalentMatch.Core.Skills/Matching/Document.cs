namespace TalentMatch.Core.Skills.Matching;

/// <summary>
/// One call's working state, passed from stage to stage: the folded text with its map back to the original, and the
/// alias and cue hits that <see cref="AliasScanner"/> found in it. Never shared between calls.
/// </summary>
internal sealed class Document(NormalizedText folded, string original)
{
    public NormalizedText Folded { get; } = folded;

    public string Original { get; } = original;

    public List<Hit> AliasHits { get; } = [];

    public List<Hit> CueHits { get; } = [];
}

/// <summary>One automaton match in the folded text: [<paramref name="Start"/>, <paramref name="End"/>) and its pattern id.</summary>
internal readonly record struct Hit(int Start, int End, int Pattern);

/// <summary>A folded-text span read as one skill (an index into <see cref="CompiledPatterns.Skills"/>).</summary>
internal readonly record struct Mention(int Start, int End, int Skill);
