package org.sparrow.zk;

import java.util.Objects;
import java.util.function.Consumer;
import org.apache.curator.framework.recipes.cache.ChildData;
import org.apache.curator.framework.recipes.cache.CuratorCacheListener;
import org.sparrow.common.Guarded;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A cache listener whose failures go through {@link Guarded#route}: Curator logs and swallows
 * whatever a listener throws, an out-of-memory error included, so without this wrapper a daemon
 * whose membership view stopped updating would go on as if nothing had happened.
 */
final class GuardedCacheListener implements CuratorCacheListener {

  private static final Logger LOG = LoggerFactory.getLogger(GuardedCacheListener.class);

  private final String what;
  private final CuratorCacheListener listener;
  private final Consumer<Throwable> fatal;

  private GuardedCacheListener(String what, CuratorCacheListener listener, Consumer<Throwable> fatal) {
    this.what = Objects.requireNonNull(what, "what");
    this.listener = Objects.requireNonNull(listener, "listener");
    this.fatal = Objects.requireNonNull(fatal, "fatal");
  }

  /** {@code listener}, with a fatal error sent to the process's fatal path. */
  static CuratorCacheListener wrap(String what, CuratorCacheListener listener) {
    return wrap(what, listener, Guarded.processFatalPath());
  }

  static CuratorCacheListener wrap(String what, CuratorCacheListener listener, Consumer<Throwable> fatal) {
    return new GuardedCacheListener(what, listener, fatal);
  }

  @Override
  public void event(Type type, ChildData oldData, ChildData data) {
    try {
      listener.event(type, oldData, data);
    } catch (Throwable t) {
      Guarded.route(what + " (" + type + ")", LOG, t, fatal);
    }
  }

  @Override
  public void initialized() {
    try {
      listener.initialized();
    } catch (Throwable t) {
      Guarded.route(what + " (initialized)", LOG, t, fatal);
    }
  }
}
