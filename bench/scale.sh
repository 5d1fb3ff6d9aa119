#!/usr/bin/env bash
# Scale benchmark: generates a tree of about 1,000,000 lines of varied, realistic Java (classes
# with fields, synchronized methods, locks, executors, threads, records, lambdas, nested and
# anonymous classes) under /tmp, then scans it with the runnable jar under a heap bound and
# prints wall time, peak RSS (/usr/bin/time -v) and what the GC log says about the heap.
#
#   bench/scale.sh [--lines N] [--heap 2g] [--threads T] [--dir /tmp/threadlint-scale] [--no-build] [--offline-net]
#
# --offline-net runs the scan in a network namespace without interfaces (unshare -n), which shows
# that a scan needs no network. The tree is regenerated only when its size or generator changed.
set -euo pipefail
cd "$(dirname "$0")/.."

lines=1000000
heap=2g
threads=""
dir=/tmp/threadlint-scale
build=1
netns=0
while [ $# -gt 0 ]; do
  case "$1" in
    --lines) lines="$2"; shift 2 ;;
    --heap) heap="$2"; shift 2 ;;
    --threads) threads="$2"; shift 2 ;;
    --dir) dir="$2"; shift 2 ;;
    --no-build) build=0; shift ;;
    --offline-net) netns=1; shift ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) echo "scale.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done

if [ "$build" = 1 ]; then
  ./mvnw -o -q -pl cli -am package -DskipTests
fi
jar=cli/target/threadlint.jar
[ -f "$jar" ] || { echo "scale.sh: $jar missing (build with ./mvnw -o -q -pl cli -am package -DskipTests)" >&2; exit 2; }

python3 - "$dir" "$lines" <<'PY'
import os, random, sys
root, target = sys.argv[1], int(sys.argv[2])
gen_id = "gen4"  # bump when the generator changes
stamp = os.path.join(root, ".generated")
if os.path.exists(stamp) and open(stamp).read() == f"{gen_id} {target}":
    print(f"tree {root} up to date")
    sys.exit(0)
os.system(f"rm -rf '{root}'")
rnd = random.Random(42)
TYPES = ["int", "long", "String", "java.util.List<String>", "java.util.Map<String, Integer>", "Object", "boolean", "double"]

def member(cls, i):
    k = rnd.randrange(12)
    t = rnd.choice(TYPES)
    if k == 0:
        return [f"  public synchronized void inc{i}() {{", f"    count{i % 4}++;", "    notifyAll();", "  }", ""]
    if k == 1:
        return [f"  public long read{i}() {{", "    synchronized (\"lock\") {" if i % 25 == 0 else "    synchronized (lock) {", f"      return count{i % 4} + {i};", "    }", "  }", ""]
    if k == 2:
        return [f"  void submit{i}(java.util.concurrent.ExecutorService pool) {{",
                f"    pool.submit(() -> {{ synchronized (this) {{ count{i % 4} += {i}; }} }});",
                f"    java.util.concurrent.CompletableFuture.supplyAsync(() -> count{i % 4}).thenAccept(v -> cache.put(\"k{i}\", v.intValue()));",
                "  }", ""]
    if k == 3:
        return [f"  void guarded{i}() {{", "    rw.lock();", "    try {", f"      cache.merge(\"x{i}\", 1, Integer::sum);",
                "    } finally {", "      rw.unlock();", "    }", "  }", ""]
    if k == 4:
        return [f"  Thread starter{i}() {{", "    Thread t = new Thread(this::inc0Alias);",
                "    t.setDaemon(true);", "    t.run();" if i % 10 == 0 else "    t.start();", "    return t;", "  }", ""]
    if k == 5:
        return [f"  record Event{i}(String name, long at) {{", f"    Event{i} {{", "      java.util.Objects.requireNonNull(name);", "    }", "  }", ""]
    if k == 6:
        return [f"  String describe{i}(Object o) {{", "    if (o instanceof String s && !s.isEmpty()) {",
                f"      return s + \"{i}\";", "    }", "    return switch (o == null ? 0 : 1) {", "      case 0 -> \"none\";",
                "      default -> o.toString();", "    };", "  }", ""]
    if k == 7:
        return [f"  private volatile boolean running{i} = true;", f"  void loop{i}() throws InterruptedException {{",
                f"    while (running{i}) {{", "      synchronized (lock) {", "        while (queue.isEmpty()) {", "          lock.wait(10);",
                "        }", "        queue.poll();", "      }", "    }", "  }", ""]
    if k == 8:
        return [f"  static final class Node{i} {{", f"    private final {t} value;", f"    Node{i} next;",
                f"    Node{i}({t} value) {{ this.value = value; }}", f"    {t} value() {{ return value; }}", "  }", ""]
    if k == 9:
        return [f"  Runnable task{i}() {{", "    return new Runnable() {", "      @Override", "      public void run() {",
                f"        for (int j = 0; j < {i % 50 + 1}; j++) {{", f"          count{i % 4} += j;", "        }", "      }", "    };", "  }", ""]
    if k == 10:
        return [f"  /** Computes {i}. */", f"  public static int compute{i}(int a, int b) {{", f"    int r = a * {i} + b;",
                "    for (int j = 0; j < 3; j++) {", "      r = (r << 1) ^ (r >>> 3);", "    }", "    return r;", "  }", ""]
    return [f"  private {t} field{i};", f"  public {t} getField{i}() {{ return field{i}; }}",
            f"  public void setField{i}({t} v) {{ this.field{i} = v; }}", ""]

