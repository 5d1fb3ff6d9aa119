// Each mistake is a build error (MojoExecutionException), not a finding, and names the parameter.
def log = new File(basedir, 'build.log').text
assert log.contains("threadlint: invalid value 'fatal' for failOnSeverity (threadlint.failOnSeverity): expected one of error, warning, info")
assert log =~ /threadlint: unknown rule id 'no-such-rule' in rules \(threadlint\.rules\); known rules: .*thread-run-called/
assert log =~ /threadlint: baseline file not found: \S+missing-baseline\.json \(baselineFile \/ threadlint\.baselineFile\)/
assert log.count('BUILD FAILURE') == 3
assert log.count('MAVEN/MojoExecutionException') == 3
assert !log.contains('MAVEN/MojoFailureException')
return true
