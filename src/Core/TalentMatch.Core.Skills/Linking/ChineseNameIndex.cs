namespace TalentMatch.Core.Skills.Linking;

/// <summary>
/// Chinese phrases against the taxonomy's Chinese names and aliases by character-bigram overlap (Dice coefficient).
/// The product's sentence model (all-MiniLM-L6-v2) was trained on English and cannot read Chinese, so Chinese phrases
/// are compared by their characters: "机器视觉算法" shares most bigrams with "机器视觉". Cheap enough to scan every name
/// per phrase (about 1,000 names of a few characters).
/// </summary>
internal sealed class ChineseNameIndex(List<(string Name, int Node)> names)
{
    private readonly (HashSet<int> Bigrams, int Node)[] _entries = [.. names.Select(n => (Bigrams(n.Name), n.Node))];

    /// <summary>The node whose Chinese name shares the most bigrams with <paramref name="key"/>, and that share (0–1).</summary>
    public (int Node, double Score) Nearest(string key)
    {
        var phrase = Bigrams(key);
        var (best, bestScore) = (-1, 0.0);
        if (phrase.Count == 0)
        {
            return (best, bestScore);
        }

        foreach (var (bigrams, node) in _entries)
        {
            var shared = 0;
            foreach (var b in phrase)
            {
                shared += bigrams.Contains(b) ? 1 : 0;
            }

            var score = 2.0 * shared / (phrase.Count + bigrams.Count);
            if (score > bestScore)
            {
                (best, bestScore) = (node, score);
            }
        }

        return (best, bestScore);
    }

    /// <summary>Pairs of adjacent characters, spaces dropped, each packed into one int.</summary>
    private static HashSet<int> Bigrams(string text)
    {
        var compact = text.Replace(" ", string.Empty, StringComparison.Ordinal);
        var set = new HashSet<int>();
        for (var i = 0; i + 1 < compact.Length; i++)
        {
            set.Add((compact[i] << 16) | compact[i + 1]);
        }

        return set;
    }
}
