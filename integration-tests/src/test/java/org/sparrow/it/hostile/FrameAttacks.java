package org.sparrow.it.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.net.Socket;
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

  /** At least {@code perPort} malformed frames ({@link ThriftFuzzer}) to every port, from 8 threads. */
  static void malformedFrames(HostileTarget target, int perPort, long seed) throws Exception {
    List<HostPort> ports = target.ports();
    List<Set<String>> methods = HostileTarget.methods();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Integer>> sent = new ArrayList<>();
      for (int p = 0; p < ports.size(); p++) {
        for (int t = 0; t < 2; t++) {
          HostPort port = ports.get(p);
          ThriftFuzzer fuzzer = new ThriftFuzzer(seed * 31 + p * 7 + t, methods.get(p));
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

  /**
   * 8 frames of the daemon's frame limit - 1 bytes in parallel to the scheduler's and the node
   * monitor's internal port: a real method whose argument's first string fills the frame.
   */
  static void framesJustUnderTheLimit(HostileTarget target) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(16);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (HostPort port : List.of(target.scheduler(), target.nodeMonitorInternal())) {
        for (int i = 0; i < 8; i++) {
          done.add(pool.submit(() -> {
            boolean toScheduler = port.equals(target.scheduler());
            int limit = toScheduler ? target.schedulerFrameLimit() : target.nodeMonitorFrameLimit();
            byte[] prefix = ThriftFuzzer.message(toScheduler ? "submitJob" : "enqueueReservations", new byte[0]);
            int stringBytes = limit - 1 - prefix.length - 3 - 3 - 4 - 2;
            try (Socket s = Sockets.connect(port)) {
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
              Sockets.drain(s.getInputStream());
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

  /** 4 x 2 MB frames per port declaring 2 million empty structs (submitJob's tasks, enqueueReservations). */
  static void containerCountAmplification(HostileTarget target) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (HostPort port : List.of(target.scheduler(), target.nodeMonitorInternal())) {
        for (int i = 0; i < 4; i++) {
          boolean toScheduler = port.equals(target.scheduler());
          done.add(pool.submit(() -> {
            int count = 2_000_000;
            try (Socket s = Sockets.connect(port)) {
              DataOutputStream out = new DataOutputStream(s.getOutputStream());
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
              out.write(frame);
              out.flush();
              s.shutdownOutput();
              Sockets.drain(s.getInputStream());
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
}
