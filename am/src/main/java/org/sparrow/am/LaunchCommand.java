package org.sparrow.am;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.sparrow.nodemonitor.NodeMonitorConfig;
import org.sparrow.scheduler.SchedulerConfig;

/**
 * The command line of the daemon in one container: {@code java ... SparrowCli nodemonitor|scheduler
 * ...} with the ZooKeeper connect string, the cluster name, the container's host as the
 * advertised address and ephemeral ports (several containers may share a host).
 */
public final class LaunchCommand {

  /** System property on every daemon JVM the AM starts, naming its container (ps shows it). */
  public static final String CONTAINER_PROPERTY = "sparrow.yarn.container";

  private LaunchCommand() {}

  /** JVM options: the configured ones, plus a heap of 3/4 of the container unless -Xmx is given. */
  public static List<String> jvmOptions(RoleSettings role, ContainerRef container) {
    List<String> opts = new ArrayList<>();
    if (!role.javaOpts().contains("-Xmx")) {
      opts.add("-Xmx" + Math.max(64, container.shape().memoryMb() * 3 / 4) + "m");
    }
    if (!role.javaOpts().isEmpty()) {
      opts.addAll(List.of(role.javaOpts().split("\\s+")));
    }
    // Out of memory, the daemon exits (non-zero) and the AM replaces its container, rather than
    // a half-dead JVM staying registered.
    opts.add("-XX:+ExitOnOutOfMemoryError");
    opts.add("-D" + CONTAINER_PROPERTY + "=" + container.id());
    return opts;
  }

  /**
   * The arguments after the main class: the subcommand, where the cluster is, then the daemon's
   * settings as its configuration record renders them ({@code toArgs()}, which the CLI parses
   * back into an equal record).
   */
  public static List<String> daemonArguments(AmSettings settings, ContainerRef container) {
    List<String> args = new ArrayList<>();
    args.add(container.role() == Role.SCHEDULER ? "scheduler" : "nodemonitor");
    args.addAll(List.of("--zk", settings.zookeeper(), "--cluster", settings.cluster()));
    args.addAll(container.role() == Role.SCHEDULER
        ? schedulerConfig(settings, container).toArgs()
        : nodeMonitorConfig(settings, container).toArgs());
    return args;
  }

  /**
   * The scheduler in {@code container}: it announces the container's host, listens on
   * {@link AmSettings#bindHost()} (every interface by default), on the configured frontend port
   * and an ephemeral internal one (several containers may share a host).
   */
  public static SchedulerConfig schedulerConfig(AmSettings settings, ContainerRef container) {
    return SchedulerConfig.builder()
        .bindHost(settings.bindHost())
        .advertisedHost(container.host())
        .port(settings.schedulers().port())
        .internalPort(0)
        .build();
  }

  /**
   * The node monitor in {@code container}: the configured slots, attributes and command
   * permission, plus its container id as an attribute; host and ports as for schedulers.
   */
  public static NodeMonitorConfig nodeMonitorConfig(AmSettings settings, ContainerRef container) {
    Map<String, String> attributes = new TreeMap<>(settings.attributes());
    attributes.put(AmSettings.CONTAINER_ATTRIBUTE, container.id());
    return NodeMonitorConfig.builder()
        .slots(settings.slots())
        .bindHost(settings.bindHost())
        .advertisedHost(container.host())
        .internalPort(0)
        .backendPort(settings.nodeMonitors().port())
        .attributes(attributes)
        .allowCommand(settings.allowCommand())
        .build();
  }

  /**
   * The whole command as one line for a shell (YARN runs container commands through bash):
   * every argument quoted where needed, output to the container's log directory.
   */
  public static String shellLine(String javaExecutable, String classpath, AmSettings settings,
      ContainerRef container, String logDir) {
    List<String> words = new ArrayList<>();
    words.add(javaExecutable);
    jvmOptions(settings.role(container.role()), container).forEach(o -> words.add(quote(o)));
    words.add("-cp");
    words.add(quote(classpath));
    words.add(quote(settings.mainClass()));
    daemonArguments(settings, container).forEach(a -> words.add(quote(a)));
    words.add("1>" + logDir + "/stdout");
    words.add("2>" + logDir + "/stderr");
    return String.join(" ", words);
  }

  /** Single-quotes a word for bash unless it is made of safe characters only. */
  static String quote(String word) {
    if (!word.isEmpty() && word.matches("[A-Za-z0-9_./:=,@%+-]+")) {
      return word;
    }
    return "'" + word.replace("'", "'\\''") + "'";
  }
}
