package org.sparrow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.sparrow.client.Job;
import org.sparrow.common.UserShares;
import org.sparrow.sim.SimJob;

/** bench's jobs carry the user and priority {@code --users}, {@code --user} and {@code --priority} give. */
class BenchJobsTest {

  private static SimJob job(int index) {
    return new SimJob(index, 0, new long[] {5_000_000L});
  }

  @Test
  void eachUsersPriorityFromTheMixReachesItsJobs() {
    UserShares mix = UserShares.parse("web:1:p0,batch:3:p1");
    BenchJobs jobs = new BenchJobs(null, null, mix, null);
    int web = 0;
    for (int i = 0; i < 400; i++) {
      Job j = jobs.toJob(job(i));
      assertThat(j.user()).isEqualTo(mix.userOf(i).name());
      assertThat(j.priority()).isEqualTo(j.user().equals("web") ? 0 : 1);
      web += j.user().equals("web") ? 1 : 0;
    }
    assertThat(web).isBetween(70, 130);  // about a quarter of 400
  }

  @Test
  void aGlobalPriorityAppliesWhenTheMixGivesNone() {
    BenchJobs jobs = new BenchJobs(null, null, UserShares.parse("alice:3,bob:1"), 4);
    assertThat(jobs.toJob(job(1)).priority()).isEqualTo(4);
    assertThat(new BenchJobs(null, null, UserShares.single("carol"), null).toJob(job(2)).user()).isEqualTo("carol");
    assertThat(new BenchJobs(null, null).userOf(job(3))).isNull();
    assertThat(new BenchJobs(null, null).priorityOf(job(3))).isNull();
  }
}
