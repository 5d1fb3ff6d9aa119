#!/usr/bin/env bash
# Scores a threadlint build on the peers' labelled suites. Usage: bench/eval/score.sh GT_DIR [JAR]
# GT_DIR is what the evaluation kit's extract.py wrote (with manifest.tsv); SCORER defaults to
# ../shared/eval/score_corpus.py next to the checkout. Prints the per-category table.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
gt="$1"
jar="${2:-$root/cli/target/threadlint.jar}"
scorer="${SCORER:-$root/../shared/eval/score_corpus.py}"
out="$(mktemp -d)"
for suite in spotbugs errorprone pmd; do
  java -XX:-DontCompileHugeMethods -XX:TieredStopAtLevel=1 -jar "$jar" scan "$gt/$suite" --format json --output "$out/$suite.json" --fail-on never >/dev/null 2>"$out/$suite.log" || true
done
python3 "$here/to-eval.py" "$out"/spotbugs.json "$out"/errorprone.json "$out"/pmd.json > "$out/findings.json"
python3 "$scorer" "$gt/manifest.tsv" "$gt" "$out/findings.json"
echo "(reports in $out)"
