namespace TalentMatch.Core.Skills.Matching;

/// <summary>
/// Aho–Corasick automaton over folded text: finds every occurrence of every pattern in one left-to-right pass,
/// so the cost is linear in the text length whatever the taxonomy size. Immutable after construction, thus
/// safe to share between threads.
/// </summary>
internal sealed class AhoCorasick
{
    // Root transitions are a dense table because most characters of real text restart at the root.
    private readonly int[] _rootNext = new int[char.MaxValue + 1];
    // All other transitions live in one hash table keyed by (node, char): far smaller than a dictionary per node.
    private readonly Dictionary<long, int> _next = [];
    private readonly List<List<(char Char, int Child)>> _children = [];
    private readonly List<int> _fail = [];
    private readonly List<int> _pattern = [];   // pattern id ending at this node, or -1
    private readonly List<int> _output = [];    // nearest node on the fail chain that ends a pattern, or -1
    private readonly List<int> _patternLength = [];

    public AhoCorasick(IReadOnlyList<string> patterns)
    {
        AddNode();
        for (var id = 0; id < patterns.Count; id++)
        {
            var node = 0;
            foreach (var c in patterns[id])
            {
                if (!_next.TryGetValue(Key(node, c), out var child))
                {
                    child = AddNode();
                    _next[Key(node, c)] = child;
                    _children[node].Add((c, child));
                }

                node = child;
            }

            _pattern[node] = id;
            _patternLength.Add(patterns[id].Length);
        }

        BuildFailureLinks();
        _children.Clear(); // only needed while building
    }

    /// <summary>Calls <paramref name="onMatch"/> with (start, length, patternId) for every occurrence.</summary>
    public void FindAll(string text, Action<int, int, int> onMatch)
    {
        var node = 0;
        for (var i = 0; i < text.Length; i++)
        {
            node = Step(node, text[i]);
            for (var hit = _pattern[node] >= 0 ? node : _output[node]; hit > 0; hit = _output[hit])
            {
                var length = _patternLength[_pattern[hit]];
                onMatch(i - length + 1, length, _pattern[hit]);
            }
        }
    }

    private int Step(int node, char c)
    {
        while (true)
        {
            if (node == 0)
            {
                return _rootNext[c];
            }

            if (_next.TryGetValue(Key(node, c), out var child))
            {
                return child;
            }

            node = _fail[node];
        }
    }

    private static long Key(int node, char c) => ((long)node << 16) | c;

    private int AddNode()
    {
        _children.Add([]);
        _fail.Add(0);
        _pattern.Add(-1);
        _output.Add(-1);
        return _children.Count - 1;
    }

    private void BuildFailureLinks()
    {
        var queue = new Queue<int>();
        foreach (var (c, child) in _children[0])
        {
            _rootNext[c] = child;
            queue.Enqueue(child);
        }

        while (queue.Count > 0)
        {
            var node = queue.Dequeue();
            foreach (var (c, child) in _children[node])
            {
                var fallback = _fail[node];
                while (fallback != 0 && !_next.ContainsKey(Key(fallback, c)))
                {
                    fallback = _fail[fallback];
                }

                var target = _next.TryGetValue(Key(fallback, c), out var t) && t != child ? t : 0;
                _fail[child] = target;
                _output[child] = _pattern[target] >= 0 ? target : _output[target];
                queue.Enqueue(child);
            }
        }
    }
}
