using System.Globalization;
using System.Runtime.InteropServices;
using Lucene.Net.Analysis;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Highlight;
using Lucene.Net.Util;
using TalentMatch.Contracts;

namespace TalentMatch.Core.SearchIndex.Lucene;

/// <summary>
/// Profiles to Lucene documents and back: takes an <see cref="IndexedProfile"/> (with its normalised vector and
/// graph label) and produces the stored, indexed and doc-values fields of <see cref="LuceneFields"/>; reads a
/// stored document back into a profile or, for a search, into a <see cref="SearchHit"/> with snippet and
/// highlights. Skills are expanded with their ancestors by <paramref name="skillAncestors"/>; highlighting
/// analyses text with <paramref name="analyzer"/> (the index's own, not owned here).
/// </summary>
internal sealed class LuceneDocumentMapper(Analyzer analyzer, Func<string, IEnumerable<string>> skillAncestors)
{
    private const int SnippetLength = 240;

    public Document ToDocument(string tenantId, IndexedProfile profile, float[]? vector, ulong label)
    {
        var kind = LuceneFields.KindName(profile.Kind);
        var document = new Document
        {
            new StringField(LuceneFields.Key, LuceneFields.KeyOf(tenantId, profile.Kind, profile.Id), Field.Store.NO),
            new StringField(LuceneFields.Tenant, tenantId, Field.Store.YES),
            new StringField(LuceneFields.Kind, kind, Field.Store.YES),
            new SortedDocValuesField(LuceneFields.TenantKind, new BytesRef(LuceneFields.TenantKindOf(tenantId, profile.Kind))),
            new StringField(LuceneFields.Id, profile.Id.ToString(), Field.Store.YES),
            new TextField(LuceneFields.Text, profile.Text, Field.Store.YES),
            new NumericDocValuesField(LuceneFields.Revision, profile.Revision),
        };
        if (profile.Title is not null)
        {
            document.Add(new TextField(LuceneFields.Title, profile.Title, Field.Store.YES));
        }

        foreach (var employer in profile.Employers.Where(e => !string.IsNullOrWhiteSpace(e)).Distinct(StringComparer.Ordinal))
        {
            document.Add(new TextField(LuceneFields.Employer, employer, Field.Store.YES));
        }

        var expanded = new HashSet<string>(StringComparer.Ordinal);
        foreach (var skill in profile.SkillIds.Distinct(StringComparer.Ordinal))
        {
            document.Add(new StringField(LuceneFields.Skill, skill, Field.Store.YES));
            document.Add(new SortedSetDocValuesField(LuceneFields.SkillFacet, new BytesRef(skill)));
            expanded.Add(skill);
            expanded.UnionWith(skillAncestors(skill));
        }

        foreach (var skill in expanded)
        {
            document.Add(new StringField(LuceneFields.SkillExpanded, skill, Field.Store.NO));
        }

        if (profile.YearsOfExperience is { } years)
        {
            document.Add(new DoubleField(LuceneFields.Years, years, Field.Store.YES));
        }

        if (SearchCursor.Normalise(profile.Location) is { } location)
        {
            document.Add(new StringField(LuceneFields.Location, location, Field.Store.YES));
            document.Add(new SortedDocValuesField(LuceneFields.LocationFacet, new BytesRef(location)));
        }

        if (profile.Remote is { } remote)
        {
            document.Add(new StringField(LuceneFields.Remote, LuceneFields.RemoteName(remote), Field.Store.YES));
        }

        if (SearchCursor.Normalise(profile.Seniority) is { } seniority)
        {
            document.Add(new StringField(LuceneFields.Seniority, seniority, Field.Store.YES));
            document.Add(new SortedDocValuesField(LuceneFields.SeniorityFacet, new BytesRef(seniority)));
        }

        if (SearchCursor.Normalise(profile.Language) is { } language)
        {
            document.Add(new StringField(LuceneFields.Language, language, Field.Store.YES));
        }

        if (profile.DuplicateGroup is { } group)
        {
            document.Add(new StringField(LuceneFields.Group, group.ToString(), Field.Store.YES));
            document.Add(new SortedDocValuesField(LuceneFields.GroupValues, new BytesRef(group.ToString())));
        }

        if (profile.Identity is { } identity)
        {
            document.Add(new StoredField(LuceneFields.Identity, identity));
        }

        if (vector is not null)
        {
            document.Add(new BinaryDocValuesField(LuceneFields.Vector, new BytesRef(MemoryMarshal.AsBytes(vector.AsSpan()).ToArray())));
            document.Add(new NumericDocValuesField(LuceneFields.Label, (long)label));
        }

        return document;
    }

