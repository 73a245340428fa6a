namespace TalentMatch.Core.Documents.Tests;

/// <summary>Places in English and Chinese normalise to one name; resumes give theirs from the head or a labelled line.</summary>
public class LocationsTests
{
    [Theory]
    [InlineData("北京", "Beijing")]
    [InlineData("北京市·海淀区", "Beijing")]
    [InlineData("北京市海淀区", "Beijing")]
    [InlineData("Beijing, China", "Beijing")]
    [InlineData("beijing", "Beijing")]
    [InlineData("上海浦东", "Shanghai")]
    [InlineData("Bengaluru, India", "Bangalore")]
    [InlineData("远程", "Remote")]
    [InlineData("Remote (US)", "Remote")]
    [InlineData("Austin, TX", "Austin")]
    [InlineData("Springfield, IL", "Springfield, IL")]
    public void A_place_normalises_to_one_english_name(string raw, string expected)
    {
        Assert.Equal(expected, Locations.Normalise(raw));
    }

    [Fact]
    public void Nothing_is_no_place()
    {
        Assert.Null(Locations.Normalise("  "));
        Assert.Null(Locations.InResume("Jane Doe\nML engineer\nSkills: Python"));
    }

    [Theory]
    [InlineData("李雷\n现居：上海\n电话：13800000000", "Shanghai")]
    [InlineData("Jane Doe\nLocation: Berlin, Germany\njane@example.com", "Berlin")]
    [InlineData("Jane Doe\njane@example.com | +49 30 1234567 | Munich, Germany", "Munich")]
    [InlineData("Austin Lee\nSan Francisco Bay Area\nSkills: Go", "San Francisco")]
    [InlineData("Jane Doe\nAddress: 12 Main St, Springfield\nSkills: Go", null)]
    public void A_resume_gives_its_place_from_a_label_or_its_head(string text, string? expected)
    {
        Assert.Equal(expected, Locations.InResume(text));
    }
}
