package org.sparrow.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/**
 * The build's version, from a resource Maven fills in at build time (the shaded jar's manifest
 * carries no Implementation-Version, and classes run from an IDE have no manifest at all).
 */
public final class Versions implements IVersionProvider {

  static final String RESOURCE = "version.properties";

  @Override
  public String[] getVersion() {
    return new String[] {"sparrow " + version()};
  }

  /** The project version, or "development" if the resource was not filtered. */
  static String version() {
    try (InputStream in = Versions.class.getResourceAsStream(RESOURCE)) {
      if (in != null) {
        Properties p = new Properties();
        p.load(in);
        String v = p.getProperty("version", "");
        if (!v.isBlank() && !v.startsWith("${")) {
          return v.trim();
        }
      }
    } catch (IOException e) {
      // Fall through: a missing version is not worth failing a command for.
    }
    return "development";
  }
}
