package org.sparrow.zk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.curator.framework.recipes.cache.CuratorCacheListener;
import org.junit.jupiter.api.Test;

/** Injected errors in a cache listener: fatal ones reach the fatal path, others are logged. */
class GuardedCacheListenerTest {

  @Test
  void routesAFatalErrorAndSwallowsTheRest() {
    List<Throwable> fatal = new CopyOnWriteArrayList<>();
    List<CuratorCacheListener.Type> seen = new CopyOnWriteArrayList<>();
    CuratorCacheListener guarded = GuardedCacheListener.wrap("test cache", (type, before, after) -> {
      seen.add(type);
      switch (type) {
        case NODE_CREATED -> throw new AssertionError("listener bug");
        case NODE_CHANGED -> throw new OutOfMemoryError("injected");
        default -> { }
      }
    }, fatal::add);

    guarded.event(CuratorCacheListener.Type.NODE_CREATED, null, null);
    assertThat(fatal).isEmpty();
    guarded.event(CuratorCacheListener.Type.NODE_CHANGED, null, null);
    assertThat(fatal).singleElement().isInstanceOf(OutOfMemoryError.class);
    guarded.event(CuratorCacheListener.Type.NODE_DELETED, null, null);
    assertThat(seen).containsExactly(CuratorCacheListener.Type.NODE_CREATED,
        CuratorCacheListener.Type.NODE_CHANGED, CuratorCacheListener.Type.NODE_DELETED);
  }

  @Test
  void routesAFatalErrorOfInitialized() {
    List<Throwable> fatal = new CopyOnWriteArrayList<>();
    CuratorCacheListener guarded = GuardedCacheListener.wrap("test cache", new CuratorCacheListener() {
      @Override
      public void event(Type type, org.apache.curator.framework.recipes.cache.ChildData o,
          org.apache.curator.framework.recipes.cache.ChildData d) {}

      @Override
      public void initialized() {
        throw new InternalError("injected");
      }
    }, fatal::add);
    guarded.initialized();
    assertThat(fatal).singleElement().isInstanceOf(InternalError.class);
  }
}
