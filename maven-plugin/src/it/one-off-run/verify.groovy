// Run by its full name without a version: the check scans, reports and fails like the bound goal.
def log = new File(basedir, 'build.log').text
assert log.contains(':check (default-cli) @ one-off-run ---')
assert log.contains('threadlint [one-off-run]: 2 findings (1 error, 1 warning, 0 info) in 1 file')
assert log.contains('threadlint found 1 finding at or above error in one-off-run:')
assert new File(basedir, 'target/threadlint/threadlint.json').isFile()
return true
