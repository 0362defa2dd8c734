package org.sparrow.it.hostile;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import org.sparrow.cli.SparrowCli;

/**
 * The {@code sparrow} command, plus one thread that throws an {@link OutOfMemoryError} when the
 * line {@value #TRIGGER} arrives on standard input: a daemon whose code cannot be made to fail
 * from outside (the scheduler runs no user code) still meets a fatal error on one of its threads,
 * which then only the process's default handler (set by the daemon command) sees.
 */
public final class FatalInjectionMain {

  static final String TRIGGER = "fatal";

  private FatalInjectionMain() {}

  public static void main(String[] args) throws Exception {
    Thread injector = new Thread(() -> {
      try {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = in.readLine(); line != null; line = in.readLine()) {
          if (line.trim().equals(TRIGGER)) {
            throw new OutOfMemoryError("injected by FatalInjectionMain");
          }
        }
      } catch (IOException e) {
        // stdin closed: nothing to inject
      }
    }, "fatal-injector");
    injector.setDaemon(true);
    injector.start();
    SparrowCli.main(args);
  }
}
