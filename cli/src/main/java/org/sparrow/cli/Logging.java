package org.sparrow.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/** Log levels for commands whose output is a report rather than a daemon's log. */
final class Logging {

  private Logging() {}

  /** Daemons started in-process log warnings only, unless -Dsparrow.log.level says otherwise. */
  static void quiet() {
    if (System.getProperty("sparrow.log.level") == null
        && LoggerFactory.getLogger("org.sparrow") instanceof Logger sparrow) {
      sparrow.setLevel(Level.WARN);
    }
  }
}
