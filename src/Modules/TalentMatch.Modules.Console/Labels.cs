namespace TalentMatch.Modules.Console;

/// <summary>
/// Every label of the console, in English and Chinese, in one table so that a missing translation
/// is visible at a glance (and a test checks that both columns are filled).
/// </summary>
public static class Labels
{
    public static readonly IReadOnlyDictionary<string, (string En, string Zh)> All = new Dictionary<string, (string, string)>(StringComparer.Ordinal)
    {
        ["app.name"] = ("TalentMatch console", "TalentMatch 控制台"),
        ["nav.main"] = ("Main navigation", "主导航"),
        ["nav.skip"] = ("Skip to content", "跳到正文"),
        ["nav.search"] = ("Search candidates", "搜索候选人"),
        ["nav.jobs"] = ("Jobs", "职位"),
        ["nav.upload"] = ("Upload resumes", "上传简历"),
        ["nav.apiKeys"] = ("API keys", "API 密钥"),
        ["nav.signOut"] = ("Sign out", "退出登录"),
        ["nav.language"] = ("Language", "语言"),

        ["signin.title"] = ("Sign in", "登录"),
        ["signin.key"] = ("API key", "API 密钥"),
        ["signin.help"] = ("Sign in with an API key of your tenant. On the embedded server, the admin key is in data/admin-key.txt.", "请使用所属租户的 API 密钥登录。嵌入式服务器的管理员密钥位于 data/admin-key.txt。"),
        ["signin.submit"] = ("Sign in", "登录"),
        ["signin.invalid"] = ("This key is not recognised, or it has been revoked.", "无法识别此密钥，或该密钥已被吊销。"),

        ["search.title"] = ("Search candidates", "搜索候选人"),
        ["search.q"] = ("Words or skills (English or Chinese)", "关键词或技能（中文或英文）"),
        ["search.mode"] = ("Ranking", "排序方式"),
        ["search.keyword"] = ("Keywords", "关键词"),
        ["search.hybrid"] = ("Hybrid (keywords and meaning)", "混合（关键词与语义）"),
        ["search.skills"] = ("Must-have skills (ids, comma-separated)", "必备技能（技能 ID，逗号分隔）"),
        ["search.nice"] = ("Nice-to-have skills", "加分技能"),
        ["search.yearsMin"] = ("Minimum years", "最少年限"),
        ["search.location"] = ("Location", "地点"),
        ["search.seniority"] = ("Seniority", "资历"),
        ["search.submit"] = ("Search", "搜索"),
        ["search.total"] = ("{0} candidates", "共 {0} 位候选人"),
        ["search.none"] = ("No candidate matches this search.", "没有符合条件的候选人。"),
        ["search.next"] = ("Next page", "下一页"),
        ["search.first"] = ("First page", "第一页"),
        ["search.refine"] = ("Refine", "筛选"),
        ["search.clear"] = ("Clear filters", "清除筛选"),
        ["search.score"] = ("Score", "得分"),
        ["search.results"] = ("Results", "结果"),
        ["facet.skills"] = ("Skills", "技能"),
        ["facet.seniority"] = ("Seniority", "资历"),
        ["facet.location"] = ("Location", "地点"),

        ["candidate.title"] = ("Candidate", "候选人"),
        ["doc.status"] = ("Status", "状态"),
        ["doc.submitted"] = ("Submitted", "提交时间"),
        ["doc.indexed"] = ("Indexed", "索引时间"),
        ["doc.rejected"] = ("Rejected", "拒绝原因"),
        ["candidate.skills"] = ("Recognised skills", "识别出的技能"),
        ["candidate.text"] = ("Resume", "简历"),
        ["candidate.textHelp"] = ("Every recognised skill is highlighted where it was found; hover or focus it for the skill, level and years.", "每个识别出的技能都在出处高亮显示；悬停或聚焦可查看技能、级别和年限。"),
        ["candidate.roles"] = ("Matching roles", "匹配的职位"),
        ["candidate.noRoles"] = ("No open role matches yet.", "暂无匹配的开放职位。"),
        ["skill.level"] = ("level", "级别"),
        ["skill.years"] = ("years", "年"),

        ["jobs.title"] = ("Jobs", "职位"),
        ["jobs.new"] = ("New job", "新建职位"),
        ["jobs.jobTitle"] = ("Title", "职位名称"),
        ["jobs.text"] = ("Job description", "职位描述"),
        ["jobs.create"] = ("Create job", "创建职位"),
        ["jobs.none"] = ("No jobs yet.", "暂无职位。"),
        ["jobs.closed"] = ("Closed", "已关闭"),
        ["jobs.untitled"] = ("(untitled)", "（无标题）"),
        ["jobs.description"] = ("Description", "描述"),
        ["jobs.more"] = ("More jobs", "更多职位"),

        ["matches.title"] = ("Ranked candidates", "候选人排名"),
        ["matches.weights"] = ("Weights", "权重"),
        ["matches.apply"] = ("Re-rank", "重新排序"),
        ["matches.reset"] = ("Tenant defaults", "恢复默认"),
        ["matches.none"] = ("No candidate matches this job yet.", "暂无匹配此职位的候选人。"),
        ["matches.score"] = ("Score", "得分"),
        ["matches.breakdown"] = ("Score breakdown", "得分构成"),
        ["matches.requirements"] = ("Requirements", "要求"),
        ["matches.via"] = ("via", "通过"),
        ["matches.inResume"] = ("In the resume", "简历中"),
        ["matches.inJob"] = ("In the job", "职位中"),
        ["component.requiredSkills"] = ("Required skills", "必备技能"),
        ["component.preferredSkills"] = ("Preferred skills", "加分技能"),
        ["component.semantic"] = ("Overall fit", "整体契合度"),
        ["component.experience"] = ("Experience", "工作经验"),
        ["component.seniority"] = ("Seniority", "资历"),
        ["component.location"] = ("Location", "地点"),
        ["component.languages"] = ("Languages", "语言"),

        ["upload.title"] = ("Upload resumes", "上传简历"),
        ["upload.files"] = ("Resume files (PDF, DOCX or text; several at once)", "简历文件（PDF、DOCX 或文本，可多选）"),
        ["upload.drop"] = ("Drop files here or choose them below.", "将文件拖放到此处，或在下方选择。"),
        ["upload.submit"] = ("Upload", "上传"),
        ["upload.results"] = ("Uploaded files", "已上传的文件"),
        ["upload.file"] = ("File", "文件"),
        ["upload.none"] = ("Choose at least one file.", "请至少选择一个文件。"),
        ["upload.tooMany"] = ("At most {0} files at once.", "一次最多上传 {0} 个文件。"),

        ["status.processing"] = ("processing", "处理中"),
        ["status.parsed"] = ("parsed", "已解析"),
        ["status.indexed"] = ("indexed", "已索引"),
        ["status.rejected"] = ("rejected", "已拒绝"),
        ["status.deleted"] = ("deleted", "已删除"),
        ["status.matched"] = ("matched", "满足"),
        ["status.partial"] = ("partial", "部分满足"),
        ["status.missing"] = ("missing", "缺失"),

        ["keys.title"] = ("API keys", "API 密钥"),
        ["keys.name"] = ("Name", "名称"),
        ["keys.scopes"] = ("Scopes", "权限范围"),
        ["keys.created"] = ("Created", "创建时间"),
        ["keys.revoked"] = ("Revoked", "吊销时间"),
        ["keys.create"] = ("Create key", "创建密钥"),
        ["keys.new"] = ("New key", "新建密钥"),
        ["keys.secretOnce"] = ("Copy this key now: it is shown only once.", "请立即复制此密钥：它只显示这一次。"),

        ["error.notFound"] = ("Not found", "未找到"),
        ["error.notFoundText"] = ("There is nothing at this address.", "此地址没有内容。"),
        ["error.forbidden"] = ("Not allowed", "无权访问"),
        ["error.forbiddenText"] = ("The scopes of your API key do not allow this page.", "您的 API 密钥的权限范围不允许访问此页面。"),
        ["error.csrf"] = ("Form refused", "表单被拒绝"),
        ["error.csrfText"] = ("This form did not come from a console page, or it expired. Reload the page and try again.", "此表单并非来自控制台页面，或已过期。请刷新页面后重试。"),
        ["error.api"] = ("The request was refused", "请求被拒绝"),
        ["error.back"] = ("Back to search", "返回搜索"),
    };

    public static bool Has(string key) => All.ContainsKey(key);

    public static string Get(string key, string language) =>
        All.TryGetValue(key, out var label) ? (language == "zh" ? label.Zh : label.En) : key;
}
