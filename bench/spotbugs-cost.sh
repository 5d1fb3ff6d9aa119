#!/usr/bin/env bash
# Measures what the SpotBugs bytecode cross-check adds to a scan: on a small project (threadlint's
# own analyzer-core, and the samples module when it has sources) and on guava (its binary jar's
# classes against its sources jar). Each scan runs in a fresh JVM; the
# numbers are wall-clock seconds of the whole command plus threadlint's own phase timings.
#
#   bench/spotbugs-cost.sh            # work files under /tmp/threadlint-spotbugs-bench
#   WORK=/some/dir RUNS=3 bench/spotbugs-cost.sh
#   FULL=1 bench/spotbugs-cost.sh     # also scan all of guava's sources, with and without SpotBugs
#
# "guava-classes-only" scans one tiny source file with all of guava's classes: the SpotBugs run is
# the whole cost there (its bugs map to no scanned source and become diagnostics), which isolates
# what SpotBugs adds independently of the source analysis it overlaps with.
#
# Downloads guava from Maven Central through the Maven Wrapper; nothing is written into the
# repository except the usual target/ folders.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
WORK=${WORK:-/tmp/threadlint-spotbugs-bench}
GUAVA=${GUAVA_VERSION:-33.4.0-jre}
RUNS=${RUNS:-1}
JAR=$ROOT/cli/target/threadlint.jar
mkdir -p "$WORK"

./mvnw -q -pl samples,cli -am package -DskipTests

if [ ! -d "$WORK/guava-classes" ]; then
  for artifact in "com.google.guava:guava:$GUAVA" "com.google.guava:guava:$GUAVA:jar:sources" "com.google.guava:failureaccess:1.0.2"; do
    ./mvnw -q -N dependency:copy -Dartifact="$artifact" -DoutputDirectory="$WORK"
  done
  mkdir -p "$WORK/guava-classes" "$WORK/guava-src"
  (cd "$WORK/guava-classes" && unzip -q -o "$WORK/guava-$GUAVA.jar" -x 'META-INF/*')
  (cd "$WORK/guava-src" && unzip -q -o "$WORK/guava-$GUAVA-sources.jar" -x 'META-INF/*')
fi

# scan NAME SRC [extra args...] → prints "NAME seconds findings spotbugs-findings timings"
scan() {
  local name=$1 src=$2
  shift 2
  for run in $(seq 1 "$RUNS"); do
    local out="$WORK/$name.$run.json"
    local times
    times=$( { TIMEFORMAT='%R %U %S'; time java -jar "$JAR" scan "$src" --format json --output "$out" --fail-on never "$@" 2>/dev/null; } 2>&1 )
    python3 - "$name" "$times" "$out" <<'PY'
import json, sys
name, times, path = sys.argv[1], sys.argv[2].split(), sys.argv[3]
wall, cpu = float(times[0]), float(times[1]) + float(times[2])
r = json.load(open(path))
fs = r["findings"]
sb = [f for f in fs if f["ruleId"].startswith("spotbugs:")]
merged = sum(1 for f in fs for e in f["evidence"] if e["message"].startswith("also reported by SpotBugs"))
unmapped = sum(1 for d in r["diagnostics"] if d["code"] in ("spotbugs-no-source", "spotbugs-stale-class"))
t = r.get("timingsMillis", {})
print(f"{name:24s} wall {wall:7.2f} s  cpu {cpu:7.2f} s  findings {len(fs):5d}  spotbugs-only {len(sb):4d}  merged {merged:3d}  unmapped {unmapped:4d}  "
      f"total {t.get('total', 0):6d} ms  spotbugs {t.get('spotbugs', '-')} ms  waited {t.get('spotbugs-wait', '-')} ms")
PY
  done
}

echo "java: $(java -version 2>&1 | head -1); cores: $(nproc); load: $(cut -d' ' -f1-3 /proc/loadavg)"
scan analyzer-core "$ROOT/analyzer-core/src/main/java"
scan analyzer-core+spotbugs "$ROOT/analyzer-core/src/main/java" --classes "$ROOT/analyzer-core/target/classes"
if [ -d "$ROOT/samples/target/classes" ] && find "$ROOT/samples/target/classes" -name '*.class' | grep -q .; then
  scan samples "$ROOT/samples/src/main/java"
  scan samples+spotbugs "$ROOT/samples/src/main/java" --classes "$ROOT/samples/target/classes"
fi
mkdir -p "$WORK/tiny/bench"
printf 'package bench;\n\nclass Tiny {}\n' > "$WORK/tiny/bench/Tiny.java"
scan tiny "$WORK/tiny"
scan guava-classes-only "$WORK/tiny" --classes "$WORK/guava-classes" --classpath "$WORK/failureaccess-1.0.2.jar"
if [ "${FULL:-0}" = 1 ]; then
  scan guava "$WORK/guava-src"
  scan guava+spotbugs "$WORK/guava-src" --classes "$WORK/guava-classes" --classpath "$WORK/failureaccess-1.0.2.jar"
fi
