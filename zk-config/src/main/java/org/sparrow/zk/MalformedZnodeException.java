package org.sparrow.zk;

/** A znode holds data that cannot be read as what its place in the layout says it should be. */
public final class MalformedZnodeException extends IllegalArgumentException {

  private final String path;

  public MalformedZnodeException(String path, String problem, Throwable cause) {
    super("znode " + path + " " + problem, cause);
    this.path = path;
  }

  /** The znode whose data is malformed. */
  public String path() {
    return path;
  }
}
