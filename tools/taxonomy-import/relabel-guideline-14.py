#!/usr/bin/env python3
# Guideline 14 of docs/resume-gold-set.md (2026-12-07, sixth round): a soft skill named as an ability and a named practice
# count in ads and resumes alike. This script applies that decision to the SPENT splits of both gold sets (dev, test,
# test2..test5; never test6 or a later blind split): for each concept below, every gold document whose text names it in
# one of the written forms gets the node id, unless the (document, id) pair is in EXCLUDE with its reason (a company
# section under rule 9, another sense of the words). It reads only documents that are already in a gold file.
#   usage: relabel-guideline-14.py DATA_DIR GOLD.json...     (--dry-run: print, change nothing)
# Prints one line per label added: file, split, document, id, the matched words.
import json, re, sys, os
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gold_documents import document_text, edit_gold
SPENT = {'dev', 'test', 'test2', 'test3', 'test4', 'test5'}
FORMS = {
    # 14 (a): soft skills named as abilities
    'learning-ability': r'(?<!机器)(?<!深度)(?<!强化)(?<!迁移)(?<!联邦)学习能力|自学能力|学习(和|与|及|、)[^，。；,.;\s]{1,6}能力|learning ability|ability to learn|learning agility',
    'execution': r'执行力|执行能力|execution skills|ability to execute',
    'judgment': r'判断力|判断能力|good judge?ment|sound judge?ment|judge?ment skills',
    'stress-tolerance': r'抗压能力|抗压力|承压能力|\bwork(s|ing)? (well )?under pressure|stress tolerance',
    # Since taxonomy 1.11.0 (issue #23): 适应能力 named as an ability, which the spent splits, labelled before guideline
    # 14, left out (so the 1.9.0 measurement counted the form as a false positive and took it out of the taxonomy).
    'adaptability': r'适应能力',
    # 14 (b): named practices, also when written as a duty
    'sdlc': r'\bSDLC\b|software development life ?-?cycle|systems development life cycle|软件开发生命周期|软件生命周期|软件开发周期',
    'semantic-analysis': r'(?<!潜在)语义分析|(?<!latent )semantic analysis',
    'debugging': r'\bdebug(s|ged|ging)?\b|\bbug ?fix(es|ing)?\b|\b(fix|fixes|fixing|fixed|resolve|resolves|resolving|resolved|correct|corrects|correcting|corrected) (software )?(bugs|defects|a bug)\b'
                 r'|\bdefect (fixing|fixes|resolution)\b|bug修复|修复bug|缺陷修复|修复缺陷|(代码|程序|软件|内核|驱动|硬件)调试|调试(代码|程序)',
    'technical-writing': r'(编写|撰写)技术文档|技术文档(的)?(编写|撰写)|technical writing|technical documentation|documentation skills',
    'business-analysis': r'需求分析|业务分析(?!团队|师|部)|分析(业务|用户)需求|business analysis|requirements? analysis|analysis of (business |customer |user )?requirements'
                         r'|\banaly[sz](e|es|ing|ed) (business |user )?(requirements|needs|processes)\b',
    'troubleshooting': r'troubleshoot\w*|trouble[ -]shooting|故障排除|故障排查|问题排查|排查问题|故障定位|问题定位|定位问题',
    'requirements-gathering': r'\b(gather|collect|elicit)\w* (business |user )?requirements\b|\brequirements? (gathering|collection|elicitation)\b|需求调研|需求收集|需求采集'
                              r'|\brequirements? capture\b|capture of requirements|capturing requirements',
    # Since taxonomy 1.11.0: data collection has its own node (数据采集 was web crawling), so 14 (b) counts it where named.
    'data-collection': r'\bdata collection\b|数据采集',
    'performance-tuning': r'性能调优|performance tuning|performance profiling|\boptimi[sz](e|ing|ed) performance\b|performance optimi[sz]ation',
}
# Abilities that no node names: the gold gives them as a `missing` name (rules 5 and 11), like test6's ad 1611.
MISSING = {
    'creativity': r'创新能力',
}
# (document, id): why the form found there is not the concept, or not the job's
EXCLUDE = {
    ('boss_zhipin_ai_jds_zh/jds.jsonl:16', 'creativity'): "the employer's own 创新能力 in its introduction (rule 9)",
    ('boss_zhipin_ai_jds_zh/jds.jsonl:23', 'creativity'): "the employer's own 产品研发和创新能力 in its introduction (rule 9)",
}
# Rule 2 with the new node: "software development life cycle" names SDLC, not software engineering. Where the gold gave
# software-engineering and the text names no form of it outside the SDLC phrase, the label goes.
SDLC_PHRASE = r'software development life ?-?cycle|软件开发生命周期'
ENGINEERING = (r'software development|软件开发|software engineering|软件工程|engineering best practices|code review'
               r'|design patterns|设计模式|\bOOP\b|object-oriented|面向对象|编码能力|代码能力|工程能力|\bTDD\b')
# (Unit and software testing were software engineering until taxonomy 1.11.0; they name their own nodes now.)
def key(d): return f"{d['file']}:{d.get('line', 0)}"
data, golds, dry = sys.argv[1], [a for a in sys.argv[2:] if not a.startswith('--')], '--dry-run' in sys.argv
def relabel(g, d):
    if d['split'] not in SPENT: return False
    before, missing_before = list(d['skills']), list(d.get('missing', []))
    text = document_text(data, d)
    for node, form in FORMS.items():
        m = re.search(form, text, re.I | re.A)  # ASCII \b: "和debug经验" has a word boundary
        if not m or node in d['skills']: continue
        why = EXCLUDE.get((key(d), node))
        ctx = text[max(0, m.start() - 30):m.end() + 30].replace('\n', ' ')
        print(os.path.basename(g), d['split'], key(d), node, 'EXCLUDED: ' + why if why else 'added', '|', ctx)
        if not why: d['skills'] = sorted(d['skills'] + [node])
    for name, form in MISSING.items():
        m = re.search(form, text, re.I | re.A)
        if not m or name in d.get('missing', []): continue
        why = EXCLUDE.get((key(d), name))
        ctx = text[max(0, m.start() - 30):m.end() + 30].replace('\n', ' ')
        print(os.path.basename(g), d['split'], key(d), 'missing', name, 'EXCLUDED: ' + why if why else 'added', '|', ctx)
        if not why: d['missing'] = d.get('missing', []) + [name]
    if 'sdlc' in d['skills'] and 'software-engineering' in d['skills'] \
            and not re.search(ENGINEERING, re.sub(SDLC_PHRASE, '', text, flags=re.I), re.I | re.A):
        d['skills'] = [x for x in d['skills'] if x != 'software-engineering']
        print(os.path.basename(g), d['split'], key(d), 'software-engineering removed (only the SDLC phrase names it)')
    return d['skills'] != before or d.get('missing', []) != missing_before
for g in golds:
    if dry:
        for d in json.load(open(g))['documents']: relabel(g, d)
    else:
        edit_gold(g, lambda d: relabel(g, d))
