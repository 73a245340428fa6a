namespace TalentMatch.Core.Skills.Tests;

/// <summary>
/// Taxonomy 1.2.1 (issue #23): how resumes write tools (versions glued to names, product names without their vendor,
/// acronyms, "MS Office"), which ordinary words stay unread, Chinese resume proficiency words, and ads' company and
/// benefits sections, which ask for nothing.
/// </summary>
public class ResumeLanguageTests
{
    private static List<string> Ids(string text, ExtractionMode mode = ExtractionMode.Resume) =>
        SkillExtractor.Default.Extract(text, mode).Skills.Select(s => s.Id).ToList();

    [Theory]
    [InlineData("Web: HTML5/CSS3, Bootstrap", "onet-hypertext-markup-language-html")]
    [InlineData("Web: HTML5/CSS3, Bootstrap", "onet-cascading-style-sheets-css")]
    [InlineData("Languages: Java8, Kotlin", "java")]
    [InlineData("Python3.10 and pandas", "python")]
    [InlineData("detection with YOLOv8", "yolo")]
    [InlineData("fine-tuned Qwen2.5 on support tickets", "qwen")]
    [InlineData("Skills: PyTorch 2.1, scikit-learn 1.3", "pytorch")]
    public void A_version_written_onto_a_name_is_the_name(string text, string id)
    {
        Assert.Contains(id, Ids(text));
    }

    [Theory]
    [InlineData("embeddings with Word2Vec", "onet-microsoft-word")]
    [InlineData("sequential recommendation with BERT4Rec", "bert")]
    [InlineData("Windows Server 2008 R2 administration", "r-lang")]
    public void A_number_inside_another_name_does_not_make_a_version(string text, string id)
    {
        Assert.DoesNotContain(id, Ids(text));
    }

