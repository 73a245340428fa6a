using System.Text.Json;

namespace TalentMatch.Core.Documents.Tests;

public class ResumeParserTests
{
    private static readonly DateOnly Reference = new(2025, 6, 1);

    [Fact]
    public void An_english_resume_yields_contact_sections_history_education_and_languages()
    {
        var text = """
            Jane Q. Doe
            Senior Machine Learning Engineer
            jane.doe@example.com | +1 415 555 0134 | https://github.com/janedoe
            SUMMARY
            ML engineer building retrieval systems.
            WORK EXPERIENCE
            Senior ML Engineer, Acme AI
            Jan 2021 – Present
            • Built a RAG platform
            2017 - 2020: Data Scientist, Globex (Berlin)
            EDUCATION
            M.Sc. in Computer Science, Technical University of Munich, 2017
            Languages: English, German
            """;

        var resume = ResumeParser.Parse(text, Reference, TestContext.Current.CancellationToken);

        Assert.Equal("Jane Q. Doe", resume.Contact.Name);
        Assert.Equal(["jane.doe@example.com"], resume.Contact.Emails);
        Assert.Equal(["+1 415 555 0134"], resume.Contact.Phones);
        Assert.Equal(["https://github.com/janedoe"], resume.Contact.Links);
        Assert.Equal("Senior Machine Learning Engineer", resume.Headline);
        Assert.Equal([ResumeSectionKind.Summary, ResumeSectionKind.Experience, ResumeSectionKind.Education, ResumeSectionKind.Languages], resume.Sections.Select(s => s.Kind));

        Assert.Equal(2, resume.WorkHistory.Count);
        var current = resume.WorkHistory[0];
        Assert.Equal(("Senior ML Engineer", "Acme AI", new DateOnly(2021, 1, 1), (DateOnly?)null, true), (current.Title, current.Employer, current.Start!.Value, current.End, current.IsCurrent));
        Assert.Equal(54, current.DurationMonths); // Jan 2021 to Jun 2025, both months counted
        Assert.Equal(("Data Scientist", "Globex"), (resume.WorkHistory[1].Title, resume.WorkHistory[1].Employer));
        Assert.Equal("Senior ML Engineer", resume.CurrentTitle);
        Assert.Equal(new ExperienceYears(7.5m, ExperienceSource.WorkHistory), resume.TotalExperience);

        var degree = Assert.Single(resume.Education);
        Assert.Equal(("M.Sc. in Computer Science", "Technical University of Munich", (int?)2017), (degree.Degree, degree.School, degree.Year));
        Assert.Equal(["English", "German"], resume.SpokenLanguages);
    }

    [Fact]
    public void A_chinese_resume_recognises_chinese_headings_and_ongoing_jobs()
    {
        var text = """
            张伟
            手机：13812345678  邮箱：zhangwei@example.cn
            工作经历
            2021.03 - 至今 字节跳动 算法工程师
            2018.07 - 2021.02 百度 数据分析师
            项目经验
            大模型检索增强项目
            教育背景
            2014 - 2018 清华大学 计算机科学 本科
            专业技能
            PyTorch、CUDA
            语言能力：英语（CET-6），普通话
            """;

        var resume = ResumeParser.Parse(text, Reference, TestContext.Current.CancellationToken);

        Assert.Equal("zh", resume.Language);
        Assert.Equal("张伟", resume.Contact.Name);
        Assert.Equal(["13812345678"], resume.Contact.Phones);
        Assert.Equal([ResumeSectionKind.Experience, ResumeSectionKind.Projects, ResumeSectionKind.Education, ResumeSectionKind.Skills, ResumeSectionKind.Languages],
            resume.Sections.Select(s => s.Kind));
        Assert.Equal(("算法工程师", "字节跳动", true), (resume.WorkHistory[0].Title, resume.WorkHistory[0].Employer, resume.WorkHistory[0].IsCurrent));
        Assert.Equal(("数据分析师", "百度"), (resume.WorkHistory[1].Title, resume.WorkHistory[1].Employer));
        Assert.Equal(new ExperienceYears(6.9m, ExperienceSource.WorkHistory), resume.TotalExperience);
        Assert.Equal("本科", Assert.Single(resume.Education).Degree[^2..]);
        Assert.Equal(2018, resume.Education[0].Year);
        Assert.Equal(["English", "Chinese"], resume.SpokenLanguages);
    }

    [Fact]
    public void A_stated_total_experience_wins_over_the_summed_history()
    {
        var resume = ResumeParser.Parse("Ravi Kumar\nTotal IT experience 5 Years 6 Months\nWORK EXPERIENCE\nDeveloper\nInfosys\nJanuary 2020 to Present", Reference, TestContext.Current.CancellationToken);
        Assert.Equal(new ExperienceYears(5.5m, ExperienceSource.Stated), resume.TotalExperience);
    }

    [Fact]
    public void The_contact_block_is_marked_as_personal_data()
    {
        Assert.True(Attribute.IsDefined(typeof(ContactDetails), typeof(PersonalDataAttribute)));
        Assert.All(typeof(ContactDetails).GetProperties().Where(p => p.Name != "EqualityContract"),
            p => Assert.True(Attribute.IsDefined(p, typeof(PersonalDataAttribute)), p.Name));
    }

    /// <summary>The first dotin test resume (CC0), read in place: its labelled designation, degree and stated experience.</summary>
    [Fact]
    public void The_first_dotin_test_resume_gets_its_labelled_fields()
    {
        var line = File.ReadLines(SharedData.Path("dotin_resume_ner_en", "test.jsonl")).First();
        var text = JsonDocument.Parse(line).RootElement.GetProperty("text").GetString()!;

        var resume = ResumeParser.Parse(DocumentReaderText(text), Reference, TestContext.Current.CancellationToken);

        Assert.Equal("Senior Software Engineer", resume.CurrentTitle);
        Assert.Equal(new ExperienceYears(5.5m, ExperienceSource.Stated), resume.TotalExperience);
        Assert.Equal("B.E in Computer Science Engineering", resume.Education[0].Degree);
        Assert.Equal("Adithya Institute of Technology", resume.Education[0].School);
        Assert.Equal(4, resume.WorkHistory.Count);
        Assert.Equal(("Senior Consultant", "Oracle"), (resume.WorkHistory[1].Title, resume.WorkHistory[1].Employer));
    }

    private static string DocumentReaderText(string text) =>
        Assert.IsType<ReadDocument>(DocumentReader.Read(System.Text.Encoding.UTF8.GetBytes(text), null)).Text;
}
