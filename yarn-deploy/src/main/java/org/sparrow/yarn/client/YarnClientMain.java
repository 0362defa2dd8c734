package org.sparrow.yarn.client;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code sparrow yarn submit|status|resize|stop}: deploys Sparrow on a YARN cluster. Run with
 * {@code yarn jar sparrow-yarn-<version>.jar org.sparrow.yarn.client.YarnClientMain ...} or
 * through {@code bin/sparrow yarn ...}.
 */
@Command(name = "sparrow yarn", mixinStandardHelpOptions = true,
    description = "Run Sparrow on a YARN cluster: an ApplicationMaster keeps node monitors and schedulers "
        + "running in YARN containers; they find each other in ZooKeeper.",
    subcommands = {SubmitCommand.class, StatusCommand.class, ResizeCommand.class, StopCommand.class,
        CommandLine.HelpCommand.class})
public final class YarnClientMain implements Runnable {

  @CommandLine.Spec
  private CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(newCommandLine().execute(args));
  }

  static CommandLine newCommandLine() {
    CommandLine cli = new CommandLine(new YarnClientMain());
    cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
      Throwable cause = e;
      while ((cause instanceof java.util.concurrent.ExecutionException
          || cause instanceof java.lang.reflect.UndeclaredThrowableException) && cause.getCause() != null) {
        cause = cause.getCause();
      }
      if (cause instanceof IllegalArgumentException || cause instanceof IllegalStateException) {
        cmd.getErr().println("error: " + cause.getMessage());
      } else {
        cmd.getErr().println("error: " + cause);
        if (System.getenv("SPARROW_DEBUG") != null) {
          cause.printStackTrace(cmd.getErr());
        }
      }
      return 1;
    });
    return cli;
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
