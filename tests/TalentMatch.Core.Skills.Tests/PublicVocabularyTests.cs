using System.Text.RegularExpressions;

namespace TalentMatch.Core.Skills.Tests;

/// <summary>
/// Taxonomy 1.6.0 (issue #23, fourth round): nodes imported from the ESCO digital skills collection
/// (tools/taxonomy-import/import-esco.cs; docs/taxonomy.md, "Regenerating the ESCO import"). The importer keeps proper
/// names only and guards precision; these tests hold what its rule promises on real phrasings.
/// </summary>
public class PublicVocabularyTests
{
    private static readonly SkillTaxonomy Taxonomy = SkillTaxonomy.LoadDefault();

    private static List<string> Ids(string text, ExtractionMode mode = ExtractionMode.Resume) =>
        SkillExtractor.Default.Extract(text, mode).Skills.Select(s => s.Id).ToList();

    private static string Fold(string s) => Regex.Replace(s.ToLowerInvariant().Replace('-', ' '), @"\s+", " ").Trim();

    [Fact]
    public void Esco_nodes_load_from_their_generated_file_with_their_prefix()
    {
        var esco = Taxonomy.Skills.Where(s => s.Id.StartsWith("esco-", StringComparison.Ordinal)).ToList();

        Assert.InRange(esco.Count, 50, 200);
        Assert.All(esco, s => Assert.Contains("import-esco.cs", s.Source, StringComparison.Ordinal));
        Assert.DoesNotContain(Taxonomy.Skills, s => !s.Id.StartsWith("esco-", StringComparison.Ordinal) && s.Source.Contains("import-esco.cs", StringComparison.Ordinal));
    }

    [Fact]
    public void No_esco_form_repeats_a_form_of_another_node()
    {
        var others = Taxonomy.Skills.Where(s => !s.Id.StartsWith("esco-", StringComparison.Ordinal))
            .SelectMany(s => s.Aliases.Append(s.Name).Concat(s.Ambiguity?.Aliases ?? []))
            .Select(Fold).ToHashSet();

        var esco = Taxonomy.Skills.Where(s => s.Id.StartsWith("esco-", StringComparison.Ordinal))
            .SelectMany(s => s.Aliases.Concat(s.Ambiguity?.Aliases ?? []).Select(a => (s.Id, Alias: a)));

        Assert.All(esco, e => Assert.DoesNotContain(Fold(e.Alias), others));
    }

    [Theory]
    [InlineData("Languages: C, Erlang, Haskell", "esco-erlang")]
    [InlineData("IDEs: Eclipse, KDevelop, Code::Blocks", "esco-kdevelop")]
    [InlineData("Developed desktop tools in Microsoft Visual C++ 2010", "esco-microsoft-visual-cplusplus")]
    [InlineData("Security testing with Nessus and Maltego", "esco-nessus")]
    [InlineData("Provisioned test machines with Vagrant", "esco-vagrant")]
    [InlineData("Front end: HTML5, CSS (LESS), Bootstrap", "esco-less")]
    [InlineData("Queried the graph store with SPARQL", "esco-sparql")]
    public void An_esco_tool_or_language_named_in_a_resume_is_found(string text, string id)
    {
        Assert.Contains(id, Ids(text));
    }

    [Theory]
    [InlineData("Python - Exprience - Less than 1 year months", "esco-less")] // the word, not the stylesheet language
    [InlineData("I need less supervision than most", "esco-less")]
    [InlineData("Call me on weekdays", "esco-computer-assisted-language-learning")]
    public void A_capitals_only_form_is_not_read_from_an_ordinary_word(string text, string id)
    {
        Assert.DoesNotContain(id, Ids(text));
    }

    [Theory]
    [InlineData("Built SOAP web services and REST APIs")]
    [InlineData("Operating Systems: Windows, Linux")]
    [InlineData("Experience in cyber security and business analytics")]
    [InlineData("Worked in an Agile development team")]
    public void Esco_concept_phrases_are_not_imported(string text)
    {
        Assert.DoesNotContain(Ids(text), id => id.StartsWith("esco-", StringComparison.Ordinal));
    }

    [Fact]
    public void A_longer_esco_name_never_takes_the_span_of_a_curated_skill()
    {
        // "Agile development" is ESCO's, "Agile" is curated: the curated node is what the gold sets name.
        Assert.Contains("agile", Ids("Worked in an Agile development team", ExtractionMode.JobDescription));
    }
}
