#!/usr/bin/env python3
"""Writes a triage sheet (TSV on stdout) for one threadlint JSON report: every error finding and
a seeded random sample of warning findings (info findings are not sampled).

    bench/triage-sample.py REPORT.json [SOURCE_ROOT] [--warnings N] [--seed S] > triage.tsv

Findings are put in a fixed order first (file, line, column, rule, fingerprint), so the same
report always gives the same sheet: errors are numbered E01.. in that order, and the warnings
W01.. in the order random.Random(seed).sample draws them (default seed 14, 10 warnings, or all of
them when there are fewer). SOURCE_ROOT, when given, is stripped from the file paths.
The verdict and note columns are left empty for the person doing the triage.
"""
import argparse
import json
import os
import random
import sys

SHORT = 160


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("report")
    ap.add_argument("source_root", nargs="?")
    ap.add_argument("--warnings", type=int, default=10)
    ap.add_argument("--seed", type=int, default=14)
    args = ap.parse_args()

    with open(args.report, encoding="utf-8") as f:
        findings = json.load(f)["findings"]
    root = None
    if args.source_root:
        root = os.path.relpath(os.path.abspath(args.source_root))

    def path(f):
        p = f["location"]["file"]
        if root:
            for prefix in (root + os.sep, os.path.abspath(args.source_root) + os.sep):
                if p.startswith(prefix):
                    return p[len(prefix):]
        return p

    def key(f):
        loc = f["location"]
        return (path(f), loc["line"], loc.get("column", 0), f["ruleId"], f["fingerprint"])

    ordered = sorted(findings, key=key)
    errors = [f for f in ordered if f["severity"] == "error"]
    warnings = [f for f in ordered if f["severity"] == "warning"]
    sample = random.Random(args.seed).sample(warnings, min(args.warnings, len(warnings)))

    def short(message):
        m = " ".join(message.split())
        return m if len(m) <= SHORT else m[: SHORT - 1] + "…"

    out = sys.stdout
    out.write("\t".join(["id", "rule", "severity", "file:line", "message", "fingerprint", "verdict", "note"]) + "\n")
    for prefix, rows in (("E", errors), ("W", sample)):
        for i, f in enumerate(rows, 1):
            out.write("\t".join([
                f"{prefix}{i:02d}", f["ruleId"], f["severity"],
                f"{path(f)}:{f['location']['line']}", short(f["message"]), f["fingerprint"], "", "",
            ]) + "\n")
    print(f"{len(errors)} errors, {len(sample)} of {len(warnings)} warnings (seed {args.seed})", file=sys.stderr)


if __name__ == "__main__":
    main()
