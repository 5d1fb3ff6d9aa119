package dev.threadlint.cli;

import dev.threadlint.core.engine.InputException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
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
    RootCommand root = new RootCommand();
    CommandLine cmd = new CommandLine(root);
    cmd.setOut(out);
    cmd.setErr(err);
    cmd.setCaseInsensitiveEnumValuesAllowed(true);
    cmd.setExitCodeExceptionMapper(e -> e instanceof InputException ? ExitCode.USAGE.code() : ExitCode.INTERNAL.code());
    cmd.setParameterExceptionHandler((ex, a) -> {
      CommandLine c = ex.getCommandLine();
      // one line: the problem, then where to look
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
      c.getErr().println("threadlint: internal error: " + ex);
      if (root.verbose()) {
        ex.printStackTrace(c.getErr());
      } else {
        c.getErr().println("(run with --verbose for the stack trace)");
      }
      c.getErr().flush();
      return ExitCode.INTERNAL.code();
    });
    int code = cmd.execute(withDefaultSubcommand(cmd, args));
    out.flush();
    err.flush();
    return code;
  }
}
