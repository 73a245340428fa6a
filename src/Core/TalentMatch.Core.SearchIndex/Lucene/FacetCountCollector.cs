using Lucene.Net.Index;
using Lucene.Net.Search;

namespace TalentMatch.Core.SearchIndex.Lucene;

/// <summary>Facet counts (Lucene.Net.Facet is not available): counts the facets in <paramref name="which"/> over the
/// documents it collects, reading each segment's values from <paramref name="ordinals"/> (arrays, one numbering for
/// all segments, so counting is array increments and only the top values are turned into strings);
/// <see cref="Result"/> gives the top values of each.</summary>
internal sealed class FacetCountCollector(SearchFacets which, FacetOrdinals ordinals) : ICollector
{
    private readonly Facet _skills = new("skills", which.HasFlag(SearchFacets.Skills) ? ordinals.Skills : null);
    private readonly Facet _seniority = new("seniority", which.HasFlag(SearchFacets.Seniority) ? ordinals.Seniority : null);
    private readonly Facet _location = new("location", which.HasFlag(SearchFacets.Location) ? ordinals.Location : null);

    public bool AcceptsDocsOutOfOrder => true;

    public void SetScorer(Scorer scorer)
    {
    }

    public void SetNextReader(AtomicReaderContext context)
    {
        var segment = ordinals.Of(context.AtomicReader);
        _skills.Segment(segment.Skills);
        _seniority.Segment(segment.Seniority);
        _location.Segment(segment.Location);
    }

    public void Collect(int doc)
    {
        _skills.Count(doc);
        _seniority.Count(doc);
        _location.Count(doc);
    }

    /// <summary>The <paramref name="size"/> most frequent values of each facet asked for, most frequent first (ties by value).</summary>
    public Dictionary<string, IReadOnlyList<FacetValue>> Result(int size)
    {
        var result = new Dictionary<string, IReadOnlyList<FacetValue>>(StringComparer.Ordinal);
        foreach (var facet in new[] { _skills, _seniority, _location })
        {
            if (facet.Numbers is not null)
            {
                result[facet.Name] = facet.Top(size);
            }
        }

        return result;
    }

    /// <summary>One facet's counts by value number; null <see cref="Numbers"/>: not asked for.</summary>
    private sealed class Facet(string name, FacetOrdinals.ValueNumbers? numbers)
    {
        private int[] _counts = [];
        private FacetOrdinals.Column? _column;

        public string Name { get; } = name;

        public FacetOrdinals.ValueNumbers? Numbers { get; } = numbers;

        public void Segment(FacetOrdinals.Column? column)
        {
            _column = Numbers is null ? null : column;
            if (_column is not null && _counts.Length < Numbers!.Count)
            {
                // Every value of this segment is numbered by now (loading the segment numbered them).
                Array.Resize(ref _counts, Numbers.Count);
            }
        }

        public void Count(int doc)
        {
            if (_column is null)
            {
                return;
            }

            var values = _column.Values;
            for (int i = _column.Starts[doc], end = _column.Starts[doc + 1]; i < end; i++)
            {
                _counts[values[i]]++;
            }
        }

        public List<FacetValue> Top(int size)
        {
            var counted = new List<FacetValue>();
            for (var number = 0; number < _counts.Length; number++)
            {
                if (_counts[number] > 0)
                {
                    counted.Add(new FacetValue(Numbers!.ValueOf(number), _counts[number]));
                }
            }

            return [.. counted.OrderByDescending(c => c.Count).ThenBy(c => c.Value, StringComparer.Ordinal).Take(size)];
        }
    }
}
