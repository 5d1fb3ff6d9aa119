package dev.threadlint.core.report;

import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.UnaryExpr;
import com.github.javaparser.ast.stmt.SynchronizedStmt;
import dev.threadlint.core.api.Category;
import dev.threadlint.core.api.FileContext;
import dev.threadlint.core.api.Rule;
import dev.threadlint.core.api.RuleContext;
import dev.threadlint.core.api.RuleInfo;
import dev.threadlint.core.api.Severity;
import dev.threadlint.core.engine.AnalysisRequest;
import dev.threadlint.core.engine.Analyzer;
import dev.threadlint.core.engine.RuleRegistry;
import dev.threadlint.core.finding.AnalysisResult;
import dev.threadlint.core.finding.Evidence;
import dev.threadlint.core.finding.FixKind;
import dev.threadlint.core.finding.Suggestion;
import dev.threadlint.core.fix.Fixes;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Realistic inputs for reporter tests, scanned by the real {@link Analyzer} with two small test
 * rules that produce every part of a finding reporters must render: evidence on two threads, an
 * exact fix, a suggestion with a code sketch, and (through the sources) suppressions and a parse
 * diagnostic.
 */
public final class ReportFixtures {
  private ReportFixtures() {}

  /** Sources of a small shop: a counter shared by a worker thread and callers, a sleep under a lock, a suppressed finding, a broken file. */
  public static final Map<String, String> SHOP = new LinkedHashMap<>();

  static {
    SHOP.put("src/shop/OrderCounter.java", """
        package shop;

        /** Counts orders; a worker thread drains them. */
        public class OrderCounter {
          private int pending;

          public void submit() {
            pending = pending + 1;
          }

          final class Drainer extends Thread {
            @Override
            public void run() {
              while (true) {
                pending = 0;
              }
            }
          }
        }
        """);
    SHOP.put("src/shop/Inventory.java", """
        package shop;

        public class Inventory {
          private final Object lock = new Object();
          @SuppressWarnings("threadlint:demo-race") // reviewed: stock is only approximate
          private long stock;

          public void restock() throws InterruptedException {
            synchronized (lock) {
              Thread.sleep(10);
            }
          }

          public void add() {
            stock = stock + 1;
          }

          public void remove() {
            stock = stock - 1;
          }
        }
        """);
    SHOP.put("src/shop/Ledger.java", """
        package shop;

        public class Ledger {
          private final Object lock = new Object();

          void settle() throws InterruptedException {
            synchronized (lock) {
              // threadlint:ignore demo-sleep-under-lock the ledger lock is private and held for a short test delay only
              Thread.sleep(1);
            }
          }
        }
        """);
    SHOP.put("src/shop/Notes.java", """
        package shop;

        class Notes {
          // threadlint:ignore
          int unused;
        }
        """);
    SHOP.put("src/shop/Broken.java", """
        package shop;

        public class Broken {
          void oops( {
        }
        """);
  }

