package org.sparrow.client.internal;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.sparrow.common.Closeables;
import org.sparrow.common.HostPort;
import org.sparrow.common.NamedThreads;
import org.sparrow.common.thrift.ClientPool;
import org.sparrow.common.thrift.ThriftServer;
import org.sparrow.thrift.FrontendService;
import org.sparrow.thrift.SchedulerService;

/**
 * The moving parts of a started client, wired in one place: its connection pools (one per kind
 * of call, each with the timeouts that call needs), its threads, the {@link Submitter}, the
 * {@link SchedulerWatch} on its timer, and the FrontendService server that receives completion
 * notifications. Closing stops them all, each attempted even if another fails.
 */
public final class ClientRuntime implements AutoCloseable {

  private final ExecutorService submitThreads;
  private final ScheduledExecutorService watchTimer;
  private final ClientPool<SchedulerService.Client> controlPool;
  private final ClientPool<SchedulerService.Client> submitPool;
  private final ClientPool<SchedulerService.Client> statusPool;
  private final Submitter submitter;
  private final SchedulerWatch watch;
  private final ThriftServer callbackServer;

  /**
   * @param maxFrameBytes the client's own frame limit (the largest request it writes)
   * @param submitMarginMs how much longer than a submit's deadline the client waits for its answer
   */
  public ClientRuntime(ClientConfig config, SchedulerMembership membership, PendingJobs pending,
      int maxFrameBytes, long submitMarginMs) throws IOException {
    List<HostPort> known = membership.addresses();
    String host = config.callbackHost();
    if (host == null) {
      host = known.isEmpty() ? "127.0.0.1" : LocalAddress.towards(known.get(0).host(), known.get(0).port());
    }
    long rpcMs = config.rpcTimeout().toMillis();
    controlPool = ClientPool.builder(SchedulerService.Client::new)
        .socketTimeoutMs((int) Math.max(1, Math.min(Integer.MAX_VALUE, rpcMs)))
        .maxFrameBytes(maxFrameBytes).build();
    // Submits wait for the deadline plus the margin, then go elsewhere (see Submitter).
    long submitMs = Math.min(config.submitTimeout().toMillis(), rpcMs);
    submitPool = ClientPool.builder(SchedulerService.Client::new)
        .connectTimeoutMs((int) Math.max(1, Math.min(2_000, submitMs)))
        .socketTimeoutMs((int) Math.min(Integer.MAX_VALUE, submitMs + submitMarginMs))
        .maxFrameBytes(maxFrameBytes).build();
    int statusTimeoutMs = (int) Math.max(1, Math.min(rpcMs, 2_000));
    statusPool = ClientPool.builder(SchedulerService.Client::new)
        .connectTimeoutMs(statusTimeoutMs).socketTimeoutMs(statusTimeoutMs).build();
    submitThreads = Executors.newFixedThreadPool(config.submitThreads(), NamedThreads.daemon("sparrow-client-submit"));
    submitter = new Submitter(submitPool, pending, membership::addresses, submitThreads,
        submitMs, config.maxResubmits(), new SchedulerClocks(60_000), System::currentTimeMillis)
        .lease(config.lease().toMillis()).advertised(membership::registered);
    watch = new SchedulerWatch(statusPool, submitter, pending, submitThreads);
    membership.onRemoved(watch::suspect);
    watchTimer = Executors.newSingleThreadScheduledExecutor(NamedThreads.daemon("sparrow-client-watch"));
    long every = config.statusCheckInterval().toMillis();
    watchTimer.scheduleWithFixedDelay(() -> {
      try {
        watch.round();
      } catch (RuntimeException e) {
        // Never let one failed round stop the watch.
      }
    }, every, every, TimeUnit.MILLISECONDS);
    FrontendHandler handler = new FrontendHandler(pending, config.messageListener());
    ThriftServer server = null;
    try {
      server = ThriftServer.builder("client-frontend", new FrontendService.Processor<>(handler))
          .bindHost(host).port(config.callbackPort()).workerThreads(2).selectorThreads(1).build().start();
    } finally {
      callbackServer = server;
      if (server == null) {
        close();
      }
    }
  }

  public Submitter submitter() {
    return submitter;
  }

  /** For status, cancel and job-list calls. */
  public ClientPool<SchedulerService.Client> controlPool() {
    return controlPool;
  }

  /** Where schedulers call back ("host:port"). */
  public String callbackAddress() {
    return callbackServer.address().toString();
  }

  @Override
  public void close() {
    watchTimer.shutdownNow();
    submitThreads.shutdownNow();
    Closeables.closeQuietly(statusPool);
    Closeables.closeQuietly(callbackServer);
    Closeables.closeQuietly(controlPool);
    Closeables.closeQuietly(submitPool);
  }
}