    [Theory]
    [InlineData("Servers: Tomcat, WebLogic", "onet-apache-tomcat")]
    [InlineData("Hadoop, Hive, Sqoop", "onet-apache-sqoop")]
    [InlineData("MS Excel, MS PowerPoint", "onet-microsoft-powerpoint")]
    [InlineData("Databases: DB2, Oracle", "onet-ibm-db2")]
    [InlineData("IDE: IntelliJ IDEA", "onet-jetbrains-intellij-idea")]
    [InlineData("REST services returning JSON", "onet-javascript-object-notation-json")]
    [InlineData("Reports in SSRS, loads in SSIS", "onet-microsoft-sql-server-integration-services-ssis")]
    [InlineData("ORM: Hibernate, JPA", "onet-hibernate-orm")]
    [InlineData("Tools: Eclipse, Git", "onet-eclipse-ide")]
    [InlineData("Build: Maven, Jenkins", "onet-apache-maven")]
    [InlineData("Others: MS Office", "onet-microsoft-office-software")]
    [InlineData("熟练使用Word、Excel、PPT等办公软件", "onet-microsoft-powerpoint")]
    [InlineData("ETL with Informatica and DataStage", "onet-informatica-software")] // "Informatica software": a brand before " software"
    [InlineData("Proficient in Microsoft Office", "onet-microsoft-office-software")]
    [InlineData("Configured VoIP phones and VOIP gateways", "onet-voice-over-internet-protocol-voip-system-software")] // "… VoIP system software"
    [InlineData("Tools: Photoshop, Dreamweaver", "onet-adobe-photoshop")]
    [InlineData("Languages: Delphi, C++", "onet-embarcadero-delphi")]
    [InlineData("Design tools: Photoshop, Illustrator", "onet-adobe-illustrator")]
    [InlineData("Stored sessions in Azure Cosmos DB", "azure-cosmos-db")]
    [InlineData("Tables in DynamoDB", "onet-amazon-dynamodb")]
    [InlineData("Docs in Confluence, tickets in Jira", "onet-atlassian-confluence")]
    [InlineData("Live updates over WebSockets", "websocket")]
    [InlineData("Events through RabbitMQ and Kafka", "rabbitmq")]
    [InlineData("熟悉RocketMQ等消息队列", "apache-rocketmq")]
    [InlineData("熟悉RocketMQ等消息队列", "message-queues")]
    [InlineData("Persistence with MyBatis and Spring Boot", "mybatis")]
    [InlineData("Batch jobs in JCL on z/OS", "ibm-mainframe")]
    [InlineData("Stacks in Pulumi and Terraform", "pulumi")]
    [InlineData("Templates in AWS CloudFormation", "onet-amazon-web-services-aws-cloudformation")]
    [InlineData("A GraphQL gateway over REST services", "graphql")]
    [InlineData("APIs documented with Swagger", "openapi")]
    [InlineData("负责系统架构设计", "software-architecture")]
    [InlineData("Strong system design skills", "software-architecture")]
    [InlineData("负责数据采集和清洗", "data-collection")]
    [InlineData("熟悉数据清洗和特征工程", "data-cleaning")]
    [InlineData("Wrote unit testing suites with JUnit", "unit-testing")]
    [InlineData("5年软件测试经验", "software-testing")]
    [InlineData("Pipelines in Jenkins", "onet-jenkins-ci")]
    [InlineData("Languages: C#, ASP .NET MVC, HTML, CSS, JavaScript, AngularJs", "onet-google-angular")] // test6 resume 151
    [InlineData("Single-page apps in Angular.js", "onet-google-angular")]
    [InlineData("Front end in React.js and Vue", "react")]
    [InlineData("Front end in React.js and Vue", "vue")]
    [InlineData("Stack: React/Next.js (TypeScript)", "nextjs")]
    [InlineData("Mobile apps in Flutter and React Native", "flutter")]
    [InlineData("Mobile apps in Flutter and React Native", "react-native")]
    [InlineData("APIs in FastAPI, Flask and Django", "fastapi")]
    [InlineData("APIs in FastAPI, Flask and Django", "flask")]
    [InlineData("APIs in FastAPI, Flask and Django", "django")]
    [InlineData("Demos in Gradio and Streamlit", "gradio")]
    [InlineData("Demos in Gradio and Streamlit", "streamlit")]
    [InlineData("Warehouse on Amazon Redshift", "amazon-redshift")]
    [InlineData("熟悉ClickHouse、StarRocks等OLAP引擎", "clickhouse")]
    [InlineData("熟悉ClickHouse、StarRocks等OLAP引擎", "starrocks")]
    [InlineData("Ad-hoc SQL on Presto and Trino", "presto-trino")]
    [InlineData("熟悉MaxCompute(ODPS)", "maxcompute")]
    [InlineData("Search on OpenSearch", "opensearch")]
    [InlineData("Search with Solr and Lucene", "onet-apache-solr")]
    [InlineData("Search with Solr and Lucene", "apache-lucene")]
    [InlineData("Logs in the ELK stack", "elasticsearch")] // ELK holds Elasticsearch itself (taxonomy.md)
    [InlineData("Model serving with KServe, Seldon Core and BentoML", "kserve")]
    [InlineData("Model serving with KServe, Seldon Core and BentoML", "seldon-core")]
    [InlineData("Model serving with KServe, Seldon Core and BentoML", "bentoml")]
    [InlineData("对CrewAI、MetaGPT等agent框架有理解", "crewai")]
    [InlineData("对CrewAI、MetaGPT等agent框架有理解", "metagpt")]
    [InlineData("Agents on the OpenAI Agents SDK", "openai-agents-sdk")]
    [InlineData("Plugins for Semantic Kernel", "semantic-kernel")]
    [InlineData("Dashboards in Grafana over Prometheus", "prometheus")]
    [InlineData("Dashboards in Grafana over Prometheus", "grafana")]
    [InlineData("Traces with OpenTelemetry into Datadog", "opentelemetry")]
    [InlineData("Traces with OpenTelemetry into Datadog", "datadog")]
    [InlineData("经验与监测（Zabbix）", "zabbix")]
    [InlineData("Runs tracked in Weights & Biases", "weights-and-biases")]
    [InlineData("Curves in TensorBoard", "tensorboard")]
    [InlineData("Experiments logged to Comet ML and Neptune.ai", "comet-ml")]
    [InlineData("Experiments logged to Comet ML and Neptune.ai", "neptune-ai")]
    [InlineData("CI/CD Pipeline and Terraform experience; Github Actions a plus", "github-actions")] // test ad 4
    [InlineData("Pipelines in GitLab CI/CD", "gitlab-ci")]
    [InlineData("Builds on CircleCI", "circleci")]
    [InlineData("GitOps with Argo CD and Argo Workflows", "argo-cd")]
    [InlineData("GitOps with Argo CD and Argo Workflows", "argo-workflows")]
    [InlineData("auto-deploy our applications with helm and flux", "helm")] // test4 posting 3261
    [InlineData("Clusters on OpenShift", "onet-red-hat-openshift")]
    [InlineData("Clusters on K8s", "kubernetes")]
    [InlineData("Code hosted on GitHub", "onet-github")]
    [InlineData("GitLab and Bitbucket repositories", "onet-gitlab")]
    [InlineData("GitLab and Bitbucket repositories", "onet-atlassian-bitbucket")]
    [InlineData("Version control with SVN", "onet-apache-subversion-svn")]
    [InlineData("Automation scripts in PowerShell", "onet-microsoft-powershell")]
    [InlineData("REST services in Express.js", "expressjs")]
    [InlineData("Agents built on AutoGPT", "autogpt")]
    public void Products_are_found_under_the_names_resumes_use(string text, string id)
    {
        Assert.Contains(id, Ids(text));
    }