  /** Writes {@code sources} under {@code dir} and scans it with the demo rules. */
  public static AnalysisResult scan(Path dir, Map<String, String> sources) {
    try {
      for (Map.Entry<String, String> e : sources.entrySet()) {
        Path p = dir.resolve(e.getKey());
        Files.createDirectories(p.getParent());
        Files.writeString(p, e.getValue());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    AnalysisRequest request = AnalysisRequest.builder().path(dir).baseDir(dir).threads(1).build();
    return new Analyzer(new RuleRegistry(List.of(new DemoRace(), new DemoSleepUnderLock()))).analyze(request);
  }

  public static String render(Reporter reporter, AnalysisResult result) {
    StringWriter w = new StringWriter();
    try {
      reporter.write(result, w);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return w.toString();
  }

  /** A field written by two methods of one class, one of them a thread's {@code run()}. */
  @RuleInfo(id = "demo-race", title = "Field written from two methods without a common lock", severity = Severity.ERROR,
      category = Category.SHARED_MUTABLE_STATE, defectClass = "race", tags = {"demo"})
  public static final class DemoRace implements Rule {
    @Override
    public void checkFile(FileContext ctx) {
      for (FieldDeclaration fd : ctx.findAll(FieldDeclaration.class)) {
        if (fd.isFinal() || fd.isVolatile()) {
          continue;
        }
        for (VariableDeclarator v : fd.getVariables()) {
          String name = v.getNameAsString();
          Map<MethodDeclaration, Expression> writes = new LinkedHashMap<>();
          for (Expression e : ctx.file().unit().findAll(Expression.class, x -> writes(x, name))) {
            e.findAncestor(MethodDeclaration.class).ifPresent(m -> writes.putIfAbsent(m, e));
          }
          if (writes.size() < 2) {
            continue;
          }
          List<String> methods = new ArrayList<>();
          writes.keySet().forEach(m -> methods.add(m.getNameAsString() + "()"));
          var b = ctx.finding(v, "field '" + name + "' is written by " + String.join(" and ", methods) + " without a common lock");
          for (Map.Entry<MethodDeclaration, Expression> w : writes.entrySet()) {
            String method = w.getKey().getNameAsString();
            String owner = w.getKey().findAncestor(com.github.javaparser.ast.body.ClassOrInterfaceDeclaration.class)
                .map(c -> c.getNameAsString()).orElse("?");
            String thread = method.equals("run") ? owner + ".run()" : "caller of " + owner + "." + method + "()";
            b.evidence(new Evidence(RuleContext.locationOf(w.getValue()), "write of '" + name + "' in " + owner + "." + method + "()",
                thread, List.of(owner + "." + method)));
          }
          b.suggestion(new Suggestion("Give '" + name + "' one owner thread",
              "Send commands to the owner through a BlockingQueue instead of writing '" + name + "' from several threads.",
              "sealed interface Command permits Submit, Drain {}\nBlockingQueue<Command> inbox = new LinkedBlockingQueue<>();"));
          Fixes.insertBefore(ctx.file(), fd.getElementType(), "volatile ")
              .ifPresent(edit -> b.fix(Fixes.fix("Make '" + name + "' volatile", FixKind.SAFE, List.of(edit))));
          b.report();
        }
      }
    }

    private static boolean writes(Expression x, String name) {
      Expression target = null;
      if (x instanceof AssignExpr a) {
        target = a.getTarget();
      } else if (x instanceof UnaryExpr u && (u.getOperator().isPostfix() || u.getOperator().isPrefix())
          && u.getOperator() != UnaryExpr.Operator.LOGICAL_COMPLEMENT && u.getOperator() != UnaryExpr.Operator.MINUS
          && u.getOperator() != UnaryExpr.Operator.PLUS && u.getOperator() != UnaryExpr.Operator.BITWISE_COMPLEMENT) {
        target = u.getExpression();
      }
      return (target instanceof NameExpr n && n.getNameAsString().equals(name))
          || (target instanceof FieldAccessExpr f && f.getNameAsString().equals(name));
    }
  }

  /** {@code Thread.sleep} inside a {@code synchronized} block. */
  @RuleInfo(id = "demo-sleep-under-lock", title = "Thread.sleep while holding a monitor", severity = Severity.INFO,
      category = Category.LOCK_DISCIPLINE, defectClass = "blocking-under-lock")
  public static final class DemoSleepUnderLock implements Rule {
    @Override
    public void checkFile(FileContext ctx) {
      for (MethodCallExpr call : ctx.findAll(MethodCallExpr.class)) {
        if (call.getNameAsString().equals("sleep") && call.getScope().map(s -> s.toString().equals("Thread")).orElse(false)) {
          call.findAncestor(SynchronizedStmt.class).ifPresent(sync -> ctx.finding(call,
                  "Thread.sleep() while holding the monitor of '" + sync.getExpression() + "'")
              .suggestion("Release the lock before sleeping.")
              .report());
        }
      }
    }
  }
}
