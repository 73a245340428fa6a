#!/usr/bin/env python3
# The adjudication lookup of docs/resume-gold-set.md: after a taxonomy release, every `missing` label of a gold file that
# is exactly (case, spaces, dashes and underscores folded) the name or an alias of a NEW node moves to that node id.
# Reads no document and no extractor output.
#   usage: move-missing-labels.py [--splits dev,test,...] NEW_NODES.json OUT_FOLDER GOLD.json...   (OUT_FOLDER may be the gold folder itself)
# --splits (since 1.9.0): move labels of these splits only; every other entry stays exactly as it is (so that a taxonomy
# round can relabel the spent splits without touching a blind split's labels, which the lead moves before measuring).
# NEW_NODES.json: {"skills": [...]} with the new nodes only (e.g. a generated file such as generic-esco.json), or existing
# nodes with only their new forms. Every form counts: name, zh, aliases and ambiguous forms (a `missing` label names a
# concept, so "orm" is the node whose context-confirmed form is "ORM"; since 1.7.0).
import json,re,sys,os
sys.path.insert(0,os.path.dirname(os.path.abspath(__file__)))
from gold_documents import edit_gold
only=None
if sys.argv[1]=='--splits':
    only=set(sys.argv[2].split(',')); del sys.argv[1:3]
def fold(s): return re.sub(r'[\s\-_]+',' ',s.lower()).strip()
new={}
for n in json.load(open(sys.argv[1]))['skills']:
    for a in [n['name'],n.get('zh','')]+n.get('aliases',[])+n.get('ambiguous',[]):
        if a: new.setdefault(fold(a),n['id'])
out=sys.argv[2]
def move(d,moved):
    if only is not None and d.get('split') not in only: return False
    keep=[]
    for m in d['missing']:
        if fold(m) in new:
            if new[fold(m)] not in d['skills']: d['skills']=sorted(d['skills']+[new[fold(m)]])
            moved.append((d['split'],d['file'].split('/')[0],d.get('line'),m,new[fold(m)]))
        else: keep.append(m)
    changed=keep!=d['missing']; d['missing']=keep
    return changed
for g in sys.argv[3:]:
    moved=[]
    edit_gold(g, lambda d: move(d,moved), out=os.path.join(out,os.path.basename(g)))
    for x in moved: print(os.path.basename(g),*x)
