namespace TalentMatch.Core.Skills.Tests;

/// <summary>Evidence for taxonomy growth: unknown items of skill lists, counted per document, with examples.</summary>
public class TaxonomySuggesterTests
{
    private static TaxonomySuggester Read(params string[] documents)
    {
        var suggester = new TaxonomySuggester(SkillExtractor.Default);
        foreach (var document in documents)
        {
            suggester.Add(document);
        }

        return suggester;
    }

    [Fact]
    public void An_unknown_item_next_to_a_known_skill_is_counted_once_per_document_with_examples()
    {
        var suggester = Read(
            "Skills: Python, Metabase, Docker\nDocker, Metabase",
            "Tools: Metabase 7.10, Git",
            "Metabase dashboards for the sales team");

        var metabase = Assert.Single(suggester.Top(10), p => p.Phrase == "Metabase");
        Assert.Equal(3, metabase.Count);        // twice in the first document, once in the second (version dropped)
        Assert.Equal(2, metabase.Documents);    // the third mentions it in prose, beside no known skill
        Assert.Equal(2, metabase.Examples.Count);
        Assert.Equal(3, suggester.DocumentCount);
    }

    [Fact]
    public void Chinese_lists_are_read_and_cue_words_trimmed()
    {
        var suggester = Read("熟悉Python、仓颉语言等", "熟练掌握仓颉语言、Java"); // 鸿蒙开发 (the test's phrase until 1.7.0) is now HarmonyOS

        var phrase = Assert.Single(suggester.Top(10), p => p.Phrase == "仓颉语言");
        Assert.Equal(2, phrase.Documents);
    }

    [Fact]
    public void Known_skills_headings_durations_and_prose_propose_nothing()
    {
        var suggester = Read(
            "Programming Languages: Python, Java (Less than 1 year), SQL (2 years)",
            "Programming Languages: Python, Java (Less than 1 year), SQL (2 years)",
            "We met in New York in May and talked about design.");

        Assert.Empty(suggester.Top(10, minDocuments: 1));
    }

    [Fact]
    public void Phrases_seen_in_fewer_documents_than_asked_are_left_out()
    {
        var suggester = Read("Python, Metabase", "Python, Redash", "Python, Redash");

        Assert.Equal(["Redash"], suggester.Top(10, minDocuments: 2).Select(p => p.Phrase));
        Assert.Equal(2, suggester.Top(10, minDocuments: 1).Count);
    }

    [Fact]
    public void A_long_document_of_many_lists_is_read_in_one_pass()
    {
        var lines = Enumerable.Range(0, 20_000).Select(i => $"Python, Tool{i % 100}, Docker"); // ~0.5 MB, 40k known mentions

        var suggester = Read(string.Join('\n', lines));

        var top = suggester.Top(200, minDocuments: 1);
        Assert.Equal(100, top.Count);
        Assert.All(top, p => Assert.Equal(200, p.Count));
    }
}
