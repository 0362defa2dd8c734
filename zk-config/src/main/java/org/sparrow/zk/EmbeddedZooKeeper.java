package org.sparrow.zk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Objects;
import java.util.stream.Stream;
import org.apache.zookeeper.server.NIOServerCnxnFactory;
import org.apache.zookeeper.server.ServerCnxnFactory;
import org.apache.zookeeper.server.ZKDatabase;
import org.apache.zookeeper.server.ZooKeeperServer;
import org.sparrow.common.HostPort;
import org.sparrow.common.Lifecycle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real standalone ZooKeeper server inside this JVM, for local mode and tests: clients
 * (including {@code zkCli.sh}) connect to {@link #connectString()} as to any ZooKeeper.
 *
 * <p>It is built from {@link ZooKeeperServer} and {@link NIOServerCnxnFactory} directly rather
 * than {@code ZooKeeperServerMain}, so no AdminServer (Jetty) is started and no system property
 * has to be set to prevent it; several instances can run in one JVM on different ports.
 */
public final class EmbeddedZooKeeper implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedZooKeeper.class);

  private final Lifecycle lifecycle = new Lifecycle("EmbeddedZooKeeper");
  private final String bindHost;
  private final int requestedPort;
  private final Path givenDataDir;
  private final int tickTimeMs;
  private final int maxClientCnxns;

  private volatile Path dataDir;
  private volatile ZooKeeperServer server;
  private volatile ServerCnxnFactory connections;

  private EmbeddedZooKeeper(Builder b) {
    this.bindHost = b.bindHost;
    this.requestedPort = b.port;
    this.givenDataDir = b.dataDir;
    this.tickTimeMs = b.tickTimeMs;
    this.maxClientCnxns = b.maxClientCnxns;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Binds the port and starts serving; throws with the address if that fails. */
  public void start() {
    lifecycle.markStarted();
    try {
      dataDir = givenDataDir != null ? Files.createDirectories(givenDataDir) : Files.createTempDirectory("sparrow-zk-");
      Path snapDir = Files.createDirectories(dataDir.resolve("snapshots"));
      Path logDir = Files.createDirectories(dataDir.resolve("txnlog"));
      server = new ZooKeeperServer(snapDir.toFile(), logDir.toFile(), tickTimeMs);
      connections = new NIOServerCnxnFactory();
      connections.configure(new InetSocketAddress(bindHost, requestedPort), maxClientCnxns);
      connections.startup(server);
    } catch (IOException | RuntimeException e) {
      close();
      throw new IllegalStateException("cannot start embedded ZooKeeper on "
          + new HostPort(bindHost, requestedPort) + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      close();
      throw new IllegalStateException("interrupted while starting embedded ZooKeeper", e);
    }
    LOG.info("Embedded ZooKeeper serving {} (data in {})", connectString(), dataDir);
  }

  /** The port clients connect to (the chosen one when built with port 0). */
  public int port() {
    lifecycle.checkStarted();
    return connections.getLocalPort();
  }

  /** "host:port" for clients; a wildcard bind host is given as 127.0.0.1. */
  public String connectString() {
    String host = bindHost;
    if (host.equals("0.0.0.0") || host.equals("::") || host.equals("0:0:0:0:0:0:0:0")) {
      host = "127.0.0.1";
    }
    return new HostPort(host, port()).toString();
  }

  /** Where snapshots and transaction logs are kept. */
  public Path dataDir() {
    lifecycle.checkStarted();
    return dataDir;
  }

  /** Stops serving, frees the port and deletes the data directory if it was a temporary one. */
  @Override
  public void close() {
    if (!lifecycle.markClosed()) {
      return;
    }
    ServerCnxnFactory c = connections;
    if (c != null) {
      c.shutdown(); // closes the listening socket and every connection, then shuts the server down
    }
    ZooKeeperServer s = server;
    if (s != null) {
      s.shutdown();
      ZKDatabase db = s.getZKDatabase();
      try {
        if (db != null) {
          db.close(); // releases the transaction log files
        }
      } catch (IOException e) {
        LOG.warn("Could not close the ZooKeeper database in {}", dataDir, e);
      }
    }
    if (givenDataDir == null && dataDir != null) {
      deleteRecursively(dataDir);
    }
  }

  private static void deleteRecursively(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.deleteIfExists(p);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    } catch (IOException | UncheckedIOException e) {
      LOG.warn("Could not delete the temporary ZooKeeper data directory {}", dir, e);
    }
  }

  @Override
  public String toString() {
    return "EmbeddedZooKeeper[" + (lifecycle.isStarted() ? connectString() : lifecycle.state()) + "]";
  }

  public static final class Builder {
    private String bindHost = "127.0.0.1";
    private int port = 0;
    private Path dataDir;
    private int tickTimeMs = ZooKeeperServer.DEFAULT_TICK_TIME;
    private int maxClientCnxns = 0;

    private Builder() {}

    /** 0 (default) picks a free port; see {@link #port()}. */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("ZooKeeper port " + port + " is outside 0..65535");
      }
      this.port = port;
      return this;
    }

    /** Address to listen on; default 127.0.0.1 (this machine only). */
    public Builder bindHost(String bindHost) {
      Objects.requireNonNull(bindHost, "bindHost");
      if (bindHost.isBlank()) {
        throw new IllegalArgumentException("ZooKeeper bind host is empty");
      }
      this.bindHost = bindHost;
      return this;
    }

    /** Kept across restarts when given; default a temporary directory deleted on close. */
    public Builder dataDir(Path dataDir) {
      this.dataDir = Objects.requireNonNull(dataDir, "dataDir");
      return this;
    }

    /** ZooKeeper's time unit (default 2000 ms); session timeouts are clamped to 2..20 ticks. */
    public Builder tickTimeMs(int tickTimeMs) {
      if (tickTimeMs <= 0) {
        throw new IllegalArgumentException("tick time must be positive, got " + tickTimeMs);
      }
      this.tickTimeMs = tickTimeMs;
      return this;
    }

    /**
     * Connections allowed per client IP; 0 (default) = unlimited, because in local mode every
     * daemon of the cluster connects from the same address.
     */
    public Builder maxClientCnxns(int maxClientCnxns) {
      if (maxClientCnxns < 0) {
        throw new IllegalArgumentException("maxClientCnxns must be >= 0, got " + maxClientCnxns);
      }
      this.maxClientCnxns = maxClientCnxns;
      return this;
    }

    public EmbeddedZooKeeper build() {
      return new EmbeddedZooKeeper(this);
    }
  }
}
