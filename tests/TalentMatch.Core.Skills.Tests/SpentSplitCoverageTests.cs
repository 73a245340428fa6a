namespace TalentMatch.Core.Skills.Tests;

/// <summary>
/// Taxonomy 1.7.0 (issue #23, fifth round): nodes for the `missing` names of the spent splits (docs/taxonomy.md, "Nodes
/// from the gold sets' missing names"), the known gaps of 1.6.0, and bracketed headings in Chinese ads.
/// </summary>
public class SpentSplitCoverageTests
{
    private static List<string> Ids(string text, ExtractionMode mode = ExtractionMode.JobDescription) =>
        SkillExtractor.Default.Extract(text, mode).Skills.Select(s => s.Id).ToList();

    [Theory]
    [InlineData("Tools: Mockito, Awaitility, Project Lombok, DBeaver", "mockito")]
    [InlineData("Tested with black box testing, regression testing and smoke testing", "regression-testing")]
    [InlineData("Skills: Test Automation, Selenium", "test-automation")]
    [InlineData("熟悉自动化测试和性能测试", "test-automation")]
    [InlineData("Worked on Java Collections and the Java Stream API", "java-stream-api")]
    [InlineData("Deployed to Heroku and Cloud Foundry", "heroku")]
    [InlineData("Strong knowledge of TCP/IP and socket programming", "tcp-ip")]
    [InlineData("熟悉信号处理、模式识别等基础知识", "signal-processing")]
    [InlineData("熟悉信号处理、模式识别等基础知识", "pattern-recognition")]
    [InlineData("负责专利申请与知识产权保护", "patent-application")]
    [InlineData("Frameworks: Blazor, WPF, ASP.NET Web API", "wpf")]
    [InlineData("熟悉条件随机场、HMM等序列标注模型", "conditional-random-fields")]
    [InlineData("有RAG、rerank和Text2SQL项目经验", "reranking")]
    [InlineData("熟悉ComfyUI工作流搭建", "comfyui")]
    public void Concepts_the_spent_splits_named_missing_are_found(string text, string id)
    {
        Assert.Contains(id, Ids(text, ExtractionMode.Resume));
    }

    [Theory]
    [InlineData("Hibernate, ORM, JPA", "object-relational-mapping")]
    [InlineData("Spring Boot, H2, JUnit", "h2-database")]
    [InlineData("Power BI dashboards with DAX measures", "dax")]
    [InlineData("C++, STL, Boost", "stl")]
    [InlineData("Salesforce, Apex, Visualforce", "salesforce-apex")]
    [InlineData("熟悉ARM、DSP等嵌入式平台", "arm-architecture")]
    [InlineData("Sales Force Developer with APEX.", "salesforce-apex")]
    [InlineData("Tools: R Studio, Jupyter, GIT, Sublime, MATLAB", "sublime-text")]
    [InlineData("Basics of C, CPP, Java. Basics of Networking. Basics command of Linux", "computer-networking")]
    [InlineData("Competent with developing multithreaded scalable concurrent applications", "multithreading")]
    [InlineData("Experienced in using SmartSVN, TortoiseSVN, DB Visualiser.", "dbvisualizer")]
    public void Short_forms_count_in_their_context(string text, string id)
    {
        Assert.Contains(id, Ids(text, ExtractionMode.Resume));
    }

    [Theory]
    [InlineData("Revenue grew 20% in H2 2024", "h2-database")]
    [InlineData("The apex of our product line", "salesforce-apex")]
    [InlineData("Join our Sales team in Austin", "sales")]
    [InlineData("Great for Networking with other founders", "computer-networking")]
    [InlineData("A sublime view over the harbour", "sublime-text")]
    [InlineData("Our DAX-listed parent company", "dax")]
    [InlineData("We value data-driven decision making", "decision-making")]
    [InlineData("公司自研项目，打造鸿蒙数字化教育平台", "harmonyos")]
    [InlineData("有大数据架构、开发经验者优先", "data-architecture")]
    public void Ordinary_words_and_generic_chinese_activities_are_not_the_new_skills(string text, string id)
    {
        Assert.DoesNotContain(id, Ids(text));
    }

    [Theory]
    [InlineData("Skills: React, Redux, TypeScript", "onet-react-redux")]
    [InlineData("Automated reports with Visual Basic for Applications", "onet-microsoft-visual-basic-for-applications-vba")]
    [InlineData("Excel VBA macros for month-end reporting", "onet-microsoft-visual-basic-for-applications-vba")]
    [InlineData("A good communicator and team player", "communication")]
    [InlineData("性格开朗，善于交流", "communication")]
    [InlineData("熟悉多传感器数据处理与传感器融合算法", "3d-vision")]
    [InlineData("搭建自动驾驶仿真环境", "simulation")]
    public void The_known_gaps_of_1_6_0_are_found(string text, string id)
    {
        Assert.Contains(id, Ids(text, ExtractionMode.Resume));
    }

