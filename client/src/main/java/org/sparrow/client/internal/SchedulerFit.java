package org.sparrow.client.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.sparrow.common.HostPort;
import org.sparrow.common.SchedulerInfo;
import org.sparrow.thrift.TSchedulingRequest;

/**
 * Which schedulers can take a job of a given size, judged by the request limits each one
 * advertises in its membership entry ({@link SchedulerInfo#maxTasksPerJob()},
 * {@link SchedulerInfo#maxRequestBytes()}). Each scheduler is judged by its own limits, not by the
 * smallest in the cluster: a job too large for one scheduler still runs on another that takes it.
 * A candidate with no entry (a fixed address) or whose entry advertises nothing (an older daemon,
 * 0) is not excluded here: it refuses what it cannot take itself. The client's own frame
 * limit ({@link #beyondClient}) applies to every job anyway. Pure: no clock, no I/O (the
 * limits come from a snapshot of the membership view, taken by the caller).
 */
public final class SchedulerFit {

  /**
   * A job's size as a scheduler measures it.
   *
   * @param tasks        tasks in the request
   * @param requestBytes the submit call's frame, as {@link RequestSize#attemptFrameBytes} counts it
   */
  public record JobSize(int tasks, long requestBytes) {

    /** Measures {@code request} (encodes it once, keeping no bytes). */
    public static JobSize of(TSchedulingRequest request) {
      return new JobSize(request.getTasksSize(), RequestSize.attemptFrameBytes(request));
    }
  }

  /**
   * A candidate whose advertised limits are too small for the job, and why in words.
   *
   * @param advertised its entry (the limits it advertises)
   */
  public record Misfit(HostPort scheduler, SchedulerInfo advertised, String reason) {}

  /**
   * The candidates split by fit, each list in the candidates' order.
   *
   * @param fitting candidates that may take the job
   * @param misfits candidates whose advertised limits are too small for it
   */
  public record Split(List<HostPort> fitting, List<Misfit> misfits) {

    public Split {
      fitting = List.copyOf(fitting);
      misfits = List.copyOf(misfits);
    }

    /** Why the job cannot run on any candidate: each one's limit and the job's value. */
    public String rejection() {
      List<String> reasons = misfits.stream().map(Misfit::reason).toList();
      return "no registered scheduler accepts a job this large (" + String.join("; ", reasons)
          + "): split it into smaller jobs or send smaller task messages";
    }
  }

  private final Map<HostPort, SchedulerInfo> advertised;

  private SchedulerFit(Map<HostPort, SchedulerInfo> advertised) {
    this.advertised = advertised;
  }

  /** What {@code registered} advertise, by address. */
  public static SchedulerFit of(Collection<SchedulerInfo> registered) {
    Map<HostPort, SchedulerInfo> byAddress = new HashMap<>();
    for (SchedulerInfo s : registered) {
      byAddress.put(s.address(), s);
    }
    return new SchedulerFit(byAddress);
  }

  /** Nothing advertised: every candidate fits (fixed addresses). */
  public static SchedulerFit none() {
    return new SchedulerFit(Map.of());
  }

  /**
   * Why {@code size} exceeds the client's own frame limit (the absolute maximum: the client cannot
   * write a larger frame to any scheduler), if it does.
   */
  public static Optional<String> beyondClient(JobSize size, int clientMaxBytes) {
    if (size.requestBytes() <= clientMaxBytes) {
      return Optional.empty();
    }
    return Optional.of("job request is " + size.requestBytes() + " bytes, above the limit of " + clientMaxBytes
        + " bytes (SparrowClient.MAX_REQUEST_BYTES, the largest frame this client writes): send fewer"
        + " tasks per job or smaller task messages");
  }

  /** Why {@code scheduler}'s advertised limits are too small for {@code size}, if they are. */
  public Optional<String> misfit(HostPort scheduler, JobSize size) {
    SchedulerInfo info = advertised.get(scheduler);
    return info == null ? Optional.empty() : misfit(info, size);
  }

  private static Optional<String> misfit(SchedulerInfo info, JobSize size) {
    HostPort scheduler = info.address();
    List<String> over = new ArrayList<>(2);
    if (info.maxTasksPerJob() > 0 && size.tasks() > info.maxTasksPerJob()) {
      over.add("at most " + info.maxTasksPerJob() + " tasks per job (maxTasksPerJob), the job has " + size.tasks());
    }
    if (info.maxRequestBytes() > 0 && size.requestBytes() > info.maxRequestBytes()) {
      over.add("submit requests of at most " + info.maxRequestBytes() + " bytes (maxRequestBytes), the job's is "
          + size.requestBytes() + " bytes");
    }
    if (over.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of("scheduler " + scheduler + " takes " + String.join(" and ", over));
  }

  /** Splits {@code candidates} into those that may take {@code size} and those too small for it. */
  public Split split(List<HostPort> candidates, JobSize size) {
    List<HostPort> fitting = new ArrayList<>(candidates.size());
    List<Misfit> misfits = new ArrayList<>();
    for (HostPort c : candidates) {
      SchedulerInfo info = advertised.get(c);
      Optional<String> why = info == null ? Optional.empty() : misfit(info, size);
      if (why.isPresent()) {
        misfits.add(new Misfit(c, info, why.get()));
      } else {
        fitting.add(c);
      }
    }
    return new Split(fitting, misfits);
  }
}
