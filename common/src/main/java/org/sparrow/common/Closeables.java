package org.sparrow.common;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Closes every resource in order, even when one fails, then rethrows the first failure. */
public final class Closeables {

  private static final Logger LOG = LoggerFactory.getLogger(Closeables.class);

  private Closeables() {}

  public static void closeAll(AutoCloseable... resources) {
    RuntimeException first = null;
    for (AutoCloseable r : resources) {
      if (r == null) {
        continue;
      }
      try {
        r.close();
      } catch (Exception e) {
        if (first == null) {
          first = e instanceof RuntimeException re ? re : new IllegalStateException("close failed", e);
        } else {
          first.addSuppressed(e);
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }

  /** For shutdown paths where a failure must not stop the rest. */
  public static void closeQuietly(AutoCloseable r) {
    if (r == null) {
      return;
    }
    try {
      r.close();
    } catch (Exception e) {
      LOG.warn("Ignoring failure while closing {}", r, e);
    }
  }
}
