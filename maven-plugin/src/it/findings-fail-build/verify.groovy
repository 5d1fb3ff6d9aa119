// The error fails the build with a message naming file, line, rule and the reports; the
// warning is listed but does not count towards failOnSeverity=error.
def log = new File(basedir, 'build.log').text
assert log.contains('BUILD FAILURE')
assert log.contains('threadlint found 1 finding at or above error in findings-fail-build:')
assert log.contains("[ERROR] src/main/java/demo/Worker.java:8:5: error: [thread-run-called] 't.run()' runs the thread's body on the calling thread")
assert log.contains('[WARNING] src/main/java/demo/Worker.java:12:19: warning: [bad-monitor]')
assert log.contains('threadlint [findings-fail-build]: 2 findings (1 error, 1 warning, 0 info) in 1 file')
assert log =~ /Reports:\s+\S+target.threadlint.threadlint\.txt/

def report = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/threadlint/threadlint.json'))
assert report.findings*.ruleId == ['thread-run-called', 'bad-monitor']
assert report.findings[0].location.file == 'src/main/java/demo/Worker.java'
assert report.findings[0].location.line == 8
assert new File(basedir, 'target/threadlint/threadlint.txt').text.contains('src/main/java/demo/Worker.java:8:5: error: [thread-run-called]')
return true
