package dev.threadlint.core.spotbugs;

import edu.umd.cs.findbugs.AbstractBugReporter;
import edu.umd.cs.findbugs.AnalysisError;
import edu.umd.cs.findbugs.BugAnnotation;
import edu.umd.cs.findbugs.BugCollection;
import edu.umd.cs.findbugs.BugInstance;
import edu.umd.cs.findbugs.BugPattern;
import edu.umd.cs.findbugs.DetectorFactory;
import edu.umd.cs.findbugs.DetectorFactoryCollection;
import edu.umd.cs.findbugs.FieldAnnotation;
import edu.umd.cs.findbugs.FindBugs2;
import edu.umd.cs.findbugs.I18N;
import edu.umd.cs.findbugs.MethodAnnotation;
import edu.umd.cs.findbugs.Priorities;
import edu.umd.cs.findbugs.Project;
import edu.umd.cs.findbugs.SourceLineAnnotation;
import edu.umd.cs.findbugs.classfile.ClassDescriptor;
import edu.umd.cs.findbugs.config.UserPreferences;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Drives SpotBugs as a library: a {@link FindBugs2} engine over a {@link Project} whose
 * application code is the given class folders (or jars) and whose auxiliary classpath is the
 * user's classpath, with only the detectors that report MT_CORRECTNESS patterns enabled.
 *
 * <p>SpotBugs reads class files as bytes (BCEL/ASM); the analysed classes are never loaded into
 * this JVM. SpotBugs keeps analysis state in globals and thread-locals, so runs are serialized
 * through one lock; a run executes entirely on the calling thread.
 */
public final class SpotBugsRunner {
  /** SpotBugs' category for multithreaded correctness. */
  public static final String CATEGORY = "MT_CORRECTNESS";

  private static final Object LOCK = new Object();

  private SpotBugsRunner() {}

  /** What one run produced. {@code errors} are SpotBugs' own analysis errors (not bugs). */
  public record Outcome(List<BugRecord> bugs, List<String> errors, Set<String> missingClasses, List<String> detectors) {
    public Outcome {
      bugs = List.copyOf(bugs);
      errors = List.copyOf(errors);
      missingClasses = Set.copyOf(missingClasses);
      detectors = List.copyOf(detectors);
    }
  }

  /** A SpotBugs bug pattern of the MT_CORRECTNESS category, with the detectors that report it. */
  public record PatternInfo(String type, String shortDescription, String detailHtml, List<String> detectors) {
    public PatternInfo {
      detectors = List.copyOf(detectors);
    }
  }

  /**
   * Runs the MT_CORRECTNESS detectors on {@code classes} (folders or jars, already validated),
   * with {@code auxClasspath} for the types they reference. Bugs of priority high, normal and
   * low (1–3) are kept (low ones become {@code info} findings); SpotBugs' experimental
   * priorities are dropped.
   */
  public static Outcome run(List<Path> classes, List<Path> auxClasspath) throws IOException, InterruptedException {
    return run(classes, auxClasspath, Priorities.LOW_PRIORITY);
  }

  /** As {@link #run(List, List)}, keeping bugs of priority ≤ {@code priorityThreshold}. */
  static Outcome run(List<Path> classes, List<Path> auxClasspath, int priorityThreshold) throws IOException, InterruptedException {
    synchronized (LOCK) {
      Project project = new Project();
      for (Path p : classes) {
        project.addFile(p.toAbsolutePath().normalize().toString());
      }
      for (Path p : auxClasspath) {
        project.addAuxClasspathEntry(p.toAbsolutePath().normalize().toString());
      }
      DetectorFactoryCollection dfc = DetectorFactoryCollection.instance();
      UserPreferences prefs = UserPreferences.createDefaultUserPreferences();
      prefs.setEffort(UserPreferences.EFFORT_DEFAULT);
      List<String> detectors = new ArrayList<>();
      for (Iterator<DetectorFactory> it = dfc.factoryIterator(); it.hasNext();) {
        DetectorFactory f = it.next();
        Set<BugPattern> reported = f.getReportedBugPatterns();
        if (reported.isEmpty()) {
          continue; // non-reporting helpers (annotation and suppression collectors) keep their default
        }
        boolean mt = reported.stream().anyMatch(p -> CATEGORY.equals(p.getCategory()));
        prefs.enableDetector(f, mt);
        if (mt) {
          detectors.add(f.getShortName());
        }
      }
      Collector reporter = new Collector();
      reporter.setPriorityThreshold(priorityThreshold);
      reporter.setErrorVerbosity(edu.umd.cs.findbugs.BugReporter.NORMAL);
      FindBugs2 engine = new FindBugs2();
      try {
        engine.setDetectorFactoryCollection(dfc);
        engine.setBugReporter(reporter);
        engine.setProject(project);
        engine.setUserPreferences(prefs);
        engine.setNoClassOk(true);
        engine.setApplySuppression(true);
        engine.finishSettings();
        engine.execute();
      } finally {
        engine.dispose();
      }
      reporter.reportQueuedErrors();
      detectors.sort(null);
      return new Outcome(reporter.bugs, reporter.errors, reporter.missing, detectors);
    }
  }

