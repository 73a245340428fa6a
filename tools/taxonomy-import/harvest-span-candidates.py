#!/usr/bin/env python3
# Candidate nodes from OTHER people's skill span annotations (issue #23, seventh round; docs/taxonomy.md,
# "Nodes from independent span annotations"). Deterministic: same inputs, same output (sorted).
# For each annotated span: is it already read by the taxonomy? A span is covered when, after folding (case; runs of
# spaces, dashes, underscores to one space; dots and spaces also dropped, as AliasScanner matches "nodejs"), one of the
# taxonomy's names, aliases or ambiguous forms occurs in it at word boundaries (Latin) or anywhere (Chinese). Otherwise
# the folded span is a candidate unless the real extractor (read-by-extractor.cs) reads its example spans; the script counts DISTINCT DOCUMENTS per candidate and keeps 2 example spans.
# Writes JSON to OUT (keep it outside the repository: the spans are other people's text).
#   usage: harvest-span-candidates.py DATA_DIR TAXONOMY_DIR OUT.json [EXCLUDE_CN_RANGES]
# Sources (DATA_DIR = ../shared/data):
#   skillspan_en/skillspan_dev_spans.jsonl (MIT): skill_spans and knowledge_spans. The file has no posting ids: a tech
#     posting starts three lines before its "Date posted" line (the rule of resume-gold-set-sample.md), a house posting
#     at a line of placeholders only ("<ORGANIZATION> ...") that follows a line with text; approximate for house.
#   dotin_resume_ner_en/train.jsonl (CC0): spans labelled Tech Tools, Job Specific Skills, Soft Skills; one resume each.
#     Its test.jsonl is a blind split's source and is never read.
#   cn_skillspan_raw_sentences_zh/CN_skillspan_lkst_train.json: skill_spans, minus the entries given as EXCLUDE_CN_RANGES
#     ("a-b,c-d", 0-based, inclusive; the blind split's ads). Its skill_spans are all empty upstream (SOURCE.md), so it
#     gives no candidate; it is read so that a later labelled release would count.
import json, re, sys, os, subprocess

DOTIN_LABELS = {"Tech Tools", "Job Specific Skills", "Soft Skills"}
CJK = re.compile(r'[\u3400-\u9fff]')

def fold(s):
    s = s.lower().replace('\u00a0', ' ')
    s = re.sub(r'[\s\-_]+', ' ', s).strip()
    return s

def taxonomy_forms(tax_dir):
    manifest = json.load(open(os.path.join(tax_dir, 'manifest.json')))
    forms = set()
    for f in manifest['files']:
        for n in json.load(open(os.path.join(tax_dir, f)))['skills']:
            if n.get('kind', 'skill') == 'role':
                continue
            for a in [n['name'], n.get('zh', '')] + n.get('aliases', []) + n.get('ambiguous', []):
                if a:
                    forms.add(fold(a))
    return forms

class Cover:
    """Word-bounded containment of any taxonomy form in a folded span (the extractor's longest-match rules are not
    needed: the question is only whether the span names something the taxonomy already reads)."""
    def __init__(self, forms):
        latin = sorted((f for f in forms if not CJK.search(f)), key=len, reverse=True)
        self.latin = set(latin)
        self.squashed = {re.sub(r'[ .]', '', f) for f in latin if len(f) >= 3}
        self.cjk = [f for f in forms if CJK.search(f)]
    def covered(self, span):
        f = fold(span)
        if CJK.search(f) and any(c in f for c in self.cjk):
            return True
        words = re.findall(r"[a-z0-9+#.]+|[^\sa-z0-9]", f)
        words = [w.rstrip('.') for w in words]
        n = len(words)
        for i in range(n):
            for j in range(i + 1, min(n, i + 8) + 1):
                g = ' '.join(words[i:j])
                if g in self.latin or (g.endswith('s') and g[:-1] in self.latin):
                    return True
                if re.sub(r'[ .]', '', g) in self.squashed:
                    return True
        return False

