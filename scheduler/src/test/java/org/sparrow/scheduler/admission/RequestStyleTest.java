package org.sparrow.scheduler.admission;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sparrow.scheduler.job.JobRequest;
import org.sparrow.scheduler.job.TaskRequest;

class RequestStyleTest {

  private static final TaskRequest BACKEND = new TaskRequest("a", null, null, List.of("host-1"), Map.of());

  @Test
  void onlyOriginalFieldsIsOriginal() {
    assertThat(RequestStyle.of(JobRequest.of("app", List.of(BACKEND)).withProbeRatio(3.0)))
        .isEqualTo(RequestStyle.ORIGINAL);
    assertThat(RequestStyle.of(JobRequest.of(null, null))).isEqualTo(RequestStyle.ORIGINAL);
    assertThat(RequestStyle.of(JobRequest.of("app", Arrays.asList(BACKEND, null)))).isEqualTo(RequestStyle.ORIGINAL);
  }

  @Test
  void deliveryExtensionsAloneAreDelivery() {
    JobRequest base = JobRequest.of("app", List.of(BACKEND));
    assertThat(RequestStyle.of(base.withTimeoutMs(1L))).isEqualTo(RequestStyle.DELIVERY);
    assertThat(RequestStyle.of(base.withNotification(null))).isEqualTo(RequestStyle.DELIVERY);
    assertThat(RequestStyle.of(base.withNotification("fe:1"))).isEqualTo(RequestStyle.DELIVERY);
  }

  @Test
  void kindsConstraintsOrAPolicyArePlacement() {
    JobRequest base = JobRequest.of("app", List.of(BACKEND)).withTimeoutMs(1L);
    assertThat(RequestStyle.of(base.withPolicy("random"))).isEqualTo(RequestStyle.PLACEMENT);
    assertThat(RequestStyle.of(base.withConstraints(Map.of("rack", "a")))).isEqualTo(RequestStyle.PLACEMENT);
    assertThat(RequestStyle.of(JobRequest.of("app", List.of(TaskRequest.of("a", "noop", null)))))
        .isEqualTo(RequestStyle.PLACEMENT);
    assertThat(RequestStyle.of(JobRequest.of("app",
        List.of(new TaskRequest("a", null, null, List.of(), Map.of("gpu", "1")))))).isEqualTo(RequestStyle.PLACEMENT);
  }

  @Test
  void eachStyleAnswersRefusalsItsOwnWay() {
    assertThat(RequestStyle.ORIGINAL.refusesInvalid()).isFalse();
    assertThat(RequestStyle.DELIVERY.refusesInvalid()).isTrue();
    assertThat(RequestStyle.PLACEMENT.refusesInvalid()).isTrue();
    assertThat(RequestStyle.ORIGINAL.waitsForNodeMonitors()).isTrue();
    assertThat(RequestStyle.DELIVERY.waitsForNodeMonitors()).isTrue();
    assertThat(RequestStyle.PLACEMENT.waitsForNodeMonitors()).isFalse();
    assertThat(RequestStyle.ORIGINAL.allowsDuplicateTaskIds()).isTrue();
    assertThat(RequestStyle.DELIVERY.allowsDuplicateTaskIds()).isFalse();
  }
}
