package org.sparrow.common;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a daemon does when it can no longer do its job (a server that stopped listening, an
 * {@link Error} in a periodic task): log it, close the daemon (which withdraws its membership
 * entry first, so nobody keeps sending it work), then hand over to {@code afterClose}, which a
 * daemon process sets to {@link #exitProcess} so that YARN or an operator sees a non-zero exit and
 * replaces it. Fires once; the close runs on a thread of its own, since the caller may be one of
 * the threads the close stops.
 */
public final class FatalHandler implements Consumer<Throwable> {

  private static final Logger LOG = LoggerFactory.getLogger(FatalHandler.class);

  /** Exit status of a daemon process that stopped on a fatal error. */
  public static final int EXIT_STATUS = 70;

  private final String daemon;
  private final Runnable close;
  private final Consumer<Throwable> afterClose;
  private final AtomicBoolean fired = new AtomicBoolean();

  public FatalHandler(String daemon, Runnable close, Consumer<Throwable> afterClose) {
    this.daemon = Objects.requireNonNull(daemon);
    this.close = Objects.requireNonNull(close);
    this.afterClose = Objects.requireNonNull(afterClose);
  }

  /** For a daemon process: exit with {@link #EXIT_STATUS}. */
  public static Consumer<Throwable> exitProcess() {
    return t -> System.exit(EXIT_STATUS);
  }

  /** For a daemon inside a bigger process (tests, local mode): only the close. */
  public static Consumer<Throwable> closeOnly() {
    return t -> {};
  }

  public boolean fired() {
    return fired.get();
  }

  @Override
  public void accept(Throwable cause) {
    if (!fired.compareAndSet(false, true)) {
      return;
    }
    LOG.error("{} cannot go on; leaving the cluster and stopping", daemon, cause);
    Thread t = new Thread(() -> {
      try {
        close.run();
      } catch (Throwable e) {
        LOG.error("{}: closing after a fatal error failed", daemon, e);
      } finally {
        afterClose.accept(cause);
      }
    }, daemon + "-fatal");
    t.start();
  }
}
