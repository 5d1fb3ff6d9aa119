// Three builds: the first writes the cache, the second reuses every file, the third runs without it.
def log = new File(basedir, 'build.log').text
assert log.contains('threadlint [incremental-cache]: cache: 0 files reused, 2 analysed')
assert log.contains('threadlint [incremental-cache]: cache: 2 files reused, 0 analysed')
assert log.count('threadlint [incremental-cache]: cache:') == 2 : 'the third build must not use the cache'
// the same two findings every time
assert log.count('threadlint [incremental-cache]: 2 findings') == 3
def cache = new File(basedir, 'target/threadlint-cache')
assert cache.isDirectory()
assert cache.listFiles().findAll { it.name.startsWith('scan-') && it.name.endsWith('.json') }.size() == 1
return true
