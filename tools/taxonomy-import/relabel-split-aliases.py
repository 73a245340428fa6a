#!/usr/bin/env python3
# Issue #23, seventh round: aliases that named another product leave their node (Cosmos DB and DynamoDB were
# Cassandra, Ansible was also Terraform, Confluence was Jira, WebSocket was REST APIs; since 1.10.0 RabbitMQ, RocketMQ,
# Pulsar, Kinesis and message queues were Kafka, MyBatis was Spring, mainframe, z/OS, JCL and CICS were COBOL). The gold sets
# labelled those mentions with the old node because rule 10 says the alias decides. This script moves such labels in
# every split of every gold file given: where a document labels OLD and its text names a moved form, the document gets
# NEW; OLD goes when the text names none of OLD's remaining forms (then the moved form was why it was labelled).
# It reads the documents (gold_documents.py), never extractor output.
#   usage: relabel-split-aliases.py DATA_DIR GOLD.json...     (--dry-run: print, change nothing)
import json, re, sys, os
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gold_documents import document_text, edit_gold
# (old node, the moved form, new node, the old node's remaining forms)
MOVES = [
    ('cassandra', r'\bcosmos ?db\b', 'azure-cosmos-db', r'cassandra'),
    ('cassandra', r'\bdynamo ?db\b', 'onet-amazon-dynamodb', r'cassandra'),
    ('terraform', r'\bansible\b', 'infrastructure-automation', r'terraform|pulumi|cloud ?formation'),
    ('jira', r'\bconfluence\b', 'onet-atlassian-confluence', r'\bjira\b'),
    # Since 1.9.1: the message brokers, MyBatis and the mainframe left Kafka, Spring and COBOL.
    ('apache-kafka', r'\brabbit ?mq\b', 'rabbitmq', r'kafka'),
    ('apache-kafka', r'rocket ?mq', 'apache-rocketmq', r'kafka'),
    ('apache-kafka', r'\bpulsar\b', 'apache-pulsar', r'kafka'),
    ('apache-kafka', r'\bkinesis\b', 'onet-amazon-kinesis', r'kafka'),
    ('apache-kafka', r'消息队列|消息中间件|\bmessage (queues?|brokers?)\b', 'message-queues', r'kafka'),
    ('spring', r'my ?batis|\bibatis\b', 'mybatis', r'\bspring'),
    ('cobol', r'mainframe|大型机|z/os|\bjcl\b|\bcics\b', 'ibm-mainframe', r'\bcobol\b'),
    ('rest-api', r'\bweb ?sockets?\b', 'websocket',
     r'\brest\b|restful|api design|api development|api开发|接口开发|graphql|openapi|swagger'),
]
data, golds, dry = sys.argv[1], [a for a in sys.argv[2:] if not a.startswith('--')], '--dry-run' in sys.argv
def relabel(g, d):
    text = None; changed = False
    for old, moved, new, remaining in MOVES:
        if old not in d['skills']:
            continue
        text = text or document_text(data, d)
        if not re.search(moved, text, re.I | re.A):
            continue
        where = f"{os.path.basename(g)} {d['split']} {d['file']}:{d.get('line', 0)}"
        if new not in d['skills']:
            d['skills'] = sorted(d['skills'] + [new]); print(where, new, 'added'); changed = True
        if not re.search(remaining, text, re.I | re.A):
            d['skills'] = [x for x in d['skills'] if x != old]; print(where, old, 'removed'); changed = True
    return changed
for g in golds:
    if dry:
        for d in json.load(open(g))['documents']: relabel(g, d)
    else:
        edit_gold(g, lambda d: relabel(g, d), only_if_changed=True)
