#!/usr/bin/env bash
# A reproducible corpus of real libraries for precision triage. For each library it fetches the
# sources jar of a pinned version from Maven Central into target/corpus/<name>/, unpacks it into
# target/corpus/<name>/src, and writes the jars the library was compiled against (its compile,
# provided, optional and runtime dependencies, resolved by Maven from the library's own POM) to
# target/corpus/<name>/classpath.txt, so that the symbol solver sees the same types the library's
# compiler saw. Then it scans a prepared library with the CLI built from this checkout and prints
# the findings per rule and severity, the diagnostics and the wall time. Not run by the test suite.
#
#   bench/corpus.sh list                  # the pinned libraries and their sets
#   bench/corpus.sh [prepare] NAME...     # download + unpack + classpath (NAME, dev, held-out,
#                                         #   earlier or all); already prepared steps are skipped
#   bench/corpus.sh scan NAME...          # scan prepared libraries (prepares them first if needed)
#   bench/corpus.sh triage NAME...        # triage.tsv from report.json: every error finding and a
#                                         #   seeded sample of 10 warnings (bench/triage-sample.py)
#
# Sets: `dev` is the corpus the rules are tuned on; `held-out` is kept apart for an unbiased final
# triage: it is prepared like the others, but `scan` refuses it unless CORPUS_HELD_OUT=1 is set;
# `earlier` holds the two libraries of bench/real-code.sh.
#
# Per library, target/corpus/<name>/ holds: gav.txt, <artifact>-<version>-sources.jar, the
# library's POM, src/, classpath.txt (':'-separated jars), and after a scan report.json,
# report.txt, scan.log and time.txt (wall seconds, peak RSS KB).
#
# Environment: SKIP_BUILD=1 uses cli/target/threadlint.jar as it is (it is built when missing);
# THREADLINT_JAR picks another build; THREADLINT_JAVA_OPTS replaces the JVM options (default: the
# ./threadlint launcher's JIT settings, which change the time, not the findings); FORCE=1 prepares
# again from scratch.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
OUT="$ROOT/target/corpus"

# name  set  group:artifact:version  [extra compile dependencies, comma-separated]
# Each version is a recent stable release whose sources jar Central serves (for some newest
# releases only the binary jar is there). Extra dependencies are given only where the published
# POM omits what the library's own build compiles against (H2's POM lists none; Tomcat's build
# compiles its naming factories against Jakarta EE APIs its POM leaves out).
LIBRARIES="
log4j-core         dev       org.apache.logging.log4j:log4j-core:2.26.1
jetty-server       dev       org.eclipse.jetty:jetty-server:12.1.13
h2                 dev       com.h2database:h2:2.4.240  javax.servlet:javax.servlet-api:4.0.1,jakarta.servlet:jakarta.servlet-api:5.0.0,org.apache.lucene:lucene-core:9.12.3,org.apache.lucene:lucene-analysis-common:9.12.3,org.apache.lucene:lucene-queryparser:9.12.3,org.locationtech.jts:jts-core:1.20.0,org.osgi:org.osgi.core:6.0.0,org.osgi:org.osgi.service.jdbc:1.0.0,org.slf4j:slf4j-api:2.0.17
tomcat-embed-core  dev       org.apache.tomcat.embed:tomcat-embed-core:11.0.25  jakarta.ejb:jakarta.ejb-api:4.0.1,jakarta.mail:jakarta.mail-api:2.1.3,jakarta.persistence:jakarta.persistence-api:3.2.0,jakarta.xml.ws:jakarta.xml.ws-api:4.0.2,biz.aQute.bnd:biz.aQute.bnd.annotation:7.1.0
logback-core       held-out  ch.qos.logback:logback-core:1.5.38
hikaricp           held-out  com.zaxxer:HikariCP:7.1.0
zookeeper          held-out  org.apache.zookeeper:zookeeper:3.9.5
quartz             held-out  org.quartz-scheduler:quartz:2.5.2
commons-pool2      held-out  org.apache.commons:commons-pool2:2.13.1
undertow-core      held-out  io.undertow:undertow-core:2.4.3.Final
activemq-broker    held-out  org.apache.activemq:activemq-broker:6.3.1
rxjava             held-out  io.reactivex.rxjava3:rxjava:3.1.12
guava              earlier   com.google.guava:guava:33.4.8-jre
kafka-clients      earlier   org.apache.kafka:kafka-clients:3.9.1
"

JAR=${THREADLINT_JAR:-$ROOT/cli/target/threadlint.jar}
read -r -a JAVA_OPTS <<<"${THREADLINT_JAVA_OPTS:--XX:+UnlockDiagnosticVMOptions -XX:-DontCompileHugeMethods -XX:TieredStopAtLevel=1 -XX:+UseParallelGC}"
MVN=("$ROOT/mvnw" -B -q)

