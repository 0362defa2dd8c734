package org.sparrow.client;

/** A job could not be submitted or did not end (rejected, no scheduler, scheduler lost ...). */
public class SparrowClientException extends RuntimeException {

  public SparrowClientException(String message) {
    super(message);
  }

  public SparrowClientException(String message, Throwable cause) {
    super(message, cause);
  }
}