def skillspan_docs(path):
    rows = [json.loads(l) for l in open(path)]
    starts = set()
    for i, r in enumerate(rows):
        t = ' '.join(r['tokens'])
        if r['domain'] == 'tech' and t.startswith('Date posted'):
            starts.add(max(i - 3, 0))
        if r['domain'] == 'house' and r['tokens'] and all(x.startswith('<') for x in r['tokens']):
            if i == 0 or not all(x.startswith('<') for x in rows[i - 1]['tokens']):
                starts.add(i)
    doc, prev_domain = 0, None
    for i, r in enumerate(rows):
        if i in starts or r['domain'] != prev_domain:
            doc += 1
        prev_domain = r['domain']
        for a, b, _ in r['skill_spans'] + r['knowledge_spans']:
            yield f"skillspan-{r['domain']}-{doc}", ' '.join(r['tokens'][a:b])

def dotin_docs(path):
    for k, l in enumerate(open(path)):
        d = json.loads(l)
        for a, b, label in d['spans']:
            if label in DOTIN_LABELS:
                yield f"dotin-{k}", d['text'][a:b]

def cn_docs(path, exclude):
    for i, e in enumerate(json.load(open(path))):
        if any(a <= i <= b for a, b in exclude):
            continue
        for s in e.get('skill_spans', []):
            text = s[2] if isinstance(s, list) and len(s) > 2 else s.get('text', '') if isinstance(s, dict) else str(s)
            yield f"cn-{e['global_id']}", text

def split_items(span):
    # dotin's Tech Tools spans are often whole lists ("Java, C, C++, Python"): each item is a candidate of its own
    # ("/" is no separator: PL/SQL, TCP/IP, CI/CD)
    parts = re.split(r'\s*(?:[,;|•\n]|\band\b)\s*', span)
    return [p.strip(' .:()-') for p in parts if p.strip(' .:()-')]

def main():
    data, tax, out = sys.argv[1], sys.argv[2], sys.argv[3]
    exclude = [tuple(map(int, r.split('-'))) for r in sys.argv[4].split(',')] if len(sys.argv) > 4 and sys.argv[4] else []
    cover = Cover(taxonomy_forms(tax))
    sources = [
        ('skillspan-dev', skillspan_docs(os.path.join(data, 'skillspan_en/skillspan_dev_spans.jsonl'))),
        ('dotin-train', dotin_docs(os.path.join(data, 'dotin_resume_ner_en/train.jsonl'))),
        ('cn-lkst-train', cn_docs(os.path.join(data, 'cn_skillspan_raw_sentences_zh/CN_skillspan_lkst_train.json'), exclude)),
    ]
    stats, cands = {}, {}
    for name, it in sources:
        st = stats.setdefault(name, {'spans': 0, 'items': 0, 'covered': 0, 'documents': set()})
        for doc, span in it:
            st['spans'] += 1
            st['documents'].add(doc)
            for item in split_items(span):
                if len(item) > 60:
                    continue
                st['items'] += 1
                if cover.covered(item):
                    st['covered'] += 1
                    continue
                c = cands.setdefault(fold(item), {'docs': set(), 'examples': [], 'sources': set()})
                c['docs'].add(doc); c['sources'].add(name)
                if len(c['examples']) < 2 and item not in c['examples']:
                    c['examples'].append(item)
    # second test, the real extractor (SkillExtractor.Default, resume mode) on each remaining example: a span it reads
    # ("CSS3" is CSS with a version) is no candidate
    examples = sorted({e for v in cands.values() for e in v['examples']})
    here = os.path.dirname(os.path.abspath(__file__))
    out_lines = subprocess.run(['dotnet', 'run', os.path.join(here, 'read-by-extractor.cs')], input='\n'.join(examples) + '\n',
                               capture_output=True, text=True, check=True).stdout.split('\n')
    read = {l.split('\t')[0] for l in out_lines if '\t' in l and l.split('\t')[1]}
    for k in [k for k, v in cands.items() if any(e in read for e in v['examples'])]:
        del cands[k]
    rows = sorted(({'candidate': k, 'documents': len(v['docs']), 'sources': sorted(v['sources']),
                    'examples': v['examples']} for k, v in cands.items()),
                  key=lambda r: (-r['documents'], r['candidate']))
    for st in stats.values():
        st['documents'] = len(st['documents'])
    json.dump({'stats': stats, 'candidates': rows}, open(out, 'w'), ensure_ascii=False, indent=1)
    print(json.dumps(stats), len(rows), 'candidates,', sum(1 for r in rows if r['documents'] >= 2), 'in >= 2 documents')

main()
