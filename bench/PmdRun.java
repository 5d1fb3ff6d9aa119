import java.nio.file.Path;
import net.sourceforge.pmd.PMDConfiguration;
import net.sourceforge.pmd.PmdAnalysis;
import net.sourceforge.pmd.reporting.Report;

/**
 * Runs PMD 7's multithreading ruleset on one source tree through PMD's API and prints the number of
 * violations. Usage: java -cp 'target/pmd-lib/*' PmdRun.java DIR AUXCLASSPATH THREADS
 */
public class PmdRun {
  public static void main(String[] args) throws Exception {
    PMDConfiguration config = new PMDConfiguration();
    config.addInputPath(Path.of(args[0]));
    config.addRuleSet("category/java/multithreading.xml");
    if (args.length > 1 && !args[1].isEmpty()) {
      config.prependAuxClasspath(args[1]);
    }
    config.setThreads(args.length > 2 ? Integer.parseInt(args[2]) : Runtime.getRuntime().availableProcessors());
    config.setIgnoreIncrementalAnalysis(true);
    try (PmdAnalysis pmd = PmdAnalysis.create(config)) {
      Report report = pmd.performAnalysisAndCollectReport();
      System.out.println("violations=" + report.getViolations().size() + " errors=" + report.getProcessingErrors().size());
    }
  }
}