    public static IndexedProfile ToProfile(Document doc, float[]? vector) => new(
        Guid.Parse(Get(doc, LuceneFields.Id)),
        LuceneFields.ParseKind(Get(doc, LuceneFields.Kind)),
        Get(doc, LuceneFields.Title),
        Get(doc, LuceneFields.Text),
        doc.GetValues(LuceneFields.Skill, CultureInfo.InvariantCulture))
    {
        Vector = vector,
        YearsOfExperience = doc.GetField(LuceneFields.Years)?.GetDoubleValue(),
        Employers = doc.GetValues(LuceneFields.Employer, CultureInfo.InvariantCulture),
        Location = Get(doc, LuceneFields.Location),
        Remote = Get(doc, LuceneFields.Remote) is { } remote ? Enum.Parse<WorkMode>(remote, ignoreCase: true) : null,
        Seniority = Get(doc, LuceneFields.Seniority),
        Language = Get(doc, LuceneFields.Language),
        DuplicateGroup = GroupOf(doc),
        Identity = Get(doc, LuceneFields.Identity),
    };

    private static Guid? GroupOf(Document doc) => Get(doc, LuceneFields.Group) is { } group ? Guid.Parse(group) : null;

    /// <summary>The stored id of a document, without loading its text (the ids of the duplicates a collapsed hit folds).</summary>
    public static Guid IdOf(IndexSearcher searcher, int docId) =>
        Guid.Parse(Get(searcher.Doc(docId, new HashSet<string> { LuceneFields.Id }), LuceneFields.Id));

    /// <summary>The vector kept in a document's binary doc values (segment-local <paramref name="doc"/>); null when it has none.</summary>
    public static float[]? ReadVector(AtomicReader reader, int doc)
    {
        var values = reader.GetBinaryDocValues(LuceneFields.Vector);
        if (values is null)
        {
            return null;
        }

        var bytes = new BytesRef();
        values.Get(doc, bytes);
        return bytes.Length == 0 ? null : MemoryMarshal.Cast<byte, float>(bytes.Bytes.AsSpan(bytes.Offset, bytes.Length)).ToArray();
    }

    /// <param name="withoutText">No snippet and no highlights (<see cref="SearchQuery.WithoutText"/>).</param>
    public SearchHit ToHit(IndexSearcher searcher, int docId, double score, Query? textQuery, string rawText, bool withoutText = false)
    {
        var doc = searcher.Doc(docId);
        var hit = new SearchHit(Guid.Parse(Get(doc, LuceneFields.Id)), LuceneFields.ParseKind(Get(doc, LuceneFields.Kind)), Get(doc, LuceneFields.Title), score, "")
        {
            DuplicateGroup = GroupOf(doc),
        };
        if (withoutText)
        {
            return hit;
        }

        var text = Get(doc, LuceneFields.Text);
        var terms = rawText.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        return hit with
        {
            Snippet = Snippet(text, terms),
            Highlights = textQuery is null ? [] : Highlight(textQuery, text),
        };
    }

    private string[] Highlight(Query textQuery, string text)
    {
        var highlighter = new Highlighter(new SimpleHTMLFormatter("<em>", "</em>"), new MinimalHtmlEncoder(), new QueryScorer(textQuery, LuceneFields.Text))
        {
            TextFragmenter = new SimpleFragmenter(120),
            MaxDocCharsToAnalyze = 50_000,
        };
        using var stream = analyzer.GetTokenStream(LuceneFields.Text, text);
        return highlighter.GetBestFragments(stream, text, 3);
    }

    /// <summary>A window of the text around the first query word it contains (plain text; see highlights for marked-up fragments).</summary>
    private static string Snippet(string text, IReadOnlyList<string> terms)
    {
        var first = terms
            .Select(t => text.IndexOf(t, StringComparison.OrdinalIgnoreCase))
            .Where(i => i >= 0)
            .DefaultIfEmpty(0)
            .Min();
        var start = Math.Max(0, first - (SnippetLength / 4));
        var length = Math.Min(SnippetLength, text.Length - start);
        var snippet = text.Substring(start, length).ReplaceLineEndings(" ").Trim();
        return (start > 0 ? "…" : "") + snippet + (start + length < text.Length ? "…" : "");
    }

    private static string Get(Document doc, string field) => doc.Get(field, CultureInfo.InvariantCulture);
}
