namespace TalentMatch.Core.Skills.Tests;

/// <summary>
/// The 1.2.0 rules: non-skill phrases that block a shorter alias, activity words before a soft skill, "modifier 的 head",
/// bare Chinese words confirmed by context, and products in sentences about the employer's own products or partners.
/// </summary>
public class ExtractionRulesTests
{
    private static List<string> Ids(string text) => SkillExtractor.Default.Extract(text).Skills.Select(s => s.Id).ToList();

    [Theory]
    [InlineData("熟悉主流的Bert/GPT等预训练模型，有文本分类经验")]
    [InlineData("具备文本预训练模型在垂直领域的应用和调优经验")]
    public void A_pretrained_model_is_not_the_pretraining_skill(string text)
    {
        Assert.DoesNotContain("pretraining", Ids(text));
    }

    [Theory]
    [InlineData("负责领域预训练、指令微调")]
    [InlineData("NLP、LLM、预训练、机器学习")]
    public void Pretraining_itself_is_still_found(string text)
    {
        Assert.Contains("pretraining", Ids(text));
    }

    [Theory]
    [InlineData("跨团队合作：与产品、工程等团队密切合作")]
    [InlineData("与其他团队合作，将大模型集成到产品中")]
    [InlineData("与跨部门团队协作，包括产品、测试等")]
    public void Working_with_other_teams_is_an_activity_not_teamwork(string text)
    {
        Assert.DoesNotContain("teamwork", Ids(text));
    }

    [Theory]
    [InlineData("具备跨团队合作能力")]
    [InlineData("良好的沟通与团队合作能力")]
    [InlineData("有良好的团队合作意识")]
    [InlineData("Able to work independently and as part of a team")]
    public void Teamwork_named_as_an_ability_is_found(string text)
    {
        Assert.Contains("teamwork", Ids(text));
    }

    [Fact]
    public void A_modifier_and_its_heads_may_be_separated_by_de()
    {
        var ids = Ids("3、负责大模型的训练与推理工作");
        Assert.Contains("llm-training", ids);
        Assert.Contains("llm-serving", ids);

        ids = Ids("负责模型的开发，评估，部署，监控优化工作");
        Assert.Contains("model-evaluation", ids);
        Assert.Contains("model-deployment", ids);
    }

    [Theory]
    [InlineData("模型的训练数据")]      // 模型训练 is no alias (a generic activity)
    [InlineData("提升大模型的效果")]    // 效果 is no head noun
    public void De_with_no_known_form_adds_nothing(string text)
    {
        Assert.DoesNotContain("llm-training", Ids(text));
        Assert.DoesNotContain("model-evaluation", Ids(text));
    }

    [Fact]
    public void Bare_search_dialogue_and_qa_count_in_a_skill_list_or_with_a_cue()
    {
        var ids = Ids("方向很多：NLP、机器学习、对话、搜索、多模态");
        Assert.Contains("dialogue-systems", ids);
        Assert.Contains("search-ranking", ids);

        Assert.Contains("search-ranking", Ids("1.负责搜索QP核心模块研发"));
        Assert.Contains("question-answering", Ids("研究方向包括对话和问答、多模态语义理解"));
    }

    [Theory]
    [InlineData("在搜索框中输入关键词即可", "search-ranking")]
    [InlineData("点击弹出的对话框确认", "dialogue-systems")]
    [InlineData("良好的对话及共情能力", "dialogue-systems")]
    [InlineData("欢迎在社区问答区留言", "question-answering")]
    public void Bare_words_without_context_are_not_skills(string text, string id)
    {
        Assert.DoesNotContain(id, Ids(text));
    }

    [Theory]
    [InlineData("字节跳动在全球推出了多款有影响力的产品，包括今日头条、抖音、TikTok等。", "onet-tiktok")]
    [InlineData("同时我们也是阿里云生态合作伙伴，核心团队来自华为。", "alibaba-cloud")]
    public void Products_in_a_sentence_about_the_employers_products_or_partners_are_not_skills(string text, string id)
    {
        Assert.DoesNotContain(id, Ids(text));
    }

    [Fact]
    public void Products_elsewhere_and_concepts_near_partner_words_are_kept()
    {
        Assert.Contains("alibaba-cloud", Ids("熟悉阿里云、AWS等云平台。我们是华为合作伙伴。"));
        Assert.Contains("cloud-computing", Ids("参与了多个大型云平台的建设，是华为金牌合作伙伴。"));
    }

    [Theory]
    [InlineData("广泛应用人工智能产品，如智能机器人和智能质检")]
    [InlineData("搭载不同的硬件，如一体机、VR头盔、智能眼镜、机器人、玩偶")]
    public void A_robot_product_is_not_robotics(string text)
    {
        Assert.DoesNotContain("robotics", Ids(text));
    }

    [Fact]
    public void Robots_with_robotics_context_are_robotics()
    {
        Assert.Contains("robotics", Ids("负责机器人运动控制与机械臂抓取算法"));
    }

    [Fact]
    public void Eda_means_exploratory_data_analysis_only_near_data_words()
    {
        Assert.DoesNotContain("data-analysis", Ids("为客户提供 EDA/CAM 工业软件、PCB智造"));
        Assert.Contains("data-analysis", Ids("Perform EDA on large datasets with pandas"));
    }
}
