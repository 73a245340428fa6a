#!/usr/bin/env python3
# EXPERIMENT ONLY (issue #23, docs/benchmarks.md "What a learned span tagger would add"). Scores what tagged spans that
# no extractor evidence overlaps would add to SkillExtractor.Default's labels, against the resume gold set:
# - the spans of frozen-tagger.cs (SPANS, its output), per confidence threshold, on the spent splits dev..test5 (where a
#   threshold would be chosen) and on test6+test7 (nothing was trained or chosen on them);
# - --public-labels: the public sets' OWN human span labels on the gold documents that come from them (SkillSpan's
#   tech test postings, dotin's test.jsonl): a perfect tagger of their notion of a skill.
# Generous on purpose: a span counts as found when it matches a gold `missing` name or a name or alias of a gold node
# the extractor missed (case and punctuation folded; the name within the span plus at most two words, the span within
# the name less at most one word, or the span the initials of a name of two words or more). A real system would still
# have to name the skill, or pick that node out of the taxonomy. Every other distinct span counts as a false positive.
#   usage: score-open-vocabulary.py SPANS [--public-labels]
import glob, json, os, re, sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.join(HERE, '..', '..', '..', '..')
DATA = os.path.join(ROOT, '..', 'shared', 'data')
STOP = {'and', 'or', 'of', 'the', 'a', 'an', 'in', 'with', 'to', 'for', 'on', 'skills', 'skill', 'experience', 'knowledge'}


def fold(s): return re.sub(r'[^0-9a-z+#]+', ' ', s.lower()).strip()
def words(s): return [t for t in fold(s).split() if t not in STOP]


def matches(span, name):
    if fold(span) == fold(name): return True
    a, b = words(span), words(name)
    if not a or not b: return False
    if set(b) <= set(a) and len(a) <= len(b) + 2: return True
    if set(a) <= set(b) and len(a) >= len(b) - 1: return True
    return len(a) == 1 and len(b) >= 2 and a[0] == ''.join(t[0] for t in b)


NAMES = {}  # node id -> its Latin-script name and aliases
for path in glob.glob(os.path.join(ROOT, 'src/Core/TalentMatch.Core.Skills/Taxonomy/*.json')):
    doc = json.load(open(path))
    for s in doc.get('skills', []) if isinstance(doc, dict) else []:
        NAMES[s['id']] = [s['name']] + [a for a in s.get('aliases', []) if not re.search('[\u4e00-\u9fff]', a)]


def score(rows, spans_of):
    """Totals over rows: the extractor's label counts, and the same with every uncovered span added."""
    t = dict(tp=0, fp=0, fn=0, added=0, hits=0, missing=0, missing_found=0, nodes_missed=0, nodes_found=0)
    for r in rows:
        gold, found, missing = set(r['Skills']), set(r['found']), set(r['Missing'])
        t['tp'] += len(found & gold); t['fp'] += len(found - gold); t['fn'] += len(gold - found) + len(missing)
        distinct = {}
        for text in spans_of(r): distinct.setdefault(fold(text), text)
        missed = gold - found; got_missing, got_nodes, hits = set(), set(), 0
        for text in distinct.values():
            m = {n for n in missing if matches(text, n)}
            k = {n for n in missed if any(matches(text, x) for x in NAMES.get(n, []))}
            got_missing |= m; got_nodes |= k; hits += bool(m or k)
        t['added'] += len(distinct); t['hits'] += hits; t['missing'] += len(missing); t['missing_found'] += len(got_missing)
        t['nodes_missed'] += len(missed); t['nodes_found'] += len(got_nodes)
    return t


def f1(tp, fp, fn): return tp / max(tp + fp, 1), tp / max(tp + fn, 1), 2 * tp / max(2 * tp + fp + fn, 1)


def row(name, docs, t):
    found = t['missing_found'] + t['nodes_found']
    before = f1(t['tp'], t['fp'], t['fn'])
    after = f1(t['tp'] + found, t['fp'] + t['added'] - t['hits'], t['fn'] - found)
    print(f"| {name} | {docs} | {t['missing_found']} of {t['missing']} | {t['nodes_found']} of {t['nodes_missed']} | "
          f"{t['added']} | {t['hits']} ({t['hits'] / max(t['added'], 1):.0%}) | "
          + ' | '.join(f'{x:.3f}' for x in before) + ' | ' + ' | '.join(f'{x:.3f}' for x in after) + ' |')


def public_spans(r, kinds):
    """The public set's own span labels on document r, as text, where no extractor evidence overlaps them."""
    if 'skillspan_test_spans' in r['File']:
        rows = open(os.path.join(DATA, r['File'])).read().split('\n')[r['Line'] - 1:r['Line'] - 1 + r['Lines']]
        spans, base = [], 0
        for j in map(json.loads, rows):  # document_text joins tokens with spaces and postings' lines with newlines
            starts, p = [], base
            for tok in j['tokens']: starts.append(p); p += len(tok) + 1
            for key, kind in (('skill_spans', 'S'), ('knowledge_spans', 'K')):
                spans += [(starts[s], starts[e - 1] + len(j['tokens'][e - 1]), kind) for s, e, _ in j[key]]
            base = p
    else:
        j = json.loads(open(os.path.join(DATA, r['File'])).read().split('\n')[r['Line'] - 1])
        kind = {'Tech Tools': 'K', 'Job Specific Skills': 'S', 'Soft Skills': 'S'}
        spans = [(s, e, kind[label]) for s, e, label in j['spans'] if label in kind]
    evidence = [(e['start'], e['end']) for e in r['evidence']]
    return [r['text'][s:e] for s, e, k in spans if k in kinds and not any(a < e and s < b for a, b in evidence)]


rows = json.load(open(sys.argv[1]))
print('| spans added | documents | `missing` names found | missed nodes found | distinct spans added | of them found something '
      '| extractor P | R | F1 | with the spans P | R | F1 |')
print('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|')
if '--public-labels' in sys.argv:
    from_public = [r for r in rows if 'skillspan_test_spans' in r['File'] or r['File'].endswith('dotin_resume_ner_en/test.jsonl')]
    for kinds, name in (('KS', 'public labels, skills and knowledge'), ('K', 'public labels, knowledge and tools only')):
        row(name, len(from_public), score(from_public, lambda r: public_spans(r, kinds)))
else:
    for group, splits in (('dev..test5 (spent)', {'dev', 'test', 'test2', 'test3', 'test4', 'test5'}), ('test6+test7', {'test6', 'test7'})):
        docs = [r for r in rows if r['Split'] in splits]
        for threshold in (0, 0.5, 0.7, 0.9):
            row(f'{group}, tagger p ≥ {threshold}', len(docs),
                score(docs, lambda r: [s['text'] for s in r['spans'] if not s['covered'] and s['p'] >= threshold]))
