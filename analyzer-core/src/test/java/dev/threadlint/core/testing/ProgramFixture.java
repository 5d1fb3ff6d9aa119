package dev.threadlint.core.testing;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.ast.CompilationUnit;
import dev.threadlint.core.program.MethodModel;
import dev.threadlint.core.program.Program;
import dev.threadlint.core.program.Resolver;
import dev.threadlint.core.program.SourceFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Builds a {@link Program} from inline sources, for tests of analyses (no files are written). */
public final class ProgramFixture {
  private ProgramFixture() {}

  /** Each source's file name is taken from its first type (e.g. {@code class Foo} → {@code /virtual/Foo.java}). */
  public static Program of(String... sources) {
    return withParallelism(1, sources);
  }

  /** Like {@link #of}, with whole-program analyses allowed {@code parallelism} threads. */
  public static Program withParallelism(int parallelism, String... sources) {
    Resolver resolver = new Resolver(List.of(), (p, why) -> {});
    ParserConfiguration config = new ParserConfiguration()
        .setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_25)
        .setSymbolResolver(resolver.symbolSolver());
    JavaParser parser = new JavaParser(config);
    List<SourceFile> files = new ArrayList<>();
    int n = 0;
    for (String s : sources) {
      ParseResult<CompilationUnit> r = parser.parse(s);
      if (!r.isSuccessful()) {
        throw new IllegalArgumentException("fixture does not parse: " + r.getProblems());
      }
      CompilationUnit cu = r.getResult().orElseThrow();
      String name = cu.getTypes().isEmpty() ? "Source" + (n++) : cu.getType(0).getNameAsString();
      Path path = Path.of("/virtual", name + ".java");
      cu.setStorage(path, StandardCharsets.UTF_8);
      files.add(new SourceFile(path, s, cu));
    }
    return new Program(files, resolver, dev.threadlint.core.program.ProjectKnowledge.NONE, parallelism);
  }

  /** The body named {@code Type.method} (first match; lambdas are named like {@code lambda$run$1}). */
  public static MethodModel body(Program program, String typeDotMethod) {
    int dot = typeDotMethod.lastIndexOf('.');
    String type = typeDotMethod.substring(0, dot);
    String method = typeDotMethod.substring(dot + 1);
    return program.bodies().stream()
        .filter(m -> m.owner().simpleName().equals(type) && m.name().equals(method))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no body " + typeDotMethod));
  }
}
