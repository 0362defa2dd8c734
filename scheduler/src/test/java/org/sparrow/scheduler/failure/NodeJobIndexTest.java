package org.sparrow.scheduler.failure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class NodeJobIndexTest {

  @Test
  void departuresFindOnlyTheJobsOnTheNode() {
    NodeJobIndex<String> index = new NodeJobIndex<>();
    index.add("nm-1", "job-a");
    index.add("nm-1", "job-b");
    index.add("nm-2", "job-b");
    assertThat(index.jobsOn("nm-1")).containsExactlyInAnyOrder("job-a", "job-b");
    assertThat(index.jobsOn("nm-3")).isEmpty();

    index.remove(List.of("nm-1", "nm-2"), "job-b");
    assertThat(index.jobsOn("nm-1")).containsExactly("job-a");
    assertThat(index.nodes()).as("empty entries are dropped").containsExactly("nm-1");
    index.forget("nm-1");
    assertThat(index.nodes()).isEmpty();
  }
}
