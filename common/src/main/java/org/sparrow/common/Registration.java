package org.sparrow.common;

/** A live announcement of one member; closing it withdraws the announcement. */
public interface Registration<T> extends AutoCloseable {

  /** Replaces what is announced (for example a node monitor's set of backend apps). */
  void update(T info);

  @Override
  void close();
}
