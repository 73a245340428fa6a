using Microsoft.Extensions.Options;
using TalentMatch.Server.Tests.Infrastructure;

namespace TalentMatch.Server.Tests;

/// <summary>A wrong setting stops the start with its full name, instead of misbehaving later.</summary>
public class SettingsTests
{
    [Theory]
    [InlineData("TalentMatch:Api:MaxDocumentBytes", "0")]
    [InlineData("TalentMatch:Matching:NotifyThreshold", "1.5")]
    [InlineData("TalentMatch:RateLimit:RequestsPerSecond", "-1")]
    [InlineData("TalentMatch:Notifications:MaxAttempts", "0")]
    [InlineData("TalentMatch:Messaging:PrefetchCount", "0")]
    public void An_out_of_range_setting_fails_the_start_and_names_the_setting(string key, string value)
    {
        using var app = TalentMatchApp.Embedded(new Dictionary<string, string?> { [key] = value });

        var error = Assert.Throws<OptionsValidationException>(() => app.CreateClient());

        Assert.Contains(key, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_elasticsearch_engine_without_a_url_fails_the_start_and_names_the_setting()
    {
        using var app = TalentMatchApp.Embedded(new Dictionary<string, string?> { ["TalentMatch:Search:Engine"] = "elasticsearch" });

        var error = Assert.Throws<OptionsValidationException>(() => app.CreateClient());

        Assert.Contains("TalentMatch:Search:Elasticsearch:Url", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_value_of_the_wrong_type_fails_the_start_and_names_the_setting()
    {
        using var app = TalentMatchApp.Embedded(new Dictionary<string, string?> { ["TalentMatch:Search:Engine"] = "solr" });

        var error = Assert.ThrowsAny<Exception>(() => app.CreateClient());

        Assert.Contains("TalentMatch:Search:Engine", error.ToString(), StringComparison.Ordinal);
    }
}
