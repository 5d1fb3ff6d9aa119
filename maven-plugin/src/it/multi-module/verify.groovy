def log = new File(basedir, 'build.log').text
assert log.contains('BUILD SUCCESS')
assert log.contains('thread count of 2')
assert !log.contains('not marked as thread-safe')
assert log.contains('threadlint: skipping multi-module (pom packaging has no sources)')
assert log.contains('threadlint [module-a]: 0 findings (0 errors, 0 warnings, 0 info) in 1 file')
assert log.contains('threadlint [module-b]: 1 finding (0 errors, 1 warning, 0 info) in 1 file')
assert log.contains('[WARNING] src/main/java/demo/b/Journal.java:8:19: warning: [bad-monitor]')

assert !new File(basedir, 'target/threadlint').exists()
def slurper = new groovy.json.JsonSlurper()
def a = slurper.parse(new File(basedir, 'module-a/target/threadlint/threadlint.json'))
def b = slurper.parse(new File(basedir, 'module-b/target/threadlint/threadlint.json'))
assert a.findings.isEmpty() && a.summary.filesScanned == 1
assert b.findings*.ruleId == ['bad-monitor']
assert b.findings[0].location.file == 'src/main/java/demo/b/Journal.java'
assert new File(basedir, 'module-a/target/threadlint/threadlint.txt').isFile()
return true
