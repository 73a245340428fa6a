using TalentMatch.Platform.ServiceDefaults;

namespace TalentMatch.Architecture.Tests;

public class LayeringTests
{
    [Fact]
    public void Every_project_in_src_references_only_the_layers_below_it()
    {
        var projects = SourceTree.SourceProjects();

        Assert.NotEmpty(projects);
        Assert.Empty(LayeringRules.Violations(projects));
    }

    [Fact]
    public void Each_service_module_is_one_project_named_as_TalentMatch_Modules_names_it()
    {
        var modules = SourceTree.SourceProjects().Where(p => p.Layer == "Modules").Select(p => p.Name).Order().ToList();

        var expected = ServiceModules.All
            .Select(name => "TalentMatch.Modules." + char.ToUpperInvariant(name[0]) + name[1..])
            .Order()
            .ToList();
        Assert.Equal(expected, modules);
    }

    [Fact]
    public void A_module_that_references_another_module_breaks_the_rule()
    {
        var search = new ProjectNode("TalentMatch.Modules.Search", "Modules", []);
        var matching = new ProjectNode("TalentMatch.Modules.Matching", "Modules",
            [new("TalentMatch.Modules.Search", "Modules"), new("TalentMatch.Platform.Messaging", "Platform")]);

        var violation = Assert.Single(LayeringRules.Violations([search, matching]));

        Assert.Contains("TalentMatch.Modules.Matching (Modules) references TalentMatch.Modules.Search (Modules)", violation, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Core", "Platform")]
    [InlineData("Core", "Modules")]
    [InlineData("Core", "Hosts")]
    [InlineData("Platform", "Modules")]
    [InlineData("Contracts", "Core")]
    [InlineData("Modules", "bench")]
    public void A_reference_upwards_or_out_of_src_breaks_the_rule(string from, string to)
    {
        var project = new ProjectNode("From", from, [new("To", to)]);

        Assert.Single(LayeringRules.Violations([project]));
    }

    [Fact]
    public void A_project_outside_the_layer_folders_breaks_the_rule()
    {
        var project = new ProjectNode("TalentMatch.Hosting", "TalentMatch.Hosting", []);

        Assert.Contains("not in a layer folder", Assert.Single(LayeringRules.Violations([project])), StringComparison.Ordinal);
    }
}
