namespace TalentMatch.Core.Skills.Matching;

internal enum Section
{
    None,
    Responsibilities,
    Requirements,
    Preferred,

    /// <summary>About the employer or what it offers (公司介绍, 福利, about us, benefits): asks for nothing.</summary>
    Company,
}

/// <summary>
/// Words around a skill mention that say how a job ad wants it (required / preferred), how well a resume
/// claims it (了解 … 精通), and section headings. All are matched by the same automaton as the aliases.
/// Lists are in folded form (lower case; dashes read as spaces).
/// </summary>
internal static class Cues
{
    /// <summary>"Nice to have" wording: the sentence's skills are preferred, not required.</summary>
    public static readonly string[] Preferred =
    [
        "优先", "加分", "更佳", "最好", "为佳", "者优先", "优先考虑", "是加分项", "加分项",
        "a plus", "is a plus", "big plus", "huge plus", "strong plus", "nice to have", "nice to haves", "bonus",
        "preferred", "desirable", "desired", "ideally", "advantageous", "an advantage", "is an asset", "would be great",
        "not required", "optional",
    ];

    /// <summary>Wording that makes a sentence a requirement.</summary>
    public static readonly string[] Required =
    [
        "要求", "必须", "具备", "具有", "需要", "需具备", "扎实", "能够", "熟练运用",
        "must", "required", "requirement", "requirements", "experience with", "experience in", "experience using",
        "experience building", "knowledge of", "understanding of", "proven", "ability to", "you have", "you bring",
        "years of", "background in", "degree in",
    ];

    /// <summary>Proficiency cue words, strongest meaning last so that longer phrases can refine shorter ones.</summary>
    public static readonly (string Cue, Proficiency Level)[] ProficiencyCues =
    [
        ("了解", Proficiency.Basic), ("接触过", Proficiency.Basic), ("有接触", Proficiency.Basic), ("exposure to", Proficiency.Basic),
        ("basic knowledge", Proficiency.Basic), ("basic understanding", Proficiency.Basic), ("awareness of", Proficiency.Basic),
        ("熟悉", Proficiency.Familiar), ("familiar", Proficiency.Familiar), ("familiarity", Proficiency.Familiar),
        ("working knowledge", Proficiency.Familiar), ("experience with", Proficiency.Familiar), ("experience in", Proficiency.Familiar),
        ("熟练", Proficiency.Proficient), ("熟练掌握", Proficiency.Proficient), ("掌握", Proficiency.Proficient), ("熟练使用", Proficiency.Proficient),
        ("proficient", Proficiency.Proficient), ("proficiency", Proficiency.Proficient), ("strong", Proficiency.Proficient),
        ("solid", Proficiency.Proficient), ("hands on", Proficiency.Proficient), ("fluent", Proficiency.Proficient), ("扎实", Proficiency.Proficient),
        ("精通", Proficiency.Expert), ("expert", Proficiency.Expert), ("expertise", Proficiency.Expert), ("mastery", Proficiency.Expert),
        ("deep understanding", Proficiency.Expert), ("deep knowledge", Proficiency.Expert), ("in depth", Proficiency.Expert),
        ("深入理解", Proficiency.Expert), ("深刻理解", Proficiency.Expert), ("深入了解", Proficiency.Expert), ("深厚", Proficiency.Expert),
    ];

