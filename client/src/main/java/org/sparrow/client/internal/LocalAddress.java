package org.sparrow.client.internal;

import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;

/** The local address this host uses to reach a peer, so the peer can call back. */
public final class LocalAddress {

  private LocalAddress() {}

  public static String towards(String host, int port) {
    // Connecting a datagram socket sends nothing; it only picks the route's source address.
    try (DatagramSocket s = new DatagramSocket()) {
      s.connect(new InetSocketAddress(host, port));
      String local = s.getLocalAddress().getHostAddress();
      return local.equals("0.0.0.0") ? "127.0.0.1" : local;
    } catch (SocketException e) {
      return "127.0.0.1";
    }
  }
}
