#!/usr/bin/env python3
# EXPERIMENT ONLY (issue #23, docs/benchmarks.md "What a learned span tagger would add"). Writes the English documents of
# the resume gold set, with their labels and text as talentmatch-bench reads them, to OUT (JSON lines) for
# frozen-tagger.cs. OUT holds resume text: write it outside the repository and delete it afterwards.
#   usage: export-gold-documents.py OUT
import json, os, sys
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, '..', '..'))
from gold_documents import document_text

ROOT = os.path.join(HERE, '..', '..', '..', '..')
DATA = os.path.join(ROOT, '..', 'shared', 'data')
gold = json.load(open(os.path.join(ROOT, 'tests/TalentMatch.Core.Skills.Tests/Gold/resume-gold.json')))
with open(sys.argv[1], 'w') as out:
    for i, d in enumerate(gold['documents']):
        if d['language'] == 'en':
            out.write(json.dumps({'index': i, 'split': d['split'], 'type': d['type'], 'file': d['file'], 'line': d.get('line'),
                                  'lines': d.get('lines', 1), 'skills': d['skills'], 'missing': d['missing'],
                                  'text': document_text(DATA, d)}) + '\n')
