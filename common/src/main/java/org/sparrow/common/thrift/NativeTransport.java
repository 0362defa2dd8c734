package org.sparrow.common.thrift;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollMode;
import io.netty.channel.epoll.EpollServerSocketChannel;
import java.util.concurrent.ThreadFactory;

/**
 * Netty's native epoll transport, used where its classes and library are present. The YARN fat
 * jar leaves them out (its native library cannot follow the package relocation), so nothing here
 * may be touched before {@link #available()} said yes: the check goes by reflection, and this
 * class is the only one that names the epoll classes.
 */
final class NativeTransport {

  private NativeTransport() {}

  static boolean available() {
    try {
      Class<?> epoll = Class.forName("io.netty.channel.epoll.Epoll", true, NativeTransport.class.getClassLoader());
      return (Boolean) epoll.getMethod("isAvailable").invoke(null);
    } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
      return false;
    }
  }

  static EventLoopGroup group(int threads, ThreadFactory factory) {
    return new EpollEventLoopGroup(threads, factory);
  }

  static Class<? extends ServerChannel> serverChannel() {
    return EpollServerSocketChannel.class;
  }

  /**
   * Accepted connections in level-triggered mode. Edge-triggered (Netty's default) must read
   * until the socket says EAGAIN, so every request costs a second, empty read(2); level-triggered
   * stops after a read that did not fill its buffer, and epoll reports the socket again if more
   * arrived. Thrift clients send one small request at a time, so this halves the reads.
   */
  static void levelTriggered(ServerBootstrap bootstrap) {
    bootstrap.childOption(EpollChannelOption.EPOLL_MODE, EpollMode.LEVEL_TRIGGERED);
  }
}