    [Theory]
    [InlineData("Excellent understanding of usability, reliability and exploratory testing.", "usability-testing")]
    [InlineData("Excellent understanding of usability, reliability and exploratory testing.", "reliability-testing")]
    [InlineData("Excellent knowledge of Globalization and Compatibility Testing.", "globalization-testing")]
    [InlineData("CORPORATE TRAINING in Manual and Automation Testing", "manual-testing")]
    [InlineData("Regression/Smoke Testing", "regression-testing")]
    public void An_english_list_that_writes_the_head_word_once_counts_item_by_item(string text, string id)
    {
        Assert.Contains(id, Ids(text, ExtractionMode.Resume));
    }

    [Theory]
    [InlineData("Python and machine learning", "python-learning")]
    [InlineData("Hands-on with data and white box testing", "data-testing")]
    public void An_item_that_makes_no_alias_with_the_head_adds_nothing(string text, string id)
    {
        var ids = Ids(text, ExtractionMode.Resume);

        Assert.DoesNotContain(id, ids);
        Assert.True(ids.Count <= 2, string.Join(", ", ids));
    }

    [Fact]
    public void Acronyms_written_together_are_read_one_by_one()
    {
        var ids = Ids("RNNLSTMCNN等深度学习模型，及其应用于NLP或speech的相关经验");

        Assert.Contains("rnn", ids);
        Assert.Contains("cnn", ids);
    }

    [Theory]
    [InlineData("rnnlstmcnn等深度学习模型")]   // not in capitals
    [InlineData("SCALABLE and RESTFUL services")] // an alias inside a word is no tiling
    public void Words_that_are_not_acronyms_in_capitals_stay_unread(string text)
    {
        var ids = Ids(text);

        Assert.DoesNotContain("cnn", ids);
        Assert.DoesNotContain("scala", ids);
    }

    [Theory]
    [InlineData("Work readiness training conducted by NASSCOM foundation and Global Talent Track")] // test2 resume line 109
    [InlineData("Employability training by Barclays and NASSCOM Foundation in 2015")]
    [InlineData("获得NASSCOM协会认证")]
    public void The_name_of_a_body_in_capitals_is_not_read_as_acronyms(string text)
    {
        // NASSCOM is tiled exactly by NAS and SCOM, two acronyms of the taxonomy; the noun after it makes it a name.
        var ids = Ids(text, ExtractionMode.Resume);

        Assert.DoesNotContain("scom", ids);
        Assert.DoesNotContain("onet-network-addressable-storage-nas-software", ids);
    }

    [Theory]
    [InlineData("Monitoring OS level alerts using SCOM", "scom")]
    [InlineData("Tools: NAS, SCOM, SCCM", "scom")]
    [InlineData("Worked with RNNLSTMCNN models for speech", "cnn")] // a run of acronyms before an ordinary word
    public void Acronyms_are_still_read_where_no_body_is_named(string text, string id)
    {
        Assert.Contains(id, Ids(text, ExtractionMode.Resume));
    }

    [Fact]
    public void A_long_word_of_capitals_is_read_in_bounded_time()
    {
        var result = SkillExtractor.Default.Extract(string.Concat(Enumerable.Repeat("CNNRNN", 20_000)) + " Python");

        Assert.Contains("python", result.Skills.Select(s => s.Id));
    }

    [Fact]
    public void Visual_basic_for_applications_is_not_visual_basic()
    {
        Assert.DoesNotContain("onet-microsoft-visual-basic", Ids("Automated reports with Visual Basic for Applications", ExtractionMode.Resume));
    }

    [Fact]
    public void Sass_written_among_statistics_tools_is_not_sas()
    {
        Assert.DoesNotContain("onet-sas", Ids("3、精通SPSS/SASS/Python/R等统计工具之一"));
    }

    [Fact]
    public void A_bracketed_group_introduction_is_a_company_section()
    {
        var ids = Ids("【集团简介】维正是一家基于大数据与人工智能技术的平台型企业服务机构\n【你的工作】1、熟悉Python");

        Assert.Contains("python", ids);
        Assert.DoesNotContain("big-data", ids);
        Assert.DoesNotContain("artificial-intelligence", ids);
    }

    [Fact]
    public void A_bracketed_heading_in_a_run_on_line_ends_the_company_section()
    {
        var ids = Ids("公司简介\n我们专注于云计算。所有岗位均从内部提拔产生：专员→组长……【你的工作】1、负责大数据平台开发");

        Assert.Contains("big-data", ids);
        Assert.DoesNotContain("cloud-computing", ids);
    }

    [Theory]
    [InlineData("公司介绍\n【我们是家怎样的公司】通过智能化云计算平台服务全球用户")]
    [InlineData("任职要求：熟悉Python\n【成为我们的一员，你将获得】云计算方向的免费培训")]
    public void A_bracketed_heading_about_the_employer_keeps_or_opens_the_company_section(string text)
    {
        Assert.DoesNotContain("cloud-computing", Ids(text));
    }
}
