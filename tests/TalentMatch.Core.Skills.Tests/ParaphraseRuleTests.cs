namespace TalentMatch.Core.Skills.Tests;

/// <summary>
/// Taxonomy 1.8.0 (issue #23, sixth round): guideline 14 of docs/resume-gold-set.md (abilities and named practices count
/// in ads and resumes alike) and the paraphrase rules of docs/taxonomy.md ("Paraphrases by rule"). The forms are generated
/// here from each rule, not copied from the documents they were first seen in, so a form the rule implies and the
/// taxonomy lacks fails.
/// </summary>
public class ParaphraseRuleTests
{
    private static List<string> Ids(string text, ExtractionMode mode = ExtractionMode.JobDescription) =>
        SkillExtractor.Default.Extract(text, mode).Skills.Select(s => s.Id).ToList();

    private static readonly string[][] Fix = [["fix", "fixes", "fixing", "fixed"], ["resolve", "resolves", "resolving", "resolved"], ["correct", "corrects", "correcting", "corrected"]];
    private static readonly string[][] Gather = [["gather", "gathers", "gathering", "gathered"], ["collect", "collects", "collecting", "collected"], ["elicit", "elicits", "eliciting", "elicited"]];
    private static readonly string[][] Analyse = [["analyse", "analyses", "analysing", "analysed"], ["analyze", "analyzes", "analyzing", "analyzed"]];

    /// <summary>Rule P1: every inflection of the practice's verbs before every object it takes.</summary>
    public static TheoryData<string, string> VerbObjectForms()
    {
        var data = new TheoryData<string, string>();
        void Add(string[][] verbs, string[] objects, string id)
        {
            foreach (var verb in verbs.SelectMany(v => v))
            {
                foreach (var obj in objects)
                {
                    data.Add($"Responsible for the billing service: {verb} {obj} reported by customers.", id);
                }
            }
        }

        Add(Fix, ["bugs", "defects"], "debugging");
        Add(Gather, ["requirements", "business requirements"], "requirements-gathering");
        Add(Analyse, ["requirements", "business requirements", "business needs"], "business-analysis");
        Add([["review", "reviews", "reviewing", "reviewed"]], ["code"], "software-engineering");
        return data;
    }

    [Theory]
    [MemberData(nameof(VerbObjectForms))]
    public void A_practice_written_as_verb_and_object_is_the_practice(string text, string id)
    {
        Assert.Contains(id, Ids(text, ExtractionMode.Resume));
    }

    [Theory]
    [InlineData("Worked on bug fixing and bug fixes for the payment module", "debugging")]
    [InlineData("Defect fixing and defect resolution in production", "debugging")]
    [InlineData("Debug and provide solution for workflow issues", "debugging")]
    [InlineData("Requirements capture and analysis of requirements with the client", "requirements-gathering")]
    [InlineData("Requirements capture and analysis of requirements with the client", "business-analysis")]
    [InlineData("Peer code reviews and review of code before merging", "software-engineering")]
    [InlineData("Troubleshoot issues and recommend optimizations", "troubleshooting")]
    [InlineData("Knowledge of performance profiling", "performance-tuning")]
    [InlineData("Set up system monitoring and alerting for the cluster", "monitoring")]
    [InlineData("Integration across issue tracking and version control", "onet-issue-tracking-system-software")]
    [InlineData("Awareness of cloud micro-service deployment patterns", "microservices")]
    [InlineData("Good knowledge in SDLC and Agile", "sdlc")]
    [InlineData("Participate in all phases of the software development life cycle", "sdlc")]
    public void Practice_nouns_in_other_word_orders_are_the_practice(string text, string id)
    {
        Assert.Contains(id, Ids(text, ExtractionMode.Resume));
    }

    [Theory]
    [InlineData("Excellent communication and documentation skills", "communication")]
    [InlineData("Excellent communication and documentation skills", "technical-writing")]
    [InlineData("Ability to communicate effectively with customers", "communication")]
    [InlineData("Team skills and a solid knowledge of English", "teamwork")]
    [InlineData("Able to work in a team and under tight deadlines", "teamwork")]
    [InlineData("Ability to work under pressure", "stress-tolerance")]
    [InlineData("Ability to learn new technologies quickly", "learning-ability")]
    [InlineData("Sound judgement when trade-offs are unclear", "judgment")]
    public void English_abilities_are_named_as_abilities(string text, string id)
    {
        Assert.Contains(id, Ids(text));
    }

