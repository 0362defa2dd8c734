package org.sparrow.yarn.it;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One run of the sparrow-yarn client the way {@code yarn jar sparrow-yarn.jar
 * org.sparrow.yarn.client.YarnClientMain ...} runs it: {@code org.apache.hadoop.util.RunJar} in
 * its own JVM, with a Hadoop configuration directory and the Hadoop client jars on the classpath.
 */
record ClientRun(int exitCode, String output) {

  static final String CLIENT_CLASS = "org.sparrow.yarn.client.YarnClientMain";
  private static final AtomicInteger RUNS = new AtomicInteger();
  private static final long TIMEOUT_SECONDS = 180;

  static ClientRun run(YarnTestCluster cluster, List<String> args) throws Exception {
    List<String> cp = new ArrayList<>();
    cp.add(cluster.confDir.toString());
    cp.addAll(cluster.hadoopClientJars);
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
        "-cp", String.join(File.pathSeparator, cp),
        "org.apache.hadoop.util.RunJar", cluster.fatJar.toString(), CLIENT_CLASS));
    command.addAll(args);
    Path log = cluster.workDir.resolve("client-" + RUNS.incrementAndGet() + "-" + args.get(0) + ".log");
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    // What bin/sparrow-yarn sets: RunJar would otherwise unpack the whole jar first.
    pb.environment().put("HADOOP_CLIENT_SKIP_UNJAR", "true");
    Process p = pb.start();
    if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      throw new AssertionError("client " + args + " did not finish in " + TIMEOUT_SECONDS + " s:\n"
          + Files.readString(log));
    }
    return new ClientRun(p.exitValue(), Files.readString(log));
  }

  ClientRun assertSucceeded() {
    if (exitCode != 0) {
      throw new AssertionError("client exited with " + exitCode + ":\n" + output);
    }
    return this;
  }
}
