package samples.races;

import java.lang.annotation.Documented;

/** The class is safe to share between threads (same meaning as JCIP's annotation; matched by simple name). */
@Documented
public @interface ThreadSafe {}
