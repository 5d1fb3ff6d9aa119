package dev.threadlint.cli;

import dev.threadlint.core.engine.InputException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/** Entry point: {@code main} only exits with what {@link #run} returns. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
    PrintWriter err = new PrintWriter(new java.io.OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
    System.exit(run(args, out, err));
  }

  /** {@code threadlint [options] [paths]} means {@code threadlint scan [options] [paths]}. */
  static String[] withDefaultSubcommand(CommandLine cmd, String[] args) {
    for (String a : args) {
      if (cmd.getSubcommands().containsKey(a)) {
        return args;
      }
      if (a.equals("-h") || a.equals("--help") || a.equals("-V") || a.equals("--version")) {
        return args;
      }
      if (!a.startsWith("-")) {
        break;
      }
    }
    String[] out = new String[args.length + 1];
    out[0] = "scan";
    System.arraycopy(args, 0, out, 1, args.length);
    return out;
  }

  /** Runs the CLI with the given streams; returns the exit code. Testable without a process. */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    return run(args, out, err, CommandLine.defaultFactory());
  }

  /** As {@link #run(String[], PrintWriter, PrintWriter)}, with the commands created by {@code factory}. */
  static int run(String[] args, PrintWriter out, PrintWriter err, CommandLine.IFactory factory) {
    RootCommand root = new RootCommand();
    CommandLine cmd;
    try {
      cmd = new CommandLine(root, factory);
    } catch (RuntimeException e) {
      return internalError(e, err, List.of(args).contains("--verbose"));
    }
    cmd.setOut(out);
    cmd.setErr(err);
    cmd.setCaseInsensitiveEnumValuesAllowed(true);
    Map<String, String> exitCodes = exitCodeList();
    cmd.getCommandSpec().usageMessage().exitCodeList(exitCodes);
    cmd.getSubcommands().get("scan").getCommandSpec().usageMessage().exitCodeList(exitCodes);
    cmd.setExitCodeExceptionMapper(e -> e instanceof InputException ? ExitCode.USAGE.code() : ExitCode.INTERNAL.code());
    cmd.setParameterExceptionHandler((ex, a) -> {
      CommandLine c = ex.getCommandLine();
      c.getErr().println("threadlint: " + ex.getMessage() + " (see '" + c.getCommandSpec().qualifiedName() + " --help')");
      c.getErr().flush();
      return ExitCode.USAGE.code();
    });
    cmd.setExecutionExceptionHandler((ex, c, parseResult) -> {
      if (ex instanceof InputException) {
        c.getErr().println("threadlint: " + ex.getMessage());
        c.getErr().flush();
        return ExitCode.USAGE.code();
      }
      return internalError(ex, c.getErr(), root.verbose());
    });
    int code;
    try {
      code = cmd.execute(withDefaultSubcommand(cmd, args));
    } catch (RuntimeException | Error e) {
      // an Error (e.g. a broken rule jar's LinkageError) passes picocli's handlers untouched
      code = internalError(e, err, root.verbose());
    }
    out.flush();
    err.flush();
    return code;
  }

  /** The exit-code section of the help, from {@link ExitCode}: the enum is the one source of truth. */
  static Map<String, String> exitCodeList() {
    Map<String, String> m = new LinkedHashMap<>();
    for (ExitCode c : ExitCode.values()) {
      m.put(String.valueOf(c.code()), c.meaning());
    }
    return m;
  }

  private static int internalError(Throwable ex, PrintWriter err, boolean verbose) {
    err.println("threadlint: internal error: " + ex);
    if (verbose) {
      ex.printStackTrace(err);
    } else {
      err.println("(run with --verbose for the stack trace)");
    }
    err.flush();
    return ExitCode.INTERNAL.code();
  }
}
