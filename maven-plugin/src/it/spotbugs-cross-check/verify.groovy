// SpotBugs ran on target/classes in-process, and its IS2_INCONSISTENT_SYNC finding is mapped back
// to the source file and line of the unsynchronized read in peek().
def report = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/threadlint/threadlint.json'))
def all = report.findings + report.suppressed
def sb = all.findAll { it.ruleId == 'spotbugs:IS2_INCONSISTENT_SYNC' }
assert !sb.isEmpty() || all.any { f -> f.evidence.any { it.message.contains('IS2_INCONSISTENT_SYNC') } }
def located = sb.isEmpty() ? all.find { f -> f.evidence.any { it.message.contains('IS2_INCONSISTENT_SYNC') } } : sb[0]
assert located.location.file == 'src/main/java/demo/Tally.java'
assert report.rules*.id.any { it.startsWith('spotbugs:') } || sb.isEmpty()
return true