written = 0
n = 0
while written < target:
    pkg = f"gen.p{n // 50}"
    cls = f"Service{n}"
    out = [f"package {pkg};", "", "import java.util.HashMap;", "import java.util.Map;", "import java.util.ArrayDeque;",
           "import java.util.concurrent.locks.ReentrantLock;", "", f"/** Generated service {n}. */",
           f"public class {cls} {{", "  private final Object lock = new Object();", "  private final ReentrantLock rw = new ReentrantLock();",
           "  private final Map<String, Integer> cache = new HashMap<>();", "  private final ArrayDeque<Object> queue = new ArrayDeque<>();",
           "  private int count0, count1, count2, count3;", "", "  void inc0Alias() { count0++; }", ""]
    i = 0
    size = rnd.randrange(150, 700)
    while len(out) < size:
        out += member(cls, i)
        i += 1
    out.append("}")
    d = os.path.join(root, *pkg.split("."))
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, cls + ".java"), "w") as f:
        f.write("\n".join(out) + "\n")
    written += len(out)
    n += 1
with open(stamp, "w") as f:
    f.write(f"{gen_id} {target}")
print(f"generated {written} lines in {n} files under {root}")
PY

files=$(find "$dir" -name '*.java' | wc -l)
total=$(find "$dir" -name '*.java' -print0 | xargs -0 cat | wc -l)
echo "tree: $files files, $total lines"

gclog=/tmp/threadlint-scale-gc.log
report=/tmp/threadlint-scale-report.json
timing=/tmp/threadlint-scale-time.txt
args=(java -XX:+UnlockDiagnosticVMOptions -XX:-DontCompileHugeMethods -XX:TieredStopAtLevel=1 -XX:+UseParallelGC ${THREADLINT_JAVA_OPTS:-} "-Xmx$heap" "-Xlog:gc:file=$gclog" -jar "$jar" scan --fail-on never --format json -o "$report" --verbose)
[ -n "$threads" ] && args+=(--threads "$threads")
args+=("$dir")
if [ "$netns" = 1 ]; then
  args=(unshare -n "${args[@]}")
fi
echo "running: ${args[*]}"
set +e
/usr/bin/time -v "${args[@]}" 2> "$timing"
status=$?
set -e
grep -E "timings|threadlint:|Exception|Error" "$timing" | head -5 || true
echo "exit status: $status"
grep -E "Elapsed \(wall clock\)|Maximum resident set size|Percent of CPU" "$timing"
python3 - "$gclog" "$report" <<'PY'
import re, sys, json
gcs = [l for l in open(sys.argv[1]) if "Pause" in l]
after = [int(m.group(2)) for m in (re.search(r"(\d+)M->(\d+)M\((\d+)M\)", l) for l in gcs) if m]
before = [int(m.group(1)) for m in (re.search(r"(\d+)M->(\d+)M\((\d+)M\)", l) for l in gcs) if m]
full = [l for l in gcs if "Pause Full" in l]
print(f"gc: {len(gcs)} pauses ({len(full)} full); heap used before GC max {max(before or [0])} MB; live after GC max {max(after or [0])} MB")
try:
    r = json.load(open(sys.argv[2]))
    s = r["summary"]
    print(f"report: {s['filesScanned']} files scanned, {s['findings']} findings, {s['diagnostics']} diagnostics; timings (ms) {r.get('timingsMillis')}")
except Exception as e:
    print("report: unreadable:", e)
PY
exit $status
