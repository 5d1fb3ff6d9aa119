package dev.threadlint.core.suggest;

import dev.threadlint.core.program.FieldModel;
import java.util.Objects;

/** A field of shared state as a sketch declares it: type as written, name, initializer (may be empty), whether final. */
public record StateField(String type, String name, String initializer, boolean isFinal) {
  public StateField(String type, String name, String initializer) {
    this(type, name, initializer, false);
  }

  public StateField {
    Objects.requireNonNull(type);
    Objects.requireNonNull(name);
    initializer = initializer == null ? "" : initializer;
  }

  public static StateField of(FieldModel f) {
    return new StateField(f.type().toString(), f.name(), f.variable().getInitializer().map(Object::toString).orElse(""), f.isFinal());
  }
}
