package org.sparrow.zk;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.cache.CuratorCache;
import org.apache.curator.framework.recipes.cache.CuratorCacheListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches one drain znode (persistent, JSON {"timeoutMs": N}) and reports the first time it
 * exists. The daemon then drains once; later changes are ignored.
 */
final class ZkDrainFlag implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ZkDrainFlag.class);
  private static final Pattern TIMEOUT = Pattern.compile("\"timeoutMs\"\\s*:\\s*(\\d+)");

  private final CuratorCache cache;
  private final AtomicBoolean fired = new AtomicBoolean();

  ZkDrainFlag(CuratorFramework client, String path, LongConsumer onDrain) {
    this.cache = CuratorCache.build(client, path, CuratorCache.Options.SINGLE_NODE_CACHE);
    cache.listenable().addListener(CuratorCacheListener.builder()
        .forCreatesAndChanges((before, now) -> {
          if (now != null && now.getPath().equals(path) && fired.compareAndSet(false, true)) {
            long timeoutMs = timeoutMs(now.getData());
            LOG.info("Drain requested at {} (timeout {} ms)", path, timeoutMs);
            onDrain.accept(timeoutMs);
          }
        }).build());
    cache.start();
  }

  /** The requested timeout; 0 (the daemon's own) when absent or unreadable. */
  static long timeoutMs(byte[] data) {
    if (data == null) {
      return 0;
    }
    Matcher m = TIMEOUT.matcher(new String(data, StandardCharsets.UTF_8));
    try {
      return m.find() ? Long.parseLong(m.group(1)) : 0;
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  @Override
  public void close() {
    cache.close();
  }
}
