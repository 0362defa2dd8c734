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
 * that reads a submit after its deadline), with real sockets on both sides. It can also listen on
 * a given loopback address and port in front of a server on another loopback address (the server
 * then announces the proxy's address), and replace one byte string by another of the same length
 * in what clients send (so a job's callback address can name a second proxy).
 */
final class GatedProxy implements AutoCloseable {

  private final ServerSocket listener;
  private final InetAddress targetHost;
  private final int target;
  private final byte[] find;
  private final byte[] replace;
  private final Object lock = new Object();
  private boolean open = true;
  private volatile boolean closed;
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private final java.util.concurrent.atomic.AtomicLong passed = new java.util.concurrent.atomic.AtomicLong();
  private final java.util.Map<String, Integer> seen = new java.util.concurrent.ConcurrentHashMap<>();

  GatedProxy(int targetPort) throws IOException {
    this(InetAddress.getLoopbackAddress(), 0, InetAddress.getLoopbackAddress(), targetPort, null, null);
  }

  /**
   * @param find    replaced by {@code replace} (same length) in the client-to-server bytes; null: none
   */
  GatedProxy(InetAddress listenHost, int listenPort, InetAddress targetHost, int targetPort,
      byte[] find, byte[] replace) throws IOException {
    if ((find == null) != (replace == null) || (find != null && find.length != replace.length)) {
      throw new IllegalArgumentException("find and replace must both be given, of one length");
    }
    this.targetHost = targetHost;
    this.target = targetPort;
    this.find = find;
    this.replace = replace;
    this.listener = new ServerSocket(listenPort, 50, listenHost);
    Thread t = new Thread(this::accept, "gated-proxy-" + targetPort);
    t.setDaemon(true);
    t.start();
  }

  String address() {
    return listener.getInetAddress().getHostAddress() + ":" + listener.getLocalPort();
  }

  /** Bytes from clients that reached the server so far. */
  long passedBytes() {
    return passed.get();
  }

  /**
   * How many reads from clients that reached the server held {@code text} (UTF-8), e.g. a task id
   * in a scheduler's completion notice. Like the substitution, it sees only strings that arrive
   * whole in one read (small frames on loopback do).
   */
  int passedCount(String text) {
    return seen.getOrDefault(text, 0);
  }

  /** From now on, counts the reads that held {@code text} (see {@link #passedCount}). */
  void watch(String text) {
    seen.putIfAbsent(text, 0);
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
        Socket server = new Socket(targetHost, target);
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
            if (find != null) {
              substitute(buf, n);
            }
          }
          out.write(buf, 0, n);
          out.flush();
          if (gated) {
            passed.addAndGet(n);
            count(buf, n);
          }
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

  /** Small Thrift frames on loopback arrive whole in one read; a string split across two is missed. */
  private void substitute(byte[] buf, int n) {
    for (int i = 0; i + find.length <= n; i++) {
      boolean match = true;
      for (int j = 0; j < find.length && match; j++) {
        match = buf[i + j] == find[j];
      }
      if (match) {
        System.arraycopy(replace, 0, buf, i, replace.length);
        i += find.length - 1;
      }
    }
  }

  private void count(byte[] buf, int n) {
    if (seen.isEmpty()) {
      return;
    }
    String text = new String(buf, 0, n, java.nio.charset.StandardCharsets.ISO_8859_1);
    for (String watched : seen.keySet()) {
      // The watched strings are ASCII: ISO-8859-1 maps each byte to one char, so indexOf is a byte search.
      if (text.contains(watched)) {
        seen.merge(watched, 1, Integer::sum);
      }
    }
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
