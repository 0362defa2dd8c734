package org.sparrow.it.fault;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback TCP proxy in front of one server whose client-to-server direction can be held: while
 * the gate is closed, bytes from clients are read and kept, and they reach the server, in order,
 * once it opens. So a request sent while closed arrives as late as the test decides (a scheduler
 * that reads a submit after its deadline), with real sockets on both sides.
 */
final class GatedProxy implements AutoCloseable {

  private final ServerSocket listener;
  private final int target;
  private final Object lock = new Object();
  private boolean open = true;
  private volatile boolean closed;
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();

  GatedProxy(int targetPort) throws IOException {
    this.target = targetPort;
    this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread t = new Thread(this::accept, "gated-proxy-" + targetPort);
    t.setDaemon(true);
    t.start();
  }

  String address() {
    return "127.0.0.1:" + listener.getLocalPort();
  }

  /** Holds what clients send from now on. */
  void hold() {
    synchronized (lock) {
      open = false;
    }
  }

  /** Lets what was held, and everything after it, through. */
  void release() {
    synchronized (lock) {
      open = true;
      lock.notifyAll();
    }
  }

  private void accept() {
    while (!closed) {
      try {
        Socket client = listener.accept();
        Socket server = new Socket(InetAddress.getLoopbackAddress(), target);
        sockets.add(client);
        sockets.add(server);
        pump(client, server, true);
        pump(server, client, false);
      } catch (IOException e) {
        if (!closed) {
          System.out.println("gated proxy: " + e);
        }
      }
    }
  }

  private void pump(Socket from, Socket to, boolean gated) {
    Thread t = new Thread(() -> {
      byte[] buf = new byte[8192];
      try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
        int n;
        while ((n = in.read(buf)) >= 0) {
          if (gated) {
            awaitOpen();
          }
          out.write(buf, 0, n);
          out.flush();
        }
      } catch (IOException | InterruptedException e) {
        // one side closed
      } finally {
        closeQuietly(from);
        closeQuietly(to);
      }
    }, "gated-proxy-pump");
    t.setDaemon(true);
    t.start();
  }

  private void awaitOpen() throws InterruptedException {
    synchronized (lock) {
      while (!open && !closed) {
        lock.wait();
      }
    }
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException ignored) {
      // closing
    }
  }

  @Override
  public void close() throws IOException {
    closed = true;
    release();
    listener.close();
    sockets.forEach(GatedProxy::closeQuietly);
  }
}
