package org.sparrow.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.sparrow.client.SparrowClient;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * What the job-control commands (jobs, status, kill) share: the cluster and output options,
 * quiet logging, and one client of the cluster's schedulers for the length of the command.
 */
abstract class JobClientCommand implements Callable<Integer> {

  @Mixin
  ClusterOptions cluster;

  @Mixin
  OutputOptions output;

  @Spec
  CommandSpec spec;

  @Override
  public final Integer call() throws Exception {
    Logging.quiet();
    PrintWriter out = spec.commandLine().getOut();
    try (SparrowClient client = cluster.clientBuilder().app("sparrow-cli").build().start()) {
      int code = run(client, out, output.isJson());
      out.flush();
      return code;
    }
  }

  /** Does the command's work with a started client; returns the exit code. */
  abstract int run(SparrowClient client, PrintWriter out, boolean json) throws Exception;
}
