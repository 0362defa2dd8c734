package org.sparrow.common.thrift;

import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
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
 * <p>A pooled connection may be stale (the peer restarted on the same port). A transport
 * failure on a reused connection is retried once on a fresh one, so a restarted peer does not
 * lose the first message sent to it.
 */
public final class ClientPool<C> implements AutoCloseable {

  private final Function<TProtocol, C> factory;
  private final int connectTimeoutMs;
  private final int socketTimeoutMs;
  private final int maxIdlePerPeer;
  private final int maxFrameBytes;
  private final Map<HostPort, Deque<Pooled<C>>> idle = new ConcurrentHashMap<>();
  private final Map<HostPort, AtomicInteger> idleCounts = new ConcurrentHashMap<>();
  private volatile boolean closed;

  private record Pooled<C>(C client, TTransport transport) {}

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

  public <R> R call(HostPort peer, ThriftCall<C, R> rpc) throws TException {
    if (closed) {
      throw new TTransportException(TTransportException.NOT_OPEN, "client pool is closed");
    }
    Pooled<C> pooled = poll(peer);
    if (pooled != null) {
      try {
        R result = rpc.call(pooled.client);
        release(peer, pooled);
        return result;
      } catch (TTransportException e) {
        pooled.transport.close();
        // Stale pooled connection: fall through to one attempt on a fresh connection.
      } catch (TException | RuntimeException e) {
        pooled.transport.close();
        throw e;
      }
    }
    Pooled<C> fresh = connect(peer);
    try {
      R result = rpc.call(fresh.client);
      release(peer, fresh);
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

  /** Drops idle connections to a peer that left, so they are not tried again. */
  public void forget(HostPort peer) {
    Deque<Pooled<C>> q = idle.remove(peer);
    idleCounts.remove(peer);
    if (q != null) {
      q.forEach(p -> p.transport.close());
    }
  }

  @Override
  public void close() {
    closed = true;
    idle.keySet().forEach(this::forget);
  }

  private Pooled<C> poll(HostPort peer) {
    Deque<Pooled<C>> q = idle.get(peer);
    if (q == null) {
      return null;
    }
    Pooled<C> p = q.pollFirst();
    if (p != null) {
      idleCounts.get(peer).decrementAndGet();
    }
    return p;
  }

  private void release(HostPort peer, Pooled<C> p) {
    AtomicInteger count = idleCounts.computeIfAbsent(peer, k -> new AtomicInteger());
    if (closed || count.incrementAndGet() > maxIdlePerPeer) {
      count.decrementAndGet();
      p.transport.close();
      return;
    }
    idle.computeIfAbsent(peer, k -> new ConcurrentLinkedDeque<>()).offerFirst(p);
  }

  private Pooled<C> connect(HostPort peer) throws TTransportException {
    TConfiguration conf = TConfiguration.custom().setMaxFrameSize(maxFrameBytes)
        .setMaxMessageSize(maxFrameBytes).build();
    TSocket socket = new TSocket(conf, peer.host(), peer.port(), socketTimeoutMs, connectTimeoutMs);
    TTransport transport = new TFramedTransport(socket, maxFrameBytes);
    try {
      transport.open();
      socket.getSocket().setTcpNoDelay(true);
    } catch (java.net.SocketException e) {
      transport.close();
      throw new TTransportException(e);
    }
    return new Pooled<>(factory.apply(new TBinaryProtocol(transport, false, true)), transport);
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
