package samples.races;

/** The field or method is accessed only with the named lock held (matched by simple name). */
public @interface GuardedBy {
  String value();
}
