#!/usr/bin/env bash
# Measures the incremental cache (scan --cache) on real corpora and prints a table:
#   cold     first scan with an empty cache (full analysis, cache written)
#   warm     the same scan again, nothing changed (everything reused, nothing parsed)
#   leaf     after appending a comment to a leaf file (a type no other file names)
#   central  after appending a comment to a central file (the type most other files name)
# Each corpus is copied to a temporary folder first (the edits never touch bench/target/corpora).
#
# usage: bench/incremental.sh [CORPUS...]   (default: guava kafka-clients, from bench/run.sh's corpora)
# env:   THREADLINT_JAR (default cli/target/threadlint.jar), JAVA_OPTS, BENCH_TARGET (default bench/target: corpora/ and classpath/)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
out="${BENCH_TARGET:-$here/target}"
jar="${THREADLINT_JAR:-$root/cli/target/threadlint.jar}"
corpora=("$@")
[ ${#corpora[@]} -eq 0 ] && corpora=(guava kafka-clients)
[ -f "$jar" ] || { echo "no $jar: build it with ./mvnw -q -pl cli -am package -DskipTests" >&2; exit 2; }
[ -d "$out/corpora" ] || { echo "no $out/corpora: run bench/run.sh once to fetch the corpora and classpath" >&2; exit 2; }
cp="$(ls "$out"/classpath/*.jar 2>/dev/null | tr '\n' ':')"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# the same JVM options as the ./threadlint launcher and bench/run.sh
read -r -a jvm <<< "${JAVA_OPTS:--XX:+UnlockDiagnosticVMOptions -XX:-DontCompileHugeMethods -XX:TieredStopAtLevel=1 -XX:+UseParallelGC}"

# one scan: prints "seconds level reused analysed components largest"
scan() {
  local dir="$1" cache="$2" log="$work/log"
  local t0 t1
  t0=$(date +%s.%N)
  java "${jvm[@]}" -jar "$jar" --verbose scan "$dir" ${cp:+--classpath "$cp"} --cache "$cache" \
    --format json --output "$work/report.json" --fail-on never 2> "$log" > /dev/null
  t1=$(date +%s.%N)
  python3 - "$log" "$t0" "$t1" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
m = re.search(r"timings \(ms\): \{(.*)\}", text)
t = dict(kv.split("=") for kv in m.group(1).split(", ")) if m else {}
secs = float(sys.argv[3]) - float(sys.argv[2])
print(f"{secs:.1f} {t.get('cache-level','?')} {t.get('cache-files-reused','?')} {t.get('cache-files-analysed','?')} "
      f"{t.get('cache-components','-')} {t.get('cache-largest-component','-')}")
PY
}

# leaf and central files: by how many other files spell each file's type name
pick() {
  python3 - "$1" <<'PY'
import os, re, sys
files = []
for d, _, fs in os.walk(sys.argv[1]):
    files += [os.path.join(d, f) for f in fs if f.endswith(".java") and f != "package-info.java"]
files.sort()
words = {f: set(re.findall(r"[A-Za-z_$][A-Za-z0-9_$]*", open(f, encoding="utf-8", errors="replace").read())) for f in files}
count = {}
for f in files:
    name = os.path.basename(f)[:-5]
    count[f] = sum(1 for g in files if g != f and name in words[g])
leaf = min(files, key=lambda f: (count[f], f))
central = max(files, key=lambda f: (count[f], f))
print(leaf, count[leaf], central, count[central])
PY
}

printf '| corpus | files | run | wall s | cache level | files reused | files analysed | components | largest component |\n'
printf '|---|---:|---|---:|---:|---:|---:|---:|---:|\n'
for c in "${corpora[@]}"; do
  src="$out/corpora/$c"
  [ -d "$src" ] || { echo "no corpus $src" >&2; continue; }
  rm -rf "$work/$c" "$work/cache-$c"
  cp -r "$src" "$work/$c"
  n=$(find "$work/$c" -name '*.java' | wc -l)
  read -r leaf leafrefs central centralrefs <<< "$(pick "$work/$c")"
  row() { read -r s lvl reu ana comps big <<< "$2"; printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s |\n' "$c" "$n" "$1" "$s" "$lvl" "$reu" "$ana" "$comps" "$big"; }
  row cold "$(scan "$work/$c" "$work/cache-$c")"
  row warm "$(scan "$work/$c" "$work/cache-$c")"
  printf '\n// touched by bench/incremental.sh\n' >> "$leaf"
  row "leaf ($(basename "$leaf"), named by $leafrefs files)" "$(scan "$work/$c" "$work/cache-$c")"
  printf '\n// touched by bench/incremental.sh\n' >> "$central"
  row "central ($(basename "$central"), named by $centralrefs files)" "$(scan "$work/$c" "$work/cache-$c")"
done
