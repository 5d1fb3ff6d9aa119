import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
def baselineFile = new File(basedir, 'threadlint-baseline.json')

// 1: the baseline holds Legacy's finding, readable by people
assert log =~ /threadlint \[baseline-new-finding\]: wrote 1 finding to \S+threadlint-baseline\.json/
def baseline = new JsonSlurper().parse(baselineFile)
assert baseline.version == 1
assert baseline.entries.size() == 1
assert baseline.entries[0].ruleId == 'thread-run-called'
assert baseline.entries[0].path == 'src/main/java/demo/Legacy.java'
assert baseline.entries[0].symbol == 'Legacy.go'

// 2: Fresh fails the build, Legacy is reported as baselined, not as a violation
assert log.contains('using baseline ')
assert log.contains('threadlint found 1 finding at or above error in baseline-new-finding:')
assert log.contains("[ERROR] src/main/java/demo/Fresh.java:6:5: error: [thread-run-called] 'worker.run()'")
assert !log.contains('[ERROR] src/main/java/demo/Legacy.java')
assert log.contains('threadlint [baseline-new-finding]: 1 finding (1 error, 0 warnings, 0 info) in 2 files; 1 baselined')

// 3: only the baselined finding: success
assert log.contains('threadlint [baseline-new-finding]: 0 findings (0 errors, 0 warnings, 0 info) in 1 file; 1 baselined')
assert log.count('BUILD SUCCESS') == 2
assert log.count('BUILD FAILURE') == 1

// the last report lists the baselined finding as suppressed, with its kind
def report = new JsonSlurper().parse(new File(basedir, 'target/threadlint/threadlint.json'))
assert report.findings.isEmpty()
assert report.suppressed.size() == 1
assert report.suppressed[0].location.file == 'src/main/java/demo/Legacy.java'
assert report.suppressed[0].suppression.kind == 'baseline'
return true
