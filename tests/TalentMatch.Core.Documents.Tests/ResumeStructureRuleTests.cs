using System.Text;
using TalentMatch.Core.Documents.Parsing;

namespace TalentMatch.Core.Documents.Tests;

/// <summary>One small hand-written input per resume-structure rule (titles, degrees, dates, stated years, flattened text).</summary>
public class ResumeStructureRuleTests
{
    private static readonly DateOnly Reference = new(2025, 6, 1);

    private static string Read(string text) => Assert.IsType<ReadDocument>(DocumentReader.Read(Encoding.UTF8.GetBytes(text), null)).Text;

    private static ParsedResume ParseRead(string text) => ResumeParser.Parse(Read(text), Reference);

    // ---- flattened text ----

    [Fact]
    public void A_resume_flattened_onto_one_line_is_split_back_into_lines_at_runs_of_spaces()
    {
        var flat = "Ann Lee  Senior Data Analyst  ann@example.com  SUMMARY  Analyst with a long record of reporting work for retail and banking clients.  "
            + "EDUCATION  Bachelor of Science in Statistics, 2012  EXPERIENCE  Data Analyst, Acme  2014 - 2019";

        var lines = Read(flat).Split('\n');

        Assert.Contains("Senior Data Analyst", lines);
        Assert.Contains("EDUCATION", lines);
        Assert.Contains("Data Analyst, Acme", lines);
    }

    [Fact]
    public void A_run_of_spaces_between_two_dates_is_a_lost_dash_not_a_line_break()
    {
        var flat = "Bob Stone  Objective  To keep growing as a sales professional in a fast moving company with good people.  "
            + "Experience  Acme Wines, Venice, CA  June 2009  Present  Sales Manager  Grew the territory by a third in two years.";

        Assert.Contains("June 2009 – Present", Read(flat).Split('\n'));
    }

    [Fact]
    public void Justified_text_with_wide_gaps_between_single_words_stays_one_line()
    {
        var flat = "Professional Work History;  Confidential,    San    Antonio,    TX    June    2009    to    present  "
            + "Food Service Director at a private school serving three meals a day.  Responsible for hiring and training staff.";

        Assert.Contains("Confidential, San Antonio, TX June 2009 to present", Read(flat).Split('\n'));
    }

    [Fact]
    public void Two_spaces_after_every_full_stop_do_not_split_a_paragraph()
    {
        var paragraph = string.Concat(Enumerable.Repeat("I built data pipelines for a bank.  ", 8)).Trim();

        Assert.Single(Read(paragraph).Split('\n'));
    }

    [Fact]
    public void Utf8_bytes_written_as_python_escapes_are_decoded_to_the_characters_they_spell()
    {
        Assert.Equal("Sales \u2022 Marketing", TextNormalizer.RepairEscapedBytes(@"Sales \xe2\x80\xa2 Marketing"));
        Assert.Equal(@"C:\x64\tools", TextNormalizer.RepairEscapedBytes(@"C:\x64\tools")); // ASCII escapes stay as written
    }

    // ---- current title ----

    [Fact]
    public void The_headline_under_the_name_gives_the_title_without_its_employer()
    {
        var resume = ResumeParser.Parse("Rahul Verma\nArchitect - Microsoft India\nrahul@example.com\nSKILLS\nAzure", Reference, TestContext.Current.CancellationToken);

        Assert.Equal("Architect", resume.Headline);
        Assert.Equal("Architect", resume.CurrentTitle);
    }

    [Fact]
    public void A_headline_a_few_lines_below_the_name_and_contact_lines_is_found()
    {
        var resume = ResumeParser.Parse("Hettie Langosh, P.H.R.\n123-345-7890 | PO Box 1673 | hettie@example.com\nApproachable innovator.\nSENIOR HUMAN RESOURCES PROFESSIONAL\nCORE COMPETENCIES\nBenefits", Reference, TestContext.Current.CancellationToken);

        Assert.Equal("SENIOR HUMAN RESOURCES PROFESSIONAL", resume.CurrentTitle);
    }

    [Fact]
    public void Resume_template_words_after_a_title_are_not_part_of_it()
    {
        Assert.Equal("Music Producer", ResumeParser.CleanTitle("Music Producer Resume Template"));
        Assert.Equal("SOFTWARE ENGINEER", ResumeParser.CleanTitle("SOFTWARE ENGINEER Resume Sample"));
    }

    [Theory]
    [InlineData("Associate consultant@SAP labs", "Associate consultant")]
    [InlineData("Test Analyst at Oracle, Hyderabad", "Test Analyst")]
    [InlineData("Bank Teller | First National", "Bank Teller")]
    [InlineData("算法工程师", "算法工程师")]
    public void A_title_before_at_dash_bar_or_at_sign_is_cut_from_its_employer(string phrase, string title) =>
        Assert.Equal(title, ResumeParser.CleanTitle(phrase));

