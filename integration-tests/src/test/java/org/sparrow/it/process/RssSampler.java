package org.sparrow.it.process;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Samples the resident set size of daemon processes at a fixed rate (a measurement, not a
 * synchronization) and checks every sample against the bound {@link LaunchFlags#rssLimitBytes}
 * derives from the process's flags and its thread count at that sample.
 */
public final class RssSampler implements AutoCloseable {

  /** The largest RSS seen for one daemon, its threads then, and the bound at that sample. */
  public record Peak(long rssBytes, int threads, long limitBytes, String breakdown) {
    @Override
    public String toString() {
      return String.format("peak RSS %.1f MiB with %d threads, limit %.1f MiB (%s)",
          rssBytes / 1048576.0, threads, limitBytes / 1048576.0, breakdown);
    }
  }

  private final Map<DaemonProcess, LaunchFlags> daemons;
  private final Map<String, Peak> peaks = new LinkedHashMap<>();  // guarded by this
  private final List<String> overLimit = new ArrayList<>();  // guarded by this
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "rss-sampler");
    t.setDaemon(true);
    return t;
  });

  public RssSampler(Map<DaemonProcess, LaunchFlags> daemons) {
    this.daemons = Map.copyOf(daemons);
  }

  public RssSampler start(Duration every) {
    timer.scheduleAtFixedRate(this::sample, 0, every.toMillis(), TimeUnit.MILLISECONDS);
    return this;
  }

  private void sample() {
    for (Map.Entry<DaemonProcess, LaunchFlags> e : daemons.entrySet()) {
      DaemonProcess d = e.getKey();
      if (!d.isAlive()) {
        continue;
      }
      long rss = d.rssBytes();
      int threads = d.threads();
      if (rss < 0 || threads < 0) {
        continue;  // ended between the check and the read
      }
      long limit = e.getValue().rssLimitBytes(threads);
      synchronized (this) {
        Peak peak = peaks.get(d.name());
        if (peak == null || rss > peak.rssBytes()) {
          peaks.put(d.name(), new Peak(rss, threads, limit, e.getValue().rssLimitBreakdown(threads)));
        }
        if (rss > limit && overLimit.size() < 20) {
          overLimit.add(String.format("%s: RSS %d bytes above its limit %s", d.name(), rss,
              e.getValue().rssLimitBreakdown(threads)));
        }
      }
    }
  }

  /** The largest sample per daemon so far, by name. */
  public synchronized Map<String, Peak> peaks() {
    return new LinkedHashMap<>(peaks);
  }

  /** Samples above their bound (at most 20 are kept). */
  public synchronized List<String> overLimit() {
    return List.copyOf(overLimit);
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
