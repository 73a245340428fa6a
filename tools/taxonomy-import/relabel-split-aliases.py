#!/usr/bin/env python3
# Issue #23, seventh round: aliases that named another product leave their node (Cosmos DB and DynamoDB were
# Cassandra, Ansible was also Terraform, Confluence was Jira, WebSocket was REST APIs; since 1.10.0 RabbitMQ, RocketMQ,
# Pulsar, Kinesis and message queues were Kafka, MyBatis was Spring, mainframe, z/OS, JCL and CICS were COBOL; since
# 1.11.0 Pulumi and CloudFormation were Terraform, GraphQL, OpenAPI and Swagger were REST APIs, system design and
# architecture were distributed systems, 数据采集 was web crawling, data cleaning was data annotation, unit and software
# testing were software engineering, Jenkins was CI/CD; since 1.12.0 React, Vue, Angular, Next.js, Flutter, React
# Native, HTML and CSS were frontend development, FastAPI, Flask, Django, Gradio and Streamlit Python web frameworks,
# Redshift, ClickHouse, Presto/Trino, MaxCompute and StarRocks BigQuery, OpenSearch, Solr and Lucene Elasticsearch,
# KServe, Seldon and BentoML Kubeflow, CrewAI, MetaGPT, the OpenAI Agents SDK and Semantic Kernel AutoGen, Prometheus,
# Grafana, Datadog, OpenTelemetry and Zabbix monitoring, W&B, TensorBoard, Comet ML and Neptune.ai experiment tracking,
# GitHub Actions, GitLab CI, CircleCI and Argo CI/CD, Helm and OpenShift Kubernetes; since 1.13.0 GitHub, GitLab,
# Bitbucket and SVN were Git, PowerShell shell scripting, Express.js Node.js, AutoGPT AutoGen). The gold sets
# labelled those mentions with the old node because rule 10 says the alias decides. This script moves such labels in
# every split of every gold file given: where a document labels OLD and its text names a moved form, the document gets
# NEW; OLD goes when the text names none of OLD's remaining forms (then the moved form was why it was labelled).
# It reads the documents (gold_documents.py), never extractor output.
#   usage: relabel-split-aliases.py DATA_DIR GOLD.json...     (--dry-run: print, change nothing)
import json, re, sys, os
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gold_documents import document_text, edit_gold
# The remaining forms of the nodes that 1.11.0 splits (its aliases, name and Chinese name, as in the taxonomy files).
REST = r'\brest\b|restful|api design|api development|api开发|接口开发'
DISTRIBUTED = (r'distributed (systems?|computing)|分布式(系统|架构|计算|平台|集群)|high availability|高可用|高并发|high concurrency'
               r'|scalable systems|large-scale systems|大规模系统')
CRAWLING = r'web (crawl|scrap)|爬虫|scrapy|爬取|(网页|数据|网络|信息)抓取|网页采集'
ANNOTATION = (r'data (annotation|label)|标注数据|数据标注|数据构建|data curation|数据合成|synthetic data|data synthesis|数据集构建'
              r'|dataset construction|data preprocessing|data preparation|数据预处理|训练样本构建|构建训练样本')
# "software development life cycle" is SDLC, not software engineering (guideline 14 c).
ENGINEERING = (r'software engineering|软件工程|software development(?! life ?-?cycle)|软件开发(?!生命周期|周期)|engineering best practices'
               r'|工程能力|代码能力|编码能力|code review|代码评审|代码审查|代码走查|\b(review|reviews|reviewing|reviewed) (of )?code'
               r'|\bTDD\b|test-driven development|design patterns|设计模式|\bOOP\b|object-oriented programming|面向对象'
               r'|编程习惯|编程风格|代码风格|工程实现能力|工程开发能力|代码功底')
# CI/CD's forms since 1.12.0 (GitHub Actions, GitLab CI, CircleCI and Argo left it; "GitLab CI/CD" is GitLab CI's).
CICD = r'(?<!gitlab )ci/cd|\bcicd\b|continuous (integration|delivery|deployment)|持续(集成|交付|部署)'
# The remaining forms of the nodes that 1.12.0 splits.
FRONTEND = r'front ?-?end development|前端开发|web ?development|web开发'
MONITORING = (r'observability|可观测性|monitoring (systems|tools|and alerting|platform|solutions?)|\balerting\b'
              r'|(performance|systems?|application|server|infrastructure|network|production|service) monitoring'
              r'|监控告警|性能监控|系统监控|监控系统|服务监控|监控平台|运维监控')
