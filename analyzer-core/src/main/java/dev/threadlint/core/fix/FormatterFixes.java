package dev.threadlint.core.fix;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import com.github.javaparser.ast.ImportDeclaration;
import com.github.javaparser.ast.type.Type;
import dev.threadlint.core.finding.Fix;
import dev.threadlint.core.finding.FixKind;
import dev.threadlint.core.finding.TextEdit;
import dev.threadlint.core.program.FieldModel;
import dev.threadlint.core.program.SourceFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A shared {@code SimpleDateFormat} field (not thread-safe: concurrent {@code format} calls corrupt
 * each other's calendar) becomes an immutable {@code DateTimeFormatter}, and each
 * {@code FIELD.format(date)} becomes {@code FIELD.format(date.toInstant().atZone(ZoneId.systemDefault()))}
 * — the same text in the same default time zone and locale.
 *
 * <p>Only where the pattern letters mean the same in both classes ({@link #unsafePatternReason}):
 * {@code y M d H h k K m s a E D}, {@code Z} (1–3), {@code X} (1–3), {@code SSS} exactly, quoted
 * text, and other non-letters except {@code [ ] { } #}. Refused for other letters (e.g. {@code u} is
 * the day of the week in one and the year in the other; {@code Y}, {@code w}, {@code W} depend on
 * week rules that differ), for a pattern that is not a literal, and when the field is used for
 * anything but {@code format(Date)} (parsing is lenient in one and strict in the other).
 */
public final class FormatterFixes {
  private FormatterFixes() {}

  /** letter → the largest count that means the same in both classes. */
  private static final Map<Character, Integer> SAFE_LETTERS = Map.ofEntries(
      Map.entry('y', 4), Map.entry('M', 4), Map.entry('d', 2), Map.entry('H', 2), Map.entry('h', 2),
      Map.entry('k', 2), Map.entry('K', 2), Map.entry('m', 2), Map.entry('s', 2), Map.entry('a', 1),
      Map.entry('E', 4), Map.entry('D', 3), Map.entry('Z', 3), Map.entry('X', 3));

  public static FixOutcome simpleDateFormat(SourceFile file, FieldModel field) {
    return simpleDateFormat(file, field.variable());
  }

  public static FixOutcome simpleDateFormat(SourceFile file, VariableDeclarator field) {
    String name = field.getNameAsString();
    if (!(field.getParentNode().orElse(null) instanceof FieldDeclaration fd)) {
      return FixOutcome.refused("'" + name + "' is not a field");
    }
    if (fd.getVariables().size() != 1) {
      return FixOutcome.refused("field '" + name + "' is declared together with other fields");
    }
    if (!fd.isPrivate()) {
      return FixOutcome.refused("field '" + name + "' is not private: uses in other classes would not be rewritten");
    }
    if (!(field.getInitializer().orElse(null) instanceof ObjectCreationExpr init) || !init.getType().getNameAsString().equals("SimpleDateFormat")
        || init.getArguments().isEmpty() || init.getArguments().size() > 2 || !(init.getArgument(0) instanceof StringLiteralExpr pattern)) {
      return FixOutcome.refused("field '" + name + "' is not initialized with new SimpleDateFormat(\"<pattern>\"[, locale])");
    }
    Optional<String> unsafe = unsafePatternReason(pattern.asString());
    if (unsafe.isPresent()) {
      return FixOutcome.refused(unsafe.get());
    }
    for (ImportDeclaration i : file.unit().getImports()) {
      if (i.getNameAsString().equals("java.sql.Date") || i.getNameAsString().equals("java.sql.Timestamp")) {
        return FixOutcome.refused("the file uses java.sql dates, whose toInstant() may throw");
      }
    }
    TypeDeclaration<?> owner = Syntax.enclosingType(field).orElseThrow();
    if (Syntax.shadowed(owner, name, field)) {
      return FixOutcome.refused("a local variable or parameter named '" + name + "' shadows the field");
    }
    List<FieldAccessExpr> foreign = new ArrayList<>();
    List<Expression> uses = Syntax.references(owner, name, foreign);
    if (!foreign.isEmpty()) {
      return FixOutcome.refused("'" + foreign.get(0) + "' reaches the field through another object");
    }
    List<TextEdit> edits = new ArrayList<>();
    for (Expression use : uses) {
      if (!(use.getParentNode().orElse(null) instanceof MethodCallExpr call) || call.getScope().orElse(null) != use) {
        return FixOutcome.refused("field '" + name + "' is used other than as the receiver of format(...)");
      }
      if (!call.getNameAsString().equals("format") || call.getArguments().size() != 1) {
        return FixOutcome.refused("'" + call + "' would behave differently on a DateTimeFormatter");
      }
      Expression arg = call.getArgument(0);
      if (!isDate(arg)) {
        return FixOutcome.refused("'" + arg + "' in '" + call + "' is not evidently a java.util.Date");
      }
      String a = Fixes.textOf(file, arg);
      String receiver = arg.isNameExpr() || arg.isMethodCallExpr() || arg.isFieldAccessExpr() || arg.isObjectCreationExpr() ? a : "(" + a + ")";
      edits.add(Fixes.replace(file, arg, receiver + ".toInstant().atZone(ZoneId.systemDefault())").orElseThrow());
    }
    edits.add(Fixes.replace(file, fd.getElementType(), "DateTimeFormatter").orElseThrow());
    String locale = init.getArguments().size() == 2 ? ", " + Fixes.textOf(file, init.getArgument(1)) : "";
    edits.add(Fixes.replace(file, init, "DateTimeFormatter.ofPattern(" + Fixes.textOf(file, pattern) + locale + ")").orElseThrow());
    edits.addAll(Fixes.addImports(file, List.of("java.time.ZoneId", "java.time.format.DateTimeFormatter")));
    return FixOutcome.of(new Fix("Replace the shared SimpleDateFormat '" + name + "' with an immutable DateTimeFormatter", FixKind.SAFE, edits));
  }

  /** Why {@code pattern} does not mean the same to DateTimeFormatter, or empty when it does. */
  public static Optional<String> unsafePatternReason(String pattern) {
    int i = 0;
    while (i < pattern.length()) {
      char c = pattern.charAt(i);
      if (c == '\'') {
        int close = pattern.indexOf('\'', i + 1);
        if (close < 0) {
          return Optional.of("the pattern has an unterminated quote");
        }
        i = close + 1;
        continue;
      }
      if (c == '[' || c == ']' || c == '{' || c == '}' || c == '#') {
        return Optional.of("'" + c + "' is literal text for SimpleDateFormat but reserved by DateTimeFormatter");
      }
      if (!Character.isLetter(c)) {
        i++;
        continue;
      }
      int j = i;
      while (j < pattern.length() && pattern.charAt(j) == c) {
        j++;
      }
      int count = j - i;
      if (c == 'S') {
        if (count != 3) {
          return Optional.of("'" + "S".repeat(count) + "' means milliseconds to SimpleDateFormat but fractions of a second to DateTimeFormatter (only 'SSS' agrees)");
        }
      } else if (c == 'u') {
        return Optional.of("pattern letter 'u' is the day of the week for SimpleDateFormat but the year for DateTimeFormatter");
      } else if (!SAFE_LETTERS.containsKey(c)) {
        return Optional.of("pattern letter '" + c + "' does not mean the same to SimpleDateFormat and DateTimeFormatter");
      } else if (count > SAFE_LETTERS.get(c)) {
        return Optional.of("'" + String.valueOf(c).repeat(count) + "' does not mean the same to SimpleDateFormat and DateTimeFormatter");
      }
      i = j;
    }
    return Optional.empty();
  }

  private static boolean isDate(Expression arg) {
    if (arg instanceof ObjectCreationExpr o) {
      return isDateType(o.getType());
    }
    if (arg instanceof NameExpr n) {
      return declaredType(n).map(FormatterFixes::isDateType).orElse(false);
    }
    return false;
  }

  private static boolean isDateType(Type t) {
    String s = t.asString();
    return s.equals("Date") || s.equals("java.util.Date");
  }

  private static Optional<Type> declaredType(NameExpr n) {
    String name = n.getNameAsString();
    Node cur = n.getParentNode().orElse(null);
    while (cur != null) {
      if (cur instanceof CallableDeclaration<?> c) {
        for (Parameter p : c.getParameters()) {
          if (p.getNameAsString().equals(name)) {
            return Optional.of(p.getType());
          }
        }
        List<VariableDeclarator> locals = c.findAll(VariableDeclarator.class, v -> v.getNameAsString().equals(name));
        if (locals.size() == 1) {
          return Optional.of(locals.get(0).getType());
        }
        if (locals.size() > 1) {
          return Optional.empty();
        }
      }
      if (cur instanceof TypeDeclaration<?> t) {
        Optional<VariableDeclarator> f = Syntax.field(t, name);
        if (f.isPresent()) {
          return Optional.of(f.get().getType());
        }
      }
      cur = cur.getParentNode().orElse(null);
    }
    return Optional.empty();
  }
}
