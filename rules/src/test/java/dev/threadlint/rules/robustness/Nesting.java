package dev.threadlint.rules.robustness;

/** Deeply nested constructs, each a complete top-level class. */
final class Nesting {
  private Nesting() {}

  static final int KINDS = 12;

  static String of(int kind, int depth) {
    return switch (kind % KINDS) {
      case 0 -> "class DeepParens { int v = " + "(".repeat(depth) + "1" + ")".repeat(depth) + "; }";
      case 1 -> "class DeepUnary { int v = " + "-".repeat(depth).replace("--", "- -") + "1; }";
      case 2 -> "class DeepBinary { int v = 1" + " + 1".repeat(depth) + "; }";
      case 3 -> "class DeepTernary { int f(boolean b) { return " + "b ? 1 : ".repeat(depth) + "0; } }";
      case 4 -> "class DeepBlocks { void f() { " + "{".repeat(depth) + "}".repeat(depth) + " } }";
      case 5 -> "class DeepIfs { void f(boolean b) { " + "if (b) ".repeat(depth) + "f(b); } }";
      case 6 -> "class DeepClasses { " + "class C { ".repeat(depth) + "}".repeat(depth) + " }";
      case 7 -> "class DeepLambdas { Object f = " + "() -> ".repeat(depth) + "1; }";
      case 8 -> "class DeepChain { void f(StringBuilder s) { s" + ".append(1)".repeat(depth) + ".run(); } }";
      case 9 -> "class DeepArrays { Object[] a = " + "{".repeat(depth) + "}".repeat(depth) + "; }";
      case 10 -> "class DeepSync { Object l = new Object(); void f() { " + "synchronized (l) { ".repeat(depth) + "}".repeat(depth) + " } }";
      default -> "class DeepGenerics { " + "java.util.List<".repeat(depth) + "String" + ">".repeat(depth) + " v; }";
    };
  }
}
