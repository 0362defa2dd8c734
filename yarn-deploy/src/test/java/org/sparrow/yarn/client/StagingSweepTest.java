package org.sparrow.yarn.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.apache.hadoop.yarn.api.records.YarnApplicationState;
import org.junit.jupiter.api.Test;
import org.sparrow.yarn.client.StagingSweep.Decision;
import org.sparrow.yarn.client.StagingSweep.Entry;
import org.sparrow.yarn.client.StagingSweep.Facts;
import org.sparrow.yarn.client.StagingSweep.Limits;

class StagingSweepTest {

  private static final long NOW = 1_000_000_000L;
  private static final Duration HOUR = Duration.ofHours(1);
  private static final Limits ROOMY = new Limits(100, 100, HOUR);

  /** A fake ResourceManager: answers from a map, records what it was asked. */
  private static final class FakeRm implements Function<ApplicationId, Facts> {
    final Map<String, Facts> known = new HashMap<>();
    final List<String> asked = new ArrayList<>();

    FakeRm app(String id, YarnApplicationState state) {
      return app(id, state, "SPARROW", "alice");
    }

    FakeRm app(String id, YarnApplicationState state, String type, String user) {
      known.put(id, new Facts.Known(state, type, user));
      return this;
    }

    @Override
    public Facts apply(ApplicationId id) {
      asked.add(id.toString());
      return known.getOrDefault(id.toString(), new Facts.Unknown());
    }
  }

  private static Entry dir(String name, long ageMillis) {
    return new Entry(name, "alice", NOW - ageMillis);
  }

  private static List<String> deleted(List<Decision> ds) {
    return ds.stream().filter(Decision::delete).map(d -> d.entry().name()).toList();
  }

  @Test
  void deletesThisUsersEndedSparrowApplicationsAndKeepsLiveOnes() {
    FakeRm rm = new FakeRm()
        .app("application_1_0001", YarnApplicationState.KILLED)
        .app("application_1_0002", YarnApplicationState.FAILED)
        .app("application_1_0003", YarnApplicationState.FINISHED)
        .app("application_1_0004", YarnApplicationState.RUNNING)
        .app("application_1_0005", YarnApplicationState.ACCEPTED);
    List<Entry> listing = List.of(dir("application_1_0001", 5), dir("application_1_0002", 4),
        dir("application_1_0003", 3), dir("application_1_0004", 2), dir("application_1_0005", 1));

    List<Decision> ds = new StagingSweep("alice", ROOMY).plan(listing, rm, NOW);

    assertThat(deleted(ds)).containsExactly("application_1_0001", "application_1_0002", "application_1_0003");
    assertThat(ds).filteredOn(d -> !d.delete()).extracting(Decision::reason)
        .containsExactly("still RUNNING", "still ACCEPTED");
    assertThat(ds.get(0).reason()).isEqualTo("the application ended (KILLED)");
  }

  @Test
  void otherUsersOtherTypesAndOtherNamesAreLeftAlone() {
    FakeRm rm = new FakeRm()
        .app("application_1_0001", YarnApplicationState.KILLED, "MAPREDUCE", "alice")
        .app("application_1_0002", YarnApplicationState.KILLED, "SPARROW", "bob");
    List<Entry> listing = List.of(dir("application_1_0001", 5), dir("application_1_0002", 5),
        new Entry("application_1_0003", "bob", NOW - HOUR.toMillis() * 48),  // bob's directory: not even asked
        dir("notes", HOUR.toMillis() * 48), dir("application_x", HOUR.toMillis() * 48));

    List<Decision> ds = new StagingSweep("alice", ROOMY).plan(listing, rm, NOW);

    assertThat(deleted(ds)).isEmpty();
    assertThat(rm.asked).containsExactly("application_1_0001", "application_1_0002");
    assertThat(ds).extracting(Decision::reason)
        .containsExactly("application type MAPREDUCE, not SPARROW", "submitted by bob, not alice");
  }

  @Test
  void aDirectoryTheRmDoesNotKnowGoesOnlyPastTheAgeThreshold() {
    List<Entry> listing = List.of(dir("application_7_0001", HOUR.toMillis()), dir("application_7_0002", 59_000),
        new Entry("application_7_0003", "", NOW - 10 * HOUR.toMillis()));

    List<Decision> ds = new StagingSweep("alice", ROOMY).plan(listing, new FakeRm(), NOW);

    assertThat(deleted(ds)).containsExactly("application_7_0001");
    assertThat(ds).filteredOn(d -> !d.delete()).extracting(Decision::reason).containsExactly(
        "the ResourceManager does not know the application and the file system names no owner",
        "the ResourceManager does not know the application, but the directory is only 59 s old (under 3600 s)");
  }

  @Test
  void anUnansweredQuestionKeepsTheDirectory() {
    Decision d = new StagingSweep("alice", ROOMY).plan(List.of(dir("application_1_0001", HOUR.toMillis() * 99)),
        id -> new Facts.Unanswered("connection refused"), NOW).get(0);
    assertThat(d.delete()).isFalse();
    assertThat(d.reason()).isEqualTo("could not ask the ResourceManager: connection refused");
  }

  @Test
  void deletionsPerCallAreCappedOldestFirstSoTheNextCallGoesOn() {
    FakeRm rm = new FakeRm();
    List<Entry> listing = new ArrayList<>();
    for (int i = 1; i <= 5; i++) {
      String id = "application_1_000" + i;
      rm.app(id, YarnApplicationState.KILLED);
      listing.add(dir(id, 100 - i));  // 0001 oldest
    }
    StagingSweep sweep = new StagingSweep("alice", new Limits(100, 2, HOUR));

    List<Decision> first = sweep.plan(listing, rm, NOW);
    assertThat(deleted(first)).containsExactly("application_1_0001", "application_1_0002");
    assertThat(rm.asked).hasSize(2);  // no question past the cap

    List<Entry> rest = listing.stream().filter(e -> !deleted(first).contains(e.name())).toList();
    assertThat(deleted(sweep.plan(rest, rm, NOW))).containsExactly("application_1_0003", "application_1_0004");
  }

  @Test
  void questionsPerCallAreCappedEvenWhenNothingIsDeleted() {
    FakeRm rm = new FakeRm();
    List<Entry> listing = new ArrayList<>();
    for (int i = 1; i <= 5; i++) {
      String id = "application_1_000" + i;
      rm.app(id, YarnApplicationState.RUNNING);
      listing.add(dir(id, i));
    }
    List<Decision> ds = new StagingSweep("alice", new Limits(3, 100, HOUR)).plan(listing, rm, NOW);
    assertThat(ds).hasSize(3);
    assertThat(rm.asked).hasSize(3);
  }

  @Test
  void negativeLimitsAreRefused() {
    assertThatThrownBy(() -> new Limits(1, -1, HOUR)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must not be negative");
  }
}