    [Theory]
    [InlineData("Operating Systems: Windows, Linux", "onet-microsoft-windows")]
    [InlineData("MS Office: Word, Excel, PowerPoint", "onet-microsoft-word")]
    [InlineData("Databases: MySQL, Oracle, SQLite", "oracle-db")]
    [InlineData("Oracle 11g administration", "oracle-db")]
    [InlineData("Languages: English, Hindi, Marathi", "english-proficiency")]
    [InlineData("Interests: ML/DL, NLP", "deep-learning")]
    public void Common_words_are_skills_where_a_list_or_a_cue_says_so(string text, string id)
    {
        Assert.Contains(id, Ids(text));
    }

    [Theory]
    [InlineData("Stored sessions in Azure Cosmos DB", "cassandra")]
    [InlineData("Tables in DynamoDB", "cassandra")]
    [InlineData("Ansible playbooks for our servers", "terraform")]
    [InlineData("Docs in Confluence", "jira")]
    [InlineData("Live updates over WebSockets", "rest-api")]
    [InlineData("Events through RabbitMQ", "apache-kafka")]
    [InlineData("熟悉RocketMQ等消息队列", "apache-kafka")]
    [InlineData("Streams in Amazon Kinesis", "apache-kafka")]
    [InlineData("Persistence with MyBatis", "spring")]
    [InlineData("Batch jobs in JCL on the mainframe", "cobol")]
    [InlineData("The Pulsar of the night sky", "apache-pulsar")] // the product only beside messaging words
    [InlineData("Stacks in Pulumi", "terraform")]
    [InlineData("Templates in AWS CloudFormation", "terraform")]
    [InlineData("A GraphQL gateway", "rest-api")]
    [InlineData("APIs documented with Swagger and OpenAPI", "rest-api")]
    [InlineData("负责系统架构设计", "distributed-systems")]
    [InlineData("Strong system design skills", "distributed-systems")]
    [InlineData("负责数据采集", "web-crawling")]
    [InlineData("熟悉数据清洗", "data-annotation")]
    [InlineData("Wrote unit testing suites", "software-engineering")]
    [InlineData("5年软件测试经验", "software-engineering")]
    [InlineData("Pipelines in Jenkins", "ci-cd")]
    [InlineData("Front end in React.js", "frontend-development")]
    [InlineData("Single-page apps in AngularJS", "frontend-development")]
    [InlineData("Web: HTML5/CSS3", "frontend-development")]
    [InlineData("Mobile apps in Flutter", "frontend-development")]
    [InlineData("APIs in Flask", "python-web")]
    [InlineData("Demos in Streamlit", "python-web")]
    [InlineData("Warehouse on Amazon Redshift", "bigquery")]
    [InlineData("熟悉ClickHouse", "bigquery")]
    [InlineData("Search on OpenSearch", "elasticsearch")]
    [InlineData("Search with Solr", "elasticsearch")]
    [InlineData("Model serving with KServe", "kubeflow")]
    [InlineData("Agents in CrewAI", "autogen")]
    [InlineData("Dashboards in Grafana", "monitoring")]
    [InlineData("Runs tracked in Weights & Biases", "experiment-tracking")]
    [InlineData("Workflows in GitHub Actions", "ci-cd")]
    [InlineData("Pipelines in GitLab CI/CD", "ci-cd")]
    [InlineData("Charts in Helm", "kubernetes")]
    [InlineData("Clusters on OpenShift", "kubernetes")]
    [InlineData("Code hosted on GitHub", "git")]
    [InlineData("Repositories on Bitbucket", "git")]
    [InlineData("Branches kept in SVN", "git")]
    [InlineData("Automation scripts in PowerShell", "shell-scripting")]
    [InlineData("REST services in Express.js", "nodejs")]
    [InlineData("Agents built on AutoGPT", "autogen")]
    public void A_product_is_not_read_as_another_product_of_its_kind(string text, string id)
    {
        // Until 1.8.0 (1.9.0 for the message brokers, MyBatis and the mainframe; 1.10.0 for Pulumi, CloudFormation,
        // GraphQL, OpenAPI, system design, 数据采集, data cleaning, unit and software testing and Jenkins; 1.11.0 for the
        // frameworks, warehouses, search engines, serving and agent frameworks, monitoring, tracking and CI products,
        // Helm and OpenShift) these forms sat on the node of another product or concept (taxonomy.md, "Forms that named
        // another product"): a recruiter asking for Cassandra found Cosmos DB and DynamoDB people, one asking for Kafka
        // found RabbitMQ people.
        Assert.DoesNotContain(id, Ids(text));
    }

