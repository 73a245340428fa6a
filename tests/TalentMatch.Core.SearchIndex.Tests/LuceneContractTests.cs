using TalentMatch.Core.SearchIndex.Lucene;

namespace TalentMatch.Core.SearchIndex.Tests;

/// <summary>The contract suite on the embedded engine (Lucene.Net + USearch), one fresh index per test.</summary>
public sealed class LuceneContractTests : SearchIndexContract, IDisposable
{
    private readonly string _path = Directory.CreateTempSubdirectory("talentmatch-contract-").FullName;
    private readonly LuceneSearchIndex _index;

    public LuceneContractTests() =>
        _index = new LuceneSearchIndex(_path, new LuceneSearchIndexOptions { SkillAncestors = Ancestors });

    protected override ISearchIndex Index => _index;

    public void Dispose()
    {
        _index.Dispose();
        Directory.Delete(_path, recursive: true);
    }
}
