package samples.races;

/** Stands in for a container stereotype such as Spring's @Service: one shared instance. */
public @interface Service {}