    [Theory]
    [InlineData("Detail oriented and analytical with solid organizational skills.")]
    [InlineData("Lead development on Flex and PHP applications")]
    [InlineData("LEANDER CORPORATION")]
    [InlineData("Years of manufacturing parts")]
    public void A_sentence_or_a_company_name_is_never_a_title(string phrase) => Assert.Null(ResumeParser.CleanTitle(phrase));

    [Theory]
    [InlineData("Designation: HR Senior Executive", "HR Senior Executive")]
    [InlineData("Current Position: Data Engineer", "Data Engineer")]
    [InlineData("Role - Data Scientist", "Data Scientist")]
    [InlineData("职位：算法工程师", "算法工程师")]
    public void A_designation_label_gives_the_current_title(string line, string title)
    {
        var resume = ResumeParser.Parse($"Sam Roe\nSUMMARY\nBuilds things.\n{line}\nWORK EXPERIENCE\nClerk, Shop\n2001 - 2003", Reference, TestContext.Current.CancellationToken);

        Assert.Equal(title, resume.CurrentTitle);
    }

    [Fact]
    public void A_title_line_after_the_dates_and_the_employer_is_the_job_title()
    {
        var resume = ResumeParser.Parse("Kim Park\nWORK EXPERIENCE\nJune 2009 – Present\nLink Solutions\nWaterloo, IA\nAccounting Assistant\n• Review expense reports", Reference, TestContext.Current.CancellationToken);

        var job = Assert.Single(resume.WorkHistory);
        Assert.Equal(("Accounting Assistant", "Link Solutions"), (job.Title, job.Employer));
        Assert.Equal("Accounting Assistant", resume.CurrentTitle);
    }

    [Fact]
    public void Currently_working_as_gives_the_title_when_no_dated_job_has_one()
    {
        var resume = ResumeParser.Parse("Professional Experience:\nCurrently working as a Software Engineer in xxx Technologies.\nGood knowledge of OOP.", Reference, TestContext.Current.CancellationToken);

        Assert.Equal("Software Engineer", resume.CurrentTitle);
    }

    // ---- degrees ----

    [Theory]
    [InlineData("B.E. in Computer Science, Anna University, 2012", "B.E. in Computer Science")]
    [InlineData("B.Tech (Electronics and Communication)", "B.Tech (Electronics and Communication)")]
    [InlineData("B.TECH in Mechanical Engineering", "B.TECH in Mechanical Engineering")]
    [InlineData("b-tech from JNTU", "b-tech")]
    [InlineData("BE | Pune University | 2010", "BE")]
    [InlineData("M.Sc Physics - Delhi University", "M.Sc Physics")]
    [InlineData("MCA 2008 Osmania University", "MCA")]
    [InlineData("MBA, Finance", "MBA")]
    [InlineData("MA In Jurisprudence", "MA In Jurisprudence")]
    [InlineData("Kentucky Anticipated May 2012 Bachelor of Science in Mechanical Engineering", "Bachelor of Science in Mechanical Engineering")]
    [InlineData("Bachelor's Degree in Computer Science GPA 3.7", "Bachelor's Degree in Computer Science")]
    [InlineData("Engineer's Degree - Urban Construction", "Engineer's Degree")]
    [InlineData("2014 - 2018 清华大学 计算机科学 本科", "本科")]
    [InlineData("北京大学 硕士", "硕士")]
    [InlineData("中科院 博士 2020", "博士")]
    public void Degree_abbreviations_and_spellings_are_read_up_to_where_the_line_moves_on(string line, string degree)
    {
        var resume = ResumeParser.Parse($"EDUCATION\n{line}", Reference, TestContext.Current.CancellationToken);

        Assert.Equal(degree, resume.Education[0].Degree);
    }

    [Theory]
    [InlineData("Tools: MS Word, MS Project, MS SQL")]
    [InlineData("Baltimore, MD 21211")]
    [InlineData("I was AS good AS my word")]
    public void Capital_words_that_only_look_like_degrees_are_not_degrees(string line) =>
        Assert.Empty(ResumeParser.Parse($"Jo Smith\n{line}", Reference, TestContext.Current.CancellationToken).Education);

    [Fact]
    public void School_level_certificates_come_after_university_degrees()
    {
        var resume = ResumeParser.Parse("EDUCATION\nHSC, Delhi Public School, 2008\nB.Tech in IT, NIT Trichy, 2012", Reference, TestContext.Current.CancellationToken);

        Assert.Equal(["B.Tech in IT", "HSC"], resume.Education.Select(e => e.Degree));
    }

