package org.sparrow.cli;

import picocli.CommandLine.Option;

/** Where commands serve the web dashboard. */
final class HttpOptions {

  @Option(names = "--http-port", paramLabel = "PORT", defaultValue = "0",
      description = "Dashboard HTTP port, 0 = any free one, -1 = no dashboard (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--http-bind", paramLabel = "HOST", defaultValue = "127.0.0.1",
      description = "Address the dashboard listens on; 0.0.0.0 for every interface (default: ${DEFAULT-VALUE}).")
  String bind;

  @Option(names = "--sample-ms", paramLabel = "MS", defaultValue = "1000",
      description = "How often the dashboard samples the cluster (default: ${DEFAULT-VALUE}).")
  long intervalMs;

  boolean enabled() {
    return port >= 0;
  }

  void validate() {
    if (port < -1 || port > 65535) {
      throw new IllegalArgumentException("--http-port must be -1 (off), 0 (any) or a port up to 65535, got " + port);
    }
    if (intervalMs < 100) {
      throw new IllegalArgumentException("--sample-ms must be at least 100, got " + intervalMs);
    }
  }
}
