package org.sparrow.sim;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.sparrow.common.UserShares;

/**
 * Counts a point's task ends per user while it runs and turns them, with the jobs' response
 * times, into {@link UserFigures}. The measurement window is bench's: from the arrival of the
 * first measured job to the arrival of the last job.
 */
final class UserTally implements TaskEndListener {

  static final long BUCKET_NANOS = 100_000_000L;

  private final UserShares users;
  private final Trace trace;
  private final int firstMeasured;
  private final long from;
  private final long to;
  private final int[] userOfJob;
  private final long[] inWindow;
  private final long[][] buckets;

  UserTally(UserShares users, Trace trace, int firstMeasured) {
    this.users = users;
    this.trace = trace;
    this.firstMeasured = Math.min(firstMeasured, Math.max(0, trace.size() - 1));
    this.from = trace.size() == 0 ? 0 : trace.jobs().get(this.firstMeasured).arrivalNanos();
    this.to = trace.size() == 0 ? 0 : trace.jobs().get(trace.size() - 1).arrivalNanos();
    this.userOfJob = new int[trace.size()];
    for (int i = 0; i < userOfJob.length; i++) {
      userOfJob[i] = users.userIndexOf(i);
    }
    int n = users.users().size();
    this.inWindow = new long[n];
    this.buckets = new long[n][16];
  }

  @Override
  public void ended(int jobIndex, long timeNanos) {
    int u = userOfJob[jobIndex];
    if (u < 0) {
      return;
    }
    if (timeNanos >= from && timeNanos < to) {
      inWindow[u]++;
    }
    int b = (int) (timeNanos / BUCKET_NANOS);
    if (b >= buckets[u].length) {
      buckets[u] = Arrays.copyOf(buckets[u], Math.max(b + 1, buckets[u].length * 2));
    }
    buckets[u][b]++;
  }

  /** Per user, in the order of {@code --users}; empty without users. */
  Map<String, UserFigures> figures(long[] responseNanos) {
    Map<String, UserFigures> out = new LinkedHashMap<>();
    double seconds = (to - from) / 1e9;
    int lastBucket = -1;
    for (long[] b : buckets) {
      for (int k = b.length - 1; k > lastBucket; k--) {
        if (b[k] != 0) {
          lastBucket = k;
          break;
        }
      }
    }
    for (int u = 0; u < users.users().size(); u++) {
      long offered = 0;
      long[] response = new long[trace.size()];
      int n = 0;
      for (int j = firstMeasured; j < trace.size(); j++) {
        if (userOfJob[j] == u) {
          offered += trace.jobs().get(j).tasks();
          response[n++] = responseNanos[j];
        }
      }
      out.put(users.users().get(u).name(), new UserFigures(
          seconds > 0 ? offered / seconds : Double.NaN,
          seconds > 0 ? inWindow[u] / seconds : Double.NaN,
          ResponseStats.of(Arrays.copyOf(response, n)),
          Arrays.copyOf(buckets[u], lastBucket + 1)));
    }
    return out;
  }
}
