#!/usr/bin/env bash
# Fuzz campaign: random mutants of real Java files (this repository's sources and inline
# concurrency snippets) scanned beside an intact control file; every broken promise (crash,
# hang, missing parse diagnostic, location outside its file, changed control findings, report
# failure) is saved under rules/target/fuzz-findings/ with the numbers that rebuild the mutant.
#
#   bench/fuzz.sh [--tries N] [--minutes M] [--seed S] [--scale K]
#
# Defaults: 20000 tries or 10 minutes, whichever ends first; a random seed (printed, so a run can
# be repeated with --seed); scale 4 (nesting up to 6000 levels, literals up to 80k characters).
# The generators and checks are the ones of the bounded property test MutationPropertiesTest.
set -euo pipefail
cd "$(dirname "$0")/.."

tries=20000
minutes=10
seed=""
scale=4
while [ $# -gt 0 ]; do
  case "$1" in
    --tries) tries="$2"; shift 2 ;;
    --minutes) minutes="$2"; shift 2 ;;
    --seed) seed="$2"; shift 2 ;;
    --scale) scale="$2"; shift 2 ;;
    -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
    *) echo "fuzz.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
if [ -z "$seed" ]; then
  seed=$(od -An -N6 -tu8 /dev/urandom | tr -d ' ')
fi

echo "fuzz campaign: seed=$seed tries=$tries minutes=$minutes scale=$scale"
rm -rf rules/target/fuzz-findings
status=0
./mvnw -o -q -pl rules -am test -Dtest=FuzzCampaign -Dsurefire.failIfNoSpecifiedTests=false \
  -Dfuzz.tries="$tries" -Dfuzz.minutes="$minutes" -Dfuzz.seed="$seed" -Dfuzz.scale="$scale" || status=$?
if [ -f rules/target/fuzz-findings/summary.txt ]; then
  cat rules/target/fuzz-findings/summary.txt
else
  echo "fuzz.sh: the campaign did not write a summary (build failure?)" >&2
  exit 3
fi
exit $status
