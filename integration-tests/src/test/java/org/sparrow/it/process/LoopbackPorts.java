package org.sparrow.it.process;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;

/**
 * Loopback ports for daemons a test starts as processes, fixed before they start (a daemon's id
 * is its address, and a restarted daemon comes back on the same ports). One registry per JVM:
 * the kernel may hand an ephemeral port out again once its probe socket is closed, and two
 * daemons given one port fail to start (seen), also when two cluster helpers share a JVM.
 */
public final class LoopbackPorts {

  private static final Set<Integer> GIVEN = new HashSet<>();

  private LoopbackPorts() {}

  /** A free loopback port that no caller in this JVM was given before. */
  public static synchronized int next() throws IOException {
    for (int attempt = 0; attempt < 100; attempt++) {
      try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
        if (GIVEN.add(s.getLocalPort())) {
          return s.getLocalPort();
        }
      }
    }
    throw new IOException("no unused loopback port after 100 tries");
  }
}
