// Skipped: the build passes and nothing is scanned or written.
def log = new File(basedir, 'build.log').text
assert log.contains('threadlint: skipped (threadlint.skip)')
assert log.contains('BUILD SUCCESS')
assert !log.contains('thread-run-called')
assert !new File(basedir, 'target/threadlint').exists()
return true
