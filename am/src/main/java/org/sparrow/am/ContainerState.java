package org.sparrow.am;

/** Where a container of ours is in its life, as the AM knows it. */
public enum ContainerState {
  /** Granted; the launch request went to its NodeManager. */
  LAUNCHING,
  /** Its NodeManager confirmed the start (or it was adopted from a previous attempt). */
  RUNNING,
  /** Its daemon was asked to drain (shrink, stop, pre-emption); released once it has. */
  DRAINING,
  /** Given back to YARN (resize down, stop, surplus); its completion is expected. */
  RELEASING
}
