package org.sparrow.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code sparrow} command. */
@Command(name = "sparrow", mixinStandardHelpOptions = true, versionProvider = Versions.class,
    description = "Sparrow: decentralized, low-latency scheduling of short tasks.",
    subcommands = {
        DemoCommand.class,
        LocalCommand.class,
        ZooKeeperCommand.class,
        SchedulerCommand.class,
        NodeMonitorCommand.class,
        SubmitCommand.class,
        WorkersCommand.class,
        DashboardCommand.class,
        SettingsCommand.class,
        BenchCommand.class,
        SimCommand.class,
        CommandLine.HelpCommand.class,
    })
public final class SparrowCli implements Runnable {

  @CommandLine.Spec
  private CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(newCommandLine().execute(args));
  }

  /** The command line with our error handling; tests call it in-process. */
  public static CommandLine newCommandLine() {
    CommandLine cli = new CommandLine(new SparrowCli());
    cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
      // Errors users can act on are printed as one line, not a stack trace.
      cmd.getErr().println(cmd.getColorScheme().errorText("error: " + Errors.describe(e)));
      return 1;
    });
    return cli;
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
