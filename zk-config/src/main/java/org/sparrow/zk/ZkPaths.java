package org.sparrow.zk;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The znode layout of one cluster:
 *
 * <pre>
 * /sparrow/&lt;cluster&gt;/nodemonitors/&lt;id&gt;   EPHEMERAL, JSON of NodeMonitorInfo
 * /sparrow/&lt;cluster&gt;/schedulers/&lt;id&gt;     EPHEMERAL, JSON of SchedulerInfo
 * /sparrow/&lt;cluster&gt;/settings            PERSISTENT, JSON of ClusterSettings
 * /sparrow/&lt;cluster&gt;/drain/nodemonitors/&lt;id&gt;  PERSISTENT, JSON {"timeoutMs": N}: drain that member
 * /sparrow/&lt;cluster&gt;/drain/schedulers/&lt;id&gt;    PERSISTENT, JSON {"timeoutMs": N}
 * </pre>
 *
 * Names are validated here, before they reach ZooKeeper, so a bad one fails with a message that
 * says which name is wrong instead of a generic "Invalid path string".
 */
public final class ZkPaths {

  public static final String ROOT = "/sparrow";
  public static final String NODE_MONITORS = "nodemonitors";
  public static final String SCHEDULERS = "schedulers";
  public static final String SETTINGS = "settings";
  public static final String DRAIN = "drain";

  private static final Pattern CLUSTER_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

  private final String clusterName;
  private final String clusterPath;

  public ZkPaths(String clusterName) {
    this.clusterName = checkClusterName(clusterName);
    this.clusterPath = ROOT + "/" + clusterName;
  }

  /** Returns the name if it matches [A-Za-z0-9_.-]{1,64} and is not "." or "..". */
  public static String checkClusterName(String name) {
    if (name == null || !CLUSTER_NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("cluster name " + quote(name)
          + " is invalid: use 1 to 64 characters from A-Z a-z 0-9 _ . -");
    }
    if (name.equals(".") || name.equals("..")) {
      // ZooKeeper treats these path elements as relative paths and refuses them.
      throw new IllegalArgumentException("cluster name " + quote(name) + " is invalid: '.' and '..' are reserved");
    }
    return name;
  }

  /**
   * Returns the id if it can be a znode name: not empty, no '/', not "." or "..", and no
   * characters ZooKeeper refuses (control characters, surrogates, U+FFF0..U+FFFF).
   * Ids such as "host:port" and "[::1]:20502" are fine.
   */
  public static String checkMemberId(String id) {
    if (id == null || id.isEmpty()) {
      throw new IllegalArgumentException("member id is empty; expected something like host:port");
    }
    if (id.indexOf('/') >= 0) {
      throw new IllegalArgumentException("member id " + quote(id) + " contains '/', which cannot be in a znode name");
    }
    if (id.equals(".") || id.equals("..")) {
      throw new IllegalArgumentException("member id " + quote(id) + " is reserved by ZooKeeper");
    }
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      if (c <= '\u001f' || (c >= '\u007f' && c <= '\u009f') || (c >= '\ud800' && c <= '\uf8ff') || c >= '\ufff0') {
        throw new IllegalArgumentException(String.format(
            "member id %s has character U+%04X at index %d, which ZooKeeper does not allow in a znode name",
            quote(id), (int) c, i));
      }
    }
    return id;
  }

  public String clusterName() {
    return clusterName;
  }

  /** /sparrow/&lt;cluster&gt; */
  public String clusterPath() {
    return clusterPath;
  }

  /** /sparrow/&lt;cluster&gt;/nodemonitors */
  public String nodeMonitorsPath() {
    return clusterPath + "/" + NODE_MONITORS;
  }

  /** /sparrow/&lt;cluster&gt;/schedulers */
  public String schedulersPath() {
    return clusterPath + "/" + SCHEDULERS;
  }

  /** /sparrow/&lt;cluster&gt;/settings */
  public String settingsPath() {
    return clusterPath + "/" + SETTINGS;
  }

  /** /sparrow/&lt;cluster&gt;/am: the running ApplicationMaster's entry (EPHEMERAL), if on YARN. */
  public String applicationMasterPath() {
    return clusterPath + "/am";
  }

  public String nodeMonitorPath(String id) {
    return nodeMonitorsPath() + "/" + checkMemberId(id);
  }

  public String schedulerPath(String id) {
    return schedulersPath() + "/" + checkMemberId(id);
  }

  /**
   * /sparrow/&lt;cluster&gt;/drain/nodemonitors/&lt;id&gt;: while it exists, the node monitor with
   * that membership id drains (see {@link DrainRequest}); whoever created it deletes it.
   */
  public String drainNodeMonitor(String id) {
    return clusterPath + "/" + DRAIN + "/" + NODE_MONITORS + "/" + checkMemberId(id);
  }

  /** /sparrow/&lt;cluster&gt;/drain/schedulers/&lt;id&gt;: as {@link #drainNodeMonitor}, for a scheduler. */
  public String drainScheduler(String id) {
    return clusterPath + "/" + DRAIN + "/" + SCHEDULERS + "/" + checkMemberId(id);
  }

  /** The last element of a znode path, i.e. the member id of a member znode. */
  public static String nameOf(String path) {
    Objects.requireNonNull(path, "path");
    return path.substring(path.lastIndexOf('/') + 1);
  }

  /** The parent of a znode path ("/" for top-level znodes). */
  public static String parentOf(String path) {
    Objects.requireNonNull(path, "path");
    int slash = path.lastIndexOf('/');
    return slash <= 0 ? "/" : path.substring(0, slash);
  }

  private static String quote(String s) {
    return s == null ? "null" : "'" + s + "'";
  }

  @Override
  public String toString() {
    return clusterPath;
  }
}
