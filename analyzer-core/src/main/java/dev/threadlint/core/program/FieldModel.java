package dev.threadlint.core.program;

import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.type.Type;
import java.util.Set;

/** A field: one variable of a field declaration. */
public final class FieldModel {
  private final TypeModel owner;
  private final FieldDeclaration declaration;
  private final VariableDeclarator variable;
  private final Set<String> annotations;

  FieldModel(TypeModel owner, FieldDeclaration declaration, VariableDeclarator variable) {
    this.owner = owner;
    this.declaration = declaration;
    this.variable = variable;
    this.annotations = Annotations.simpleNames(declaration.getAnnotations());
  }

  public TypeModel owner() {
    return owner;
  }

  public String name() {
    return variable.getNameAsString();
  }

  public FieldDeclaration declaration() {
    return declaration;
  }

  public VariableDeclarator variable() {
    return variable;
  }

  /** The declared type as written, e.g. {@code Map<String, List<Integer>>}. */
  public Type type() {
    return variable.getType();
  }

  /** The declared type's erased simple name, e.g. {@code Map} or {@code int[]}. */
  public String typeName() {
    return TypeNames.erasedSimpleName(variable.getType());
  }

  public boolean isStatic() {
    return declaration.isStatic() || owner.isInterface();
  }

  public boolean isFinal() {
    return declaration.isFinal() || owner.isInterface();
  }

  public boolean isVolatile() {
    return declaration.isVolatile();
  }

  public Set<String> annotations() {
    return annotations;
  }

  public boolean hasAnnotation(String simpleName) {
    return annotations.contains(simpleName);
  }

  /** {@code Owner.field}. */
  public String qualifiedName() {
    return owner.simpleName() + "." + name();
  }

  @Override
  public String toString() {
    return qualifiedName();
  }
}
