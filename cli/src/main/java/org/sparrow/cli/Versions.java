package org.sparrow.cli;

import picocli.CommandLine.IVersionProvider;

/** The version from the jar manifest (or "development" when run from classes). */
public final class Versions implements IVersionProvider {
  @Override
  public String[] getVersion() {
    String v = SparrowCli.class.getPackage().getImplementationVersion();
    return new String[] {"sparrow " + (v == null ? "development" : v)};
  }
}