die() { echo "corpus: $*" >&2; exit 2; }

# field N of the library NAME's line (1 name, 2 set, 3 coordinates)
lib() { awk -v n="$1" -v f="$2" '$1 == n { print $f }' <<<"$LIBRARIES"; }

# expands names and set names (dev, held-out, earlier, all) into library names
expand() {
  local a
  for a in "$@"; do
    case "$a" in
      all) awk 'NF { print $1 }' <<<"$LIBRARIES" ;;
      dev|held-out|earlier) awk -v s="$a" '$2 == s { print $1 }' <<<"$LIBRARIES" ;;
      *)
        local n; n=$(tr '[:upper:]' '[:lower:]' <<<"$a")
        [[ -n "$(lib "$n" 1)" ]] || die "unknown library '$a' (see: bench/corpus.sh list)"
        echo "$n" ;;
    esac
  done
}

# writes DIR/pom.xml: a throwaway project that depends on the given coordinates
consumer_pom() {
  local dir="$1" gav g a v; shift
  mkdir -p "$dir"
  {
    echo '<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>'
    echo '  <groupId>dev.threadlint.corpus</groupId><artifactId>consumer</artifactId><version>0</version><packaging>pom</packaging>'
    echo '  <dependencies>'
    for gav in "$@"; do
      IFS=: read -r g a v <<<"$gav"
      echo "    <dependency><groupId>$g</groupId><artifactId>$a</artifactId><version>$v</version></dependency>"
    done
    echo '  </dependencies>'
    echo '</project>'
  } >"$dir/pom.xml"
}

# The library's own POM is used as the project whose classpath Maven resolves: its direct
# provided and optional dependencies are on it (a consumer's POM would not see them). Compile
# scope = compile + provided + system; runtime scope adds runtime; the union is kept, in order,
# followed by the extra dependencies (and theirs). When the library's POM cannot serve as a
# project, a generated consumer POM is the fallback.
resolve_classpath() {
  local dir="$1" group="$2" artifact="$3" version="$4" extra="$5"
  local pom="$dir/$artifact-$version.pom" scope
  rm -f "$dir"/cp-*.txt
  if [[ ! -f "$pom" ]]; then
    "${MVN[@]}" dependency:copy -Dartifact="$group:$artifact:$version:pom" -DoutputDirectory="$dir"
  fi
  local ok=1
  for scope in compile runtime; do
    if ! "${MVN[@]}" -f "$pom" dependency:build-classpath -Dmdep.includeScope="$scope" \
        -Dmdep.outputFile="$dir/cp-$scope.txt" >"$dir/resolve.log" 2>&1; then
      ok=0; break
    fi
  done
  if [[ $ok == 0 ]]; then
    echo "  the library's POM does not resolve as a project (see $dir/resolve.log); using a consumer POM (no provided/optional dependencies)" >&2
    consumer_pom "$dir/consumer" "$group:$artifact:$version"
    "${MVN[@]}" -f "$dir/consumer/pom.xml" dependency:build-classpath -Dmdep.includeScope=runtime \
      -DexcludeArtifactIds="$artifact" -Dmdep.outputFile="$dir/cp-runtime.txt"
    : >"$dir/cp-compile.txt"
  fi
  : >"$dir/cp-extra.txt"
  if [[ -n "$extra" ]]; then
    local deps; IFS=, read -r -a deps <<<"$extra"
    consumer_pom "$dir/extra" "${deps[@]}"
    "${MVN[@]}" -f "$dir/extra/pom.xml" dependency:build-classpath -Dmdep.includeScope=runtime \
      -Dmdep.outputFile="$dir/cp-extra.txt"
  fi
  cat "$dir/cp-compile.txt" <(echo) "$dir/cp-runtime.txt" <(echo) "$dir/cp-extra.txt" | tr ':' '\n' \
    | awk 'NF && !seen[$0]++' | paste -sd: - >"$dir/classpath.txt"
  rm -f "$dir"/cp-*.txt
}

prepare() {
  local name="$1" gav group artifact version dir jar
  gav=$(lib "$name" 3)
  IFS=: read -r group artifact version <<<"$gav"
  dir="$OUT/$name"
  [[ -n "${FORCE:-}" ]] && rm -rf "$dir"
  mkdir -p "$dir"
  echo "$gav" >"$dir/gav.txt"
  jar="$dir/$artifact-$version-sources.jar"
  if [[ ! -f "$jar" ]]; then
    echo "== $name: downloading $gav sources"
    "${MVN[@]}" dependency:copy -Dartifact="$group:$artifact:$version:jar:sources" -DoutputDirectory="$dir"
  fi
  if [[ ! -d "$dir/src" ]]; then
    rm -rf "$dir/src.part"
    mkdir -p "$dir/src.part"
    (cd "$dir/src.part" && unzip -q "$jar")
    mv "$dir/src.part" "$dir/src"
  fi
  if [[ ! -f "$dir/classpath.txt" ]]; then
    echo "== $name: resolving the classpath"
    resolve_classpath "$dir" "$group" "$artifact" "$version" "$(lib "$name" 4)"
  fi
  echo "== $name $version: $(find "$dir/src" -name '*.java' | wc -l) Java files, $(tr ':' '\n' <"$dir/classpath.txt" | grep -c . || true) classpath jars ($dir)"
}