    [Theory]
    [InlineData("学习能力强，逻辑思维清晰", "learning-ability")]
    [InlineData("较强的自主学习能力", "learning-ability")]
    [InlineData("具备较强的学习和问题分析能力", "learning-ability")]
    [InlineData("极致判断力和执行力", "judgment")]
    [InlineData("极致判断力和执行力", "execution")]
    [InlineData("有一定的抗压能力", "stress-tolerance")]
    [InlineData("良好的团队精神和沟通协调能力", "teamwork")]
    [InlineData("良好的团队精神和沟通协调能力", "communication")]
    [InlineData("熟悉软件开发生命周期", "sdlc")]
    [InlineData("负责自然语言处理技术和语义分析方法的研究", "semantic-analysis")]
    [InlineData("丰富的软件代码调试经验", "debugging")]
    [InlineData("进行TTS新功能开发，代码维护，bug修复", "debugging")]
    [InlineData("撰写技术文档，记录提示词设计和优化过程", "technical-writing")]
    [InlineData("参与大数据产品的规划、需求分析和整体架构设计", "business-analysis")]
    [InlineData("负责云计算相关业务的问题定位与解决工作", "troubleshooting")]
    [InlineData("4、性能调优：对模型进行性能调优", "performance-tuning")]
    public void Chinese_abilities_and_practices_count_in_ads(string text, string id)
    {
        Assert.Contains(id, Ids(text));
    }

    [Theory]
    [InlineData("熟练使用PS、AI等设计软件", "onet-adobe-photoshop")]
    [InlineData("熟练使用PS、AI等设计软件", "onet-adobe-illustrator")]
    [InlineData("负责酒店页面的信息提取、实体提取等工作", "named-entity-recognition")]
    [InlineData("负责网页抓取与数据爬取系统的开发", "web-crawling")]
    [InlineData("负责竞品调研和竞争对手分析", "competitive-analysis")]
    [InlineData("运用语义理解及知识推理等相关技术", "knowledge-reasoning")]
    [InlineData("深度语义表示模型的研发", "embeddings")]
    [InlineData("熟悉语言模型、Maximumentropy/CRF、pLSA/LDA、word2vector", "conditional-random-fields")]
    [InlineData("熟悉语言模型、Maximumentropy/CRF、pLSA/LDA、word2vector", "topic-modeling")]
    [InlineData("熟悉语言模型、Maximumentropy/CRF、pLSA/LDA、word2vector", "word-embeddings")]
    [InlineData("熟悉Linux下脚本语言Shell、Awk、Python", "shell-scripting")]
    [InlineData("熟练操作EXCEL等图表制作工具", "data-visualization")]
    [InlineData("将繁杂的用户行为数据、用户细分梳理为产品形态", "customer-segmentation")]
    [InlineData("运用大数据分析，精准分析用户行为", "user-behavior-analysis")]
    [InlineData("基于分布式平台的业务数据分析", "distributed-systems")]
    [InlineData("具备英文阅读能力和英文写作能力", "english-proficiency")]
    public void Chinese_ad_forms_written_by_rule_are_found(string text, string id)
    {
        Assert.Contains(id, Ids(text));
    }

    [Theory]
    [InlineData("具备机器学习能力和深度学习能力", "learning-ability")]
    [InlineData("通过专业的prompt调试与优化手段打造智能体", "debugging")]
    [InlineData("协助公司为客户提供组装调试等技术支持", "debugging")]
    [InlineData("推出智能客服、智能外呼、智能质检等产品", "quality-control")]
    [InlineData("能与业务分析团队、研发团队紧密合作", "business-analysis")]
    [InlineData("机械臂抓取与操作算法研发", "web-crawling")]
    [InlineData("Work as a team member of the platform team", "teamwork")]
    [InlineData("Renewed and optimized UI and UX of the portal", "ux-design")]
    [InlineData("Collaborate with UX designers on the look and feel", "ux-design")]
    [InlineData("Query execution plans and the court's judgment", "execution")]
    [InlineData("Query execution plans and the court's judgment", "judgment")]
    [InlineData("熟悉AI、大数据、云计算等前沿技术", "onet-adobe-illustrator")]
    [InlineData("PS：本岗位需要出差", "onet-adobe-photoshop")]
    [InlineData("a data startup scraping 50m pages a week", "web-crawling")]
    public void Other_senses_of_the_new_forms_are_not_the_skill(string text, string id)
    {
        Assert.DoesNotContain(id, Ids(text));
    }

    [Fact]
    public void Every_chinese_form_with_one_verb_for_extract_has_its_twin_with_the_other()
    {
        var forms = SkillTaxonomy.LoadDefault().Skills
            .SelectMany(s => s.Aliases.Append(s.ChineseName).Select(form => (s.Id, Form: form)))
            .ToHashSet();
        var missing = forms
            .Where(f => f.Form.Contains("抽取", StringComparison.Ordinal) || f.Form.Contains("提取", StringComparison.Ordinal))
            .Select(f => (f.Id, Twin: f.Form.Contains("抽取", StringComparison.Ordinal) ? f.Form.Replace("抽取", "提取", StringComparison.Ordinal) : f.Form.Replace("提取", "抽取", StringComparison.Ordinal)))
            .Where(twin => !forms.Contains(twin))
            .ToList();

        Assert.Empty(missing);
    }
}
