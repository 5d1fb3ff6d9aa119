#!/usr/bin/env python3
"""Lists the labelled rows a findings file misses (FN) or wrongly hits (FP), for one category.

Usage: misses.py SCORE_CORPUS.py MANIFEST EXTRACT_DIR FINDINGS.json CATEGORY
"""
import csv
import importlib.util
import json
import os
import sys
from collections import defaultdict

scorer_path, manifest, extract, findings_path, category = sys.argv[1:6]
spec = importlib.util.spec_from_file_location("score", scorer_path)
score = importlib.util.module_from_spec(spec)
spec.loader.exec_module(score)
rows = list(csv.DictReader(open(manifest), delimiter='\t'))
findings = json.load(open(findings_path))
by_file = defaultdict(list)
for f in findings:
    by_file[os.path.basename(score.norm_file(f['file']))].append(f)
for row in rows:
    if score.fold(row['category']) != score.fold(category):
        continue
    if row['expected'] == 'negative' and row['scope'] == 'file' and 'rule-specific negative' in row.get('notes', ''):
        continue
    hit = [f for f in by_file.get(os.path.basename(row['file']), []) if score.hits(row, f, extract)]
    if row['expected'] == 'positive' and not hit:
        print('FN', row['source'], row['file'], row['line'], row['scope'], row['rule'], row.get('notes', ''))
    elif row['expected'] == 'negative' and hit:
        print('FP', row['source'], row['file'], row['line'], row['scope'], row['rule'], '<-', hit[0]['rule'], hit[0]['line'], hit[0]['message'][:120])
