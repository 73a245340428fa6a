using TalentMatch.Bench.Commands;
using TalentMatch.Core.Skills;

namespace TalentMatch.Bench.Tests;

/// <summary>`extract --errors`: a miss is told apart as no node, a form written (a reading rule turned it down) or no form written.</summary>
public sealed class MissKindsTests
{
    private static readonly SkillTaxonomy Taxonomy = SkillTaxonomy.FromJson("0.0.1", """
        {"skills": [
          {"id": "microservices", "name": "Microservices", "zh": "微服务", "category": "engineering", "aliases": ["microservice architecture"]},
          {"id": "scala", "name": "Scala", "zh": "Scala", "category": "language", "aliases": ["scala"]},
          {"id": "go", "name": "Go", "zh": "Go", "category": "language", "ambiguous": ["Go"], "context": ["golang"]}
        ]}
        """);

    [Theory]
    [InlineData("Designed a Microservice-Architecture for billing.", "microservices", MissKinds.FormWritten)] // case and dash folded
    [InlineData("负责微服务拆分", "microservices", MissKinds.FormWritten)] // the Chinese name, inside a word
    [InlineData("Built micro-service deployments.", "microservices", MissKinds.NoFormWritten)] // a spelling no form has
    [InlineData("A scalable system.", "scala", MissKinds.NoFormWritten)] // a Latin form only at word boundaries
    [InlineData("We Go fast.", "go", MissKinds.FormWritten)] // a context-dependent form counts as written
    [InlineData("Anything.", "software development lifecycle", MissKinds.NoNode)] // a missing name
    public void A_miss_is_classified_by_whether_a_form_of_its_node_is_written(string text, string label, string kind) =>
        Assert.Equal(kind, MissKinds.Classify(Taxonomy, SkillBenchmark.Fold(text), label));

    [Fact]
    public void Folding_lowers_case_and_makes_dashes_underscores_and_white_space_one_space() =>
        Assert.Equal("a b c d", SkillBenchmark.Fold("  A -_ B\t\nC--d "));
}
