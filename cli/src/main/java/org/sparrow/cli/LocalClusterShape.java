package org.sparrow.cli;

import org.sparrow.local.LocalCluster;
import picocli.CommandLine.Option;

/**
 * How many daemons the commands that run a whole cluster in this process (local, demo) start:
 * one set of options, so both commands keep the same names and defaults. Each command checks
 * the bounds it needs (local may run with no node monitors; demo needs work to be done).
 */
final class LocalClusterShape {

  @Option(names = "--node-monitors", defaultValue = "4", description = "Node monitors (default: ${DEFAULT-VALUE}).")
  int nodeMonitors;

  @Option(names = "--slots", defaultValue = "4", description = "Slots per node monitor (default: ${DEFAULT-VALUE}).")
  int slots;

  @Option(names = "--schedulers", defaultValue = "2", description = "Schedulers (default: ${DEFAULT-VALUE}).")
  int schedulers;

  LocalCluster.Builder builder() {
    return LocalCluster.builder().nodeMonitors(nodeMonitors).slots(slots).schedulers(schedulers);
  }

  /** As the commands print it: "4 node monitors x 4 slots, 2 schedulers". */
  @Override
  public String toString() {
    return nodeMonitors + " node monitors x " + slots + " slots, " + schedulers + " schedulers";
  }
}
