# The text of a gold document, as talentmatch-bench reads it (bench/TalentMatch.Bench/Commands/BenchExtractCommand.cs,
# ReadDocument): JSONL lines, Chinese-SkillSpan entries, CSV rows, Hacker News cases (HTML, tags dropped), whole files.
# Shared by the relabelling scripts of this folder.
import json, re, os, csv, html


def document_text(data, d):
    f = d['file']; p = os.path.join(data, f); line = d.get('line', 0); n = d.get('lines', 1)
    if f.endswith('.jsonl'):
        rows = open(p, encoding='utf-8').read().split('\n')[line - 1:line - 1 + n]
        return '\n'.join((j['text'] if 'text' in j else ' '.join(j['tokens'])) for j in map(json.loads, rows))
    if f.endswith('CN_skillspan_lkst_train.json'):
        return '\n'.join(e['sentence'] for e in json.load(open(p, encoding='utf-8'))[line - 1:line - 1 + n])
    if f.endswith('.csv'):
        rows = list(csv.reader(open(p, encoding='cp1252' if f.startswith('ml_jobs') else 'utf-8', newline='')))
        return rows[line][[i for i, h in enumerate(rows[0]) if h in ('job_description_text', 'job_description')][0]]
    if f.endswith('eval_cases.json'):  # Hacker News posts: HTML, tags dropped
        return html.unescape(re.sub('<[^>]+>', ' ', json.load(open(p))['test_cases'][line - 1]['comment']['content']))
    return open(p, encoding='utf-8', errors='replace').read()
