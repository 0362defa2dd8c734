package org.sparrow.yarn.client;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.security.UserGroupInformation;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.apache.hadoop.yarn.api.records.ApplicationReport;
import org.apache.hadoop.yarn.client.api.YarnClient;
import org.apache.hadoop.yarn.exceptions.ApplicationNotFoundException;
import org.sparrow.am.zk.DesiredState;
import org.sparrow.yarn.client.StagingSweep.Decision;
import org.sparrow.yarn.client.StagingSweep.Entry;
import org.sparrow.yarn.client.StagingSweep.Facts;
import org.sparrow.yarn.client.StagingSweep.Limits;

/**
 * Runs a {@link StagingSweep} for a client command: lists the staging root(s), asks the
 * ResourceManager about each candidate, deletes what the sweep decided and prints one line per
 * deletion. A sweep never fails the command it runs in: problems are warnings.
 *
 * <p>The roots are the configured one ({@code sparrow.yarn.staging-dir}, else
 * {@code <home>/.sparrow-staging}) and the parent of the staging directory recorded for the
 * cluster, when that differs (a deployment submitted with another {@code staging-dir}).
 */
final class StagingSweeper {

  static final String MAX_DELETIONS = "sparrow.yarn.staging-sweep.max-deletions";
  static final String MAX_LOOKUPS = "sparrow.yarn.staging-sweep.max-lookups";
  static final String UNKNOWN_MIN_AGE_MS = "sparrow.yarn.staging-sweep.unknown-min-age-ms";
  static final int DEFAULT_MAX_DELETIONS = 20;
  static final int DEFAULT_MAX_LOOKUPS = 100;
  static final long DEFAULT_UNKNOWN_MIN_AGE_MS = Duration.ofHours(24).toMillis();

  private final Configuration conf;
  private final YarnClient yarn;
  private final Clock clock;
  private final PrintStream out;
  private final PrintStream err;

  StagingSweeper(Configuration conf, YarnClient yarn, Clock clock, PrintStream out, PrintStream err) {
    this.conf = conf;
    this.yarn = yarn;
    this.clock = clock;
    this.out = out;
    this.err = err;
  }

  /**
   * The sweep of a client command; {@code recorded} may be null (no deployment recorded), {@code out}
   * gets one line per deletion (System.err where stdout must stay JSON).
   */
  static void sweep(Connections c, Properties p, DesiredState recorded, PrintStream out) {
    new StagingSweeper(c.conf, c.yarn, Clock.systemUTC(), out, System.err)
        .sweep(p, recorded == null ? null : recorded.stagingDir());
  }

  /** @return the directories deleted */
  List<Path> sweep(Properties p, String recordedStagingDir) {
    List<Path> deleted = new ArrayList<>();
    Limits limits = limits(p);  // a wrong setting is an error, not a warning
    try {
      if (limits.maxDeletions() == 0) {
        return deleted;
      }
      String user = UserGroupInformation.getCurrentUser().getShortUserName();
      Map<Entry, Path> listing = new LinkedHashMap<>();
      for (Path root : roots(p.getProperty(SubmitSettings.STAGING_DIR), recordedStagingDir)) {
        list(root, listing);
      }
      List<Decision> decisions = new StagingSweep(user, limits)
          .plan(List.copyOf(listing.keySet()), this::facts, clock.millis());
      for (Decision d : decisions) {
        if (!d.delete()) {
          continue;
        }
        Path dir = listing.get(d.entry());
        try {
          if (dir.getFileSystem(conf).delete(dir, true)) {
            deleted.add(dir);
            out.println("Swept the staging directory " + dir + ": " + d.reason());
          }
        } catch (IOException e) {
          err.println("warning: could not sweep the staging directory " + dir + ": " + e);
        }
      }
    } catch (IOException | RuntimeException e) {
      err.println("warning: the staging-directory sweep stopped: " + e);
    }
    return deleted;
  }

  static Limits limits(Properties p) {
    return new Limits(intValue(p, MAX_LOOKUPS, DEFAULT_MAX_LOOKUPS), intValue(p, MAX_DELETIONS, DEFAULT_MAX_DELETIONS),
        Duration.ofMillis(longValue(p, UNKNOWN_MIN_AGE_MS, DEFAULT_UNKNOWN_MIN_AGE_MS)));
  }

  private Set<Path> roots(String configured, String recordedStagingDir) throws IOException {
    Set<Path> roots = new LinkedHashSet<>();
    FileSystem fs = FileSystem.get(conf);
    Path root = configured != null && !configured.isBlank() ? new Path(configured.strip())
        : new Path(fs.getHomeDirectory(), Submitter.STAGING_DIR_NAME);
    roots.add(root.getFileSystem(conf).makeQualified(root));
    if (recordedStagingDir != null && !recordedStagingDir.isBlank()) {
      Path parent = new Path(recordedStagingDir).getParent();
      if (parent != null) {
        roots.add(parent.getFileSystem(conf).makeQualified(parent));
      }
    }
    return roots;
  }

  private void list(Path root, Map<Entry, Path> into) throws IOException {
    FileStatus[] children;
    try {
      children = root.getFileSystem(conf).listStatus(root);
    } catch (FileNotFoundException e) {
      return;  // nothing was ever staged there
    }
    for (FileStatus s : children) {
      if (s.isDirectory()) {
        into.put(new Entry(s.getPath().getName(), s.getOwner(), s.getModificationTime()), s.getPath());
      }
    }
  }

  private Facts facts(ApplicationId id) {
    try {
      ApplicationReport r = yarn.getApplicationReport(id);
      return new Facts.Known(r.getYarnApplicationState(), r.getApplicationType(), r.getUser());
    } catch (ApplicationNotFoundException e) {
      return new Facts.Unknown();
    } catch (Exception e) {
      return new Facts.Unanswered(e.toString());
    }
  }

  private static int intValue(Properties p, String key, int def) {
    long v = longValue(p, key, def);
    if (v > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(key + " is too large: " + v);
    }
    return (int) v;
  }

  private static long longValue(Properties p, String key, long def) {
    String v = p.getProperty(key);
    if (v == null || v.isBlank()) {
      return def;
    }
    try {
      return Long.parseLong(v.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + " must be a whole number, got '" + v + "'");
    }
  }
}
