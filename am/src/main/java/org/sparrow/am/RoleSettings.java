package org.sparrow.am;

/**
 * How one role is provisioned.
 *
 * @param count     containers wanted
 * @param shape     resources per container
 * @param placement where they may run
 * @param javaOpts  extra JVM options for the daemon ("-Xmx" is derived from the memory if absent)
 * @param port      the daemon's main port (0 = any free one, needed when two share a host)
 */
public record RoleSettings(int count, ContainerShape shape, Placement placement, String javaOpts, int port) {

  public RoleSettings {
    if (count < 0) {
      throw new IllegalArgumentException("container count must be >= 0, got " + count);
    }
    javaOpts = javaOpts == null ? "" : javaOpts.strip();
  }
}
