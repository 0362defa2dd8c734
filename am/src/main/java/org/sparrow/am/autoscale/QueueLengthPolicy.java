package org.sparrow.am.autoscale;

import java.util.Locale;
import java.util.Optional;

/**
 * Grows the node monitors when queued reservations per slot stay above a threshold for a
 * window, shrinks them when utilisation (running tasks per slot) stays below one with nothing
 * queued, and takes no decision within a cooldown of the last one. Growth at most doubles the
 * size per decision and is capped by {@code max} and by the YARN queue's headroom; a shrink
 * goes to the size that would run the current tasks at twice the shrink threshold (an idle
 * cluster goes straight to {@code min}), never below it.
 *
 * <p>While a change is under way (containers asked for, draining, or not yet registered) the
 * windows restart: load measured on a cluster in flux says little about the next size.
 */
public final class QueueLengthPolicy implements AutoscalePolicy {

  private final AutoscaleSettings settings;
  private long overSince = -1;
  private long underSince = -1;
  private long lastDecision = Long.MIN_VALUE;

  public QueueLengthPolicy(AutoscaleSettings settings) {
    this.settings = settings;
  }

  @Override
  public Optional<AutoscaleDecision> decide(LoadSample s, long now) {
    int n = s.nodeMonitors();
    if (n < settings.min() || n > settings.max()) {
      return decided(now, n, settings.clamp(n), n < settings.min()
          ? "below the autoscale minimum of " + settings.min() : "above the autoscale maximum of " + settings.max());
    }
    if (s.changing() || s.slots() == 0) {
      overSince = -1;
      underSince = -1;
      return Optional.empty();
    }
    double queuedPerSlot = (double) s.queuedReservations() / s.slots();
    double utilisation = (double) s.runningTasks() / s.slots();
    overSince = queuedPerSlot > settings.growQueuedPerSlot() ? (overSince < 0 ? now : overSince) : -1;
    underSince = utilisation < settings.shrinkUtilisation() && s.queuedReservations() == 0
        ? (underSince < 0 ? now : underSince) : -1;
    if (lastDecision != Long.MIN_VALUE && now - lastDecision < settings.cooldownMs()) {
      return Optional.empty();
    }
    double slotsPerNodeMonitor = (double) s.slots() / s.reporting();
    if (overSince >= 0 && now - overSince >= settings.windowMs() && n < settings.max()) {
      int cap = settings.max();
      if (s.headroom() >= 0) {
        cap = Math.min(cap, n + s.headroom());
      }
      String load = String.format(Locale.ROOT, "%.2f queued reservations per slot > %.2f for %d s (%d queued, %d running on %d slots)",
          queuedPerSlot, settings.growQueuedPerSlot(), (now - overSince) / 1000, s.queuedReservations(),
          s.runningTasks(), s.slots());
      if (cap <= n) {
        return decided(now, n, n, load + "; not growing: the YARN queue has no room for another container");
      }
      int wanted = (int) Math.ceil((s.runningTasks() + s.queuedReservations()) / slotsPerNodeMonitor);
      int to = Math.min(cap, Math.max(n + 1, Math.min(2 * n, wanted)));
      return decided(now, n, to, load + (to == cap && cap < settings.max() ? "; capped by the YARN queue's headroom" : ""));
    }
    if (underSince >= 0 && now - underSince >= settings.windowMs() && n > settings.min()) {
      double target = Math.min(1.0, 2 * settings.shrinkUtilisation());
      int fits = target <= 0 ? n : (int) Math.ceil(s.runningTasks() / (slotsPerNodeMonitor * target));
      int to = Math.max(settings.min(), Math.min(n - 1, fits));
      return decided(now, n, to, String.format(Locale.ROOT,
          "utilisation %.2f < %.2f with nothing queued for %d s (%d running on %d slots)",
          utilisation, settings.shrinkUtilisation(), (now - underSince) / 1000, s.runningTasks(), s.slots()));
    }
    return Optional.empty();
  }

  private Optional<AutoscaleDecision> decided(long now, int from, int to, String reason) {
    lastDecision = now;
    overSince = -1;
    underSince = -1;
    return Optional.of(new AutoscaleDecision(now, from, to, reason));
  }
}