    /// <summary>Section headings; a heading counts when it stands on a short line or is followed by a colon.</summary>
    public static readonly (string Cue, Section Section)[] Headings =
    [
        ("responsibilities", Section.Responsibilities), ("what you'll do", Section.Responsibilities),
        ("what you will do", Section.Responsibilities), ("about the role", Section.Responsibilities),
        ("job description", Section.Responsibilities), ("about the job", Section.Responsibilities), ("the role", Section.Responsibilities),
        ("岗位职责", Section.Responsibilities), ("工作职责", Section.Responsibilities), ("职位描述", Section.Responsibilities),
        ("工作内容", Section.Responsibilities), ("职位职责", Section.Responsibilities), ("岗位描述", Section.Responsibilities),
        ("about us", Section.Company), ("about the company", Section.Company), ("who we are", Section.Company),
        ("company overview", Section.Company), ("company description", Section.Company), ("benefits", Section.Company),
        ("what we offer", Section.Company), ("perks", Section.Company), ("perks and benefits", Section.Company),
        ("公司介绍", Section.Company), ("公司简介", Section.Company), ("关于我们", Section.Company), ("企业介绍", Section.Company),
        ("企业简介", Section.Company), ("公司福利", Section.Company), ("福利待遇", Section.Company), ("职位福利", Section.Company),
        ("福利", Section.Company), ("职位诱惑", Section.Company), ("我们提供", Section.Company),
        ("集团简介", Section.Company), ("集团介绍", Section.Company), ("品牌介绍", Section.Company),
        ("requirements", Section.Requirements), ("qualifications", Section.Requirements), ("basic qualifications", Section.Requirements),
        ("minimum qualifications", Section.Requirements), ("required qualifications", Section.Requirements),
        ("what you bring", Section.Requirements), ("what you'll bring", Section.Requirements), ("who you are", Section.Requirements),
        ("what we're looking for", Section.Requirements), ("what we are looking for", Section.Requirements),
        ("must have", Section.Requirements), ("must haves", Section.Requirements), ("required skills", Section.Requirements),
        ("任职要求", Section.Requirements), ("职位要求", Section.Requirements), ("岗位要求", Section.Requirements),
        ("任职资格", Section.Requirements), ("职位资格", Section.Requirements), ("技能要求", Section.Requirements),
        ("任职条件", Section.Requirements), ("我们希望你", Section.Requirements), ("要求", Section.Requirements),
        ("preferred qualifications", Section.Preferred), ("nice to have", Section.Preferred), ("nice to haves", Section.Preferred),
        ("bonus points", Section.Preferred), ("preferred skills", Section.Preferred), ("pluses", Section.Preferred),
        ("additional qualifications", Section.Preferred), ("preferred experience", Section.Preferred),
        ("加分项", Section.Preferred), ("优先条件", Section.Preferred), ("加分条件", Section.Preferred),
    ];

    /// <summary>
    /// Words that make a bracketed heading with no known cue ("【我们是家怎样的公司】", "【成为我们的一员，你将获得】") a
    /// heading about the employer or what it offers.
    /// </summary>
    public static readonly string[] EmployerHeadingWords = ["公司", "我们", "集团", "企业", "福利", "待遇"];

    /// <summary>Words allowed between two skills of one list ("PyTorch, TensorFlow and JAX", "Python、R 或 Go").</summary>
    public static readonly string[] ListWords = ["and", "or", "和", "与", "及", "或", "以及", "或者", "etc", "等", "including", "e.g", "如"];

    /// <summary>
    /// Words that make a sentence about the employer's own products or partners ("旗下产品", "生态合作伙伴"); product
    /// nodes named in such a sentence are not skills.
    /// </summary>
    public static readonly string[] EmployerProducts =
    [
        "旗下", "推出了", "产品包括", "产品有", "合作伙伴", "生态伙伴", "战略合作", "our products include", "partner of", "partnership with",
    ];

    /// <summary>
    /// Activity head nouns that may follow 的 after a modifier: "大模型的训练与推理" is 大模型训练 and 大模型推理. Only a head
    /// whose form without 的 is a known alias yields a skill.
    /// </summary>
    public static readonly string[] ModifierHeads =
    [
        "训练", "推理", "部署", "评测", "评估", "微调", "压缩", "量化", "加速", "优化", "开发",
    ];

    /// <summary>
    /// Nouns that name a body after its name ("NASSCOM foundation", "AICTE council", "XX协会"): an all-capitals word right
    /// before one is that body's name, not acronyms run together (<see cref="AliasScanner"/>). Read after the word, in
    /// folded form; not part of the automaton.
    /// </summary>
    public static readonly string[] OrganisationNouns =
    [
        "foundation", "institute", "institution", "association", "council", "society", "federation", "academy",
        "university", "college", "school", "ltd", "limited", "inc", "corp", "corporation", "company", "group",
        "organisation", "organization", "board", "agency", "committee", "consortium", "trust", "ministry",
        "基金会", "协会", "学会", "联合会", "委员会", "研究院", "研究所", "大学", "学院", "公司", "集团",
    ];
}
