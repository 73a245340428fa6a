using Lucene.Net.Analysis.Core;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Store;
using Lucene.Net.Util;
using TalentMatch.Core.SearchIndex.Lucene;

namespace TalentMatch.Core.SearchIndex.Tests;

/// <summary>
/// A paging snapshot pins its segment files on disk. A first page whose searcher was acquired before an expunge (an
/// erasure) and recorded after it would keep the erased resume's text there for the snapshot's lifetime (CI saw such a
/// file left after an erasure): such a searcher is never recorded.
/// </summary>
public sealed class PagingViewsTests
{
    [Fact]
    public void A_searcher_acquired_before_an_expunge_is_never_kept_for_paging()
    {
        using var directory = new RAMDirectory();
        using (var writer = new IndexWriter(directory, new IndexWriterConfig(LuceneVersion.LUCENE_48, new KeywordAnalyzer())))
        {
            writer.Commit();
        }

        using var reader = DirectoryReader.Open(directory);
        using var views = new PagingViews();

        var acquiredBefore = views.Expunges;
        views.DropAll(); // an erasure's expunge runs while that first page is being ranked
        Assert.Null(views.Record(new IndexSearcher(reader), acquiredBefore));

        var acquiredAfter = views.Expunges;
        Assert.NotNull(views.Record(new IndexSearcher(reader), acquiredAfter));
    }
}
