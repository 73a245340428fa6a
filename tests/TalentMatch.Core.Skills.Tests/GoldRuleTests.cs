namespace TalentMatch.Core.Skills.Tests;

/// <summary>
/// Taxonomy 1.5.0 (issue #23, third round): the gold rules that the two gold sets now share (docs/resume-gold-set.md,
/// rules 9 and 10), the known faults of 1.4.0 (运维 read as DevOps, "My SQL" as SQL), list labels in skills tables, and
/// the concepts that the non-blind splits named as `missing` at least twice.
/// </summary>
public class GoldRuleTests
{
    private static List<string> Ids(string text, ExtractionMode mode = ExtractionMode.JobDescription) =>
        SkillExtractor.Default.Extract(text, mode).Skills.Select(s => s.Id).ToList();

    [Theory]
    [InlineData("4.负责处理系统的运维，保证系统的高可用性和稳定性")]
    [InlineData("5年以上的数据管理与数据运维经验")]
    public void Operations_work_is_not_devops(string text)
    {
        Assert.DoesNotContain("devops", Ids(text));
    }

    [Theory]
    [InlineData("有运维开发经验者优先")]
    [InlineData("Experience with DevOps and SRE practices")]
    public void Devops_is_still_found_by_its_own_names(string text)
    {
        Assert.Contains("devops", Ids(text));
    }

    [Theory]
    [InlineData("Databases: Oracle (PL-SQL), MY-SQL, IBM DB2")]
    [InlineData("Worked on My SQL 5.7 and Oracle")]
    public void My_sql_written_apart_is_mysql_not_sql(string text)
    {
        var ids = Ids(text, ExtractionMode.Resume);

        Assert.Contains("mysql", ids);
        Assert.DoesNotContain("sql", ids);
    }

    [Theory]
    [InlineData("任职要求：\n熟悉Python\n公司介绍\n我们专注于大数据与云计算，旗下有智能客服产品")]
    [InlineData("Requirements:\n- Python\nAbout us\nWe build big data and cloud computing tools for retailers.")]
    [InlineData("要求：熟悉Python\n福利待遇\n提供云计算与大数据方向的免费培训")]
    public void Nothing_under_the_company_introduction_or_benefits_is_a_skill_of_the_job(string text)
    {
        var ids = Ids(text);

        Assert.Contains("python", ids);
        Assert.DoesNotContain("big-data", ids);
        Assert.DoesNotContain("cloud-computing", ids);
    }

    [Fact]
    public void A_resume_has_no_company_section()
    {
        Assert.Contains("cloud-computing", Ids("About us\nI build cloud computing platforms", ExtractionMode.Resume));
    }

    [Fact]
    public void A_job_heading_in_a_run_on_line_ends_the_benefits_section()
    {
        var ids = Ids("职位诱惑：------------初创团队氛围,弹性工作制岗位职责：------------1.读者运营：统计分析数据用作内容创作方向参考。");

        Assert.Contains("statistics", ids);
    }

    [Theory]
    [InlineData("Databases: MySQL, Oracle", "databases", ExtractionMode.Resume)]
    [InlineData("DataBases: SQLite, MySQL, MongoDB", "databases", ExtractionMode.Resume)]
    [InlineData("Programming Languages :C/C++, angular, java", "programming-languages", ExtractionMode.Resume)]
    [InlineData("Languages Python Python Framework Django Databases MySQL, Oracle, Sqlite", "databases", ExtractionMode.Resume)]
    [InlineData("Database: SQL Server 2014", "databases", ExtractionMode.JobDescription)]
    public void A_broad_node_that_labels_a_list_is_not_a_skill_of_its_own(string text, string label, ExtractionMode mode)
    {
        Assert.DoesNotContain(label, Ids(text, mode));
    }

    [Theory]
    [InlineData("Experience with SQL databases such as MySQL", "databases", ExtractionMode.JobDescription)]
    [InlineData("Scripting Languages: Javascript, Python Databases: Oracle", "python", ExtractionMode.Resume)]
    [InlineData("Strong knowledge of databases and Python", "databases", ExtractionMode.Resume)]
    [InlineData("Computer Vision: OpenCV, YOLO", "computer-vision", ExtractionMode.Resume)]
    public void A_broad_node_in_a_sentence_or_before_a_stranger_stays_a_skill(string text, string id, ExtractionMode mode)
    {
        Assert.Contains(id, Ids(text, mode));
    }

    [Theory]
    [InlineData("5.负责日常桌面运维和IT固定资产维护", "desktop-support")]
    [InlineData("桌面终端的硬件维护", "hardware-maintenance")]
    [InlineData("Skills: Functional Testing, Manual Testing", "manual-testing")]
    [InlineData("实施单元测试、集成测试、系统测试等", "integration-testing")]
    [InlineData("Experience with file systems, VFS, and OS internals", "file-systems")]
    [InlineData("You'll blend full-stack engineering with product work", "full-stack-development")]
    [InlineData("2.根据市场指定营销计划；3.开拓新市场", "marketing")]
    [InlineData("Sales and Marketing, CRM", "marketing")]
    [InlineData("2年以上数据管理或应用开发经验", "data-management")]
    public void Concepts_the_splits_named_missing_twice_are_found(string text, string id)
    {
        Assert.Contains(id, Ids(text));
    }

    [Theory]
    [InlineData("Join our Marketing team in Austin")]
    [InlineData("84.51° Loyalty Marketing and our retail media advertising solution")]
    public void Marketing_as_a_department_or_product_name_is_not_the_skill(string text)
    {
        Assert.DoesNotContain("marketing", Ids(text));
    }
}
