package org.sparrow.yarn.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;

/** The jar `yarn jar` takes: no Main-Class, everything that could clash with Hadoop relocated. */
class FatJarIT {

  private static JarFile jar() throws Exception {
    return new JarFile(Path.of(System.getProperty("sparrow.yarn.jar")).toFile());
  }

  @Test
  void hasNoMainClassSoRunJarTakesTheClassNameFromTheCommandLine() throws Exception {
    try (JarFile jar = jar()) {
      Manifest m = jar.getManifest();
      assertThat(m == null ? null : m.getMainAttributes().getValue("Main-Class")).isNull();
    }
  }

  @Test
  void holdsTheClientTheAmAndTheDaemons() throws Exception {
    try (JarFile jar = jar()) {
      for (String c : List.of("org/sparrow/yarn/client/YarnClientMain.class",
          "org/sparrow/am/yarn/SparrowApplicationMaster.class", "org/sparrow/cli/SparrowCli.class",
          "org/sparrow/nodemonitor/NodeMonitorDaemon.class")) {
        assertThat(jar.getEntry(c)).as(c).isNotNull();
      }
    }
  }

  @Test
  void relocatesLibrariesThatHadoopAlsoShips() throws Exception {
    try (JarFile jar = jar()) {
      List<String> unrelocated = jar.stream().map(e -> e.getName())
          .filter(n -> n.startsWith("org/apache/curator/") || n.startsWith("org/apache/zookeeper/")
              || n.startsWith("org/apache/thrift/") || n.startsWith("com/fasterxml/jackson/")
              || n.startsWith("com/google/") || n.startsWith("com/codahale/metrics/")
              || n.startsWith("org/apache/hadoop/") || n.startsWith("io/netty/"))
          .toList();
      assertThat(unrelocated).isEmpty();
      assertThat(jar.getEntry("org/sparrow/shaded/curator/framework/CuratorFramework.class")).isNotNull();
      assertThat(jar.getEntry("org/sparrow/shaded/thrift/TServiceClient.class")).isNotNull();
    }
  }
}
