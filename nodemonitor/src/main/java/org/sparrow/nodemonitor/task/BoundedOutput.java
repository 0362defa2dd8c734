package org.sparrow.nodemonitor.task;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** Reads a stream to its end, keeping only the first {@code limit} bytes. */
final class BoundedOutput {

  private BoundedOutput() {}

  static String drain(InputStream in, int limit) throws IOException {
    byte[] kept = new byte[limit];
    int keptLength = 0;
    long total = 0;
    byte[] chunk = new byte[8192];
    int n;
    while ((n = in.read(chunk)) >= 0) {
      int room = limit - keptLength;
      if (room > 0) {
        int copy = Math.min(room, n);
        System.arraycopy(chunk, 0, kept, keptLength, copy);
        keptLength += copy;
      }
      total += n;  // keep reading past the limit so the process never blocks on a full pipe
    }
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
