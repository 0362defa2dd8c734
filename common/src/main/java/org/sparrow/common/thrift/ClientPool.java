package org.sparrow.common.thrift;

import java.net.SocketTimeoutException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.apache.thrift.TConfiguration;
import org.apache.thrift.TException;
import org.apache.thrift.protocol.TBinaryProtocol;
import org.apache.thrift.protocol.TProtocol;
import org.apache.thrift.transport.TSocket;
import org.apache.thrift.transport.TTransport;
import org.apache.thrift.transport.TTransportException;
import org.apache.thrift.transport.layered.TFramedTransport;
import org.sparrow.common.HostPort;

/**
 * Reused blocking Thrift clients, per peer address. A client is used by one thread at a time:
 * {@link #call} borrows one (or connects), runs the RPC and returns it; a client that failed is
 * closed, never pooled again.
 *
 * <p>A pooled connection may be stale (the peer restarted on the same port) and then fails on
 * first use. Such a failure is retried once on a fresh connection, so a restarted peer does not
 * lose the first message sent to it. Nothing else is retried: a timeout, or any failure of a
 * freshly opened connection, may come after the peer acted on the call, and repeating it could
 * duplicate work (submit a job twice, launch a task twice). When no connection can be opened at
 * all the call fails with {@link PeerUnreachableException}, the one failure after which the
 * caller knows nothing was sent.
 */
public final class ClientPool<C> implements AutoCloseable {

  private final Function<TProtocol, C> factory;
  private final int connectTimeoutMs;
  private final int socketTimeoutMs;
  private final int maxIdlePerPeer;
  private final int maxFrameBytes;
  private final Map<HostPort, Peer<C>> peers = new ConcurrentHashMap<>();
  private volatile boolean closed;

  /** A connection remembers the peer state it was opened under, so forget() also covers it. */
  private record Pooled<C>(C client, TTransport transport, Peer<C> owner) {}

  private ClientPool(Builder<C> b) {
    this.factory = b.factory;
    this.connectTimeoutMs = b.connectTimeoutMs;
    this.socketTimeoutMs = b.socketTimeoutMs;
    this.maxIdlePerPeer = b.maxIdlePerPeer;
    this.maxFrameBytes = b.maxFrameBytes;
  }

  /** {@code factory} is the generated {@code Service.Client::new}. */
  public static <C> Builder<C> builder(Function<TProtocol, C> factory) {
    return new Builder<>(factory);
  }

  /**
   * Runs one RPC on a pooled or new connection.
   *
   * @throws PeerUnreachableException no connection could be opened (nothing was sent)
   * @throws TTransportException      the call may or may not have reached the peer
   */
  public <R> R call(HostPort peer, ThriftCall<C, R> rpc) throws TException {
    if (closed) {
      throw new TTransportException(TTransportException.NOT_OPEN, "client pool is closed");
    }
    Peer<C> state = peers.computeIfAbsent(peer, k -> new Peer<>());
    Pooled<C> reused = state.poll();
    if (reused != null) {
      try {
        R result = rpc.call(reused.client);
        release(reused);
        return result;
      } catch (TTransportException e) {
        reused.transport.close();
        if (isTimeout(e)) {
          throw e;
        }
        // Stale pooled connection: fall through to one attempt on a fresh connection.
      } catch (TException | RuntimeException e) {
        reused.transport.close();
        throw e;
      }
    }
    Pooled<C> fresh = connect(peer, state);
    try {
      R result = rpc.call(fresh.client);
      release(fresh);
      return result;
    } catch (TException | RuntimeException e) {
      fresh.transport.close();
      throw e;
    }
  }

  /** Variant for void RPCs. */
  public void run(HostPort peer, ThriftCall<C, ?> rpc) throws TException {
    call(peer, rpc);
  }

  /**
   * Drops idle connections to a peer that left, so they are not tried again. Connections to it
   * that are in use now are closed when they are returned.
   */
  public void forget(HostPort peer) {
    Peer<C> state = peers.remove(peer);
    if (state != null) {
      state.forget().forEach(p -> p.transport.close());
    }
  }

  @Override
  public void close() {
    closed = true;
    peers.keySet().forEach(this::forget);
  }

  private void release(Pooled<C> p) {
    if (closed || !p.owner.offer(p, maxIdlePerPeer)) {
      p.transport.close();
    }
  }

  private static boolean isTimeout(TTransportException e) {
    if (e.getType() == TTransportException.TIMED_OUT) {
      return true;
    }
    for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
      if (t instanceof SocketTimeoutException) {
        return true;
      }
    }
    return false;
  }

  private Pooled<C> connect(HostPort peer, Peer<C> owner) throws TTransportException {
    TConfiguration conf = TConfiguration.custom().setMaxFrameSize(maxFrameBytes)
        .setMaxMessageSize(maxFrameBytes).build();
    TSocket socket = new TSocket(conf, peer.host(), peer.port(), socketTimeoutMs, connectTimeoutMs);
    TTransport transport = new TFramedTransport(socket, maxFrameBytes);
    try {
      transport.open();
      socket.getSocket().setTcpNoDelay(true);
    } catch (TTransportException | java.net.SocketException e) {
      transport.close();
      throw new PeerUnreachableException("cannot connect to " + peer + ": " + e.getMessage(), e);
    }
    return new Pooled<>(factory.apply(new TBinaryProtocol(transport, false, true)), transport, owner);
  }

  /**
   * Idle connections of one peer and whether it was forgotten, under one lock: a connection
   * returned after forget() must not be pooled again, and the idle count must match the deque.
   */
  private static final class Peer<C> {
    private final Deque<Pooled<C>> idle = new ArrayDeque<>();
    private boolean forgotten;

    synchronized Pooled<C> poll() {
      return idle.pollFirst();
    }

    /** False when the caller must close the connection instead (peer forgotten, or full). */
    synchronized boolean offer(Pooled<C> p, int maxIdle) {
      if (forgotten || idle.size() >= maxIdle) {
        return false;
      }
      idle.offerFirst(p);
      return true;
    }

    synchronized List<Pooled<C>> forget() {
      forgotten = true;
      List<Pooled<C>> drained = new ArrayList<>(idle);
      idle.clear();
      return drained;
    }
  }

  /** Configuration of a {@link ClientPool}. */
  public static final class Builder<C> {
    private final Function<TProtocol, C> factory;
    private int connectTimeoutMs = 2_000;
    private int socketTimeoutMs = 10_000;
    private int maxIdlePerPeer = 8;
    private int maxFrameBytes = ThriftServer.DEFAULT_MAX_FRAME_BYTES;

    private Builder(Function<TProtocol, C> factory) {
      this.factory = factory;
    }

    public Builder<C> connectTimeoutMs(int ms) {
      this.connectTimeoutMs = ms;
      return this;
    }

    /** How long a call waits for the peer's answer; a call that times out is not retried. */
    public Builder<C> socketTimeoutMs(int ms) {
      this.socketTimeoutMs = ms;
      return this;
    }

    public Builder<C> maxIdlePerPeer(int n) {
      this.maxIdlePerPeer = n;
      return this;
    }

    public Builder<C> maxFrameBytes(int n) {
      this.maxFrameBytes = n;
      return this;
    }

    public ClientPool<C> build() {
      return new ClientPool<>(this);
    }
  }
}
