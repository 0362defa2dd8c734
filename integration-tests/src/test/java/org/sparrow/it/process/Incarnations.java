package org.sparrow.it.process;

import java.util.HashMap;
import java.util.Map;

/**
 * Which incarnation (boot id) ZooKeeper listed for each daemon process when it was last seen
 * registered, so that a daemon killed and started again counts as registered only once ZooKeeper
 * lists a boot id other than its previous process's: the old process's ZooKeeper session keeps
 * its znode (with the old boot id) until it expires, so "listed" alone passes while the new JVM
 * still starts.
 */
final class Incarnations {

  private record Listed(long pid, String bootId) {}

  private final Map<DaemonProcess, Listed> listed = new HashMap<>();

  /**
   * Whether a listed boot id is the running process's: any before the first registration and
   * while the process seen registered runs; after a restart, only one that differs from the old.
   */
  boolean isCurrent(DaemonProcess d, String bootId) {
    Listed last = listed.get(d);
    return last == null || last.pid() == d.pid() || last.bootId().isEmpty() || !last.bootId().equals(bootId);
  }

  /** The running process of {@code d} is listed with {@code bootId}. */
  void record(DaemonProcess d, String bootId) {
    listed.put(d, new Listed(d.pid(), bootId == null ? "" : bootId));
  }
}
