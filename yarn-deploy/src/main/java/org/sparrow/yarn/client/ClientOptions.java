package org.sparrow.yarn.client;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.sparrow.am.AmSettings;
import picocli.CommandLine.Option;

/**
 * Options every subcommand shares. Values come, in increasing precedence, from the built-in
 * defaults, the properties file ({@code --conf}, else $SPARROW_YARN_CONF), {@code -D key=value}
 * and the named options.
 */
final class ClientOptions {

  static final String CONF_ENV = "SPARROW_YARN_CONF";

  @Option(names = "--zk", paramLabel = "HOST:PORT[,...]",
      description = "ZooKeeper connect string (key sparrow.zookeeper; no default).")
  String zk;

  @Option(names = "--cluster", paramLabel = "NAME",
      description = "Cluster name (key sparrow.cluster; default: default).")
  String cluster;

  @Option(names = "--conf", paramLabel = "FILE",
      description = "Properties file with sparrow.* keys (default: $" + CONF_ENV + ").")
  Path conf;

  @Option(names = "-D", paramLabel = "KEY=VALUE", description = "Sets any configuration key (repeatable).")
  Map<String, String> overrides = new LinkedHashMap<>();

  Properties properties() throws IOException {
    Properties p = new Properties();
    Path file = conf;
    if (file == null && System.getenv(CONF_ENV) != null && !System.getenv(CONF_ENV).isBlank()) {
      file = Path.of(System.getenv(CONF_ENV));
    }
    if (file != null) {
      if (!Files.isRegularFile(file)) {
        throw new IllegalArgumentException("configuration file " + file + " does not exist");
      }
      try (InputStream in = Files.newInputStream(file)) {
        p.load(in);
      }
    }
    overrides.forEach(p::setProperty);
    if (zk != null) {
      p.setProperty(AmSettings.ZOOKEEPER, zk);
    }
    if (cluster != null) {
      p.setProperty(AmSettings.CLUSTER, cluster);
    }
    return p;
  }

  /** Just the connection settings (status, resize and stop need no more). */
  Target target() throws IOException {
    Properties p = properties();
    String zookeeper = p.getProperty(AmSettings.ZOOKEEPER);
    if (zookeeper == null || zookeeper.isBlank()) {
      throw new IllegalArgumentException("no ZooKeeper given: pass --zk HOST:PORT or set "
          + AmSettings.ZOOKEEPER + " in the --conf file");
    }
    return new Target(zookeeper.strip(), p.getProperty(AmSettings.CLUSTER, "default").strip());
  }

  record Target(String zookeeper, String cluster) {}
}
