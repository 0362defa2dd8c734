package org.sparrow.it.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads a process's memory figures from Linux's /proc/&lt;pid&gt;/status. */
final class ProcStatus {

  private ProcStatus() {}

  /** {@code VmRSS} in bytes; -1 if the process is gone. */
  static long rssBytes(long pid) {
    return field(pid, "VmRSS:");
  }

  /** {@code Threads}; -1 if the process is gone. */
  static int threads(long pid) {
    String status = read(pid);
    if (status == null) {
      return -1;
    }
    for (String line : status.split("\n")) {
      if (line.startsWith("Threads:")) {
        return Integer.parseInt(line.substring("Threads:".length()).trim());
      }
    }
    return -1;
  }

  private static String read(long pid) {
    try {
      return Files.readString(Path.of("/proc", Long.toString(pid), "status"), StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException e) {
      throw new IllegalStateException("cannot read /proc/" + pid + "/status", e);
    }
  }

  /** A "kB" field of /proc/&lt;pid&gt;/status in bytes; -1 if the process is gone. */
  static long field(long pid, String name) {
    String status = read(pid);
    if (status == null) {
      return -1;
    }
    for (String line : status.split("\n")) {
      if (line.startsWith(name)) {
        String[] parts = line.substring(name.length()).trim().split("\\s+");
        if (parts.length != 2 || !parts[1].equals("kB")) {
          throw new IllegalStateException("unexpected /proc/" + pid + "/status line: " + line);
        }
        return Long.parseLong(parts[0]) * 1024;
      }
    }
    // A zombie (ended, not yet reaped) has no Vm* lines.
    return -1;
  }
}
