package org.sparrow.scheduler.admission;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Name resolution for placement preferences. Injected so tests need no DNS beyond
 * {@code localhost}; the daemon uses {@link #system()}.
 */
public interface HostResolver {

  /** The addresses a host name (or address literal) stands for; empty if it does not resolve. Never throws. */
  List<InetAddress> resolve(String host);

  /** Whether the address is one of this machine's (loopback, wildcard or a local interface's). */
  boolean isLocal(InetAddress address);

  /** The JVM's resolver (DNS, /etc/hosts; cached by the JVM as {@code networkaddress.cache.ttl} says). */
  static HostResolver system() {
    return new HostResolver() {
      @Override
      public List<InetAddress> resolve(String host) {
        try {
          return List.of(InetAddress.getAllByName(host));
        } catch (UnknownHostException | SecurityException e) {
          return List.of();
        }
      }

      @Override
      public boolean isLocal(InetAddress address) {
        if (address.isLoopbackAddress() || address.isAnyLocalAddress()) {
          return true;
        }
        try {
          return NetworkInterface.getByInetAddress(address) != null;
        } catch (SocketException e) {
          return false;
        }
      }
    };
  }
}
