package org.sparrow.common;

import java.security.SecureRandom;

/**
 * Boot ids: one random value per process start, announced in membership and carried in RPCs so
 * that a peer restarted on the same host:port is never taken for the process that was there.
 */
public final class BootIds {

  private static final SecureRandom RANDOM = new SecureRandom();

  private BootIds() {}

  /**
   * A fresh boot id (base 36, up to 13 characters). Deliberately not from an injected, possibly
   * seeded Random: two runs with the same seed on the same port must still differ.
   */
  public static String random() {
    return Long.toString(RANDOM.nextLong() & Long.MAX_VALUE, 36);
  }

  /**
   * Whether a message addressed to incarnation {@code addressed} is for {@code mine}: an empty or
   * missing boot id (an older peer, or one that did not know it) matches any incarnation.
   */
  public static boolean matches(String addressed, String mine) {
    return addressed == null || addressed.isEmpty() || mine == null || mine.isEmpty()
        || addressed.equals(mine);
  }
}
