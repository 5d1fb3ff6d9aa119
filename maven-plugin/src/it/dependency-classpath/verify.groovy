// Pump comes from the lib jar on app's compile classpath; resolving it shows it extends Thread,
// so pump.run() is flagged. Valve has a run() method too but is no Thread: not flagged.
// (Without the jar neither call can be resolved and nothing is reported: see CheckMojoTest.)
def log = new File(basedir, 'build.log').text
assert log.contains('threadlint [lib]: 0 findings')
assert log.contains('threadlint found 1 finding at or above error in app:')
assert log.contains("[ERROR] src/main/java/demo/app/Station.java:9:5: error: [thread-run-called] 'pump.run()'")
assert !log.contains("'valve.run()'")

def report = new groovy.json.JsonSlurper().parse(new File(basedir, 'app/target/threadlint/threadlint.json'))
assert report.findings.size() == 1
assert report.findings[0].symbol == 'Station.pumpNow'
assert report.diagnostics.findAll { it.code == 'bad-classpath-entry' }.isEmpty()
return true
