package org.sparrow.nodemonitor.task;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Keeps the first {@code limit} bytes of a stream while counting all of them. Safe to read
 * ({@link #text}) while another thread is still appending, so a command that is given up on
 * still reports what it wrote so far.
 */
final class BoundedOutput {

  private final byte[] kept;
  private int keptLength;
  private long total;

  BoundedOutput(int limit) {
    this.kept = new byte[limit];
  }

  /** Reads {@code in} to its end. */
  void readFrom(InputStream in) throws IOException {
    byte[] chunk = new byte[8192];
    int n;
    while ((n = in.read(chunk)) >= 0) {
      append(chunk, n);  // keep reading past the limit so the process never blocks on a full pipe
    }
  }

  private synchronized void append(byte[] chunk, int n) {
    int copy = Math.min(kept.length - keptLength, n);
    System.arraycopy(chunk, 0, kept, keptLength, copy);
    keptLength += copy;
    total += n;
  }

  synchronized String text() {
    String text = new String(kept, 0, keptLength, StandardCharsets.UTF_8);
    return total > keptLength ? text + "\n[output truncated: " + total + " bytes]" : text;
  }

  static String truncate(String s, int limit) {
    if (s == null) {
      return "";
    }
    return s.length() <= limit ? s : s.substring(0, limit) + " [truncated]";
  }
}