    [Theory]
    [InlineData("Experience with message brokers and event streaming", true)]
    [InlineData("Ability to read/publish on message bus", true)] // test7 posting 3043
    [InlineData("熟悉消息队列", true)]
    [InlineData("熟悉消息中间件", true)]
    [InlineData("Experience with messaging and push notifications", false)]
    [InlineData("Built the team messaging app", false)]
    [InlineData("负责消息推送和站内信", false)]
    [InlineData("消息、队列和缓存的设计", false)] // 消息 only beside 队列 or 中间件 in one word
    public void Messaging_is_no_message_queue_but_a_broker_or_a_bus_is(string text, bool isOne)
    {
        // Annotators give bare "messaging" a `missing` name (test7); 1.10.0 made the brokers' family its own node, and a
        // form as wide as "messaging" or 消息 would hand every chat or notification feature to it.
        Assert.Equal(isOne, Ids(text).Contains("message-queues"));
    }

    [Theory]
    [InlineData("Ada Jose Ullrich, head waitress", "onet-ada")] // test8: a first name
    [InlineData("file and sand repaired body surfaces", "onet-sand")] // test8: bodywork
    public void A_name_or_a_word_of_a_trade_is_no_product(string text, string id)
    {
        // O*NET's Ada language and SAND database were plain names, matched in any casing; they now need their casing and
        // a cue of their own (programming words; database words).
        Assert.DoesNotContain(id, Ids(text));
    }

    [Theory]
    [InlineData("Languages: C, Ada, Fortran", "onet-ada")]
    [InlineData("Embedded programming in Ada", "onet-ada")]
    [InlineData("Databases: SAND, Teradata", "onet-sand")]
    public void Ada_and_SAND_are_still_read_where_they_are_products(string text, string id)
    {
        Assert.Contains(id, Ids(text));
    }

    [Theory]
    [InlineData("Able to react quickly to shifting priorities", false)]
    [InlineData("Trained to react calmly in emergencies and react to physical changes", false)]
    [InlineData("Used React to build the admin dashboards", true)]
    [InlineData("Frontend: React JS, Redux", true)]
    [InlineData("react, node, mongodb", true)]
    public void React_the_verb_is_no_React(string text, bool isReact)
    {
        // 1.12.0 gave React its own node, so the verb now lands on a product a recruiter searches for (it landed on
        // frontend development before). Only phrases that are the verb are blocked: "React to build" stays the library.
        Assert.Equal(isReact, Ids(text).Contains("react"));
    }

