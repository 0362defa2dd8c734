package org.sparrow.common.thrift;

import org.apache.thrift.TException;

/** One RPC on a borrowed client. */
@FunctionalInterface
public interface ThriftCall<C, R> {
  R call(C client) throws TException;
}
