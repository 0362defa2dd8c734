package org.sparrow.client;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One task of a job.
 *
 * @param id          unique within the job
 * @param kind        built-in kind run in-process on the node monitor ("noop", "sleep",
 *                    "command", "java"), or null to hand the task to the app's backend
 * @param message     the kind's argument (UTF-8), or the opaque message for the backend
 * @param nodes       if not empty, the task may run only on these nodes (host or node id)
 * @param constraints node attributes the task requires (key must equal value)
 */
public record Task(String id, String kind, byte[] message, List<String> nodes,
    Map<String, String> constraints) {

  public Task {
    Objects.requireNonNull(id, "task id");
    message = message == null ? new byte[0] : message;
    nodes = nodes == null ? List.of() : List.copyOf(nodes);
    constraints = constraints == null ? Map.of() : Map.copyOf(constraints);
  }

  public static Task noop(String id) {
    return new Task(id, "noop", null, null, null);
  }

  public static Task sleep(String id, long millis) {
    return new Task(id, "sleep", Long.toString(millis).getBytes(StandardCharsets.UTF_8), null, null);
  }

  public static Task command(String id, String shellCommand) {
    return new Task(id, "command", shellCommand.getBytes(StandardCharsets.UTF_8), null, null);
  }

  /** A task run by a {@code SparrowTask} class on the node monitor's classpath. */
  public static Task java(String id, String className, String argument) {
    String arg = argument == null || argument.isEmpty() ? className : className + " " + argument;
    return new Task(id, "java", arg.getBytes(StandardCharsets.UTF_8), null, null);
  }

  /** A task for the application backend registered for the job's app. */
  public static Task forBackend(String id, byte[] message) {
    return new Task(id, null, message, null, null);
  }

  public Task onNodes(List<String> allowedNodes) {
    return new Task(id, kind, message, allowedNodes, constraints);
  }

  public Task withConstraints(Map<String, String> required) {
    return new Task(id, kind, message, nodes, required);
  }
}
