package org.sparrow.am;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.sparrow.am.autoscale.AutoscaleSettings;

/**
 * Everything the ApplicationMaster needs, read from and written to a properties file (the
 * client writes one, ships it to the AM as a local resource). The keys are documented in
 * {@code conf/sparrow-yarn.properties} of the distribution and in docs/running-on-hadoop.md.
 */
public record AmSettings(
    String cluster,
    String zookeeper,
    RoleSettings schedulers,
    RoleSettings nodeMonitors,
    int slots,
    Map<String, String> attributes,
    boolean allowCommand,
    int maxContainerFailures,
    String mainClass,
    JarLocation jar,
    long drainTimeoutMs,
    AutoscaleSettings autoscale,
    String bindHost) {

  public static final String CLUSTER = "sparrow.cluster";
  public static final String ZOOKEEPER = "sparrow.zookeeper";
  public static final String SCHEDULERS = "sparrow.yarn.schedulers";
  public static final String NODE_MONITORS = "sparrow.yarn.node-monitors";
  public static final String SLOTS = "sparrow.yarn.node-monitor.slots";
  public static final String ATTRIBUTES = "sparrow.yarn.node-monitor.attributes";
  public static final String ALLOW_COMMAND = "sparrow.yarn.node-monitor.allow-command";
  public static final String MAX_CONTAINER_FAILURES = "sparrow.yarn.max-container-failures";
  public static final String MAIN_CLASS = "sparrow.yarn.main-class";
  public static final String JAR_URI = "sparrow.yarn.jar.uri";
  public static final String JAR_SIZE = "sparrow.yarn.jar.size";
  public static final String JAR_TIMESTAMP = "sparrow.yarn.jar.timestamp";
  /** How long a daemon may drain before its container is released anyway (0: no drain). */
  public static final String DRAIN_TIMEOUT_MS = "sparrow.yarn.drain-timeout-ms";
  public static final long DEFAULT_DRAIN_TIMEOUT_MS = 30_000;
  /** The address the daemons and the AM's web server listen on (they advertise the container's host). */
  public static final String BIND_HOST = "sparrow.yarn.bind-host";
  public static final String DEFAULT_BIND_HOST = "0.0.0.0";
  /** Per-role keys: prefix + one of the suffixes below. */
  public static final String SCHEDULER_PREFIX = "sparrow.yarn.scheduler.";
  public static final String NODE_MONITOR_PREFIX = "sparrow.yarn.node-monitor.";
  public static final String MEMORY_MB = "memory-mb";
  public static final String VCORES = "vcores";
  public static final String NODE_LABEL = "node-label";
  public static final String HOSTS = "hosts";
  public static final String RACKS = "racks";
  public static final String JAVA_OPTS = "java-opts";
  public static final String PORT = "port";

  public static final String DEFAULT_MAIN_CLASS = "org.sparrow.cli.SparrowCli";
  /** The attribute every node monitor started by the AM carries: its container id. */
  public static final String CONTAINER_ATTRIBUTE = "yarn.container";

  private static final Pattern CLUSTER_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

  public AmSettings {
    if (cluster == null || !CLUSTER_NAME.matcher(cluster).matches()) {
      throw new IllegalArgumentException(CLUSTER + " must match [A-Za-z0-9_.-]{1,64}, got '" + cluster + "'");
    }
    if (zookeeper == null || zookeeper.isBlank()) {
      throw new IllegalArgumentException(ZOOKEEPER + " (the ZooKeeper connect string) is required");
    }
    if (slots < 1) {
      throw new IllegalArgumentException(SLOTS + " must be at least 1, got " + slots);
    }
    if (maxContainerFailures < 0) {
      throw new IllegalArgumentException(MAX_CONTAINER_FAILURES + " must be >= 0, got " + maxContainerFailures);
    }
    attributes = Map.copyOf(attributes);
    if (attributes.containsKey(CONTAINER_ATTRIBUTE)) {
      throw new IllegalArgumentException(ATTRIBUTES + " must not set '" + CONTAINER_ATTRIBUTE + "': the AM sets it");
    }
    mainClass = mainClass == null || mainClass.isBlank() ? DEFAULT_MAIN_CLASS : mainClass.strip();
    if (drainTimeoutMs < 0) {
      throw new IllegalArgumentException(DRAIN_TIMEOUT_MS + " must be >= 0, got " + drainTimeoutMs);
    }
    bindHost = bindHost == null || bindHost.isBlank() ? DEFAULT_BIND_HOST : bindHost.strip();
    if (autoscale != null && (nodeMonitors.count() < autoscale.min() || nodeMonitors.count() > autoscale.max())) {
      // Start within the autoscaling range: the policy would move there at once anyway.
      nodeMonitors = new RoleSettings(autoscale.clamp(nodeMonitors.count()), nodeMonitors.shape(),
          nodeMonitors.placement(), nodeMonitors.javaOpts(), nodeMonitors.port());
    }
  }

  /** Settings as before autoscaling and drains existed (tests, callers that need neither). */
  public AmSettings(String cluster, String zookeeper, RoleSettings schedulers, RoleSettings nodeMonitors, int slots,
      Map<String, String> attributes, boolean allowCommand, int maxContainerFailures, String mainClass,
      JarLocation jar) {
    this(cluster, zookeeper, schedulers, nodeMonitors, slots, attributes, allowCommand, maxContainerFailures,
        mainClass, jar, DEFAULT_DRAIN_TIMEOUT_MS, null, DEFAULT_BIND_HOST);
  }

  public RoleSettings role(Role role) {
    return role == Role.SCHEDULER ? schedulers : nodeMonitors;
  }

  public AmSettings withJar(JarLocation location) {
    return new AmSettings(cluster, zookeeper, schedulers, nodeMonitors, slots, attributes, allowCommand,
        maxContainerFailures, mainClass, location, drainTimeoutMs, autoscale, bindHost);
  }

  public AmSettings withCounts(int schedulerCount, int nodeMonitorCount) {
    RoleSettings s = schedulers;
    RoleSettings n = nodeMonitors;
    return new AmSettings(cluster, zookeeper,
        new RoleSettings(schedulerCount, s.shape(), s.placement(), s.javaOpts(), s.port()),
        new RoleSettings(nodeMonitorCount, n.shape(), n.placement(), n.javaOpts(), n.port()),
        slots, attributes, allowCommand, maxContainerFailures, mainClass, jar, drainTimeoutMs, autoscale, bindHost);
  }

  /** Reads settings; a missing key takes the documented default, a malformed one is named. */
  public static AmSettings fromProperties(Properties p) {
    Keys k = new Keys(p);
    JarLocation jar = null;
    if (k.string(JAR_URI, null) != null) {
      jar = new JarLocation(k.string(JAR_URI, null), k.longValue(JAR_SIZE), k.longValue(JAR_TIMESTAMP));
    }
    return new AmSettings(
        k.string(CLUSTER, "default"),
        k.string(ZOOKEEPER, null),
        role(k, SCHEDULER_PREFIX, k.integer(SCHEDULERS, 2), 512),
        role(k, NODE_MONITOR_PREFIX, k.integer(NODE_MONITORS, 1), 1024),
        k.integer(SLOTS, 4),
        k.map(ATTRIBUTES),
        k.bool(ALLOW_COMMAND, false),
        k.integer(MAX_CONTAINER_FAILURES, 10),
        k.string(MAIN_CLASS, DEFAULT_MAIN_CLASS),
        jar,
        k.longValue(DRAIN_TIMEOUT_MS, DEFAULT_DRAIN_TIMEOUT_MS),
        AutoscaleSettings.fromKeys(k.all()),
        k.string(BIND_HOST, DEFAULT_BIND_HOST));
  }

  public static AmSettings read(Path file) throws IOException {
    Properties p = new Properties();
    try (InputStream in = Files.newInputStream(file)) {
      p.load(in);
    }
    return fromProperties(p);
  }

  public Properties toProperties() {
    Properties p = new Properties();
    p.setProperty(CLUSTER, cluster);
    p.setProperty(ZOOKEEPER, zookeeper);
    p.setProperty(SCHEDULERS, Integer.toString(schedulers.count()));
    p.setProperty(NODE_MONITORS, Integer.toString(nodeMonitors.count()));
    put(p, SCHEDULER_PREFIX, schedulers);
    put(p, NODE_MONITOR_PREFIX, nodeMonitors);
    p.setProperty(SLOTS, Integer.toString(slots));
    List<String> pairs = new ArrayList<>();
    new TreeMap<>(attributes).forEach((key, value) -> pairs.add(key + "=" + value));
    p.setProperty(ATTRIBUTES, String.join(",", pairs));
    p.setProperty(ALLOW_COMMAND, Boolean.toString(allowCommand));
    p.setProperty(MAX_CONTAINER_FAILURES, Integer.toString(maxContainerFailures));
    p.setProperty(MAIN_CLASS, mainClass);
    p.setProperty(DRAIN_TIMEOUT_MS, Long.toString(drainTimeoutMs));
    p.setProperty(BIND_HOST, bindHost);
    if (autoscale != null) {
      autoscale.toKeys().forEach(p::setProperty);
    }
    if (jar != null) {
      p.setProperty(JAR_URI, jar.uri());
      p.setProperty(JAR_SIZE, Long.toString(jar.size()));
      p.setProperty(JAR_TIMESTAMP, Long.toString(jar.timestamp()));
    }
    return p;
  }

  public void write(OutputStream out) throws IOException {
    toProperties().store(out, "Sparrow ApplicationMaster settings (written by the client)");
  }

  private static RoleSettings role(Keys k, String prefix, int count, int defaultMemoryMb) {
    ContainerShape shape = new ContainerShape(
        k.integer(prefix + MEMORY_MB, defaultMemoryMb), k.integer(prefix + VCORES, 1));
    Placement placement = new Placement(
        k.string(prefix + NODE_LABEL, null), k.list(prefix + HOSTS), k.list(prefix + RACKS));
    int port = k.integer(prefix + PORT, 0);
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException(prefix + PORT + " must be in 0..65535, got " + port);
    }
    if (count < 0) {
      throw new IllegalArgumentException("the number of containers (" + prefix + "*) must be >= 0, got " + count);
    }
    return new RoleSettings(count, shape, placement, k.string(prefix + JAVA_OPTS, ""), port);
  }

  private static void put(Properties p, String prefix, RoleSettings r) {
    p.setProperty(prefix + MEMORY_MB, Integer.toString(r.shape().memoryMb()));
    p.setProperty(prefix + VCORES, Integer.toString(r.shape().vcores()));
    if (r.placement().nodeLabel() != null) {
      p.setProperty(prefix + NODE_LABEL, r.placement().nodeLabel());
    }
    p.setProperty(prefix + HOSTS, String.join(",", r.placement().hosts()));
    p.setProperty(prefix + RACKS, String.join(",", r.placement().racks()));
    p.setProperty(prefix + JAVA_OPTS, r.javaOpts());
    p.setProperty(prefix + PORT, Integer.toString(r.port()));
  }

  /** Typed reads of property values with errors that name the key. */
  private record Keys(Properties p) {

    String string(String key, String def) {
      String v = p.getProperty(key);
      return v == null || v.isBlank() ? def : v.strip();
    }

    int integer(String key, int def) {
      String v = string(key, null);
      if (v == null) {
        return def;
      }
      try {
        return Integer.parseInt(v);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(key + " must be a whole number, got '" + v + "'");
      }
    }

    Map<String, String> all() {
      Map<String, String> m = new TreeMap<>();
      p.stringPropertyNames().forEach(name -> m.put(name, p.getProperty(name)));
      return m;
    }

    long longValue(String key, long def) {
      return string(key, null) == null ? def : longValue(key);
    }

    long longValue(String key) {
      String v = string(key, null);
      if (v == null) {
        throw new IllegalArgumentException(key + " is required");
      }
      try {
        return Long.parseLong(v);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(key + " must be a whole number, got '" + v + "'");
      }
    }

    boolean bool(String key, boolean def) {
      String v = string(key, null);
      if (v == null) {
        return def;
      }
      if (!v.equalsIgnoreCase("true") && !v.equalsIgnoreCase("false")) {
        throw new IllegalArgumentException(key + " must be true or false, got '" + v + "'");
      }
      return Boolean.parseBoolean(v);
    }

    List<String> list(String key) {
      String v = string(key, null);
      if (v == null) {
        return List.of();
      }
      return Arrays.stream(v.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    Map<String, String> map(String key) {
      Map<String, String> m = new LinkedHashMap<>();
      for (String pair : list(key)) {
        int eq = pair.indexOf('=');
        if (eq <= 0) {
          throw new IllegalArgumentException(key + " must be key=value pairs separated by commas, got '" + pair + "'");
        }
        m.put(pair.substring(0, eq).strip(), pair.substring(eq + 1).strip());
      }
      return m;
    }
  }
}
