#!/usr/bin/env python3
# EXPERIMENT ONLY. Never commit its output: Stack Overflow's tags are CC BY-SA and ../shared/data/README.md allows no
# copy of them into the repository. It measures what a Stack Overflow import would add (docs/benchmarks.md, taxonomy
# 1.6.0, "Stack Overflow, measured and not shipped").
#   usage: stackoverflow-candidates.py TAXONOMY_FOLDER OUT_FOLDER plain|listonly
# Copies the taxonomy folder to OUT_FOLDER and adds generic-so.json (and it to the manifest): every tag with at least
# 1,000 questions and no digit, that no node already names and that holds no known form as whole words, with its tag
# synonyms (same guards). plain: every form an alias. listonly: one-word forms become ambiguous forms (lower, Upper,
# CAPS) with a cue that never occurs, so only a neighbouring known skill in a list confirms them.
# Then: talentmatch-bench extract --split S --taxonomy OUT_FOLDER --gold (gold files relabelled by the same lookup).
import csv, glob, json, os, re, shutil, sys

DATA = os.path.join(os.path.dirname(__file__), '../../../../shared/data/stackoverflow_tag_synonyms')
source, out, mode = sys.argv[1], sys.argv[2], sys.argv[3]
fold = lambda s: re.sub(r'[\s\-_]+', ' ', s.lower()).strip()
os.makedirs(out, exist_ok=True)
known = set()
for f in glob.glob(os.path.join(source, '*.json')):
    shutil.copy(f, out)
    if f.endswith('manifest.json'):
        continue
    for n in json.load(open(f))['skills']:
        for a in [n['name'], n.get('zh', '')] + n.get('aliases', []) + n.get('ambiguous', []) + n.get('blocked', []):
            if a:
                known.add(fold(a))
words = [k for k in known if len(k) >= 4 and all(ord(c) < 0x2E80 for c in k)]
holds = lambda f: any(' ' + k + ' ' in ' ' + f + ' ' for k in words)
tags = {r['TagName']: int(r['Count']) for r in csv.DictReader(open(os.path.join(DATA, 'Tags.csv')))}
synonyms = {}
for r in csv.DictReader(open(os.path.join(DATA, 'TagSynonyms.csv'))):
    synonyms.setdefault(r['TargetTagName'], []).append(r['SourceTagName'])
skills, ids = [], set()
for tag, count in sorted(tags.items()):
    f = fold(tag)
    if count < 1000 or re.search(r'\d', tag) or len(f) < 2 or f in known or holds(f):
        continue
    forms = [tag] + [s for s in synonyms.get(tag, []) if not re.search(r'\d', s) and fold(s) not in known and not holds(fold(s))]
    node = {'id': 'so-' + re.sub(r'[^a-z0-9]+', '-', tag.replace('#', 'sharp').replace('+', 'plus')).strip('-'),
            'name': tag, 'category': 'so', 'parents': [], 'related': []}
    if node['id'] in ids:
        continue
    ids.add(node['id'])
    if mode == 'plain' or ' ' in f:
        node['aliases'] = forms
    else:
        node['aliases'] = [x for x in forms if ' ' in fold(x)]
        node['ambiguous'] = sorted({v for x in forms if ' ' not in fold(x) for v in (x, x.upper(), x.capitalize())})
        node['context'] = ['zzqqxx']
    skills.append(node)
json.dump({'source': 'experiment, not for the repository', 'skills': skills}, open(os.path.join(out, 'generic-so.json'), 'w'))
manifest = json.load(open(os.path.join(out, 'manifest.json')))
manifest['files'].append('generic-so.json')
json.dump(manifest, open(os.path.join(out, 'manifest.json'), 'w'))
print(len(skills), 'Stack Overflow candidates in', out)
