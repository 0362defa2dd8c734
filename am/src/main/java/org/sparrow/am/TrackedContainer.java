package org.sparrow.am;

/** A container of ours, its state, and since when (wall-clock millis) it is in that state. */
public record TrackedContainer(ContainerRef container, ContainerState state, long sinceMillis) {

  public TrackedContainer in(ContainerState next, long nowMillis) {
    return new TrackedContainer(container, next, nowMillis);
  }
}