    [Fact]
    public void A_specialist_or_engineer_qualification_beside_a_school_counts_only_in_the_education_section()
    {
        var resume = ResumeParser.Parse("EDUCATION\nEngineer Ural State University of Economics\nSep 2003 - Aug 2009", Reference, TestContext.Current.CancellationToken);
        Assert.Equal("Engineer Ural State University of Economics", resume.Education[0].Degree);

        Assert.Empty(ResumeParser.Parse("SUMMARY\nEngineer at Ural State University", Reference, TestContext.Current.CancellationToken).Education);
    }

    [Fact]
    public void An_education_section_without_a_degree_falls_back_to_the_whole_resume()
    {
        var resume = ResumeParser.Parse("SUMMARY\nPossesses a B.S. in Marketing, and a love of data.\nEDUCATION\nUniversity of Minnesota", Reference, TestContext.Current.CancellationToken);

        Assert.Equal("B.S. in Marketing", resume.Education[0].Degree);
    }

    // ---- dates ----

    [Theory]
    [InlineData("Jan 2019 – Present", 2019, 1, null, null)]
    [InlineData("2019.03-至今", 2019, 3, null, null)]
    [InlineData("03/2019 - 06/2021", 2019, 3, 2021, 6)]
    [InlineData("Since 2018", 2018, 1, null, null)]
    [InlineData("Sept 2017 onwards", 2017, 9, null, null)]
    [InlineData("June 2014 September 2015", 2014, 6, 2015, 9)]
    [InlineData("4/2016 5/2022", 2016, 4, 2022, 5)]
    [InlineData("20162017", 2016, 1, 2017, 1)]
    [InlineData("Apr 2020Jun 2020", 2020, 4, 2020, 6)]
    [InlineData("2019 october - now", 2019, 10, null, null)]
    [InlineData("2012, November - 2014, May", 2012, 11, 2014, 5)]
    public void Date_range_formats_are_read(string text, int startYear, int startMonth, int? endYear, int? endMonth)
    {
        var range = Assert.Single(DateRanges.Find(text));

        Assert.Equal(new DateOnly(startYear, startMonth, 1), range.Start);
        Assert.Equal(endYear is null ? null : new DateOnly(endYear.Value, endMonth!.Value, 1), range.End);
        Assert.Equal(endYear is null, range.IsCurrent);
    }

    [Theory]
    [InlineData("Phone 1950 2020 extension")] // two years 70 apart with no dash are not a range
    [InlineData("From 2015 to 2012")]          // ends before it starts
    public void Year_pairs_that_cannot_be_a_job_are_not_ranges(string text) => Assert.Empty(DateRanges.Find(text));

    [Fact]
    public void Jobs_swallowed_by_a_skills_or_languages_section_are_still_found()
    {
        var resume = ResumeParser.Parse("Ann Lee\nLanguages\nEnglish, Hebrew\nFront End Team Lead\n2020 – Present AviaBit\nSenior developer\n2014 – 2020\nAviabit", Reference, TestContext.Current.CancellationToken);

        Assert.Equal(2, resume.WorkHistory.Count);
        Assert.True(resume.WorkHistory[0].IsCurrent);
    }

    // ---- stated years ----

    [Theory]
    [InlineData("Excellent closer, as shown by fifteen years of sales experience.", 15)]
    [InlineData("Almost 7 years as an art editor in a major magazine.", 7)]
    [InlineData("10+ years as a Teacher and five years as a consultant.", 10)]
    [InlineData("7 years of dedicated service working as a marketing manager", 7)]
    [InlineData("Years of Experience: 2 Years and 4 Months", 2.3)]
    [InlineData("have 6 years plus of extensive hands on experience of website development", 6)]
    [InlineData("Offering over 22 years of rich national & international experience", 22)]
    [InlineData("more than 5 years in the IT field", 5)]
    public void Stated_experience_is_read_in_words_and_through_the_role(string sentence, double years) =>
        Assert.Equal((decimal)years, ResumeParser.StatedYears(sentence));

    // ---- headings ----

    [Theory]
    [InlineData("WORK EXPERIENCE")]
    [InlineData("Professional Experience:")]
    [InlineData("EMPLOYMENT HISTORY:")]
    [InlineData("工作经历：")]
    public void Experience_headings_are_recognised_in_capitals_with_colons_and_in_chinese(string heading)
    {
        var resume = ResumeParser.Parse($"Ann Lee\n{heading}\nData Analyst, Acme\n2014 - 2019", Reference, TestContext.Current.CancellationToken);

        Assert.Contains(resume.Sections, s => s.Kind == ResumeSectionKind.Experience);
    }
}
