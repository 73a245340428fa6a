using System.Runtime.CompilerServices;
using Lucene.Net.Index;
using Lucene.Net.Util;

namespace TalentMatch.Core.SearchIndex.Lucene;

/// <summary>
/// The facet values of every document, per segment, as plain arrays of value numbers that one numbering shares
/// across segments (what Elasticsearch calls global ordinals, kept in memory as its field data is). Counting a
/// matched document is then a few array reads, where reading Lucene's doc values costs several decoding calls per
/// value, and a query's counts land in one array: the values' strings are looked up only for the top few, not for
/// every value of every segment. Loaded once per segment on its first faceted query (a segment never changes;
/// the entry goes with it when it is merged away); about 4 bytes per value of a document plus 4 per document and
/// facet (1,000,000 profiles with ~9 skills: ~50 MB). The numbering only grows: a value whose documents are all
/// deleted keeps its number (the taxonomy's skills, cities and seniority levels bound it).
/// </summary>
internal sealed class FacetOrdinals
{
    private readonly ConditionalWeakTable<object, Segment> _segments = new();

    public ValueNumbers Skills { get; } = new();

    public ValueNumbers Seniority { get; } = new();

    public ValueNumbers Location { get; } = new();

    /// <summary>The columns of one segment (by its core, which deletions do not change).</summary>
    public Segment Of(AtomicReader reader) => _segments.GetValue(reader.CoreCacheKey, _ => new Segment(
        Column.Of(reader.GetSortedSetDocValues(LuceneFields.SkillFacet), reader.MaxDoc, Skills),
        Column.Of(reader.GetSortedDocValues(LuceneFields.SeniorityFacet), reader.MaxDoc, Seniority),
        Column.Of(reader.GetSortedDocValues(LuceneFields.LocationFacet), reader.MaxDoc, Location)));

    public sealed record Segment(Column? Skills, Column? Seniority, Column? Location);

    /// <summary>One facet of one segment: document d has the values <c>Values[Starts[d]..Starts[d + 1]]</c>.</summary>
    public sealed class Column(int[] starts, int[] values)
    {
        public int[] Starts { get; } = starts;

        public int[] Values { get; } = values;

        public static Column? Of(SortedSetDocValues? source, int maxDoc, ValueNumbers numbers)
        {
            if (source is null)
            {
                return null;
            }

            var numberOf = NumbersOf(source.ValueCount, (ord, bytes) => source.LookupOrd(ord, bytes), numbers);
            var starts = new int[maxDoc + 1];
            var values = new List<int>(maxDoc * 4);
            for (var doc = 0; doc < maxDoc; doc++)
            {
                starts[doc] = values.Count;
                source.SetDocument(doc);
                for (var ord = source.NextOrd(); ord != SortedSetDocValues.NO_MORE_ORDS; ord = source.NextOrd())
                {
                    values.Add(numberOf[ord]);
                }
            }

            starts[maxDoc] = values.Count;
            return new Column(starts, [.. values]);
        }

        public static Column? Of(SortedDocValues? source, int maxDoc, ValueNumbers numbers)
        {
            if (source is null)
            {
                return null;
            }

            var numberOf = NumbersOf(source.ValueCount, (ord, bytes) => source.LookupOrd((int)ord, bytes), numbers);
            var starts = new int[maxDoc + 1];
            var values = new List<int>(maxDoc);
            for (var doc = 0; doc < maxDoc; doc++)
            {
                starts[doc] = values.Count;
                if (source.GetOrd(doc) is var ord and >= 0)
                {
                    values.Add(numberOf[ord]);
                }
            }

            starts[maxDoc] = values.Count;
            return new Column(starts, [.. values]);
        }

        private static int[] NumbersOf(long valueCount, Action<long, BytesRef> lookup, ValueNumbers numbers)
        {
            var result = new int[valueCount];
            var bytes = new BytesRef();
            for (var ord = 0L; ord < valueCount; ord++)
            {
                lookup(ord, bytes);
                result[ord] = numbers.NumberOf(bytes.Utf8ToString());
            }

            return result;
        }
    }

    /// <summary>One facet's values, numbered in the order first seen (thread-safe; numbers are never reused).</summary>
    public sealed class ValueNumbers
    {
        private readonly Dictionary<string, int> _numbers = new(StringComparer.Ordinal);
        private readonly List<string> _values = [];
        private readonly System.Threading.Lock _lock = new();

        public int Count
        {
            get
            {
                lock (_lock)
                {
                    return _values.Count;
                }
            }
        }

        public int NumberOf(string value)
        {
            lock (_lock)
            {
                if (!_numbers.TryGetValue(value, out var number))
                {
                    _numbers[value] = number = _values.Count;
                    _values.Add(value);
                }

                return number;
            }
        }

        public string ValueOf(int number)
        {
            lock (_lock)
            {
                return _values[number];
            }
        }
    }
}
