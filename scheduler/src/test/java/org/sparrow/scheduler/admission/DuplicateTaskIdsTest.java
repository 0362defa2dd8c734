package org.sparrow.scheduler.admission;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sparrow.scheduler.job.TaskRequest;

class DuplicateTaskIdsTest {

  private static TaskRequest t(String id) {
    return new TaskRequest(id, id == null ? null : id.getBytes(), null, List.of("h"), Map.of("k", "v"));
  }

  private static List<String> ids(List<TaskRequest> tasks) {
    return tasks.stream().map(x -> x == null ? "<null>" : String.valueOf(x.taskId())).toList();
  }

  @Test
  void uniqueIdsAreLeftAsTheyAre() {
    List<TaskRequest> tasks = List.of(t("a"), t("b"));
    assertThat(DuplicateTaskIds.makeUnique(tasks)).isSameAs(tasks);
  }

  @Test
  void laterDuplicatesGetTheFirstFreeSuffix() {
    List<TaskRequest> out = DuplicateTaskIds.makeUnique(List.of(t("a"), t("a"), t("a#2"), t("a"), t("b"), t("b")));
    assertThat(ids(out)).containsExactly("a", "a#3", "a#2", "a#4", "b", "b#2");
  }

  @Test
  void aRenamedTaskKeepsEverythingElse() {
    TaskRequest renamed = DuplicateTaskIds.makeUnique(List.of(t("x"), t("x"))).get(1);
    assertThat(renamed.message()).isEqualTo("x".getBytes());
    assertThat(renamed.preferredNodes()).containsExactly("h");
    assertThat(renamed.constraints()).containsEntry("k", "v");
  }

  @Test
  void nullTasksAndIdsAreLeftForValidation() {
    List<TaskRequest> out = DuplicateTaskIds.makeUnique(Arrays.asList(t("a"), null, t(null), t(null), t("a")));
    assertThat(ids(out)).containsExactly("a", "<null>", "null", "null", "a#2");
  }
}
