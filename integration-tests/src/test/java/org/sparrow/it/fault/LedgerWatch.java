package org.sparrow.it.fault;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When this JVM first read each start and end line of a load's ledger (nanoTime): when a run
 * started or completed, to about the read period plus the shell's append (the tasks' dash has no
 * clock of its own, and a {@code date} per task would add a fork per run).
 *
 * <p>A run is "key task attempt request", the first four fields of its lines.
 */
final class LedgerWatch {

  private final Path ledger;
  private final Map<String, Long> startsSeen = new ConcurrentHashMap<>();
  private final Map<String, Long> endsSeen = new ConcurrentHashMap<>();
  private long ledgerRead;
  private final StringBuilder partialLine = new StringBuilder();

  LedgerWatch(Path ledger) {
    this.ledger = ledger;
  }

  /** Reads the lines appended since the last read and stamps each with the time it was read. */
  synchronized void read() {
    try (var f = new java.io.RandomAccessFile(ledger.toFile(), "r")) {
      long len = f.length();
      if (len <= ledgerRead) {
        return;
      }
      byte[] b = new byte[(int) (len - ledgerRead)];
      f.seek(ledgerRead);
      f.readFully(b);
      ledgerRead = len;
      long now = System.nanoTime();
      partialLine.append(new String(b, StandardCharsets.UTF_8));
      int nl;
      while ((nl = partialLine.indexOf("\n")) >= 0) {
        String[] fields = partialLine.substring(0, nl).trim().split(" ");
        partialLine.delete(0, nl + 1);
        if (fields.length >= 5 && (fields[4].equals("start") || fields[4].equals("end"))) {
          (fields[4].equals("start") ? startsSeen : endsSeen)
              .putIfAbsent(fields[0] + " " + fields[1] + " " + fields[2] + " " + fields[3], now);
        }
      }
    } catch (java.io.FileNotFoundException e) {
      // no task started yet
    } catch (IOException e) {
      System.out.println("FAULT cannot read " + ledger + ": " + e);
    }
  }

  /** When the run's start line was read, or {@code absent}. */
  long started(String run, long absent) {
    return startsSeen.getOrDefault(run, absent);
  }

  /** When the run's end line was read, or {@code absent}. */
  long ended(String run, long absent) {
    return endsSeen.getOrDefault(run, absent);
  }
}
