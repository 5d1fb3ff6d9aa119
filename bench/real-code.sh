#!/usr/bin/env bash
# Scans real libraries as a new user would: downloads the sources jars of Guava and the Kafka
# client from Maven Central into target/bench/, unpacks them, scans each with the CLI built from
# this checkout, and prints the number of findings per rule. Not run by the test suite.
#
#   bench/real-code.sh            # build the CLI if needed, download, scan, summarize
#   SKIP_BUILD=1 bench/real-code.sh
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
OUT="$ROOT/target/bench"
mkdir -p "$OUT"
CENTRAL=${MAVEN_CENTRAL:-https://repo1.maven.org/maven2}
ARTIFACTS=(
  "com.google.guava:guava:33.4.8-jre"
  "org.apache.kafka:kafka-clients:3.9.1"
)

if [[ -z "${SKIP_BUILD:-}" || ! -f cli/target/threadlint.jar ]]; then
  ./mvnw -q -pl cli -am package -DskipTests
fi

for gav in "${ARTIFACTS[@]}"; do
  IFS=: read -r group artifact version <<<"$gav"
  jar="$OUT/$artifact-$version-sources.jar"
  if [[ ! -f "$jar" ]]; then
    url="$CENTRAL/${group//.//}/$artifact/$version/$artifact-$version-sources.jar"
    echo "downloading $url"
    curl -fsSL -o "$jar.part" "$url" && mv "$jar.part" "$jar"
  fi
  src="$OUT/$artifact-src"
  if [[ ! -d "$src" ]]; then
    mkdir -p "$src"
    (cd "$src" && unzip -q "$jar")
  fi
  report="$OUT/$artifact.json"
  start=$(date +%s)
  java -jar cli/target/threadlint.jar scan "$src" --format json --output "$report" --fail-on never
  end=$(date +%s)
  echo "== $artifact $version: scanned in $((end - start)) s"
  python3 - "$report" <<'PY'
import json, sys, collections
r = json.load(open(sys.argv[1]))
c = collections.Counter((f["ruleId"], f["severity"]) for f in r["findings"])
for (rule, sev), n in sorted(c.items()):
    print(f"  {rule:34s} {sev:8s} {n}")
print("  total", len(r["findings"]), "files", r["summary"]["filesScanned"])
PY
done
