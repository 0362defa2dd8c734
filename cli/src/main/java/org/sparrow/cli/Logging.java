package org.sparrow.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/** Log levels for commands whose output is a report rather than a daemon's log. */
final class Logging {

  /**
   * ZooKeeper's and Curator's loggers, under their own names and relocated into the yarn-deploy
   * fat jar (its shaded.prefix): a client command that cannot reach ZooKeeper must print one line,
   * not their connection-retry stack traces.
   */
  static final String[] MEMBERSHIP_CLIENT_LOGGERS = {
      "org.apache.zookeeper", "org.apache.curator",
      "org.sparrow.shaded.zookeeper", "org.sparrow.shaded.curator",
  };

  private Logging() {}

  /**
   * Daemons started in-process log warnings only, and ZooKeeper and Curator nothing (our own
   * error says what went wrong), unless -Dsparrow.log.level says otherwise.
   */
  static void quiet() {
    if (System.getProperty("sparrow.log.level") != null) {
      return;
    }
    setLevel("org.sparrow", Level.WARN);
    for (String name : MEMBERSHIP_CLIENT_LOGGERS) {
      setLevel(name, Level.OFF);
    }
  }

  private static void setLevel(String name, Level level) {
    if (LoggerFactory.getLogger(name) instanceof Logger logger) {
      logger.setLevel(level);
    }
  }
}
