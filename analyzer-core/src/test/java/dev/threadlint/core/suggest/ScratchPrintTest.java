package dev.threadlint.core.suggest;

import java.nio.file.*;
import java.util.*;
import org.junit.jupiter.api.Test;

class ScratchPrintTest {
  @Test
  void print() throws Exception {
    var sb = new StringBuilder();
    java.lang.reflect.Method program = SketchTest.class.getDeclaredMethod("program", Map.class);
    program.setAccessible(true);
    String counter = """
        import java.util.HashMap;
        import java.util.Map;

        public class Inventory {
          private final Map<String, Integer> stock = new HashMap<>();

          public synchronized void add(String item, int n) {
            stock.merge(item, n, Integer::sum);
          }

          public synchronized boolean take(String item) {
            Integer n = stock.get(item);
            if (n == null || n == 0) {
              return false;
            }
            stock.put(item, n - 1);
            return true;
          }
        }
        """;
    var p = (dev.threadlint.core.program.Program) program.invoke(null, Map.of("Inventory.java", counter));
    var t = p.types().get(0);
    for (int r : new int[] {21, 17}) {
      var s = OwnerSketch.forSharedState(t, List.of(t.field("stock").get()), t.methods(), r);
      sb.append("TITLE ").append(s.title()).append("\nEXPL\n").append(s.explanation()).append("\nCODE\n").append(s.codeSketch()).append("\n=====\n");
    }
    Files.writeString(Path.of("target/scratch-sketches.txt"), sb.toString());
  }
}
