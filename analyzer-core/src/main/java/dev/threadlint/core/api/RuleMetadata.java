package dev.threadlint.core.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Immutable snapshot of a rule's {@link RuleInfo} plus its documentation page. */
public record RuleMetadata(
    String id,
    String title,
    Severity defaultSeverity,
    Category category,
    String defectClass,
    List<String> tags,
    String since,
    List<String> altIds,
    String docs) {

  public RuleMetadata {
    tags = List.copyOf(tags);
    altIds = List.copyOf(altIds);
  }

  /** The docs resource of a rule: {@code docs/<id>.md} beside the rule's package root. */
  public static String docsResource(Class<?> ruleClass, String id) {
    return "/" + ruleClass.getPackageName().replace('.', '/') + "/docs/" + id + ".md";
  }

  /** Reads {@link RuleInfo} and the docs page of a rule class. */
  public static RuleMetadata of(Class<?> ruleClass) {
    RuleInfo info = ruleClass.getAnnotation(RuleInfo.class);
    if (info == null) {
      throw new IllegalStateException(ruleClass.getName() + " lacks @RuleInfo");
    }
    String docs = readDocs(ruleClass, info.id());
    return new RuleMetadata(
        info.id(),
        info.title(),
        info.severity(),
        info.category(),
        info.defectClass(),
        List.of(info.tags()),
        info.since(),
        List.of(info.altIds()),
        docs);
  }

  private static String readDocs(Class<?> ruleClass, String id) {
    String resource = docsResource(ruleClass, id);
    try (InputStream in = ruleClass.getResourceAsStream(resource)) {
      if (in == null) {
        return "";
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource, e);
    }
  }

  /** The first paragraph of the docs after the title, as a plain description. */
  public String description() {
    String[] paragraphs = docs.split("\\R\\s*\\R");
    for (String p : paragraphs) {
      String t = p.strip();
      if (!t.isEmpty() && !t.startsWith("#")) {
        return t.replaceAll("\\s*\\R\\s*", " ");
      }
    }
    return title;
  }
}
