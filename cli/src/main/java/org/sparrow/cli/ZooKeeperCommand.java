package org.sparrow.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.sparrow.zk.EmbeddedZooKeeper;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "zookeeper", mixinStandardHelpOptions = true,
    description = "Run a standalone ZooKeeper server (for a hand-built cluster without one).")
final class ZooKeeperCommand implements Callable<Integer> {

  @Option(names = "--port", defaultValue = "2181", description = "Client port (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--bind", defaultValue = "127.0.0.1", description = "Address to listen on (default: ${DEFAULT-VALUE}).")
  String bind;

  @Option(names = "--data-dir", description = "Where to keep data (default: a temporary directory, deleted on exit).")
  Path dataDir;

  @Override
  public Integer call() throws Exception {
    EmbeddedZooKeeper.Builder b = EmbeddedZooKeeper.builder().bindHost(bind).port(port);
    if (dataDir != null) {
      b.dataDir(dataDir);
    }
    EmbeddedZooKeeper zk = b.build();
    zk.start();
    System.out.println("ZooKeeper running: " + zk.connectString() + "  (Ctrl-C stops it)");
    Shutdown.awaitTermination(zk);
    return 0;
  }
}
