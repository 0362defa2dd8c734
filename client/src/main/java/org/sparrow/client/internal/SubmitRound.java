package org.sparrow.client.internal;

import java.util.ArrayList;
import java.util.List;
import org.sparrow.client.JobRejectedException;
import org.sparrow.client.SparrowClientException;
import org.sparrow.common.HostPort;

/**
 * One send of one job through its candidate schedulers, as decisions without calls: what each
 * scheduler's answer means for the job (it is taken there, it fails, or the next scheduler is
 * tried) and for the scheduler (it answered, or it is slow now), and the failure once none took
 * it, naming what each said. {@link Submitter} makes the calls and carries out the steps. One
 * round runs on one thread; not thread-safe.
 */
final class SubmitRound {

  /** What one scheduler did with the submit (or its clock probe), in domain terms. */
  sealed interface Answer {
    /** It took the job under this request id. */
    record Accepted(String requestId) implements Answer {}

    /** It read the job and refused it; {@code retryElsewhere}: for now only, another may take it. */
    record Refused(String why, boolean retryElsewhere) implements Answer {}

    /** Nothing listens there: the connection was refused. */
    record Unreachable(String why) implements Answer {}

    /** No answer by the submit deadline plus the margin. */
    record NoAnswer(String why) implements Answer {}

    /** It has no clock estimate yet and did not answer the probe for one: it was not sent the job. */
    record NoClock() implements Answer {}
  }

  /** What the scheduler's answer says of it. */
  enum Mark {
    /** Nothing new. */
    NONE,
    /** It answered: no longer slow; jobs taken back from it may be cancelled there. */
    ANSWERED,
    /** It answered and took the job: heard from as well (its lease on the client renews). */
    HEARD,
    /** It let the submit time out: new jobs go to the others first until it answers. */
    SLOW
  }

  /** What to do after one scheduler's answer: mark it; then take the job there, fail it, or go on. */
  record Step(Mark mark, String acceptedAs, RuntimeException failure) {
    /** Whether the round ends here (the job was taken or failed). */
    boolean ends() {
      return acceptedAs != null || failure != null;
    }
  }

  private final List<String> notes = new ArrayList<>();

  /** @param skipped why schedulers were left out before the round (limits the job is over) */
  SubmitRound(List<String> skipped) {
    notes.addAll(skipped);
  }

  /**
   * No candidate's advertised limits take the job. A new job is rejected: none would take it as
   * it is. One whose scheduler was lost ({@code lost} not null) is not: it fitted there, and
   * would again were that one back.
   */
  static SparrowClientException noneFits(HostPort lost, String rejection) {
    return lost == null ? new JobRejectedException(rejection)
        : new SparrowClientException("scheduler " + lost + " was lost with the job, and " + rejection);
  }

  Step after(HostPort scheduler, Answer answer) {
    if (answer instanceof Answer.Accepted a) {
      return new Step(Mark.HEARD, a.requestId(), null);
    }
    if (answer instanceof Answer.Refused r) {
      if (!r.retryElsewhere()) {
        return new Step(Mark.ANSWERED, null, new JobRejectedException(r.why()));
      }
      notes.add(scheduler + " refused it for now (" + r.why() + ")");
      return new Step(Mark.ANSWERED, null, null);
    }
    if (answer instanceof Answer.Unreachable u) {
      notes.add(scheduler + " (" + u.why() + ")");
      return new Step(Mark.NONE, null, null);
    }
    if (answer instanceof Answer.NoAnswer n) {
      // The scheduler drops the job if it read it (its answer was not written in time), so
      // sending it elsewhere is safe.
      notes.add(scheduler + " did not answer (" + n.why() + ")");
      return new Step(Mark.SLOW, null, null);
    }
    // NoClock: the probe marked it slow already if the probe timed out.
    notes.add(scheduler + " did not answer its clock probe");
    return new Step(Mark.NONE, null, null);
  }

  /** Every candidate was tried and none took the job. */
  SparrowClientException exhausted() {
    return new SparrowClientException("no scheduler could be reached or took the job: " + String.join(", ", notes));
  }
}
