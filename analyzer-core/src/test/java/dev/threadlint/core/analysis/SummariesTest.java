package dev.threadlint.core.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.threadlint.core.program.MethodModel;
import dev.threadlint.core.program.Program;
import dev.threadlint.core.testing.ProgramFixture;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class SummariesTest {

  /**
   * A program large enough for the parallel scheduler: {@code classes} classes of {@code methods}
   * methods; method j of class i writes a field and calls two methods of lower classes, and every
   * tenth class has a pair of mutually recursive methods.
   */
  private static String[] generated(int classes, int methods) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < classes; i++) {
      StringBuilder sb = new StringBuilder("class C" + i + " {\n  static int f" + i + ";\n  int g;\n");
      for (int j = 0; j < methods; j++) {
        sb.append("  static void m").append(j).append("() {\n");
        sb.append("    f").append(i).append(" = ").append(j).append(";\n");
        if (i > 0) {
          sb.append("    C").append((i * 7 + j) % i).append(".m").append((j * 3) % methods).append("();\n");
          sb.append("    synchronized (C").append(i).append(".class) { C").append((i + j) % i).append(".m").append((j + 1) % methods).append("(); }\n");
        }
        sb.append("  }\n");
      }
      if (i % 10 == 0) {
        sb.append("  void ping(int n) { g++; if (n > 0) pong(n - 1); }\n");
        sb.append("  void pong(int n) { C0.m0(); if (n > 0) ping(n - 1); }\n");
      }
      sb.append("}\n");
      out.add(sb.toString());
    }
    return out.toArray(String[]::new);
  }

  private static List<String> renderAll(Program p) {
    AccessSummaries summaries = AccessSummaries.of(p);
    List<String> out = new ArrayList<>();
    for (MethodModel m : p.bodies()) {
      for (AccessSummaries.Access a : summaries.of(m)) {
        out.add(m.displayName() + ": " + a.kind() + " " + a.field().name() + " " + a.receiver() + " under " + a.held() + " at " + a.line()
            + " via " + a.path().stream().map(MethodModel::displayName).toList());
      }
    }
    return out;
  }

  @Test
  void parallelSummariesEqualSequentialOnes() {
    String[] sources = generated(60, 50);
    List<String> sequential = renderAll(ProgramFixture.withParallelism(1, sources));
    List<String> parallel = renderAll(ProgramFixture.withParallelism(4, sources));
    assertThat(sequential).hasSizeGreaterThan(10_000);
    for (int i = 0; i < Math.min(sequential.size(), parallel.size()); i++) {
      assertThat(parallel.get(i)).as("summary line %d", i).isEqualTo(sequential.get(i));
    }
    assertThat(parallel).hasSameSizeAs(sequential);
  }

  /** Summary = length of the longest call chain below a body; wrong wherever a callee was not finished first. */
  private static Summaries<Integer> depths(Program p) {
    return Summaries.compute(p, new Summaries.Computer<Integer>() {
      @Override
      public Integer compute(MethodModel body, Function<MethodModel, Integer> callee) {
        int max = 0;
        for (MethodModel t : p.callGraph().successors(body)) {
          max = Math.max(max, 1 + callee.apply(t));
        }
        return max;
      }

      @Override
      public Integer initial(MethodModel body) {
        return 0;
      }
    });
  }

  @Test
  void everyComponentSeesItsCalleesFinished() {
    StringBuilder chain = new StringBuilder("class Chain {\n");
    int n = 3_000;
    for (int i = 0; i < n; i++) {
      chain.append("  static void c").append(i).append("() { ").append(i + 1 < n ? "c" + (i + 1) + "();" : "").append(" }\n");
    }
    chain.append("}\n");
    Program p = ProgramFixture.withParallelism(4, chain.toString());
    Summaries<Integer> s = depths(p);
    assertThat(s.of(ProgramFixture.body(p, "Chain.c0"))).isEqualTo(n - 1);
    assertThat(s.of(ProgramFixture.body(p, "Chain.c2000"))).isEqualTo(n - 2_001);
  }

  @Test
  void calleesOfLambdasAndMethodReferencesComeFirst() {
    Program p = ProgramFixture.of("""
        import java.util.*;
        class Owner {
          private int hits;
          private final List<String> names = new ArrayList<>();
          void viaLambda(List<String> in) { in.forEach(s -> record()); }
          void viaReference(List<String> in) { in.forEach(this::note); }
          private void record() { hits++; }
          private void note(String s) { hits += s.length(); }
        }
        """);
    Summaries<Integer> s = depths(p);
    assertThat(s.of(ProgramFixture.body(p, "Owner.viaLambda"))).isEqualTo(1);
    assertThat(s.of(ProgramFixture.body(p, "Owner.viaReference"))).isEqualTo(1);
    assertThat(AccessSummaries.of(p).of(ProgramFixture.body(p, "Owner.viaLambda")))
        .anySatisfy(a -> assertThat(a.field().name()).isEqualTo("hits"));
  }

  @Test
  void aFailingComputationSurfacesInTheCaller() {
    Program p = ProgramFixture.withParallelism(4, generated(30, 50));
    assertThatThrownBy(() -> Summaries.compute(p, new Summaries.Computer<Integer>() {
      @Override
      public Integer compute(MethodModel body, Function<MethodModel, Integer> callee) {
        if (body.owner().simpleName().equals("C17") && body.name().equals("m3")) {
          throw new IllegalStateException("boom in " + body.displayName());
        }
        return 0;
      }

      @Override
      public Integer initial(MethodModel body) {
        return 0;
      }
    })).isInstanceOf(IllegalStateException.class).hasMessageContaining("boom in");
  }
}
