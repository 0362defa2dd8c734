package org.sparrow.it.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.sparrow.common.HostPort;

/** Attacks through what frames carry: malformed ones, huge ones, ones that decode into millions. */
final class FrameAttacks {

  private FrameAttacks() {}

  /** One of {@link #inParallel}'s sends: the {@code i}-th to {@code port}, {@code p}-th of the ports. */
  interface Send<T> {
    T to(HostPort port, int p, int i) throws Exception;
  }

  /**
   * {@code n} sends to each of {@code ports}, all at once (a thread each, so the daemon meets them
   * together); waits up to {@code timeout} for each and rethrows the first failure. The results,
   * per port in the order of {@code ports}, each in the order of {@code i}.
   */
  static <T> List<List<T>> inParallel(List<HostPort> ports, int n, Duration timeout, Send<T> body)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(ports.size() * n);
    try {
      List<List<Future<T>>> sent = new ArrayList<>();
      for (int p = 0; p < ports.size(); p++) {
        List<Future<T>> toPort = new ArrayList<>();
        for (int i = 0; i < n; i++) {
          HostPort port = ports.get(p);
          int portIndex = p;
          int index = i;
          toPort.add(pool.submit(() -> body.to(port, portIndex, index)));
        }
        sent.add(toPort);
      }
      List<List<T>> results = new ArrayList<>();
      for (List<Future<T>> toPort : sent) {
        List<T> got = new ArrayList<>();
        for (Future<T> f : toPort) {
          got.add(f.get(timeout.toMillis(), TimeUnit.MILLISECONDS));
        }
        results.add(got);
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }

  /** At least {@code perPort} malformed frames ({@link ThriftFuzzer}) to every port, two senders a port. */
  static void malformedFrames(HostileTarget target, int perPort, long seed) throws Exception {
    List<HostPort> ports = target.ports();
    List<Set<String>> methods = HostileTarget.methods();
    List<List<Integer>> sent = inParallel(ports, 2, Duration.ofMinutes(4), (port, p, t) -> {
      ThriftFuzzer fuzzer = new ThriftFuzzer(seed * 31 + p * 7 + t, methods.get(p));
      int n = 0;
      while (n < perPort / 2) {
        n += fuzzer.attack(port, 20);
      }
      return n;
    });
    for (int p = 0; p < ports.size(); p++) {
      int total = sent.get(p).stream().mapToInt(Integer::intValue).sum();
      assertThat(total).as("malformed frames sent to %s", ports.get(p)).isGreaterThanOrEqualTo(perPort);
    }
  }

  /**
   * 8 frames of the daemon's frame limit - 1 bytes in parallel to the scheduler's and the node
   * monitor's internal port: a real method whose argument's first string fills the frame.
   */
  static void framesJustUnderTheLimit(HostileTarget target) throws Exception {
    inParallel(List.of(target.scheduler(), target.nodeMonitorInternal()), 8, Duration.ofMinutes(3),
        (port, p, i) -> {
          boolean toScheduler = port.equals(target.scheduler());
          int limit = toScheduler ? target.schedulerFrameLimit() : target.nodeMonitorFrameLimit();
          byte[] prefix = ThriftFuzzer.message(toScheduler ? "submitJob" : "enqueueReservations", new byte[0]);
          int stringBytes = limit - 1 - prefix.length - 3 - 3 - 4 - 2;
          // Written as a stream, not built as one array: sixteen of them at once would take
          // twice the memory the daemons in this JVM are being checked against.
          Sockets.sendAndDrain(port, out -> {
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
          });
          return null;
        });
  }

  /** 4 x 2 MB frames per port declaring 2 million empty structs (submitJob's tasks, enqueueReservations). */
  static void containerCountAmplification(HostileTarget target) throws Exception {
    inParallel(List.of(target.scheduler(), target.nodeMonitorInternal()), 4, Duration.ofMinutes(3),
        (port, p, i) -> {
          boolean toScheduler = port.equals(target.scheduler());
          int count = 2_000_000;
          ByteArrayOutputStream body = new ByteArrayOutputStream();
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
          Sockets.sendAndDrain(port, out -> out.write(frame));
          return null;
        });
  }
}
