package org.sparrow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import picocli.CommandLine;

/**
 * One run of the sparrow command in-process: exit code and everything it printed, including what
 * went straight to System.out / System.err (older commands, logging).
 */
record CliRun(int code, String out, String err) {

  static CliRun run(Map<String, String> env, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    ByteArrayOutputStream sysOut = new ByteArrayOutputStream();
    ByteArrayOutputStream sysErr = new ByteArrayOutputStream();
    PrintStream originalOut = System.out;
    PrintStream originalErr = System.err;
    int code;
    try {
      System.setOut(new PrintStream(sysOut, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(sysErr, true, StandardCharsets.UTF_8));
      CommandLine cli = SparrowCli.newCommandLine(env);
      cli.setOut(new PrintWriter(out, true));
      cli.setErr(new PrintWriter(err, true));
      code = cli.execute(args);
    } finally {
      System.setOut(originalOut);
      System.setErr(originalErr);
    }
    return new CliRun(code, out + sysOut.toString(StandardCharsets.UTF_8), err + sysErr.toString(StandardCharsets.UTF_8));
  }

  static CliRun run(String... args) {
    return run(Map.of(), args);
  }

  /** The run failed with exactly one line on stderr, "error: ..." containing the text, and no stack trace. */
  CliRun failsWithOneLine(int expectedCode, String text) {
    assertThat(code).as("exit code; stderr: %s", err).isEqualTo(expectedCode);
    assertThat(err.strip().lines().toList()).as("stderr").hasSize(1)
        .first().asString().startsWith("error: ").contains(text);
    return this;
  }
}
