package org.sparrow.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sparrow.client.JobRejectedException;
import org.sparrow.client.SparrowClientException;
import org.sparrow.client.internal.SubmitRound.Answer;
import org.sparrow.client.internal.SubmitRound.Mark;
import org.sparrow.client.internal.SubmitRound.Step;
import org.sparrow.common.HostPort;

/** What each scheduler's answer to a submit means, decided without a socket. */
class SubmitRoundTest {

  private final HostPort a = new HostPort("127.0.0.1", 1);
  private final HostPort b = new HostPort("127.0.0.1", 2);
  private final SubmitRound round = new SubmitRound(List.of("c is over its limit"));

  @Test
  void anAcceptedJobEndsTheRoundThereAndTheSchedulerWasHeardFrom() {
    Step step = round.after(a, new Answer.Accepted("r-1"));
    assertThat(step.mark()).isEqualTo(Mark.HEARD);
    assertThat(step.acceptedAs()).isEqualTo("r-1");
    assertThat(step.failure()).isNull();
    assertThat(step.ends()).isTrue();
  }

  @Test
  void aRefusalForGoodFailsTheJobAsRejected() {
    Step step = round.after(a, new Answer.Refused("unknown kind", false));
    assertThat(step.mark()).isEqualTo(Mark.ANSWERED);
    assertThat(step.failure()).isInstanceOf(JobRejectedException.class).hasMessage("unknown kind");
    assertThat(step.ends()).isTrue();
  }

  @Test
  void aRefusalForNowTriesTheNextScheduler() {
    Step step = round.after(a, new Answer.Refused("queue full", true));
    assertThat(step.mark()).isEqualTo(Mark.ANSWERED);
    assertThat(step.ends()).isFalse();
  }

  @Test
  void noAnswerMarksTheSchedulerSlowAndGoesOn() {
    Step step = round.after(a, new Answer.NoAnswer("read timed out"));
    assertThat(step.mark()).isEqualTo(Mark.SLOW);
    assertThat(step.ends()).isFalse();
  }

  @Test
  void aRefusedConnectionOrAMissedClockProbeMarksNothing() {
    assertThat(round.after(a, new Answer.Unreachable("connection refused")))
        .isEqualTo(new Step(Mark.NONE, null, null));
    assertThat(round.after(b, new Answer.NoClock())).isEqualTo(new Step(Mark.NONE, null, null));
  }

  @Test
  void theFailureOnceNoneTookTheJobSaysWhatEachDid() {
    round.after(a, new Answer.Refused("queue full", true));
    round.after(b, new Answer.NoAnswer("read timed out"));
    SparrowClientException e = round.exhausted();
    assertThat(e).isNotInstanceOf(JobRejectedException.class);
    assertThat(e.getMessage()).isEqualTo("no scheduler could be reached or took the job: c is over its limit, "
        + a + " refused it for now (queue full), " + b + " did not answer (read timed out)");
  }

  @Test
  void aNewJobNoSchedulerFitsIsRejectedButALostOneIsNot() {
    assertThat(SubmitRound.noneFits(null, "too many tasks")).isInstanceOf(JobRejectedException.class)
        .hasMessage("too many tasks");
    SparrowClientException lost = SubmitRound.noneFits(a, "too many tasks");
    assertThat(lost).isNotInstanceOf(JobRejectedException.class)
        .hasMessage("scheduler " + a + " was lost with the job, and too many tasks");
  }
}
