package org.sparrow.am.status;

/**
 * What the AM's pages read. The AM's core implements it ({@code org.sparrow.am.StatusService}),
 * so that this package names nothing above it.
 */
public interface AmStatus {

  StatusReport report();

  /** Read on every metrics scrape, so kept apart from {@link #report()}, which joins everything. */
  int containerFailures();
}
