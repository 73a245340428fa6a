namespace TalentMatch.Core.Skills.Tests;

/// <summary>
/// Taxonomy 1.4.0 (issue #23, second round): what the resume gold set's dev split and the old test split's errors
/// showed missing. Accents and their mojibake, names resumes write apart or without their vendor, and concepts the
/// taxonomy lacked (project management, IoT, blockchain, ARIMA, PKI, …), each with the forms the documents used.
/// </summary>
public class UnseenDocumentTests
{
    private static List<string> Ids(string text, ExtractionMode mode = ExtractionMode.Resume) =>
        SkillExtractor.Default.Extract(text, mode).Skills.Select(s => s.Id).ToList();

    [Theory]
    [InlineData("Machine learning: SVM, Naïve Bayes, KNN")]
    [InlineData("Machine learning: SVM, NaÃ¯ve Bayes, KNN")]
    [InlineData("MACHINE LEARNING: NAÏVE BAYES")]
    public void An_accented_letter_and_its_utf8_mojibake_match_the_plain_alias(string text)
    {
        Assert.Contains("bayesian-methods", Ids(text));
    }

    [Fact]
    public void Evidence_of_a_mojibake_mention_points_at_the_original_characters()
    {
        const string text = "Models: NaÃ¯ve Bayes";
        var skill = SkillExtractor.Default.Extract(text, ExtractionMode.Resume).Skills.Single(s => s.Id == "bayesian-methods");

        var evidence = skill.Evidence[0];
        Assert.Equal("NaÃ¯ve Bayes", text[evidence.Start..evidence.End]);
    }

    [Theory]
    [InlineData("Python packages: Pandas, Tensor Flow, Numpy", "tensorflow")]
    [InlineData("Hadoop Tools: HDFS, Sqoop, Hive, Hbase", "onet-apache-hbase")]
    [InlineData("Languages: SQL, PL/SQL, Java", "onet-oracle-pl-sql")]
    [InlineData("Vader and text blob for sentiment analysis", "sentiment-lexicons")]
    [InlineData("predictive analysis and mining of text data", "predictive-modeling")]
    [InlineData("Leadership qualities, team networking", "leadership")]
    [InlineData("熟练掌握Axure、墨刀等原型设计工具，以及Visio等工具", "onet-axure-rp")]
    [InlineData("熟练掌握Axure、墨刀等原型设计工具，以及Visio等工具", "onet-microsoft-visio")]
    [InlineData("熟练使用office、CAD绘图等软件", "onet-computer-aided-design-cad-software")]
    [InlineData("参与基于Spark的流式处理框架开发", "apache-flink")]
    public void Names_written_apart_or_without_their_vendor_are_found(string text, string id)
    {
        Assert.Contains(id, Ids(text));
    }

    [Fact]
    public void HBase_and_PL_SQL_are_their_own_products_not_the_broader_nodes_that_held_their_names()
    {
        var ids = Ids("Worked on HBase; wrote PL/SQL packages");

        Assert.Contains("onet-apache-hbase", ids);
        Assert.Contains("onet-oracle-pl-sql", ids);
        Assert.DoesNotContain("hadoop", ids);
        Assert.DoesNotContain("sql", ids);
    }

    [Theory]
    [InlineData("Strong project management and stakeholder skills", "project-management")]
    [InlineData("负责项目管理与进度把控", "project-management")]
    [InlineData("熟悉Linux内核，有驱动开发经验", "linux-kernel")]
    [InlineData("熟悉Linux内核，有驱动开发经验", "device-drivers")]
    [InlineData("Sensors and IoT devices", "iot")]
    [InlineData("Blockchain developer writing smart contracts on Ethereum", "smart-contracts")]
    [InlineData("Forecasting with ARIMA and exponential smoothing", "arima")]
    [InlineData("Forecasting with ARIMA and exponential smoothing", "exponential-smoothing")]
    [InlineData("Knowledge of PKI, SSL/TLS and Kerberos", "pki")]
    [InlineData("Knowledge of PKI, SSL/TLS and Kerberos", "ssl-tls")]
    [InlineData("Knowledge of PKI, SSL/TLS and Kerberos", "kerberos")]
    [InlineData("基于Spark、Storm、Flink的实时计算", "apache-storm")]
    [InlineData("Web scraping with Beautiful Soup", "beautiful-soup")]
    [InlineData("Tests with Jest and Enzyme for React components", "jest")]
    [InlineData("负责UI设计与原型设计", "ui-design")]
    [InlineData("SEO and content marketing", "seo")]
    [InlineData("Business analysis and requirements analysis for ERP", "business-analysis")]
    public void Concepts_added_in_1_4_0_are_found(string text, string id)
    {
        Assert.Contains(id, Ids(text, ExtractionMode.JobDescription));
    }

    [Theory]
    [InlineData("The Storm Troopers of sales", "apache-storm")]
    [InlineData("Darth Vader fan club", "sentiment-lexicons")]
    [InlineData("She is a Chef at a hotel", "chef")]
    [InlineData("Please read this as a jest", "jest")]
    [InlineData("Our SEO is Mark", "seo")]
    public void Ambiguous_new_names_need_their_context(string text, string id)
    {
        Assert.DoesNotContain(id, Ids(text, ExtractionMode.JobDescription));
    }

    [Theory]
    [InlineData("熟练使用office（word、excel、PPT）等软件", "microsoft-excel")]
    [InlineData("熟练使用office（word、excel、PPT）等软件", "onet-microsoft-word")]
    public void A_lower_case_product_name_in_chinese_text_is_the_product(string text, string id)
    {
        Assert.Contains(id, Ids(text, ExtractionMode.JobDescription));
    }

    [Theory]
    [InlineData("I excel at teamwork and word choice", "microsoft-excel")]
    [InlineData("熟悉c端产品设计", "c-lang")]
    [InlineData("业务分析团队、研发团队紧密合作", "business-analysis")]
    [InlineData("公司业务：3D打印、CNC加工", "3d-printing")]
    public void Lower_case_words_and_chinese_business_phrases_stay_unread(string text, string id)
    {
        Assert.DoesNotContain(id, Ids(text, ExtractionMode.JobDescription));
    }
}
