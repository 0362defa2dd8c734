package org.sparrow.client;

/** The scheduler refused the job; the message says why (empty job, unknown kind ...). */
public class JobRejectedException extends SparrowClientException {

  public JobRejectedException(String message) {
    super(message);
  }
}
