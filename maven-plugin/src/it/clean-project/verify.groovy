// The clean project builds, the check ran in the verify phase and wrote both reports.
def log = new File(basedir, 'build.log').text
assert log.contains('--- threadlint:') && log.contains(':check (default) @ clean-project ---')
assert log.contains('threadlint [clean-project]: 0 findings (0 errors, 0 warnings, 0 info) in 1 file')
assert log.count('BUILD SUCCESS') == 2

def text = new File(basedir, 'target/threadlint/threadlint.txt')
def json = new File(basedir, 'target/threadlint/threadlint.json')
assert text.isFile() && json.isFile()
assert text.text.contains('0 findings')
def report = new groovy.json.JsonSlurper().parse(json)
assert report.findings.isEmpty()
assert report.summary.filesScanned == 1

// invocation 2: threadlint:help
assert log.contains('threadlint:check')
assert log.contains('User property: threadlint.failOnSeverity')
assert log.contains('User property: threadlint.baselineFile')
return true
