package org.sparrow.it.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.thrift.TException;
import org.apache.thrift.protocol.TBinaryProtocol;
import org.apache.thrift.transport.TSocket;
import org.apache.thrift.transport.layered.TFramedTransport;
import org.sparrow.common.HostPort;
import org.sparrow.thrift.NodeMonitorInternalService;
import org.sparrow.thrift.SchedulerService;

/** Attacks through connections: a burst, many idle ones, slowloris. */
final class ConnectionAttacks {

  private ConnectionAttacks() {}

  /** Something the cluster must still do while the connections are held (a job). */
  interface Check {
    void run() throws Exception;
  }

  /**
   * {@code burst} connects held open while 40 established connections keep calling: they must
   * keep being answered, and every burst connection must be closed by the server.
   */
  static void burstBesideEstablishedConnections(HostileTarget target, int burst, long idleTimeoutMs)
      throws Exception {
    HostPort scheduler = target.scheduler();
    HostPort nodeMonitor = target.nodeMonitorInternal();
    // Established connections, kept busy through the burst: one that the server stops reading
    // would time out (10 s) here.
    List<SchedulerService.Client> frontends = new ArrayList<>();
    List<NodeMonitorInternalService.Client> schedulers = new ArrayList<>();
    List<TSocket> sockets = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      TSocket a = new TSocket(scheduler.host(), scheduler.port(), 10_000);
      TSocket b = new TSocket(nodeMonitor.host(), nodeMonitor.port(), 10_000);
      a.open();
      b.open();
      sockets.add(a);
      sockets.add(b);
      frontends.add(new SchedulerService.Client(new TBinaryProtocol(new TFramedTransport(a), false, true)));
      schedulers.add(new NodeMonitorInternalService.Client(new TBinaryProtocol(new TFramedTransport(b), false, true)));
    }
    AtomicBoolean bursting = new AtomicBoolean(true);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    AtomicInteger calls = new AtomicInteger();
    Thread user = new Thread(() -> {
      try {
        while (bursting.get()) {
          for (int i = 0; i < frontends.size(); i++) {
            frontends.get(i).registerFrontend("hostile-app", "127.0.0.1:1");
            schedulers.get(i).getLoad();
            calls.addAndGet(2);
          }
        }
      } catch (TException e) {
        failure.set(e);
      }
    }, "established-connections");
    user.start();
    List<Socket> held = new ArrayList<>();
    try {
      for (int i = 0; i < burst; i++) {
        held.add(Sockets.connect(i % 2 == 0 ? scheduler : nodeMonitor));
      }
      int before = calls.get();
      await().atMost(Duration.ofSeconds(60)).until(() -> calls.get() > before + 200 || failure.get() != null);
    } finally {
      bursting.set(false);
      user.join(30_000);
    }
    assertThat(failure.get()).as("calls on established connections during the burst").isNull();
    // Established connections are still answered after the burst...
    for (int i = 0; i < frontends.size(); i++) {
      frontends.get(i).registerFrontend("hostile-app", "127.0.0.1:1");
      schedulers.get(i).getLoad();
    }
    sockets.forEach(TSocket::close);
    // ...and the burst's idle connections are closed by the server, none orphaned.
    Sockets.assertClosedByServer(held, idleTimeoutMs);
  }

  /** {@code idle} connections on the internal ports; {@code whileHeld} still works, and all are closed. */
  static void idleConnections(HostileTarget target, int idle, long idleTimeoutMs, Check whileHeld)
      throws Exception {
    List<Socket> held = new ArrayList<>();
    try {
      for (int i = 0; i < idle; i++) {
        held.add(Sockets.connect(i % 4 == 0 ? target.schedulerInternal() : target.nodeMonitorInternal()));
      }
      whileHeld.run();
      Sockets.assertClosedByServer(held, idleTimeoutMs);
    } finally {
      for (Socket s : held) {
        s.close();
      }
    }
  }

  /** {@code n} connections sending a frame header, then one byte every 250 ms: all are closed. */
  static void slowloris(HostileTarget target, int n, long idleTimeoutMs) throws Exception {
    List<HostPort> ports = target.ports();
    List<Socket> slow = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      slow.add(Sockets.connect(ports.get(i % ports.size())));
    }
    // Each sends a frame header claiming 1 KB, then one byte now and then: never a whole frame.
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(idleTimeoutMs * 3);
    List<Socket> open = new ArrayList<>(slow);
    byte[] header = {0, 0, 4, 0};
    for (Socket s : open) {
      s.getOutputStream().write(header);
    }
    while (!open.isEmpty() && System.nanoTime() < deadline) {
      List<Socket> still = new ArrayList<>();
      for (Socket s : open) {
        try {
          s.getOutputStream().write(7);
          still.add(s);
        } catch (IOException closed) {
          s.close();
        }
      }
      open = still;
      // Pacing of the attack itself (not synchronization): one byte per connection per 250 ms.
      Thread.sleep(250);
    }
    Sockets.assertClosedByServer(open, idleTimeoutMs);
  }
}
