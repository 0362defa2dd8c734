package org.sparrow.it.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.thrift.TException;
import org.apache.thrift.protocol.TBinaryProtocol;
import org.apache.thrift.transport.TSocket;
import org.apache.thrift.transport.layered.TFramedTransport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.sparrow.client.Job;
import org.sparrow.client.JobResult;
import org.sparrow.client.SparrowClient;
import org.sparrow.client.Task;
import org.sparrow.common.HostPort;
import org.sparrow.common.Lifecycle;
import org.sparrow.common.thrift.ThriftServer;
import org.sparrow.local.LocalCluster;
import org.sparrow.nodemonitor.NodeMonitorDaemon;
import org.sparrow.scheduler.SchedulerDaemon;
import org.sparrow.thrift.NodeMonitorInternalService;
import org.sparrow.thrift.NodeMonitorService;
import org.sparrow.thrift.SchedulerInternalService;
import org.sparrow.thrift.SchedulerService;

/**
 * Hostile input on every port of a scheduler and a node monitor (the four services): a fuzzer's
 * malformed frames, frames just under the limit in parallel, container-count amplification, a
 * connection burst with established connections in use, many idle connections, slowloris.
 * After each attack: no daemon died or stayed registered while unable to serve, established
 * connections are still answered, idle ones are closed by the idle timeout, a job still runs,
 * and the heap stays bounded.
 *
 * <p>The daemons run in this JVM (failsafe's "hostile" execution gives it a 384 MB heap), so the
 * bound checked is the heap's, not a process's RSS. The counts scale with the JVM's file
 * descriptor limit and with {@code -Dsparrow.long=true} (ten times the frames, a bigger burst).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class HostileInputIT {

  private static final boolean LONG = Boolean.getBoolean("sparrow.long");
  private static final long IDLE_TIMEOUT_MS = 3_000;
  private static final long SEED = Long.getLong("sparrow.hostile.seed", 11);

  private static String previousIdle;
  private static LocalCluster cluster;
  private static SparrowClient client;
  private static SchedulerDaemon scheduler;
  private static NodeMonitorDaemon nodeMonitor;
  private static List<HostPort> ports;

  @BeforeAll
  static void start() throws Exception {
    previousIdle = System.setProperty(ThriftServer.IDLE_TIMEOUT_PROPERTY, Long.toString(IDLE_TIMEOUT_MS));
    cluster = LocalCluster.builder().nodeMonitors(1).slots(2).schedulers(1).zkPort(0)
        .clusterName("hostile").build().start();
    scheduler = cluster.schedulers().get(0);
    nodeMonitor = cluster.nodeMonitors().get(0);
    client = SparrowClient.builder().zookeeper(cluster.connectString()).cluster("hostile")
        .callbackHost("127.0.0.1").build().start();
    ports = List.of(scheduler.address(), scheduler.internalAddress(), nodeMonitor.backendAddress(),
        nodeMonitor.internalAddress());
    await().atMost(Duration.ofSeconds(30)).until(() -> scheduler.knownNodeMonitors().size() == 1);
  }

  @AfterAll
  static void stop() {
    if (client != null) {
      client.close();
    }
    if (cluster != null) {
      cluster.close();
    }
    if (previousIdle == null) {
      System.clearProperty(ThriftServer.IDLE_TIMEOUT_PROPERTY);
    } else {
      System.setProperty(ThriftServer.IDLE_TIMEOUT_PROPERTY, previousIdle);
    }
  }

  /** 0 crashes, 0 zombies, still serving a job, heap bounded: after every attack. */
  @AfterEach
  void everyDaemonStillServes() throws Exception {
    assertThat(scheduler.state()).isEqualTo(Lifecycle.State.STARTED);
    assertThat(nodeMonitor.state()).isEqualTo(Lifecycle.State.STARTED);
    assertThat(scheduler.knownNodeMonitors()).as("the node monitor is still registered")
        .containsExactly(nodeMonitor.id());
    JobResult result = client.submit(Job.builder().task(Task.noop("a")).task(Task.noop("b")).build())
        .get(60, TimeUnit.SECONDS);
    assertThat(result.tasks()).hasSize(2).allSatisfy(t -> assertThat(t.state().name()).isEqualTo("SUCCEEDED"));
    System.gc();
    long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    long max = Runtime.getRuntime().maxMemory();
    assertThat(used).as("heap after the attack (max %d)", max).isLessThan(max * 3 / 4);
  }

  @Test
  @Order(1)
  void malformedFramesOnEveryPort() throws Exception {
    int perPort = LONG ? 100_000 : 10_000;
    List<java.util.Set<String>> methods = List.of(
        new SchedulerService.Processor<>(null).getProcessMapView().keySet(),
        new SchedulerInternalService.Processor<>(null).getProcessMapView().keySet(),
        new NodeMonitorService.Processor<>(null).getProcessMapView().keySet(),
        new NodeMonitorInternalService.Processor<>(null).getProcessMapView().keySet());
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Integer>> sent = new ArrayList<>();
      for (int p = 0; p < ports.size(); p++) {
        for (int t = 0; t < 2; t++) {
          HostPort port = ports.get(p);
          ThriftFuzzer fuzzer = new ThriftFuzzer(SEED * 31 + p * 7 + t, methods.get(p));
          sent.add(pool.submit(() -> {
            int n = 0;
            while (n < perPort / 2) {
              n += fuzzer.attack(port, 20);
            }
            return n;
          }));
        }
      }
      for (int p = 0; p < ports.size(); p++) {
        int total = sent.get(2 * p).get(4, TimeUnit.MINUTES) + sent.get(2 * p + 1).get(4, TimeUnit.MINUTES);
        assertThat(total).as("malformed frames sent to %s", ports.get(p)).isGreaterThanOrEqualTo(perPort);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  @Order(2)
  void framesJustUnderTheLimitInParallel() throws Exception {
    int limit = ThriftServer.DEFAULT_MAX_FRAME_BYTES;
    ExecutorService pool = Executors.newFixedThreadPool(16);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (HostPort port : List.of(scheduler.address(), nodeMonitor.internalAddress())) {
        for (int i = 0; i < 8; i++) {
          done.add(pool.submit(() -> {
            // submitJob (or enqueueReservations) whose first argument's first string fills the frame.
            byte[] prefix = ThriftFuzzer.message(port.equals(scheduler.address()) ? "submitJob"
                : "enqueueReservations", new byte[0]);
            int stringBytes = limit - 1 - prefix.length - 3 - 3 - 4 - 2;
            try (Socket s = connect(port)) {
              DataOutputStream out = new DataOutputStream(s.getOutputStream());
              out.writeInt(limit - 1);
              out.write(prefix);
              out.writeByte(12);  // field 1: struct
              out.writeShort(1);
              out.writeByte(11);  // its field 1: string
              out.writeShort(1);
              out.writeInt(stringBytes);
              out.write(new byte[stringBytes]);
              out.writeByte(0);
              out.writeByte(0);
              out.flush();
              s.shutdownOutput();
              drain(s.getInputStream());
            }
            return null;
          }));
        }
      }
      for (Future<?> f : done) {
        f.get(3, TimeUnit.MINUTES);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  @Order(3)
  void containerCountAmplification() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (HostPort port : List.of(scheduler.address(), nodeMonitor.internalAddress())) {
        for (int i = 0; i < 4; i++) {
          boolean toScheduler = port.equals(scheduler.address());
          done.add(pool.submit(() -> {
            int count = 2_000_000;
            try (Socket s = connect(port)) {
              DataOutputStream out = new DataOutputStream(s.getOutputStream());
              java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
              DataOutputStream b = new DataOutputStream(body);
              if (toScheduler) {
                b.writeByte(12);  // submitJob(1: TSchedulingRequest): 2: list<TTaskSpec>
                b.writeShort(1);
                b.writeByte(15);
                b.writeShort(2);
              } else {
                b.writeByte(15);  // enqueueReservations(1: list<TReservation>)
                b.writeShort(1);
              }
              b.writeByte(12);
              b.writeInt(count);
              b.write(new byte[count]);  // two million empty structs: one stop byte each
              byte[] frame = ThriftFuzzer.framed(ThriftFuzzer.message(
                  toScheduler ? "submitJob" : "enqueueReservations", body.toByteArray()));
              out.write(frame);
              out.flush();
              s.shutdownOutput();
              drain(s.getInputStream());
            }
            return null;
          }));
        }
      }
      for (Future<?> f : done) {
        f.get(3, TimeUnit.MINUTES);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  @Order(4)
  void connectionBurstDoesNotOrphanEstablishedConnections() throws Exception {
    int burst = fitToFdLimit(LONG ? 6_000 : 3_000);
    // Established connections, kept busy through the burst: one that the server stops reading
    // would time out (10 s) here.
    List<SchedulerService.Client> frontends = new ArrayList<>();
    List<NodeMonitorInternalService.Client> schedulers = new ArrayList<>();
    List<TSocket> sockets = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      TSocket a = new TSocket(scheduler.address().host(), scheduler.address().port(), 10_000);
      TSocket b = new TSocket(nodeMonitor.internalAddress().host(), nodeMonitor.internalAddress().port(), 10_000);
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
        held.add(connect(i % 2 == 0 ? scheduler.address() : nodeMonitor.internalAddress()));
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
    assertClosedByServer(held);
  }

  @Test
  @Order(5)
  void idleConnectionsDoNotStopJobs() throws Exception {
    int idle = fitToFdLimit(LONG ? 5_000 : 2_000);
    List<Socket> held = new ArrayList<>();
    try {
      for (int i = 0; i < idle; i++) {
        held.add(connect(i % 4 == 0 ? scheduler.internalAddress() : nodeMonitor.internalAddress()));
      }
      JobResult result = client.submit(Job.builder().task(Task.noop("x")).task(Task.noop("y")).build())
          .get(60, TimeUnit.SECONDS);
      assertThat(result.tasks()).hasSize(2);
      assertClosedByServer(held);
    } finally {
      for (Socket s : held) {
        s.close();
      }
    }
  }

  @Test
  @Order(6)
  void slowlorisConnectionsAreClosed() throws Exception {
    int n = LONG ? 1_000 : 200;
    List<Socket> slow = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      slow.add(connect(ports.get(i % ports.size())));
    }
    // Each sends a frame header claiming 1 KB, then one byte now and then: never a whole frame.
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(IDLE_TIMEOUT_MS * 3);
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
    assertClosedByServer(open);
  }

  private static Socket connect(HostPort port) throws IOException {
    Socket s = new Socket();
    s.connect(new InetSocketAddress(port.host(), port.port()), 10_000);
    return s;
  }

  private static void drain(InputStream in) {
    byte[] buf = new byte[4096];
    try {
      while (in.read(buf) >= 0) {
        // whatever the server answers
      }
    } catch (IOException reset) {
      // closed with a reset: refused
    }
  }

  /** Every socket sees the server close it (end of stream or reset) within the idle timeout and slack. */
  private static void assertClosedByServer(List<Socket> sockets) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(IDLE_TIMEOUT_MS + 60_000);
    int orphaned = 0;
    for (Socket s : sockets) {
      if (s.isClosed()) {
        continue;
      }
      long left = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
      s.setSoTimeout((int) Math.min(Integer.MAX_VALUE, left));
      try {
        while (s.getInputStream().read() >= 0) {
          // nothing is expected; keep reading until the server closes
        }
      } catch (java.net.SocketTimeoutException e) {
        orphaned++;
      } catch (IOException reset) {
        // closed
      } finally {
        s.close();
      }
    }
    assertThat(orphaned).as("connections the server never closed").isZero();
  }

  /** Two descriptors per connection in this JVM (client and server side), with room to spare. */
  private static int fitToFdLimit(int wanted) {
    if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean os) {
      long spare = os.getMaxFileDescriptorCount() - os.getOpenFileDescriptorCount() - 500;
      int fits = (int) Math.max(100, spare / 2);
      if (fits < wanted) {
        System.err.printf("HostileInputIT: fd limit %d allows %d connections, not %d (raise ulimit -n)%n",
            os.getMaxFileDescriptorCount(), fits, wanted);
        return fits;
      }
    }
    return wanted;
  }
}
