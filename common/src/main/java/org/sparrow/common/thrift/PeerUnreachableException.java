package org.sparrow.common.thrift;

import org.apache.thrift.transport.TTransportException;

/**
 * No connection to the peer could be opened, so nothing of the call was sent: the caller may
 * safely send the same request elsewhere. Every other transport failure may have happened after
 * the peer acted on the request.
 */
public final class PeerUnreachableException extends TTransportException {

  public PeerUnreachableException(String message, Throwable cause) {
    super(NOT_OPEN, message, cause);
  }
}
