package dev.threadlint.core.program;

import com.github.javaparser.ast.Modifier;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.NodeList;
import com.github.javaparser.ast.body.BodyDeclaration;
import com.github.javaparser.ast.body.ClassOrInterfaceDeclaration;
import com.github.javaparser.ast.body.EnumDeclaration;
import com.github.javaparser.ast.body.RecordDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.expr.AnnotationExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.type.ClassOrInterfaceType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A class, interface, enum, record or annotation type, or an anonymous class body. Supertypes are
 * kept by name (as written, erased); {@link Program} links them to scanned types where it can.
 */
public final class TypeModel {
  public enum Kind {
    CLASS,
    INTERFACE,
    ENUM,
    RECORD,
    ANNOTATION,
    ANONYMOUS
  }

  private final SourceFile file;
  private final Node node;
  private final Kind kind;
  private final String simpleName;
  private final String qualifiedName;
  private final TypeModel outer;
  private final List<String> supertypeNames;
  private final Set<String> annotations;
  private final NodeList<Modifier> modifiers;
  final List<FieldModel> fields = new ArrayList<>();
  final List<MethodModel> methods = new ArrayList<>();
  final List<TypeModel> supertypes = new ArrayList<>();
  final List<TypeModel> subtypes = new ArrayList<>();

  TypeModel(SourceFile file, TypeDeclaration<?> decl, TypeModel outer) {
    this.file = file;
    this.node = decl;
    this.outer = outer;
    this.simpleName = decl.getNameAsString();
    this.qualifiedName = decl.getFullyQualifiedName().orElse(simpleName);
    this.annotations = Annotations.simpleNames(decl.getAnnotations());
    this.modifiers = decl.getModifiers();
    List<String> supers = new ArrayList<>();
    if (decl instanceof ClassOrInterfaceDeclaration c) {
      this.kind = c.isInterface() ? Kind.INTERFACE : Kind.CLASS;
      c.getExtendedTypes().forEach(t -> supers.add(t.getNameAsString()));
      c.getImplementedTypes().forEach(t -> supers.add(t.getNameAsString()));
    } else if (decl instanceof EnumDeclaration e) {
      this.kind = Kind.ENUM;
      e.getImplementedTypes().forEach(t -> supers.add(t.getNameAsString()));
    } else if (decl instanceof RecordDeclaration r) {
      this.kind = Kind.RECORD;
      r.getImplementedTypes().forEach(t -> supers.add(t.getNameAsString()));
    } else {
      this.kind = Kind.ANNOTATION;
    }
    this.supertypeNames = List.copyOf(supers);
  }

  TypeModel(SourceFile file, ObjectCreationExpr anonymous, TypeModel outer, int index) {
    this.file = file;
    this.node = anonymous;
    this.outer = outer;
    this.kind = Kind.ANONYMOUS;
    ClassOrInterfaceType base = anonymous.getType();
    this.simpleName = (outer == null ? "" : outer.simpleName()) + "$" + index;
    this.qualifiedName = (outer == null ? "" : outer.qualifiedName()) + "$" + index;
    this.annotations = Set.of();
    this.modifiers = new NodeList<>();
    this.supertypeNames = List.of(base.getNameAsString());
  }

  public SourceFile file() {
    return file;
  }

  /** The {@link TypeDeclaration}, or the {@link ObjectCreationExpr} of an anonymous class. */
  public Node node() {
    return node;
  }

  public Optional<TypeDeclaration<?>> declaration() {
    return node instanceof TypeDeclaration<?> t ? Optional.of(t) : Optional.empty();
  }

  /** The members of this type's body (declared members of a class or of an anonymous body). */
  public List<BodyDeclaration<?>> members() {
    if (node instanceof TypeDeclaration<?> t) {
      return Collections.unmodifiableList(t.getMembers());
    }
    return ((ObjectCreationExpr) node).getAnonymousClassBody().map(Collections::unmodifiableList).orElse(List.of());
  }

  public Kind kind() {
    return kind;
  }

  public String simpleName() {
    return simpleName;
  }

  public String qualifiedName() {
    return qualifiedName;
  }

  public Optional<TypeModel> outer() {
    return Optional.ofNullable(outer);
  }

  public List<String> supertypeNames() {
    return supertypeNames;
  }

  /** Direct supertypes that are among the scanned types. */
  public List<TypeModel> supertypes() {
    return Collections.unmodifiableList(supertypes);
  }

  /** Direct subtypes among the scanned types. */
  public List<TypeModel> subtypes() {
    return Collections.unmodifiableList(subtypes);
  }

  public Set<String> annotations() {
    return annotations;
  }

  public boolean hasAnnotation(String simpleName) {
    return annotations.contains(simpleName);
  }

  public List<AnnotationExpr> annotationExprs() {
    return node instanceof TypeDeclaration<?> t ? t.getAnnotations() : List.of();
  }

  public List<FieldModel> fields() {
    return Collections.unmodifiableList(fields);
  }

  public Optional<FieldModel> field(String name) {
    for (FieldModel f : fields) {
      if (f.name().equals(name)) {
        return Optional.of(f);
      }
    }
    return Optional.empty();
  }

  /** Methods, constructors, initializers and lambdas whose code belongs to this type. */
  public List<MethodModel> methods() {
    return Collections.unmodifiableList(methods);
  }

  public boolean isInterface() {
    return kind == Kind.INTERFACE || kind == Kind.ANNOTATION;
  }

  public boolean isAnonymous() {
    return kind == Kind.ANONYMOUS;
  }

  public boolean isFinal() {
    return kind == Kind.RECORD
        || kind == Kind.ENUM
        || kind == Kind.ANONYMOUS
        || modifiers.contains(Modifier.finalModifier());
  }

  public boolean isAbstract() {
    return modifiers.contains(Modifier.abstractModifier()) || isInterface();
  }

  /** True when this type is or inherits (through scanned types) from a type of this simple name. */
  public boolean isSubtypeOf(String simpleName) {
    return isSubtypeOf(simpleName, new java.util.HashSet<>());
  }

  private boolean isSubtypeOf(String name, Set<TypeModel> seen) {
    if (!seen.add(this)) {
      return false;
    }
    if (simpleName.equals(name) || supertypeNames.stream().anyMatch(s -> TypeNames.simpleOf(s).equals(name))) {
      return true;
    }
    for (TypeModel s : supertypes) {
      if (s.isSubtypeOf(name, seen)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String toString() {
    return qualifiedName;
  }
}