scan() {
  local name="$1" dir="$OUT/$1"
  if [[ "$(lib "$name" 2)" == held-out && -z "${CORPUS_HELD_OUT:-}" ]]; then
    die "$name is held out for the final triage; set CORPUS_HELD_OUT=1 to scan it"
  fi
  [[ -f "$dir/classpath.txt" && -d "$dir/src" ]] || prepare "$name"
  local start end
  start=$(date +%s.%N)
  local timer=()
  [[ -x /usr/bin/time ]] && timer=(/usr/bin/time -f "%e %M" -o "$dir/time.txt")
  rm -f "$dir/time.txt"
  "${timer[@]}" java "${JAVA_OPTS[@]}" -jar "$JAR" scan "$dir/src" --classpath "$(cat "$dir/classpath.txt")" \
      --format json --output "$dir/report.json" --format text --output "$dir/report.txt" \
      --fail-on never >"$dir/scan.log" 2>&1 || { end=$?; cat "$dir/scan.log" >&2; die "$name: scan failed ($end)"; }
  end=$(date +%s.%N)
  [[ -s "$dir/time.txt" ]] || echo "$(awk -v a="$start" -v b="$end" 'BEGIN{printf "%.1f", b-a}') 0" >"$dir/time.txt"
  echo "== $name $(cut -d: -f3 "$dir/gav.txt"): scanned in $(cut -d' ' -f1 "$dir/time.txt") s, peak RSS $(awk '{printf "%.0f", $2/1024}' "$dir/time.txt") MB"
  python3 - "$dir/report.json" <<'PY'
import json, sys, collections
r = json.load(open(sys.argv[1]))
order = {"error": 0, "warning": 1, "info": 2}
c = collections.Counter((f["ruleId"], f["severity"]) for f in r["findings"])
sev = collections.Counter(f["severity"] for f in r["findings"])
for (rule, s), n in sorted(c.items(), key=lambda kv: (kv[0][0], order.get(kv[0][1], 9))):
    print(f"  {rule:34s} {s:8s} {n:5d}")
s = r["summary"]
print(f"  total {s['findings']} (error {sev['error']}, warning {sev['warning']}, info {sev['info']}),"
      f" suppressed {s['suppressed']}, files {s['filesScanned']}")
d = collections.Counter((x["code"], x["level"]) for x in r["diagnostics"])
print("  diagnostics:", ", ".join(f"{code}/{lvl} {n}" for (code, lvl), n in sorted(d.items())) or "none")
PY
}

triage() {
  local dir="$OUT/$1"
  [[ -f "$dir/report.json" ]] || die "$1: no report.json yet (run: bench/corpus.sh scan $1)"
  local counts
  counts=$(python3 "$ROOT/bench/triage-sample.py" "$dir/report.json" "$dir/src" 2>&1 >"$dir/triage.tsv")
  echo "== $1: $counts -> $dir/triage.tsv"
}

cmd=prepare
case "${1:-}" in
  list)
    printf '%-18s %-9s %s\n' name set coordinates
    awk 'NF { printf "%-18s %-9s %s%s\n", $1, $2, $3, (NF > 3 ? "  + " $4 : "") }' <<<"$LIBRARIES"
    exit 0 ;;
  prepare|scan|triage) cmd=$1; shift ;;
  prepare-one) prepare "$2"; exit 0 ;;
  ""|-h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
esac
[[ $# -gt 0 ]] || die "name at least one library, a set (dev, held-out, earlier) or all"
names=$(expand "$@")
mkdir -p "$OUT"
if [[ $cmd == scan ]]; then
  if [[ -n "${THREADLINT_JAR:-}" ]]; then
    [[ -f "$JAR" ]] || die "THREADLINT_JAR: no such file $JAR"
  elif [[ -z "${SKIP_BUILD:-}" || ! -f "$JAR" ]]; then
    ./mvnw -B -q -pl cli -am package -DskipTests
  fi
fi
status=0
for n in $names; do
  if [[ $cmd == prepare ]]; then
    # a child process, so that one library that cannot be fetched stops only itself
    bash "$0" prepare-one "$n" || { echo "corpus: $n could not be prepared" >&2; status=1; }
  else
    "$cmd" "$n"
  fi
done
exit $status
