package org.sparrow.yarn.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import org.apache.hadoop.yarn.api.records.YarnApplicationState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The staging directory of another, killed deployment (its AM could not clean up) goes at the
 * next client command of any cluster of the same user, as does an old directory of an
 * application the ResourceManager never knew; a live deployment's, a fresh unknown one and
 * anything not named like an application stay. One deletion per command here, to see the cap.
 */
@ExtendWith(YarnClusterExtension.class)
class StagingSweepIT {

  @Test
  void aClientCommandSweepsEndedApplicationsOfThisUserOnePerCallAtTheCap(YarnTestCluster yarn) throws Exception {
    try (Deployment live = Deployment.submit(yarn, "sweep-live", 1, 0);
        Deployment killed = Deployment.submit(yarn, "sweep-killed", 1, 0, "--no-wait")) {
      yarn.yarnClient().killApplication(killed.appId);
      assertThat(killed.awaitEnded().getYarnApplicationState()).isEqualTo(YarnApplicationState.KILLED);
      assertThat(killed.stagingDir()).isDirectory();  // a killed AM leaves it

      // The RM knows neither: one older than the 24 h threshold, one a submit might be making now.
      Path forgotten = Files.createDirectories(yarn.stagingDir.resolve("application_1000000000000_0001"));
      Files.setLastModifiedTime(forgotten, FileTime.from(Instant.now().minus(Duration.ofDays(2))));
      Path fresh = Files.createDirectories(yarn.stagingDir.resolve("application_1000000000000_0002"));
      Path notes = Files.createDirectories(yarn.stagingDir.resolve("notes"));
      Files.setLastModifiedTime(notes, FileTime.from(Instant.now().minus(Duration.ofDays(30))));

      String first = live.client("status", "-D", "sparrow.yarn.staging-sweep.max-deletions=1")
          .assertSucceeded().output();
      // Oldest first: the forgotten directory, then (next command) the killed deployment's.
      assertThat(first.lines().filter(l -> l.startsWith("Swept the staging directory ")))
          .singleElement().asString().contains(forgotten.getFileName() + ": the ResourceManager does not know the "
              + "application and the directory is");
      assertThat(forgotten).doesNotExist();
      assertThat(killed.stagingDir()).isDirectory();

      String second = live.client("status", "-D", "sparrow.yarn.staging-sweep.max-deletions=1")
          .assertSucceeded().output();
      assertThat(second.lines().filter(l -> l.startsWith("Swept the staging directory ")))
          .singleElement().asString().endsWith(killed.appId + ": the application ended (KILLED)");
      assertThat(killed.stagingDir()).doesNotExist();

      String third = live.client("status").assertSucceeded().output();
      assertThat(third).doesNotContain("Swept").contains(live.appId + " RUNNING");
      assertThat(live.stagingDir()).isDirectory();
      assertThat(fresh).isDirectory();
      assertThat(notes).isDirectory();
    }
  }
}
