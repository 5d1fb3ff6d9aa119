#!/usr/bin/env python3
"""Converts a threadlint JSON report into the flat finding list the corpus scorer reads.

Usage: to-eval.py REPORT.json [REPORT.json ...] > findings.json

Each finding becomes {"file", "line", "category", "message", "rule"}; the category is the
defectClass that the producing rule declares in @RuleInfo (the JSON report lists it with every
rule), so the mapping lives next to the rules and nowhere else. File paths are made absolute
against the report's base directory when they are relative.
"""
import json
import os
import sys


def convert(path):
    with open(path, encoding="utf-8") as f:
        report = json.load(f)
    classes = {r["id"]: r.get("defectClass") for r in report.get("rules", [])}
    base = report.get("baseDir") or ""
    out = []
    for f in report.get("findings", []):
        category = classes.get(f["ruleId"])
        if not category:
            print(f"warning: rule {f['ruleId']} has no defectClass in {path}", file=sys.stderr)
            continue
        loc = f.get("location", {})
        file = loc.get("file") or f.get("file")
        if file and base and not os.path.isabs(file):
            file = os.path.join(base, file)
        out.append({"file": file, "line": loc.get("line") or f.get("line"), "category": category,
                    "message": f.get("message", ""), "rule": f["ruleId"]})
    return out


def main(argv):
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    findings = []
    for p in argv[1:]:
        findings.extend(convert(p))
    json.dump(findings, sys.stdout, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