  /** The MT_CORRECTNESS patterns SpotBugs knows, sorted by type, with their reporting detectors. */
  public static List<PatternInfo> patterns() {
    synchronized (LOCK) {
      DetectorFactoryCollection dfc = DetectorFactoryCollection.instance();
      TreeMap<String, TreeSet<String>> detectorsByType = new TreeMap<>();
      for (Iterator<DetectorFactory> it = dfc.factoryIterator(); it.hasNext();) {
        DetectorFactory f = it.next();
        for (BugPattern p : f.getReportedBugPatterns()) {
          if (CATEGORY.equals(p.getCategory())) {
            detectorsByType.computeIfAbsent(p.getType(), k -> new TreeSet<>()).add(f.getShortName());
          }
        }
      }
      List<PatternInfo> out = new ArrayList<>();
      for (BugPattern p : dfc.getBugPatterns()) {
        if (CATEGORY.equals(p.getCategory()) && !p.isDeprecated() && detectorsByType.containsKey(p.getType())) {
          out.add(new PatternInfo(p.getType(), p.getShortDescription(), p.getDetailText(), List.copyOf(detectorsByType.get(p.getType()))));
        }
      }
      out.sort(java.util.Comparator.comparing(PatternInfo::type));
      return out;
    }
  }

  /** Collects MT_CORRECTNESS bug instances as {@link BugRecord}s; prints nothing. */
  private static final class Collector extends AbstractBugReporter {
    final List<BugRecord> bugs = new ArrayList<>();
    final List<String> errors = new ArrayList<>();
    final Set<String> missing = new TreeSet<>();

    @Override
    protected void doReportBug(BugInstance bug) {
      if (!CATEGORY.equals(bug.getBugPattern().getCategory())) {
        return;
      }
      bugs.add(toRecord(bug));
    }

    @Override
    public void reportAnalysisError(AnalysisError error) {
      errors.add(error.getMessage() + (error.getExceptionMessage() == null ? "" : ": " + error.getExceptionMessage()));
    }

    @Override
    public void reportMissingClass(String className) {
      missing.add(className);
    }

    @Override
    public void finish() {}

    @Override
    public BugCollection getBugCollection() {
      return null;
    }

    @Override
    public void observeClass(ClassDescriptor classDescriptor) {}
  }

  private static BugRecord toRecord(BugInstance bug) {
    FieldAnnotation field = bug.getPrimaryField();
    MethodAnnotation method = bug.getPrimaryMethod();
    String member = method != null ? method.getMethodName() : field != null ? field.getFieldName() : null;
    SourceLineAnnotation primaryLine = bug.getPrimarySourceLineAnnotation();
    List<BugRecord.Line> lines = new ArrayList<>();
    for (BugAnnotation a : bug.getAnnotations()) {
      if (a instanceof SourceLineAnnotation s && s != primaryLine && !s.isUnknown()) {
        lines.add(line(s));
      }
    }
    return new BugRecord(bug.getType(), bug.getPriority(), bug.getBugRank(), bug.getAbridgedMessage(),
        bug.getPrimaryClass() == null ? primaryLine.getClassName() : bug.getPrimaryClass().getClassName(),
        member, field == null ? null : field.getFieldName(), line(primaryLine), lines);
  }

  private static BugRecord.Line line(SourceLineAnnotation s) {
    String role = s.getDescription();
    String text;
    try {
      text = I18N.instance().getAnnotationDescription(role);
    } catch (RuntimeException e) {
      text = role;
    }
    // role texts are message formats such as "Unsynchronized access at {0}"
    text = text.replace(" at {0}", "").replace("{0}", "").strip();
    return new BugRecord.Line(s.getSourcePath(), s.getStartLine(), s.getEndLine(), text);
  }
}
