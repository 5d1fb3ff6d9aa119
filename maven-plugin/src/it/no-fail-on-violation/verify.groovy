def log = new File(basedir, 'build.log').text
// invocation 1
assert log.contains('(not failing the build: failOnViolation is false)')
assert log.contains('threadlint found 1 finding at or above error in no-fail-on-violation:')
// invocation 3
assert log.contains('threadlint found 2 findings at or above warning (1 allowed) in no-fail-on-violation:')
assert log.count('BUILD SUCCESS') == 2
assert log.count('BUILD FAILURE') == 1

def report = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/threadlint/threadlint.json'))
assert report.findings.size() == 2
assert report.findings.any { it.ruleId == 'thread-run-called' && it.location.line == 8 }
return true
