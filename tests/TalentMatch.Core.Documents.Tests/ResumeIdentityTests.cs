namespace TalentMatch.Core.Documents.Tests;

/// <summary>What a profile's vector is built from keeps the work and loses the person (ResumeParser.WithoutIdentity).</summary>
public class ResumeIdentityTests
{
    private static string Resume(string name, string email, string birth, string age, string gender, string marital, string photo, string pronoun, string possessive) => $"""
        {name}
        Senior Machine Learning Engineer
        {email} | +1 415 555 01{age}
        Date of birth: {birth}
        Age: {age}
        Gender: {gender}
        Marital status: {marital}
        Photo: {photo}
        Summary: {pronoun} has 6 years of experience; {possessive} team trains LLMs with PyTorch. {name} is {age} years old.
        Experience
        Senior ML Engineer, Acme — Jan 2019 – Present
        """;

    [Fact]
    public void Two_resumes_that_differ_only_in_identity_read_the_same_without_it()
    {
        var jane = Resume("Jane Doe", "jane.doe@example.com", "1990-03-12", "34", "Female", "Married", "smiling woman with long hair", "She", "her");
        var rahul = Resume("Rahul Verma", "rv68@example.org", "02/11/1968", "56", "Male", "Single", "older man with a grey beard", "He", "his");

        var a = ResumeParser.WithoutIdentity(jane, TestContext.Current.CancellationToken);
        var b = ResumeParser.WithoutIdentity(rahul, TestContext.Current.CancellationToken);

        Assert.Equal(a, b);
        Assert.Contains("trains LLMs with PyTorch", a, StringComparison.Ordinal);
        Assert.Contains("Senior ML Engineer, Acme — Jan 2019 – Present", a, StringComparison.Ordinal);
        foreach (var identity in new[] { "Jane", "jane.doe", "1990", "Female", "Married", "smiling", "She ", " her ", "34" })
        {
            Assert.DoesNotContain(identity, a, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Chinese_personal_details_lines_are_dropped()
    {
        var text = """
            张伟
            算法工程师
            性别：男
            年龄：32岁
            出生年月：1992.05
            婚姻状况：已婚
            民族：汉
            精通PyTorch、DeepSpeed，熟悉分布式训练。
            """;

        var cleaned = ResumeParser.WithoutIdentity(text, TestContext.Current.CancellationToken);

        Assert.Equal("\n算法工程师\n\n\n\n\n\n精通PyTorch、DeepSpeed，熟悉分布式训练。", cleaned);
    }
}