    [Theory]
    [InlineData("Frontend: React JS, Redux")]
    [InlineData("Vue JS and Next JS")]
    [InlineData("Angular JS 1.x")]
    public void A_framework_written_with_a_spaced_js_is_not_also_javascript(string text)
    {
        // "React JS" was React plus "JS" read as JavaScript: the spaced form is one name, as "ReactJS" is.
        Assert.DoesNotContain("javascript", Ids(text));
        Assert.NotEmpty(Ids(text));
    }

    [Theory]
    [InlineData("new windows and doors for the office", "onet-microsoft-windows")]
    [InlineData("Word of mouth brought most of our clients", "onet-microsoft-word")]
    [InlineData("Application Developer at Oracle Financial Software Services", "oracle-db")]
    [InlineData("Worked at Oracle for five years", "oracle-db")]
    [InlineData("B.A. in English Literature", "english-proficiency")]
    [InlineData("Operating Systems: Linux", "onet-microsoft-operating-system")]
    [InlineData("Databases: DB2, MySQL", "cobol")]
    [InlineData("the laptop will hibernate during an eclipse", "onet-eclipse-ide")]
    [InlineData("a download (DL) link", "deep-learning")]
    [InlineData("Configured the firewall and the email server", "onet-firewall-software")] // "Firewall software" is a commodity, not a brand
    [InlineData("Moved our apps to the cloud", "onet-google-cloud-software")]
    [InlineData("Freelance illustrator for children's books", "onet-adobe-illustrator")] // a job title without design tools
    [InlineData("Office in SAN FRANCISCO", "onet-storage-area-network-san-software")]
    public void Ordinary_words_and_headings_stay_unread(string text, string id)
    {
        Assert.DoesNotContain(id, Ids(text));
    }

    [Fact]
    public void Chinese_resume_proficiency_words_grade_each_skill()
    {
        var skills = SkillExtractor.Default.Extract("熟练掌握Python、PyTorch；精通C++；了解Spark", ExtractionMode.Resume).Skills.ToDictionary(s => s.Id);

        Assert.Equal(Proficiency.Proficient, skills["python"].Proficiency);
        Assert.Equal(Proficiency.Proficient, skills["pytorch"].Proficiency);
        Assert.Equal(Proficiency.Expert, skills["cpp"].Proficiency);
        Assert.Equal(Proficiency.Basic, skills["apache-spark"].Proficiency);
        Assert.All(skills.Values, s => Assert.Null(s.Level));
    }

    [Fact]
    public void A_company_introduction_asks_for_nothing_and_its_products_are_not_skills()
    {
        const string ad = "公司介绍：\n我们具有大数据和云计算能力，是阿里云的客户，产品基于MySQL。\n任职要求：\n熟悉Python和大数据处理";

        var skills = SkillExtractor.Default.Extract(ad).Skills.ToDictionary(s => s.Id);

        Assert.Equal(RequirementLevel.Required, skills["python"].Level);
        Assert.Equal(RequirementLevel.Required, skills["big-data"].Level);   // asked for again under 任职要求
        Assert.DoesNotContain("cloud-computing", skills.Keys); // the company's, not the candidate's (gold rule 9)
        Assert.DoesNotContain("alibaba-cloud", skills.Keys);
        Assert.DoesNotContain("mysql", skills.Keys); // what the company's product is built on
    }

    [Fact]
    public void Benefits_and_about_us_sections_in_english_ads_ask_for_nothing()
    {
        const string ad = "Requirements:\n- Python and PyTorch\nAbout us:\nWe build on AWS and Kubernetes and must grow fast.\nBenefits:\n- Courses on Coursera, required reading on deep learning";

        var skills = SkillExtractor.Default.Extract(ad).Skills.ToDictionary(s => s.Id);

        Assert.Equal(RequirementLevel.Required, skills["pytorch"].Level);
        Assert.DoesNotContain("kubernetes", skills.Keys); // the employer's stack, told about itself (gold rule 9)
        Assert.DoesNotContain("deep-learning", skills.Keys); // a benefit
    }
}
