package org.sparrow.cli;

import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code sparrow} command. */
@Command(name = "sparrow", mixinStandardHelpOptions = true, versionProvider = Versions.class,
    description = "Sparrow: decentralized, low-latency scheduling of short tasks.",
    footer = {"", "Environment: SPARROW_ZK and SPARROW_CLUSTER are the defaults of --zk and --cluster."},
    subcommands = {
        DemoCommand.class,
        LocalCommand.class,
        ZooKeeperCommand.class,
        SchedulerCommand.class,
        NodeMonitorCommand.class,
        SubmitCommand.class,
        WorkersCommand.class,
        JobsCommand.class,
        StatusCommand.class,
        KillCommand.class,
        DashboardCommand.class,
        SettingsCommand.class,
        BenchCommand.class,
        SimCommand.class,
        CommandLine.HelpCommand.class,
    })
public final class SparrowCli implements Runnable {

  /** Exit status of a command that failed (the error is one line on stderr). */
  public static final int EXIT_FAILED = 1;
  /** Exit status of a command line that is wrong (unknown option, bad value). */
  public static final int EXIT_USAGE = 2;

  @CommandLine.Spec
  private CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(newCommandLine().execute(args));
  }

  /** The command line with our error handling and this process's environment. */
  public static CommandLine newCommandLine() {
    return newCommandLine(System.getenv());
  }

  /**
   * The command line with our error handling; tests call it in-process.
   *
   * @param environment where SPARROW_ZK and SPARROW_CLUSTER are looked up
   */
  public static CommandLine newCommandLine(Map<String, String> environment) {
    CommandLine cli = new CommandLine(new SparrowCli());
    // Every subcommand's --version prints the build's version, not an empty line.
    forEachCommand(cli, c -> c.getCommandSpec().versionProvider(new Versions()));
    cli.setDefaultValueProvider(new EnvironmentDefaults(environment));
    cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
      // Errors users can act on are printed as one line, not a stack trace.
      cmd.getErr().println(cmd.getColorScheme().errorText("error: " + Errors.describe(e)));
      cmd.getErr().flush();
      return EXIT_FAILED;
    });
    cli.setParameterExceptionHandler((e, args) -> {
      // One line with the fix, instead of the message followed by the whole usage text.
      CommandLine cmd = e.getCommandLine();
      cmd.getErr().println(cmd.getColorScheme().errorText("error: " + Errors.describe(e)
          + " (see '" + cmd.getCommandSpec().qualifiedName() + " --help')"));
      cmd.getErr().flush();
      return EXIT_USAGE;
    });
    return cli;
  }

  private static void forEachCommand(CommandLine c, java.util.function.Consumer<CommandLine> action) {
    action.accept(c);
    c.getSubcommands().values().forEach(sub -> forEachCommand(sub, action));
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
