# The text of a gold document, as talentmatch-bench reads it (bench/TalentMatch.Bench/Commands/BenchExtractCommand.cs,
# ReadDocument): JSONL lines, Chinese-SkillSpan entries, CSV rows, Hacker News cases (HTML, tags dropped), whole files.
# And edit_gold: a change applied to every document of a gold file, in the layout the file has. Shared by the
# relabelling scripts of this folder.
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


def edit_gold(path, change, out=None, only_if_changed=False):
    """Applies change(document) -> bool (True: changed) to every document of a gold file and writes the file back (to
    out, or in place) in its own layout: one document per line (resume-gold.json, skill-gold.json) or pretty-printed
    with indent=1 (the second passes). With only_if_changed, an unchanged file is not written."""
    text = open(path).read(); lines = text.split('\n'); changed = False
    if not any(l.strip().startswith('{"file"') for l in lines):
        doc = json.loads(text)
        for d in doc['documents']: changed |= bool(change(d))
        lines = [json.dumps(doc, indent=1, ensure_ascii=False)] + ([''] if text.endswith('\n') else [])  # keep its last newline
    else:
        for i, l in enumerate(lines):
            if not l.strip().startswith('{"file"'): continue
            trail = ',' if l.rstrip().endswith(',') else ''
            d = json.loads(l.rstrip().rstrip(','))
            changed |= bool(change(d))
            lines[i] = l[:len(l) - len(l.lstrip())] + json.dumps(d, ensure_ascii=False) + trail
    if changed or not only_if_changed:
        open(out or path, 'w').write('\n'.join(lines))
