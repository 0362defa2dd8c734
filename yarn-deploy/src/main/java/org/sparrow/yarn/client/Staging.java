package org.sparrow.yarn.client;

import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Removes an application's staging directory (the uploaded jar, settings and configuration).
 * The AM removes it when it unregisters; the client removes what is left when the AM could
 * not (a kill, an AM that died on its last attempt, a submit that gave up).
 */
final class Staging {

  private Staging() {}

  /** @return whether something was removed */
  static boolean remove(Configuration conf, String dir) {
    if (dir == null || dir.isBlank()) {
      return false;
    }
    try {
      Path path = new Path(dir);
      FileSystem fs = path.getFileSystem(conf);
      return fs.exists(path) && fs.delete(path, true);
    } catch (IOException | IllegalArgumentException e) {
      System.err.println("warning: could not remove the staging directory " + dir + ": " + e);
      return false;
    }
  }
}
