using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace TalentMatch.Core.SearchIndex.Lucene;

/// <summary>Facet counts from doc values (Lucene.Net.Facet is not available): ordinals are counted per
/// segment and turned into strings once per segment. Counts the facets in <paramref name="which"/> over the
/// documents it collects; <see cref="Result"/> gives the top values of each.</summary>
internal sealed class FacetCountCollector(SearchFacets which) : ICollector
{
    private readonly Dictionary<string, Dictionary<string, long>> _totals = new(StringComparer.Ordinal);
    private SortedSetDocValues? _skills;
    private SortedDocValues? _seniority;
    private SortedDocValues? _location;
    private int[]? _skillCounts;
    private int[]? _seniorityCounts;
    private int[]? _locationCounts;

    public bool AcceptsDocsOutOfOrder => true;

    public void SetScorer(Scorer scorer)
    {
    }

    public void SetNextReader(AtomicReaderContext context)
    {
        Flush();
        var reader = context.AtomicReader;
        if (which.HasFlag(SearchFacets.Skills))
        {
            _skills = reader.GetSortedSetDocValues(LuceneFields.SkillFacet);
            _skillCounts = _skills is null ? null : new int[_skills.ValueCount];
        }

        if (which.HasFlag(SearchFacets.Seniority))
        {
            _seniority = reader.GetSortedDocValues(LuceneFields.SeniorityFacet);
            _seniorityCounts = _seniority is null ? null : new int[_seniority.ValueCount];
        }

        if (which.HasFlag(SearchFacets.Location))
        {
            _location = reader.GetSortedDocValues(LuceneFields.LocationFacet);
            _locationCounts = _location is null ? null : new int[_location.ValueCount];
        }
    }

    public void Collect(int doc)
    {
        if (_skills is not null)
        {
            _skills.SetDocument(doc);
            for (var ord = _skills.NextOrd(); ord != SortedSetDocValues.NO_MORE_ORDS; ord = _skills.NextOrd())
            {
                _skillCounts![ord]++;
            }
        }

        if (_seniority is not null && _seniority.GetOrd(doc) is var s and >= 0)
        {
            _seniorityCounts![s]++;
        }

        if (_location is not null && _location.GetOrd(doc) is var l and >= 0)
        {
            _locationCounts![l]++;
        }
    }

    /// <summary>The <paramref name="size"/> most frequent values of each facet asked for, most frequent first.</summary>
    public Dictionary<string, IReadOnlyList<FacetValue>> Result(int size)
    {
        Flush();
        var result = new Dictionary<string, IReadOnlyList<FacetValue>>(StringComparer.Ordinal);
        foreach (var (name, flag) in new[] { ("skills", SearchFacets.Skills), ("seniority", SearchFacets.Seniority), ("location", SearchFacets.Location) })
        {
            if (which.HasFlag(flag))
            {
                result[name] = _totals.TryGetValue(name, out var counts)
                    ? [.. counts.OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal).Take(size).Select(c => new FacetValue(c.Key, c.Value))]
                    : [];
            }
        }

        return result;
    }

    private void Flush()
    {
        var bytes = new BytesRef();
        void Add(string name, int[]? counts, Action<int, BytesRef> lookup)
        {
            if (counts is null)
            {
                return;
            }

            if (!_totals.TryGetValue(name, out var totals))
            {
                _totals[name] = totals = new Dictionary<string, long>(StringComparer.Ordinal);
            }

            for (var ord = 0; ord < counts.Length; ord++)
            {
                if (counts[ord] > 0)
                {
                    lookup(ord, bytes);
                    var value = bytes.Utf8ToString();
                    totals[value] = totals.GetValueOrDefault(value) + counts[ord];
                }
            }
        }

        Add("skills", _skillCounts, (ord, b) => _skills!.LookupOrd(ord, b));
        Add("seniority", _seniorityCounts, (ord, b) => _seniority!.LookupOrd(ord, b));
        Add("location", _locationCounts, (ord, b) => _location!.LookupOrd(ord, b));
        _skillCounts = _seniorityCounts = _locationCounts = null;
        _skills = null;
        _seniority = null;
        _location = null;
    }
}
