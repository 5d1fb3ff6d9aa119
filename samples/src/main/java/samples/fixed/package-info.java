/**
 * Channel-style counterparts of the race and deadlock samples: each piece of mutable state has one
 * owner thread, and every other thread talks to it by putting command records into a
 * {@code BlockingQueue}. Nothing here is shared, so nothing here is reported.
 */
package samples.fixed;