ELASTIC = r'elastic ?search|es搜索|\belk\b|(?-i:\bES\b)'
KUBERNETES = r'kubernetes|\bk8s\b|容器编排|container orchestration|kueue'
PYTHON_WEB, AUTOGEN, TRACKING = r'uvicorn|python web frameworks?', r'auto ?gen\b', r'experiment tracking|实验追踪|实验管理'
# The remaining forms of the nodes that 1.13.0 splits ("GitLab CI" is GitLab CI's since 1.12.0, not GitLab's).
GIT = r'\bgit\b|version control|版本控制|gerrit'
SHELL = r'shell scripts?|shell scripting|shell脚本|shell编程|linux shell|\bbash\b|\bzsh\b|\bshell\b'
NODE = r'node ?\.?js|\bnpm\b'
# (old node, the moved form, new node, the old node's remaining forms)
MOVES = [
    ('cassandra', r'\bcosmos ?db\b', 'azure-cosmos-db', r'cassandra'),
    ('cassandra', r'\bdynamo ?db\b', 'onet-amazon-dynamodb', r'cassandra'),
    ('terraform', r'\bansible\b', 'infrastructure-automation', r'terraform'),
    ('jira', r'\bconfluence\b', 'onet-atlassian-confluence', r'\bjira\b'),
    # Since 1.9.1: the message brokers, MyBatis and the mainframe left Kafka, Spring and COBOL.
    ('apache-kafka', r'\brabbit ?mq\b', 'rabbitmq', r'kafka'),
    ('apache-kafka', r'rocket ?mq', 'apache-rocketmq', r'kafka'),
    ('apache-kafka', r'\bpulsar\b', 'apache-pulsar', r'kafka'),
    ('apache-kafka', r'\bkinesis\b', 'onet-amazon-kinesis', r'kafka'),
    ('apache-kafka', r'消息队列|消息中间件|\bmessage (queues?|brokers?)\b', 'message-queues', r'kafka'),
    ('spring', r'my ?batis|\bibatis\b', 'mybatis', r'\bspring'),
    ('cobol', r'mainframe|大型机|z/os|\bjcl\b|\bcics\b', 'ibm-mainframe', r'\bcobol\b'),
    ('rest-api', r'\bweb ?sockets?\b', 'websocket', REST),
    # Since 1.11.0.
    ('terraform', r'\bpulumi\b', 'pulumi', r'terraform'),
    ('terraform', r'cloud ?formation', 'onet-amazon-web-services-aws-cloudformation', r'terraform'),
    ('rest-api', r'graphql', 'graphql', REST),
    ('rest-api', r'openapi|swagger', 'openapi', REST),
    ('distributed-systems', r'(?<!分布式)系统架构(?!设计师)|(?<!系统)架构设计|系统设计|\bsystem (design|architecture)s?\b',
     'software-architecture', DISTRIBUTED),
    ('web-crawling', r'数据采集', 'data-collection', CRAWLING),
    ('data-annotation', r'数据清洗|data clean(s)?ing', 'data-cleaning', ANNOTATION),
    ('software-engineering', r'unit testing|单元测试', 'unit-testing', ENGINEERING),
    ('software-engineering', r'software testing(?! life ?-?cycle)|软件测试(?!生命周期)', 'software-testing', ENGINEERING),
    ('ci-cd', r'\bjenkins\b', 'onet-jenkins-ci', CICD),
    # Since 1.12.0.
    ('frontend-development', r'\breact(\.?js)?\b(?! ?native)', 'react', FRONTEND),
    ('frontend-development', r'\bvue(\.?js)?\b', 'vue', FRONTEND),
    ('frontend-development', r'\bangular(\.?js)?\b', 'onet-google-angular', FRONTEND),
    ('frontend-development', r'\bnext\.?js\b', 'nextjs', FRONTEND),
    ('frontend-development', r'\bflutter\b', 'flutter', FRONTEND),
    ('frontend-development', r'\breact ?native\b', 'react-native', FRONTEND),
    ('frontend-development', r'\bhtml5?\b', 'onet-hypertext-markup-language-html', FRONTEND),
    ('frontend-development', r'\bcss\d?\b', 'onet-cascading-style-sheets-css', FRONTEND),
    ('python-web', r'\bfast ?api\b', 'fastapi', PYTHON_WEB),
    ('python-web', r'\bflask\b', 'flask', PYTHON_WEB),
    ('python-web', r'\bdjango\b', 'django', PYTHON_WEB),
    ('python-web', r'\bgradio\b', 'gradio', PYTHON_WEB),
    ('python-web', r'\bstreamlit\b', 'streamlit', PYTHON_WEB),
    ('bigquery', r'\bredshift\b', 'amazon-redshift', r'big ?query'),
    ('bigquery', r'click ?house', 'clickhouse', r'big ?query'),
    ('bigquery', r'\bpresto\b|\btrino\b', 'presto-trino', r'big ?query'),
    ('bigquery', r'max ?compute|\bodps\b', 'maxcompute', r'big ?query'),
    ('bigquery', r'star ?rocks', 'starrocks', r'big ?query'),
    ('elasticsearch', r'open ?search', 'opensearch', ELASTIC),
    ('elasticsearch', r'\bsolr\b', 'onet-apache-solr', ELASTIC),
    ('elasticsearch', r'\blucene\b', 'apache-lucene', ELASTIC),
    ('kubeflow', r'\bkserve\b|kfserving', 'kserve', r'kubeflow'),
    ('kubeflow', r'\bseldon\b', 'seldon-core', r'kubeflow'),
    ('kubeflow', r'bento ?ml', 'bentoml', r'kubeflow'),
    ('autogen', r'crew ?ai', 'crewai', AUTOGEN),
    ('autogen', r'meta ?gpt', 'metagpt', AUTOGEN),
    ('autogen', r'openai agents sdk', 'openai-agents-sdk', AUTOGEN),
    ('autogen', r'semantic kernel', 'semantic-kernel', AUTOGEN),
    ('monitoring', r'\bprometheus\b', 'prometheus', MONITORING),
    ('monitoring', r'\bgrafana\b', 'grafana', MONITORING),
    ('monitoring', r'\bdata ?dog\b', 'datadog', MONITORING),
    ('monitoring', r'open ?telemetry', 'opentelemetry', MONITORING),
    ('monitoring', r'\bzabbix\b', 'zabbix', MONITORING),
    ('experiment-tracking', r'weights (&|and) biases|\bw&b\b|\bwandb\b', 'weights-and-biases', TRACKING),
    ('experiment-tracking', r'tensor ?board', 'tensorboard', TRACKING),
    ('experiment-tracking', r'\bcomet ?ml\b', 'comet-ml', TRACKING),
    ('experiment-tracking', r'\bneptune\.?ai\b', 'neptune-ai', TRACKING),
    ('ci-cd', r'github actions', 'github-actions', CICD),
    ('ci-cd', r'gitlab ci', 'gitlab-ci', CICD),
    ('ci-cd', r'\bcircle ?ci\b', 'circleci', CICD),
    ('ci-cd', r'\bargo ?cd\b', 'argo-cd', CICD),
    ('ci-cd', r'\bargo workflows?\b', 'argo-workflows', CICD),
    ('kubernetes', r'\bhelm\b', 'helm', KUBERNETES),
    ('kubernetes', r'open ?shift', 'onet-red-hat-openshift', KUBERNETES),
    # Since 1.13.0.
    ('git', r'\bgit ?hub\b', 'onet-github', GIT),
    ('git', r'\bgit ?lab\b(?! ?ci)', 'onet-gitlab', GIT),
    ('git', r'bit ?bucket', 'onet-atlassian-bitbucket', GIT),
    ('git', r'\bsvn\b', 'onet-apache-subversion-svn', GIT),
    ('shell-scripting', r'power ?shell', 'onet-microsoft-powershell', SHELL),
    ('nodejs', r'express ?\.? ?js', 'expressjs', NODE),
    ('autogen', r'auto ?-?gpt', 'autogpt', AUTOGEN),
]
# Forms a node gained in 1.11.0 that annotators had given a `missing` name (rule 11 joins them): where the text names the
# form and the document's `missing` holds that name, the label moves to the node. (old `missing` name, form, node)
JOINED = [
    ('messaging', r'\bmessage bus(es)?\b', 'message-queues'),  # test7 posting 3043, "read/publish on message bus"
]
data, golds, dry = sys.argv[1], [a for a in sys.argv[2:] if not a.startswith('--')], '--dry-run' in sys.argv
def relabel(g, d):
    # Every move reads the labels as they were: a node split several ways (REST APIs into GraphQL, OpenAPI and
    # WebSocket) gives each new node its label, and the old one goes when the text names none of its remaining forms.
    text = None; labels = set(d['skills']); drop = set(); missing_changed = False
    for old, moved, new, remaining in MOVES:
        if old not in labels:
            continue
        text = text or document_text(data, d)
        if not re.search(moved, text, re.I | re.A):
            continue
        where = f"{os.path.basename(g)} {d['split']} {d['file']}:{d.get('line', 0)}"
        if new not in d['skills']:
            d['skills'] = sorted(d['skills'] + [new]); print(where, new, 'added')
        if old not in drop and not re.search(remaining, text, re.I | re.A):
            drop.add(old); print(where, old, 'removed')
    d['skills'] = [x for x in d['skills'] if x not in drop]
    for name, form, node in JOINED:
        if name in d.get('missing', []) and re.search(form, text or document_text(data, d), re.I | re.A):
            print(f"{os.path.basename(g)} {d['split']} {d['file']}:{d.get('line', 0)} missing {name} -> {node}")
            d['missing'] = [x for x in d['missing'] if x != name]
            d['skills'] = sorted(set(d['skills']) | {node})
            missing_changed = True
    return set(d['skills']) != labels or missing_changed
for g in golds:
    if dry:
        for d in json.load(open(g))['documents']: relabel(g, d)
    else:
        edit_gold(g, lambda d: relabel(g, d), only_if_changed=True)
